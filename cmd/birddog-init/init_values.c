/* SPDX-License-Identifier: MIT */
/* The values of the tenant.json birddog-init writes and their rules (see
 * init_values.h); the example domains are those of RFC 2606 and RFC 6761. */
#include "init_values.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "email.h"
#include "paths.h"
#include "xalloc.h"

const struct init_field_info init_fields[INIT_NFIELDS] = {
	[INIT_COMPANY] = { "company", "--company", "Company name", 0, 0 },
	[INIT_SENDER_NAME] = { "sender.name", "--sender-name", "Sender's name", 0, 0 },
	[INIT_SENDER_EMAIL] = { "sender.email", "--sender-email", "Sender's email address", 1, 1 },
	[INIT_REPLY_TO] = { "reply_to", "--reply-to", "Reply-To address", 0, 1 },
	[INIT_POSTAL_ADDRESS] = { "postal_address", "--postal-address",
				  "Postal address, on one line, for CAN-SPAM", 1, 0 },
	[INIT_PHONE] = { "phone", "--phone", "Phone", 0, 0 },
	[INIT_WEBSITE] = { "website", "--website", "Website", 0, 0 },
	[INIT_UNSUBSCRIBE_EMAIL] = { "unsubscribe.email", "--unsubscribe-email",
				     "Address that takes unsubscribe requests", 0, 1 },
	[INIT_UNSUBSCRIBE_URL] = { "unsubscribe.url", "--unsubscribe-url",
				   "One-click unsubscribe page, https://...", 0, 0 },
	[INIT_COLOR_PRIMARY] = { "branding.primary", "--color-primary",
				 "Primary brand colour, #rrggbb", 0, 0 },
	[INIT_COLOR_ACCENT] = { "branding.accent", "--color-accent",
				"Accent brand colour, #rrggbb", 0, 0 },
};

void init_values_init(struct init_values *v)
{
	memset(v, 0, sizeof *v);
	v->share_owner_name = -1;
}

void init_values_release(struct init_values *v)
{
	for (int i = 0; i < INIT_NFIELDS; i++)
		free(v->owned[i]);
	if (v->example.path)
		tenant_release(&v->example);
	memset(v, 0, sizeof *v);
}

void init_values_set(struct init_values *v, enum init_field f, char *answer)
{
	free(v->owned[f]);
	v->owned[f] = answer;
	v->value[f] = answer;
}

void init_values_from_tenant(struct init_values *v, const struct tenant *t)
{
	for (int i = 0; i < INIT_NFIELDS; i++)
		v->value[i] = config_string(t->json, init_fields[i].key, NULL);
	v->share_owner_name = t->share_owner_name;
}

void init_values_load_example(struct init_values *v)
{
	struct buf err = BUF_INIT;
	char *share = paths_share_dir();
	char *path = share ? paths_join(share, "tenant.json") : NULL;
	if (path && tenant_load_file(path, &v->example, &err) < 0)
		v->example.found = 0;   /* a broken example is no identity to compare with */
	free(share);
	free(path);
	buf_release(&err);
}

static int present(const char *s)
{
	return s && *s;
}

/* Equal but for case, spaces and punctuation: "123 Example St." is the
 * example's "123 example st" too. */
static int same_text(const char *a, const char *b)
{
	for (;;) {
		while (*a && !isalnum((unsigned char)*a))
			a++;
		while (*b && !isalnum((unsigned char)*b))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a++) != tolower((unsigned char)*b++))
			return 0;
	}
}

/* 1 when value is the installed example tenant's own value of field f. */
static int example_value(const struct init_values *v, enum init_field f, const char *value)
{
	const struct tenant *ex = &v->example;
	if (!ex->found)
		return 0;
	if (f == INIT_SENDER_EMAIL)
		return ex->sender_email && strcasecmp(ex->sender_email, value) == 0;
	if (f == INIT_POSTAL_ADDRESS)
		return ex->postal_address && same_text(ex->postal_address, value);
	if (f == INIT_COMPANY)
		return config_string(ex->json, "company", NULL) && same_text(ex->company, value);
	return 0;
}

