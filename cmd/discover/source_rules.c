/* SPDX-License-Identifier: MIT */
/* The html kind's keys: start pages and sitemaps, the links to follow, and
 * each field's rule, compiled once (libxml2's XPath, PCRE2). */
#include "source.h"
#include "source_impl.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>

#include "listing.h"
#include "xalloc.h"

/* libxml2 reports XPath syntax errors through its error handler: kept
 * here, for the message that names the key. */
static void keep_error(void *ctx, const xmlError *e)
{
	struct buf *b = ctx;
	if (b && e && e->message && !b->len) {
		buf_adds(b, e->message);
		while (b->len && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ' '))
			b->data[--b->len] = '\0';
	}
}

xmlXPathCompExprPtr source_xpath(const char *expr, const char *key, struct buf *err)
{
	struct buf why = BUF_INIT;
	xmlSetStructuredErrorFunc(&why, (xmlStructuredErrorFunc)keep_error);
	xmlXPathCompExprPtr c = xmlXPathCompile((const xmlChar *)expr);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!c)
		source_fail(err, "'%s': the XPath '%s' does not compile: %s", key, expr,
			    why.len ? buf_cstr(&why) : "invalid expression");
	buf_release(&why);
	return c;
}

pcre2_code *source_pattern(const char *pattern, const char *key, struct buf *err)
{
	int code;
	PCRE2_SIZE at;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code,
				       &at, NULL);
	if (!re) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(code, msg, sizeof msg);
		source_fail(err, "'%s': the pattern '%s' does not compile at offset %zu: %s", key,
			    pattern, (size_t)at, (char *)msg);
		return NULL;
	}
	/* Not JIT-compiled: the patterns are short and run a few times a page,
	 * and the JIT's wide reads past a subject's end upset valgrind. */
	return re;
}

/* One field's rule: an XPath string, or an object with one of xpath, url,
 * value, and an optional pattern. */
static int rule(struct field_rule *r, const char *name, json_t *v, struct buf *err)
{
	static const char *const keys[] = { "xpath", "url", "value", "pattern", NULL };
	char where[80];
	snprintf(where, sizeof where, "fields.%s", name);
	r->field = strcmp(name, "photos") == 0 ? -1 : listing_field_lookup(name);
	if (r->field < 0 && strcmp(name, "photos") != 0)
		return source_fail(err, "'fields': unknown field '%s' (the fields are listed in "
				   "birddog-source(5))", name);
	r->name = r->field < 0 ? "photos" : listing_field_name(r->field);
	const char *xpath = json_string_value(v), *url = NULL, *value = NULL, *pattern = NULL;
	if (json_is_object(v)) {
		if (source_known_keys(v, where, keys, err) < 0)
			return -1;
		xpath = json_string_value(json_object_get(v, "xpath"));
		url = json_string_value(json_object_get(v, "url"));
		value = json_string_value(json_object_get(v, "value"));
		pattern = json_string_value(json_object_get(v, "pattern"));
	}
	if (!!xpath + !!url + !!value != 1)
		return source_fail(err, "'%s' must be an XPath, or an object with one of \"xpath\", "
				   "\"url\" or \"value\"", where);
	if (pattern && !xpath)
		return source_fail(err, "'%s': a \"pattern\" goes with an \"xpath\" (a \"url\" rule "
				   "is a pattern itself)", where);
	if (r->field < 0 && !xpath)
		return source_fail(err, "'%s': photos come from an \"xpath\" (every node it finds)",
				   where);
	r->kind = xpath ? RULE_XPATH : url ? RULE_URL : RULE_VALUE;
	r->text = xstrdup(xpath ? xpath : url ? url : value);
	if (xpath && !(r->xpath = source_xpath(xpath, where, err)))
		return -1;
	if ((url || pattern) && !(r->pattern = source_pattern(url ? url : pattern, where, err)))
		return -1;
	return 0;
}

static int fields(struct source *s, json_t *v, struct buf *err)
{
	const char *name;
	json_t *r;
	if (!v)
		return 0;
	if (!json_is_object(v))
		return source_fail(err, "'fields' must be an object of field rules");
	s->rules = xcalloc(json_object_size(v) + 1, sizeof *s->rules);
	json_object_foreach(v, name, r)
		if (rule(&s->rules[s->nrules++], name, r, err) < 0)
			return -1;
	return 0;
}

static int embedded(struct source *s, json_t *v, struct buf *err)
{
	static const char *const keys[] = { "xpath", "path", "fields", NULL };
	size_t i;
	json_t *e;
	if (!v)
		return 0;
	if (!json_is_array(v))
		return source_fail(err, "'embedded' must be a list of {\"xpath\", \"path\", \"fields\"}");
	s->embedded = xcalloc(json_array_size(v) + 1, sizeof *s->embedded);
	json_array_foreach(v, i, e) {
		struct embedded_rule *r = &s->embedded[s->nembedded++];
		char where[40];
		snprintf(where, sizeof where, "embedded.%zu", i);
		const char *x = json_string_value(json_object_get(e, "xpath"));
		const char *path = json_string_value(json_object_get(e, "path"));
		if (!json_is_object(e) || source_known_keys(e, where, keys, err) < 0)
			return json_is_object(e) ? -1 : source_fail(err, "'%s' must be an object", where);
		if (!x || !json_is_object(json_object_get(e, "fields")))
			return source_fail(err, "'%s' needs \"xpath\" (the element holding the JSON) "
					   "and \"fields\"", where);
		r->xpath_text = xstrdup(x);
		r->path = xstrdup(path ? path : "");
		if (!(r->xpath = source_xpath(x, where, err)))
			return -1;
		snprintf(where, sizeof where, "embedded.%zu.fields", i);
		if (fieldmap_load(&r->map, json_object_get(e, "fields"), where, err) < 0)
			return -1;
	}
	return 0;
}

