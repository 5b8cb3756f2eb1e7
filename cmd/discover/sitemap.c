/* SPDX-License-Identifier: MIT */
/* Sitemaps through libxml2's XML reader (see sitemap.h). */
#include "sitemap.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

static int named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The trimmed text of n's child element name, or NULL (xmlFree it). */
static xmlChar *child_text(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (named(c, name)) {
			xmlChar *t = xmlNodeGetContent(c);
			if (!t)
				return NULL;
			char *s = (char *)t, *e = s + strlen(s);
			while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
				s++;
			while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t' || e[-1] == '\r'))
				e--;
			memmove(t, s, (size_t)(e - s));
			t[e - s] = '\0';
			return t;
		}
	return NULL;
}

int sitemap_parse(const char *body, size_t len, int *index,
		  void (*fn)(void *ctx, const char *loc, const char *lastmod, int index), void *ctx,
		  struct buf *err)
{
	xmlDocPtr doc = xmlReadMemory(body, (int)len, "sitemap.xml", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				      XML_PARSE_NOBLANKS);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root || (!named(root, "urlset") && !named(root, "sitemapindex"))) {
		buf_adds(err, root ? "not a sitemap: the root element is not <urlset> or <sitemapindex>"
				   : "not a sitemap: not well-formed XML");
		xmlFreeDoc(doc);
		return -1;
	}
	*index = named(root, "sitemapindex");
	const char *item = *index ? "sitemap" : "url";
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (!named(n, item))
			continue;
		xmlChar *loc = child_text(n, "loc");
		xmlChar *lastmod = child_text(n, "lastmod");
		if (loc && *loc)
			fn(ctx, (const char *)loc, lastmod && *lastmod ? (const char *)lastmod : NULL,
			   *index);
		xmlFree(loc);
		xmlFree(lastmod);
	}
	xmlFreeDoc(doc);
	return 0;
}
