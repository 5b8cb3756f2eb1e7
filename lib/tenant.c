/* SPDX-License-Identifier: MIT */
/* The tenant's identity from CONFIGDIR/tenant.json, validated. */
#include "tenant.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "email.h"
#include "paths.h"
#include "xalloc.h"

static int color_valid(const char *c)
{
	size_t n = strlen(c);
	if (c[0] != '#' || (n != 4 && n != 7))
		return 0;
	return strspn(c + 1, "0123456789abcdefABCDEF") == n - 1;
}

static int no_control(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < ' ' && *s != '\n')
			return 0;
	return 1;
}

int tenant_url_valid(const char *u, int https_only)
{
	size_t scheme = strncmp(u, "https://", 8) == 0 ? 8
		: !https_only && strncmp(u, "http://", 7) == 0 ? 7 : 0;
	if (!scheme || u[scheme] == '\0' || u[scheme] == '/')
		return 0;
	for (const char *c = u; *c; c++)
		if ((unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f || strchr("\"<>\\^`{|}", *c))
			return 0;
	return 1;
}

static const char *field(struct tenant *t, const char *key, int *bad)
{
	return config_string(t->json, key, bad);
}

/* 1 when s has no character but spaces (an empty value is no value). */
static int blank(const char *s)
{
	return s && s[strspn(s, " \t\n")] == '\0';
}

static int validate(struct tenant *t, struct buf *err)
{
	const char *p = t->path;
	static const char *const groups[] = { "sender", "unsubscribe", "branding" };
	for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
		json_t *g = json_object_get(t->json, groups[i]);
		if (g && !json_is_object(g) && !json_is_null(g))
			return buf_printf(err, "%s: '%s' must be an object, e.g. \"%s\": {\"%s\": ...}", p,
					  groups[i], groups[i], i == 2 ? "primary" : "email"), -1;
	}
	if (t->sender_email && !email_valid(t->sender_email))
		return buf_printf(err, "%s: 'sender.email' is not a valid address", p), -1;
	if (t->reply_to && !email_valid(t->reply_to))
		return buf_printf(err, "%s: 'reply_to' is not a valid address", p), -1;
	if (t->unsubscribe_email && !email_valid(t->unsubscribe_email))
		return buf_printf(err, "%s: 'unsubscribe.email' is not a valid address", p), -1;
	if (t->unsubscribe_url && !tenant_url_valid(t->unsubscribe_url, 1))
		return buf_printf(err, "%s: 'unsubscribe.url' must be an https:// URL of printable "
				  "ASCII without spaces, quotes or angle brackets", p), -1;
	if (t->website && !tenant_url_valid(t->website, 0))
		return buf_printf(err, "%s: 'website' must be an http:// or https:// URL of printable "
				  "ASCII without spaces, quotes or angle brackets", p), -1;
	if (!color_valid(t->color_primary) || !color_valid(t->color_accent))
		return buf_printf(err, "%s: branding colours must look like '#1d4e89' or '#fa0'", p), -1;
	if (blank(t->company) || blank(t->postal_address))
		return buf_printf(err, "%s: '%s' is empty: give it or leave the key out", p,
				  blank(t->company) ? "company" : "postal_address"), -1;
	if (!no_control(t->postal_address) || !no_control(t->phone) ||
	    (t->phone && strchr(t->phone, '\n')))
		return buf_printf(err, "%s: 'postal_address' and 'phone' must be text without control "
				  "characters (the phone on one line)", p), -1;
	if (!no_control(t->company) || !no_control(t->sender_name) || strchr(t->company, '\n') ||
	    (t->sender_name && strchr(t->sender_name, '\n')))
		return buf_printf(err, "%s: 'company' and 'sender.name' must be one line", p), -1;
	return 0;
}

/* An optional boolean member; -1 when present but not true or false. */
static int flag(struct tenant *t, const char *key, int *out)
{
	json_t *v = json_object_get(t->json, key);
	if (v && !json_is_boolean(v))
		return -1;
	*out = json_is_true(v);
	return 0;
}

/* Reads t->json (set) into the fields, with the defaults, and validates. */
static int read_fields(struct tenant *t, struct buf *err)
{
	const char *path = t->path;
	int bad = 0;
	t->company = field(t, "company", &bad);
	t->sender_name = field(t, "sender.name", &bad);
	t->sender_email = field(t, "sender.email", &bad);
	t->reply_to = field(t, "reply_to", &bad);
	t->postal_address = field(t, "postal_address", &bad);
	t->phone = field(t, "phone", &bad);
	t->website = field(t, "website", &bad);
	t->unsubscribe_email = field(t, "unsubscribe.email", &bad);
	t->unsubscribe_url = field(t, "unsubscribe.url", &bad);
	t->color_primary = field(t, "branding.primary", &bad);
	t->color_accent = field(t, "branding.accent", &bad);
	if (bad) {
		buf_printf(err, "%s: every value must be a string", path);
		return -1;
	}
	if (flag(t, "share_owner_name", &t->share_owner_name) < 0) {
		buf_printf(err, "%s: 'share_owner_name' must be true or false", path);
		return -1;
	}
	if (!t->company)
		t->company = "birddog";
	if (!t->color_primary)
		t->color_primary = "#1d4e89";
	if (!t->color_accent)
		t->color_accent = "#f2a541";
	return validate(t, err);
}

int tenant_load_file(const char *path, struct tenant *t, struct buf *err)
{
	memset(t, 0, sizeof *t);
	t->path = xstrdup(path);
	struct stat sb;
	if (stat(path, &sb) < 0 && errno == ENOENT) {
		t->json = json_object();
	} else {
		t->found = 1;
		t->json = config_load(path, err);
		if (!t->json)
			return -1;
	}
	return read_fields(t, err);
}

int tenant_from_json(json_t *json, const char *path, struct tenant *t, struct buf *err)
{
	memset(t, 0, sizeof *t);
	t->path = xstrdup(path);
	t->found = 1;
	t->json = json_incref(json);
	return read_fields(t, err);
}

int tenant_load(const char *name, struct tenant *t, struct buf *err)
{
	char *dir = paths_config_dir(name);
	char *path = paths_join(dir, "tenant.json");
	int rc = tenant_load_file(path, t, err);
	free(dir);
	free(path);
	return rc;
}

void tenant_release(struct tenant *t)
{
	json_decref(t->json);
	free(t->path);
	memset(t, 0, sizeof *t);
}
