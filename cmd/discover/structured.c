/* SPDX-License-Identifier: MIT */
/* schema.org JSON-LD and embedded JSON payloads (see structured.h). */
#include "structured.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract.h"
#include "fieldmap.h"
#include "listing.h"
#include "page.h"
#include "source.h"
#include "url.h"
#include "xalloc.h"

#define NODES_MAX 256

/* The top-level things of a page's JSON-LD, with their @id. */
struct graph {
	json_t *nodes[NODES_MAX];
	size_t n;
	json_t *blocks;         /* the parsed blocks, kept alive */
};

static void add_node(struct graph *g, json_t *v)
{
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
			add_node(g, e);
	} else if (json_is_object(v)) {
		if (g->n < NODES_MAX)
			g->nodes[g->n++] = v;
		add_node(g, json_object_get(v, "@graph"));
	}
}

/* A {"@id": ...} reference made the thing it names (when on the page). */
static json_t *deref(const struct graph *g, json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	const char *id = json_string_value(json_object_get(v, "@id"));
	if (!id || json_object_size(v) > 1)
		return v;
	for (size_t i = 0; i < g->n; i++)
		if (g->nodes[i] != v && json_is_string(json_object_get(g->nodes[i], "@id")) &&
		    strcmp(json_string_value(json_object_get(g->nodes[i], "@id")), id) == 0)
			return g->nodes[i];
	return v;
}

/* Whether v's @type (a string or a list) is one of names. */
static const char *has_type(json_t *v, const char *const *names)
{
	json_t *t = json_object_get(v, "@type");
	size_t n = json_is_array(t) ? json_array_size(t) : 1;
	for (size_t i = 0; i < n; i++) {
		const char *s = json_string_value(json_is_array(t) ? json_array_get(t, i) : t);
		if (s && strncmp(s, "schema:", 7) == 0)
			s += 7;
		for (size_t k = 0; s && names[k]; k++)
			if (strcmp(s, names[k]) == 0)
				return names[k];
	}
	return NULL;
}

static const char *const residences[] = { "SingleFamilyResidence", "House", "Apartment",
					  "Residence", "Accommodation", "Suite", "Room",
					  "ApartmentComplex", "GatedResidenceCommunity", NULL };
static const char *const listings[] = { "RealEstateListing", NULL };
static const char *const products[] = { "Product", "IndividualProduct", NULL };
static const char *const offers[] = { "Offer", "AggregateOffer", NULL };

/* The listing's three parts: the residence, what wraps it (a listing or a
 * product) and its offer; any may be NULL. */
struct thing {
	json_t *home, *wrap, *offer;
};

static json_t *first_offer(const struct graph *g, json_t *v)
{
	v = json_is_array(v) ? json_array_get(v, 0) : v;
	return json_is_object(v) ? deref(g, v) : NULL;
}

/* Finds the listing: the first residence, a RealEstateListing's
 * mainEntity or about, a Product's or an Offer's itemOffered. */
static int find(const struct graph *g, struct thing *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < g->n; i++) {
		json_t *v = g->nodes[i];
		if (has_type(v, residences)) {
			t->home = v;
		} else if (has_type(v, listings)) {
			t->wrap = v;
			json_t *e = json_object_get(v, "mainEntity");
			t->home = deref(g, e ? e : json_object_get(v, "about"));
		} else if (has_type(v, products)) {
			t->wrap = v;
			json_t *o = first_offer(g, json_object_get(v, "offers"));
			t->offer = o;
			t->home = o ? deref(g, json_object_get(o, "itemOffered")) : NULL;
		} else if (has_type(v, offers) && json_object_get(v, "itemOffered")) {
			t->offer = v;
			t->home = deref(g, json_object_get(v, "itemOffered"));
		} else {
			continue;
		}
		if (!json_is_object(t->home) || !has_type(t->home, residences))
			t->home = has_type(v, residences) ? v : NULL;
		break;
	}
	if (!t->home && !t->wrap && !t->offer)
		return 0;
	if (!t->offer)
		t->offer = first_offer(g, json_object_get(t->home, "offers"));
	if (!t->offer)
		t->offer = first_offer(g, json_object_get(t->wrap, "offers"));
	for (size_t i = 0; !t->offer && t->home && i < g->n; i++)
		if (has_type(g->nodes[i], offers) &&
		    deref(g, json_object_get(g->nodes[i], "itemOffered")) == t->home)
			t->offer = g->nodes[i];
	return 1;
}

