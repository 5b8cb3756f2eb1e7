/* SPDX-License-Identifier: MIT */
/* HTML pages through libxml2 (see page.h). */
#include "page.h"

#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "listing.h"
#include "source.h"
#include "url.h"
#include "xalloc.h"

void page_charset(const char *content_type, char *out, size_t n)
{
	out[0] = '\0';
	const char *c = content_type;
	while (c && (c = strchr(c, ';'))) {
		c++;
		while (*c == ' ' || *c == '\t')
			c++;
		if (strncasecmp(c, "charset=", 8) != 0)
			continue;
		c += 8;
		if (*c == '"')
			c++;
		size_t len = strcspn(c, "\"; \t");
		if (len >= n)
			return;
		memcpy(out, c, len);
		out[len] = '\0';
		return;
	}
}

/* An attribute's value or a node's text, as libxml2 gives it (UTF-8). */
static xmlChar *node_text(xmlNodePtr n)
{
	if (n->type == XML_ATTRIBUTE_NODE && n->children)
		return xmlNodeGetContent(n->children);
	return xmlNodeGetContent(n);
}

size_t page_each(struct page *p, xmlXPathCompExprPtr comp, size_t max,
		 void (*fn)(void *ctx, const char *text, size_t len), void *ctx)
{
	xmlXPathObjectPtr r = xmlXPathCompiledEval(comp, p->xpath);
	size_t n = 0;
	char num[64];
	if (!r)
		return 0;
	switch (r->type) {
	case XPATH_NODESET:
		for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr && n < max; i++) {
			xmlChar *t = node_text(r->nodesetval->nodeTab[i]);
			if (t)
				fn(ctx, (const char *)t, strlen((const char *)t)), n++;
			xmlFree(t);
		}
		break;
	case XPATH_STRING:
		if (r->stringval)
			fn(ctx, (const char *)r->stringval, strlen((const char *)r->stringval)), n++;
		break;
	case XPATH_NUMBER:
		fn(ctx, num, (size_t)snprintf(num, sizeof num, "%.15g", r->floatval)), n++;
		break;
	case XPATH_BOOLEAN:
		fn(ctx, r->boolval ? "true" : "false", r->boolval ? 4 : 5), n++;
		break;
	default:
		break;
	}
	xmlXPathFreeObject(r);
	return n;
}

static int named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

/* The href of the <base> in the document's <head> (HTML has it nowhere
 * else), without an XPath pass over the whole page; NULL when none. */
static xmlChar *base_href(xmlNodePtr html)
{
	for (xmlNodePtr head = html ? html->children : NULL; head; head = head->next)
		if (named(head, "head"))
			for (xmlNodePtr n = head->children; n; n = n->next)
				if (named(n, "base") && xmlHasProp(n, (const xmlChar *)"href"))
					return xmlGetProp(n, (const xmlChar *)"href");
	return NULL;
}

static htmlDocPtr parse(const char *body, size_t len, const char *url, const char *charset)
{
	return htmlReadMemory(body, (int)len, url, charset, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
			      HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT);
}

int page_parse(struct page *p, const char *url, const char *content_type, const char *body,
	       size_t len, struct buf *err)
{
	char charset[64];
	memset(p, 0, sizeof *p);
	p->url = url;
	page_charset(content_type, charset, sizeof charset);
	p->doc = parse(body, len, url, charset[0] ? charset : NULL);
	if (!p->doc && charset[0])      /* a charset libxml2 does not know */
		p->doc = parse(body, len, url, NULL);
	if (!p->doc || !xmlDocGetRootElement(p->doc)) {
		buf_adds(err, "not HTML: the page has no elements");
		page_release(p);
		return -1;
	}
	p->xpath = xmlXPathNewContext(p->doc);
	xmlChar *href = base_href(xmlDocGetRootElement(p->doc));
	p->base = href ? url_resolve(url, (const char *)href) : NULL;
	xmlFree(href);
	if (!p->base)
		p->base = xstrdup(url);
	return 0;
}

void page_release(struct page *p)
{
	if (p->xpath)
		xmlXPathFreeContext(p->xpath);
	if (p->doc)
		xmlFreeDoc(p->doc);
	free(p->base);
	memset(p, 0, sizeof *p);
}

struct link_ctx {
	struct page *p;
	void (*fn)(void *ctx, const char *url);
	void *ctx;
};

static void one_link(void *ctx, const char *text, size_t len)
{
	struct link_ctx *l = ctx;
	char *ref = xstrndup(text, len);
	char *abs = url_resolve(l->p->base, ref);
	if (abs)
		l->fn(l->ctx, abs);
	free(abs);
	free(ref);
}

void page_links(struct page *p, xmlXPathCompExprPtr comp, int next,
		void (*fn)(void *ctx, const char *url), void *ctx)
{
	struct link_ctx l = { p, fn, ctx };
	xmlXPathCompExprPtr own = NULL;
	if (!comp)
		comp = own = xmlXPathCompile((const xmlChar *)(next
			? "//a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
			  " | //link[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
			: "//a/@href"));
	if (comp)
		page_each(p, comp, (size_t)-1, one_link, &l);
	xmlXPathFreeCompExpr(own);
}

/* The part of text a pattern picks: its group "v", else its group 1, else
 * the whole match; 0 when it does not match. */
static int pick(pcre2_code *re, const char *text, size_t len, const char **out, size_t *olen)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int rc = pcre2_match(re, (PCRE2_SPTR)text, len, 0, 0, md, NULL);
	if (rc <= 0) {
		pcre2_match_data_free(md);
		return 0;
	}
	int group = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "v");
	uint32_t groups = 0;
	pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (group <= 0)
		group = groups ? 1 : 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	int ok = group < rc && ov[2 * group] != PCRE2_UNSET;
	if (ok) {
		*out = text + ov[2 * group];
		*olen = ov[2 * group + 1] - ov[2 * group];
	}
	pcre2_match_data_free(md);
	return ok;
}

struct field_ctx {
	struct page *p;
	const struct field_rule *r;
	struct extracted *x;
};

static void field_value(void *ctx, const char *text, size_t len)
{
	struct field_ctx *c = ctx;
	const struct field_rule *r = c->r;
	const char *how = r->pattern ? "pattern" : "xpath";
	if (r->pattern && !pick(r->pattern, text, len, &text, &len))
		return;
	if (r->field < 0 || r->field == LF_URL) {
		char *ref = xstrndup(text, len);
		char *abs = url_resolve(c->p->base, ref);
		if (r->field < 0)
			extracted_photo(c->x, abs, how);
		else if (abs)
			extracted_put(c->x, LF_URL, abs, strlen(abs), how);
		free(abs);
		free(ref);
		return;
	}
	extracted_put(c->x, r->field, text, len, how);
}

void page_fields(struct page *p, const struct source *s, struct extracted *x)
{
	for (size_t i = 0; i < s->nrules; i++) {
		const struct field_rule *r = &s->rules[i];
		struct field_ctx c = { p, r, x };
		const char *text;
		size_t len;
		if (r->kind == RULE_VALUE) {
			extracted_put(x, r->field, r->text, strlen(r->text), "value");
		} else if (r->kind == RULE_URL) {
			if (pick(r->pattern, p->url, strlen(p->url), &text, &len))
				extracted_put(x, r->field, text, len, "url");
		} else {
			/* Every result for photos; for a field, the first with a
			 * value that the pattern matches (extracted_put keeps it). */
			page_each(p, r->xpath, r->field < 0 ? EXTRACT_PHOTOS_MAX : 64, field_value, &c);
		}
	}
}