static int follow(struct source *s, json_t *v, struct buf *err)
{
	static const char *const keys[] = { "next", "detail", NULL };
	if (!v)
		return 0;
	if (!json_is_object(v) || source_known_keys(v, "follow", keys, err) < 0)
		return json_is_object(v) ? -1
			: source_fail(err, "'follow' must be {\"next\": XPATH, \"detail\": XPATH}");
	const char *next = json_string_value(json_object_get(v, "next"));
	const char *detail = json_string_value(json_object_get(v, "detail"));
	if ((json_object_get(v, "next") && !next) || (json_object_get(v, "detail") && !detail))
		return source_fail(err, "'follow': \"next\" and \"detail\" must be XPath strings");
	if (next && (!(s->follow_next = source_xpath(next, "follow.next", err)) ||
		     !(s->follow_next_text = xstrdup(next))))
		return -1;
	if (detail && (!(s->follow_detail = source_xpath(detail, "follow.detail", err)) ||
		       !(s->follow_detail_text = xstrdup(detail))))
		return -1;
	return 0;
}

static int flag(json_t *root, const char *key, int *out, struct buf *err)
{
	json_t *v = json_object_get(root, key);
	if (v && !json_is_boolean(v))
		return source_fail(err, "'%s' must be true or false", key);
	if (v)
		*out = json_is_true(v);
	return 0;
}

int source_load_html(struct source *s, json_t *root, struct buf *err)
{
	json_t *sm = json_object_get(root, "sitemap");
	const char *pattern = json_string_value(json_object_get(root, "detail_pattern"));
	if (source_urls(root, "start", &s->start, &s->nstart, err) < 0)
		return -1;
	if (json_is_true(sm)) {
		s->sitemap_robots = 1;
	} else if (sm) {
		char **one = NULL;
		size_t n = 0;
		if (!json_is_string(sm) || source_urls(root, "sitemap", &one, &n, err) < 0)
			return json_is_string(sm) ? -1
				: source_fail(err, "'sitemap' must be a URL, or true for robots.txt's");
		s->sitemap = one[0];
		free(one);
	}
	if (!s->nstart && !s->sitemap && !s->sitemap_robots)
		return source_fail(err, "an html source needs \"start\" pages or a \"sitemap\"");
	if (s->sitemap_robots && !s->nstart)
		return source_fail(err, "\"sitemap\": true reads the Sitemap: lines of the robots.txt "
				   "of the \"start\" pages' hosts: give \"start\" too");
	if (json_object_get(root, "detail_pattern") &&
	    (!pattern || !(s->detail_pattern = source_pattern(pattern, "detail_pattern", err))))
		return pattern ? -1 : source_fail(err, "'detail_pattern' must be a pattern string");
	if ((s->sitemap || s->sitemap_robots) && !s->detail_pattern)
		return source_fail(err, "a \"sitemap\" needs a \"detail_pattern\": which of its URLs "
				   "are listings");
	if (follow(s, json_object_get(root, "follow"), err) < 0)
		return -1;
	if (s->nstart && !s->follow_detail && !s->detail_pattern)
		return source_fail(err, "which links of the start pages lead to listings? give "
				   "\"follow\": {\"detail\": XPATH} or a \"detail_pattern\"");
	return fields(s, json_object_get(root, "fields"), err) < 0 ||
	       embedded(s, json_object_get(root, "embedded"), err) < 0 ||
	       flag(root, "structured", &s->structured, err) < 0 ||
	       flag(root, "render", &s->render, err) < 0 ? -1 : 0;
}

void source_free_rules(struct source *s)
{
	for (size_t i = 0; i < s->nrules; i++) {
		free(s->rules[i].text);
		xmlXPathFreeCompExpr(s->rules[i].xpath);
		pcre2_code_free(s->rules[i].pattern);
	}
	free(s->rules);
	for (size_t i = 0; i < s->nembedded; i++) {
		free(s->embedded[i].xpath_text);
		free(s->embedded[i].path);
		xmlXPathFreeCompExpr(s->embedded[i].xpath);
		fieldmap_release(&s->embedded[i].map);
	}
	free(s->embedded);
	free(s->follow_next_text);
	free(s->follow_detail_text);
	xmlXPathFreeCompExpr(s->follow_next);
	xmlXPathFreeCompExpr(s->follow_detail);
	pcre2_code_free(s->detail_pattern);
}