/* A member of the first of home, wrap that has it. */
static json_t *either(const struct thing *t, const char *key)
{
	json_t *v = json_object_get(t->home, key);
	return v ? v : json_object_get(t->wrap, key);
}

static void put_value(struct extracted *x, int f, json_t *v, const char *unit)
{
	char text[96];
	if (json_is_object(v))              /* a QuantitativeValue, a PropertyValue */
		v = json_object_get(v, "value");
	if (json_is_string(v))
		snprintf(text, sizeof text, "%.60s%s%s", json_string_value(v), unit ? " " : "",
			 unit ? unit : "");
	else if (json_is_number(v))
		snprintf(text, sizeof text, "%.15g%s%s", json_number_value(v), unit ? " " : "",
			 unit ? unit : "");
	else
		return;
	if (json_is_string(v) && !unit)
		extracted_put(x, f, json_string_value(v), json_string_length(v), "jsonld");
	else
		extracted_put(x, f, text, strlen(text), "jsonld");
}

/* floorSize and lotSize: a QuantitativeValue in square feet (FTK, SQF),
 * square metres (MTK) or acres (ACR), or a bare number of square feet. */
static void put_area(struct extracted *x, int f, json_t *v)
{
	static const struct { const char *code, *unit; } codes[] = {
		{ "FTK", "sqft" }, { "SQF", "sqft" }, { "FOT", "sqft" },   /* UN/CEFACT */
		{ "MTK", "sqm" }, { "ACR", "acres" },
	};
	const char *code = json_string_value(json_object_get(v, "unitCode"));
	const char *text = json_string_value(json_object_get(v, "unitText"));
	const char *unit = NULL;
	for (size_t i = 0; code && i < sizeof codes / sizeof *codes; i++)
		if (strcmp(code, codes[i].code) == 0)
			unit = codes[i].unit;
	if (code && !unit)
		return;         /* hectares, or a unit not known here: no guess */
	put_value(x, f, v, unit ? unit : text);
}

static void put_address(struct extracted *x, json_t *a)
{
	static const struct { const char *key; int field; } parts[] = {
		{ "streetAddress", LF_LINE }, { "addressLocality", LF_CITY },
		{ "addressRegion", LF_STATE }, { "postalCode", LF_ZIP },
	};
	if (json_is_string(a)) {
		extracted_put(x, LF_LINE, json_string_value(a), json_string_length(a), "jsonld");
		return;
	}
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		put_value(x, parts[i].field, json_object_get(a, parts[i].key), NULL);
}

static void put_photos(struct extracted *x, json_t *img, const char *base)
{
	size_t n = json_is_array(img) ? json_array_size(img) : 1;
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_is_array(img) ? json_array_get(img, i) : img;
		const char *u = json_string_value(v);
		if (!u)
			u = json_string_value(json_object_get(v, "contentUrl"));
		if (!u)
			u = json_string_value(json_object_get(v, "url"));
		char *abs = u ? url_resolve(base, u) : NULL;
		extracted_photo(x, abs, "jsonld");
		free(abs);
	}
}

static void put_thing(struct extracted *x, const struct graph *g, const struct thing *t,
		      const char *base)
{
	json_t *id = either(t, "identifier");
	put_value(x, LF_SOURCE_ID, id ? id : json_object_get(t->wrap, "sku"), NULL);
	put_value(x, LF_SOURCE_ID, json_object_get(t->wrap, "productID"), NULL);
	const char *u = json_string_value(either(t, "url"));
	char *abs = u ? url_resolve(base, u) : NULL;
	if (abs)
		extracted_put(x, LF_URL, abs, strlen(abs), "jsonld");
	free(abs);
	put_address(x, deref(g, either(t, "address")));
	json_t *geo = deref(g, either(t, "geo"));
	put_value(x, LF_LAT, json_object_get(geo, "latitude"), NULL);
	put_value(x, LF_LON, json_object_get(geo, "longitude"), NULL);
	json_t *price = json_object_get(t->offer, "price");
	if (!price)
		price = json_object_get(json_object_get(t->offer, "priceSpecification"), "price");
	put_value(x, LF_PRICE, price, NULL);
	json_t *beds = json_object_get(t->home, "numberOfBedrooms");
	put_value(x, LF_BEDS, beds ? beds : json_object_get(t->home, "numberOfRooms"), NULL);
	put_value(x, LF_BATHS, json_object_get(t->home, "numberOfBathroomsTotal"), NULL);
	put_area(x, LF_SQFT, json_object_get(t->home, "floorSize"));
	put_area(x, LF_LOT_SQFT, json_object_get(t->home, "lotSize"));
	put_value(x, LF_YEAR_BUILT, json_object_get(t->home, "yearBuilt"), NULL);
	const char *type = has_type(t->home, residences);
	if (type)
		extracted_put(x, LF_TYPE, type, strlen(type), "jsonld");
	put_value(x, LF_DESCRIPTION, either(t, "description"), NULL);
	put_value(x, LF_LIST_DATE, json_object_get(t->wrap, "datePosted"), NULL);
	put_photos(x, either(t, "image"), base);
}