int init_values_check_field(const struct init_values *v, enum init_field f, struct buf *err)
{
	const struct init_field_info *fi = &init_fields[f];
	const char *s = v->value[f];
	if (!present(s) && fi->required)
		return buf_printf(err, "'%s' is required", fi->key), -1;
	if (!present(s))
		return 0;
	if (example_value(v, f, s))
		return buf_printf(err, "'%s' '%s' is the example tenant's (%s): give your own",
				  fi->key, s, v->example.path), -1;
	if (fi->is_email && email_is_example(s) && !v->allow_example_domain)
		return buf_printf(err, "'%s' '%s' is in a domain reserved for examples, where mail "
				  "goes nowhere: give your own address (or, for a test or a demo, "
				  "--allow-example-domain)", fi->key, s), -1;
	if ((f == INIT_UNSUBSCRIBE_URL || f == INIT_WEBSITE) &&
	    !tenant_url_valid(s, f == INIT_UNSUBSCRIBE_URL))
		return buf_printf(err, "'%s' must be an %s URL of printable ASCII without "
				  "spaces, quotes or angle brackets", fi->key,
				  f == INIT_WEBSITE ? "http:// or https://" : "https://"), -1;
	return 0;
}

int init_values_check(const struct init_values *v, struct buf *err)
{
	for (int i = 0; i < INIT_NFIELDS; i++)
		if (init_values_check_field(v, (enum init_field)i, err) < 0)
			return i;
	return -1;
}

/* Sets the member at a dotted key, making the objects on the way. Steals value. */
static void set_dotted(json_t *obj, const char *dotted, json_t *value)
{
	const char *dot;
	while ((dot = strchr(dotted, '.'))) {
		char *part = xstrndup(dotted, (size_t)(dot - dotted));
		json_t *sub = json_object_get(obj, part);
		if (!json_is_object(sub)) {
			sub = json_object();
			json_object_set_new(obj, part, sub);
		}
		free(part);
		obj = sub;
		dotted = dot + 1;
	}
	json_object_set_new(obj, dotted, value);
}

/* The colour of field f: the value given, else the programs' default, taken
 * from tenant.c (a tenant without a file has the defaults), not a copy. */
static const char *color(const struct init_values *v, enum init_field f, const struct tenant *d)
{
	if (present(v->value[f]))
		return v->value[f];
	return f == INIT_COLOR_PRIMARY ? d->color_primary : d->color_accent;
}

/* Removes the member at a dotted key, if there. */
static void del_dotted(json_t *obj, const char *dotted)
{
	const char *dot;
	while (obj && (dot = strchr(dotted, '.'))) {
		char *part = xstrndup(dotted, (size_t)(dot - dotted));
		obj = json_object_get(obj, part);
		free(part);
		dotted = dot + 1;
	}
	if (json_is_object(obj))
		json_object_del(obj, dotted);
}

json_t *init_values_json(const struct init_values *v, json_t *base, struct buf *err)
{
	struct tenant defaults;
	tenant_load_file("", &defaults, err);
	json_t *obj = json_is_object(base) ? json_deep_copy(base) : json_object();
	for (int i = 0; i < INIT_NFIELDS; i++) {
		int is_color = i == INIT_COLOR_PRIMARY || i == INIT_COLOR_ACCENT;
		const char *s = is_color ? color(v, (enum init_field)i, &defaults) : v->value[i];
		json_t *js = present(s) ? json_string(s) : NULL;
		if (present(s) && !js) {
			buf_printf(err, "'%s' is not valid UTF-8", init_fields[i].key);
			json_decref(obj);
			obj = NULL;
			break;
		}
		if (js)
			set_dotted(obj, init_fields[i].key, js);
		else
			del_dotted(obj, init_fields[i].key);
	}
	if (obj)
		json_object_set_new(obj, "share_owner_name", json_boolean(v->share_owner_name > 0));
	tenant_release(&defaults);
	return obj;
}

int init_values_validate(json_t *draft, const char *path, struct buf *err)
{
	struct tenant t;
	struct buf why = BUF_INIT;
	int rc = tenant_from_json(draft, path ? path : "", &t, &why);
	const char *msg = buf_cstr(&why);
	if (rc < 0)
		buf_adds(err, path ? msg : msg + strspn(msg, ": "));
	tenant_release(&t);
	buf_release(&why);
	return rc;
}