/* The script's text as JSON: HTML comment and CDATA wrappers some sites
 * keep are dropped first. */
static json_t *block_json(const char *text, size_t len, json_error_t *e)
{
	static const char *const wrappers[] = { "<!--", "//<![CDATA[", "<![CDATA[" };
	while (len && strchr(" \t\r\n", *text))
		text++, len--;
	for (size_t i = 0; i < sizeof wrappers / sizeof *wrappers; i++) {
		size_t n = strlen(wrappers[i]);
		if (len >= n && memcmp(text, wrappers[i], n) == 0) {
			text += n, len -= n;
			const char *end = NULL;
			for (const char *c = text; c + 3 <= text + len; c++)
				if (memcmp(c, "-->", 3) == 0 || memcmp(c, "]]>", 3) == 0)
					end = c;
			if (end)
				len = (size_t)(end - text);
		}
	}
	return json_loadb(text, len, 0, e);
}

struct blocks_ctx {
	struct graph *g;
	struct buf *warn;
	int bad;
};

static void one_block(void *ctx, const char *text, size_t len)
{
	struct blocks_ctx *c = ctx;
	json_error_t e;
	json_t *v = block_json(text, len, &e);
	if (!v) {
		buf_printf(c->warn, "%sinvalid JSON-LD (line %d of its block: %s)",
			   c->warn->len ? "; " : "", e.line, e.text);
		c->bad++;
		return;
	}
	json_array_append_new(c->g->blocks, v);
	add_node(c->g, v);
}

/* The JSON-LD scripts of a page, compiled once, outside any page's arena. */
static xmlXPathCompExprPtr blocks;

void structured_prepare(void)
{
	if (!blocks)
		blocks = xmlXPathCompile((const xmlChar *)
			"//script[starts-with(translate(normalize-space(@type),"
			" 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),"
			" 'application/ld+json')]");
}

void structured_release(void)
{
	xmlXPathFreeCompExpr(blocks);
	blocks = NULL;
}

int structured_jsonld(struct page *p, struct extracted *x, struct buf *warn)
{
	struct graph g = { .blocks = json_array() };
	struct blocks_ctx c = { &g, warn, 0 };
	struct thing t;
	page_each(p, blocks, 64, one_block, &c);
	int found = find(&g, &t);
	if (found)
		put_thing(x, &g, &t, p->base);
	json_decref(g.blocks);
	return found;
}

struct embedded_ctx {
	struct page *p;
	const struct embedded_rule *r;
	struct extracted *x;
	struct buf *warn;
	int found;
};

static void one_payload(void *ctx, const char *text, size_t len)
{
	struct embedded_ctx *c = ctx;
	json_error_t e;
	if (c->found)
		return;
	json_t *root = json_loadb(text, len, 0, &e);
	if (!root) {
		buf_printf(c->warn, "%sinvalid JSON in '%s' (line %d: %s)", c->warn->len ? "; " : "",
			   c->r->xpath_text, e.line, e.text);
		return;
	}
	json_t *holder = json_array();
	json_t *item = json_path(root, c->r->path, holder);
	if (json_is_object(item)) {
		fieldmap_extract(&c->r->map, item, c->p->base, c->x, "embedded");
		c->found = 1;
	}
	json_decref(holder);
	json_decref(root);
}

int structured_embedded(struct page *p, const struct source *s, struct extracted *x,
			struct buf *warn)
{
	struct embedded_ctx c = { p, NULL, x, warn, 0 };
	for (size_t i = 0; i < s->nembedded && !c.found; i++) {
		c.r = &s->embedded[i];
		page_each(p, c.r->xpath, 8, one_payload, &c);
	}
	return c.found;
}
