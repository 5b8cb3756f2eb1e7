/* SPDX-License-Identifier: MIT */
/* docgen's template view (see docgen_view.h). Values made here are plain
 * text; the HTML template escapes them like any other ({{name}}). Each says
 * only what the record supports: an estimate is called one, a figure whose
 * input is absent is absent. */
#include "docgen_view.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "docgen_facts.h"
#include "docgen_text.h"

void docgen_view_init(struct docgen_view *v, const struct tenant *t,
		      const char *const *names, size_t nnames)
{
	v->tenant = json_deep_copy(t->json);
	json_object_set_new(v->tenant, "company", json_string(t->company));
	json_t *brand = json_object_get(v->tenant, "branding");
	if (!json_is_object(brand)) {
		brand = json_object();
		json_object_set_new(v->tenant, "branding", brand);
	}
	json_object_set_new(brand, "primary", json_string(t->color_primary));
	json_object_set_new(brand, "accent", json_string(t->color_accent));
	clock_format(clock_now(), v->generated_at);
	v->share_owner_name = t->share_owner_name;
	v->names = names;
	v->nnames = nnames;
}

void docgen_view_release(struct docgen_view *v)
{
	json_decref(v->tenant);
	v->tenant = NULL;
}

void docgen_set_text(json_t *obj, const char *key, const struct buf *b)
{
	json_object_set_new_nocheck(obj, key, json_stringn(b->data ? b->data : "", b->len));
}

/* obj.key = v formatted as dollars (or a count), when v is a number. */
static void put_amount(json_t *obj, const char *key, json_t *v, int dollars, struct buf *tmp)
{
	if (!json_is_number(v))
		return;
	buf_reset(tmp);
	double d = json_number_value(v);
	if ((dollars ? docgen_fmt_dollars(tmp, d) : docgen_fmt_count(tmp, d)) == 0)
		docgen_set_text(obj, key, tmp);
}

static json_t *at(json_t *obj, const char *key)
{
	return json_object_get(obj, key);
}

/* obj.key = v as a percentage with one decimal ("6.9%"), when a number. */
static void put_percent(json_t *obj, const char *key, json_t *v, struct buf *tmp)
{
	if (!json_is_number(v))
		return;
	buf_reset(tmp);
	buf_printf(tmp, "%.1f%%", json_number_value(v));
	docgen_set_text(obj, key, tmp);
}

/* The deal maths score added (see score(1)), as text; has_deal when any. */
static void deal_values(json_t *view, json_t *fmt, struct record *rec, struct buf *tmp)
{
	json_t *deal = record_get(rec, "deal");
	put_amount(fmt, "deal_mao", at(deal, "mao"), 1, tmp);
	put_amount(fmt, "deal_rehab", at(deal, "rehab_est"), 1, tmp);
	put_amount(fmt, "deal_cash_invested", at(deal, "cash_invested"), 1, tmp);
	put_amount(fmt, "deal_mortgage", at(deal, "mortgage_monthly"), 1, tmp);
	put_amount(fmt, "deal_cash_flow", at(deal, "cash_flow_monthly"), 1, tmp);
	put_percent(fmt, "deal_cap_rate", at(deal, "cap_rate_pct"), tmp);
	put_percent(fmt, "deal_cash_on_cash", at(deal, "cash_on_cash_pct"), tmp);
	json_object_set_new_nocheck(view, "has_deal",
				    json_boolean(at(fmt, "deal_mao") || at(fmt, "deal_cash_invested")));
}

static json_t *price_per_sqft(struct record *rec)
{
	json_t *ppsf = at(record_get(rec, "features"), "price_per_sqft");
	double price, sqft;
	if (!json_is_number(ppsf) && record_get_number(rec, "price", &price) &&
	    record_get_number(rec, "sqft", &sqft) && sqft > 0)
		return json_real(price / sqft);
	return json_incref(ppsf);
}

static json_t *fmt_values(struct record *rec, struct buf *tmp)
{
	json_t *fmt = json_object(), *val = record_get(rec, "valuation");
	json_t *assessor = record_get(rec, "assessor"), *features = record_get(rec, "features");
	json_t *ppsf = price_per_sqft(rec);
	put_amount(fmt, "price", record_get(rec, "price"), 1, tmp);
	put_amount(fmt, "estimate", at(val, "estimate"), 1, tmp);
	put_amount(fmt, "estimate_low", at(val, "low"), 1, tmp);
	put_amount(fmt, "estimate_high", at(val, "high"), 1, tmp);
	put_amount(fmt, "baseline", at(val, "baseline"), 1, tmp);
	put_amount(fmt, "price_per_sqft", ppsf, 1, tmp);
	put_amount(fmt, "zip_median_ppsf", at(record_get(rec, "market"), "zip_median_ppsf"), 1, tmp);
	put_amount(fmt, "equity_est", at(features, "equity_est"), 1, tmp);
	put_amount(fmt, "last_sale_price", at(assessor, "last_sale_price"), 1, tmp);
	put_amount(fmt, "assessed_value", at(assessor, "assessed_value"), 1, tmp);
	put_amount(fmt, "market_value", at(assessor, "market_value"), 1, tmp);
	put_amount(fmt, "tax_annual", at(assessor, "tax_annual"), 1, tmp);
	put_amount(fmt, "sqft", record_get(rec, "sqft"), 0, tmp);
	put_amount(fmt, "lot_sqft", record_get(rec, "lot_sqft"), 0, tmp);
	json_decref(ppsf);
	return fmt;
}

/* Whether a reason reads the equity estimate, which the memo must not
 * present as a fact. */
static int is_estimate(json_t *feature)
{
	return json_is_string(feature) &&
	       strncmp(json_string_value(feature), "features.equity_", 16) == 0;
}

/* One reason: its text, and its weight as text, also right-aligned for
 * plain text: a model's effect in dollars ("+$41,000", "-$8,200"), else a
 * scorecard's points ("+18.0" or "-4.0", never "-0.0"). */
static json_t *reason(json_t *r, double weight, int dollars, struct buf *tmp)
{
	json_t *out = json_object(), *feature = at(r, "feature"), *why = at(r, "why");
	if (json_is_string(feature))
		json_object_set_nocheck(out, "feature", feature);
	json_object_set_nocheck(out, "why", json_is_string(why) ? why : feature);
	if (at(r, "value"))
		json_object_set_nocheck(out, "value", at(r, "value"));
	buf_reset(tmp);
	if (dollars) {
		if (weight > 0)
			buf_addc(tmp, '+');
		docgen_fmt_dollars(tmp, weight);
	} else {
		buf_printf(tmp, "%+.1f", weight == 0 ? 0 : weight);
	}
	docgen_set_text(out, "points", tmp);
	char col[48];
	snprintf(col, sizeof col, "%*s", dollars ? 10 : 6, buf_cstr(tmp));
	json_object_set_new_nocheck(out, "points_col", json_string(col));
	json_object_set_new_nocheck(out, "negative", json_boolean(weight < 0));
	json_object_set_new_nocheck(out, "estimate", json_boolean(is_estimate(feature)));
	return out;
}

/* The score's reasons that moved it: a model's with a dollar effect, a
 * scorecard's with points, leaving out those of zero. */
static json_t *reasons(struct record *rec, struct buf *tmp)
{
	json_t *list = json_array(), *rs = at(record_get(rec, "score"), "reasons");
	size_t i;
	json_t *r;
	json_array_foreach(rs, i, r) {
		json_t *effect = at(r, "effect"), *points = at(r, "points");
		int dollars = json_is_number(effect);
		json_t *w = dollars ? effect : points;
		if (json_is_object(r) && json_is_number(w) && json_number_value(w) != 0)
			json_array_append_new(list, reason(r, json_number_value(w), dollars, tmp));
	}
	return list;
}

struct feature_kind {
	const char *key, *label;   /* no label: not listed here */
	const char *unit;          /* words after the number */
};

static const struct feature_kind known[] = {
	{ "price_per_sqft", NULL, NULL },       /* shown from fmt.price_per_sqft */
	{ "discount_pct", NULL, NULL },         /* discount_text */
	{ "equity_est", NULL, NULL },           /* equity_text, with its note */
	{ "equity_pct", NULL, NULL },
	{ "years_owned", "Years owned", " years" },
	{ "age", "Building age", " years" },
};

static const struct feature_kind *kind_of(const char *key)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i].key, key) == 0)
			return &known[i];
	return NULL;
}

static int feature_value(struct buf *out, const struct feature_kind *k, json_t *v)
{
	if (json_is_boolean(v))
		return buf_adds(out, json_is_true(v) ? "yes" : "no"), 0;
	if (json_is_string(v))
		return buf_add(out, json_string_value(v), json_string_length(v)), 0;
	if (!json_is_number(v))
		return -1;
	docgen_fmt_number(out, json_number_value(v));
	if (k)
		buf_adds(out, k->unit);
	return 0;
}

static json_t *feature_list(struct record *rec, struct buf *tmp)
{
	json_t *list = json_array(), *v;
	const char *key;
	json_object_foreach(record_get(rec, "features"), key, v) {
		const struct feature_kind *k = kind_of(key);
		if (k && !k->label)
			continue;
		buf_reset(tmp);
		if (feature_value(tmp, k, v) < 0)
			continue;
		json_t *item = json_object();
		docgen_set_text(item, "value", tmp);
		buf_reset(tmp);
		if (k)
			buf_adds(tmp, k->label);
		else
			docgen_fmt_label(tmp, key);
		docgen_set_text(item, "label", tmp);
		json_object_set_new_nocheck(item, "name", json_string(key));
		json_array_append_new(list, item);
	}
	return list;
}

/* The listing URL when it is http(s) and has no space or control byte. */
static void listing_url(json_t *view, struct record *rec)
{
	const char *u = record_get_string(rec, "url");
	if (!u || (strncasecmp(u, "http://", 7) != 0 && strncasecmp(u, "https://", 8) != 0))
		return;
	for (const char *p = u; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return;
	json_object_set_new_nocheck(view, "listing_url", json_string(u));
}

static void add_part(struct buf *b, json_t *v, const char *sep)
{
	if (!json_is_string(v) || json_string_length(v) == 0)
		return;
	if (b->len)
		buf_adds(b, sep);
	buf_add(b, json_string_value(v), json_string_length(v));
}

/* The unit after the line, as docgen_fmt_unit writes it. */
static void add_unit(struct buf *b, json_t *unit)
{
	struct buf u = BUF_INIT;
	if (json_is_string(unit))
		docgen_fmt_unit(&u, json_string_value(unit), json_string_length(unit));
	if (u.len) {
		buf_adds(b, b->len ? " " : "");
		buf_add(b, u.data, u.len);
	}
	buf_release(&u);
}

/* "123 Main St Unit 4" or "9050 W Flamingo Rd #2098", and "Las Vegas, NV
 * 89101", from whatever is there. */
static void address_lines(json_t *view, struct record *rec, struct buf *tmp)
{
	json_t *a = record_get(rec, "address");
	if (!json_is_object(a))
		return;
	buf_reset(tmp);
	add_part(tmp, at(a, "line"), "");
	add_unit(tmp, at(a, "unit"));
	docgen_set_text(view, "address_line", tmp);
	buf_reset(tmp);
	add_part(tmp, at(a, "city"), "");
	add_part(tmp, at(a, "state"), ", ");
	add_part(tmp, at(a, "zip"), " ");
	docgen_set_text(view, "city_line", tmp);
}

/* The record's owner as templates may name it (owner.absentee), without
 * the name unless the tenant shares it: a copy, the record stays whole. */
static void hide_owner_name(json_t *view)
{
	json_t *o = json_object_get(view, "owner");
	if (!json_is_object(o) || !json_object_get(o, "name"))
		return;
	json_t *copy = json_copy(o);
	json_object_del(copy, "name");
	json_object_set_new_nocheck(view, "owner", copy);
}

static int nonempty_object(json_t *v)
{
	return json_is_object(v) && json_object_size(v) > 0;
}

static int any_estimate(json_t *reasons)
{
	size_t i;
	json_t *r;
	json_array_foreach(reasons, i, r)
		if (json_is_true(json_object_get(r, "estimate")))
			return 1;
	return 0;
}

/* reasons and feature_list, with has_reasons and has_numbers for headings;
 * the discount and the equity, which the lists leave out. */
static void add_lists(json_t *view, struct record *rec, struct buf *tmp)
{
	json_t *rs = reasons(rec, tmp), *features = feature_list(rec, tmp);
	json_t *fmt = json_object_get(view, "fmt");
	docgen_facts_discount(view, rec, tmp);
	docgen_facts_equity(view, rec, any_estimate(rs), tmp);
	int numbers = json_array_size(features) > 0 || json_object_get(fmt, "price_per_sqft") ||
		      json_object_get(fmt, "zip_median_ppsf") ||
		      json_object_get(view, "discount_text") || json_object_get(view, "equity_text");
	json_object_set_new_nocheck(view, "has_reasons", json_boolean(json_array_size(rs) > 0));
	json_object_set_new_nocheck(view, "reasons", rs);
	json_object_set_new_nocheck(view, "has_numbers", json_boolean(numbers));
	json_object_set_new_nocheck(view, "feature_list", features);
}

json_t *docgen_view_build(const struct docgen_view *v, struct record *rec)
{
	json_t *view = json_object();
	struct buf tmp = BUF_INIT;
	for (size_t i = 0; i < v->nnames; i++) {
		json_t *val = record_get(rec, v->names[i]);
		if (val)
			json_object_set(view, v->names[i], val);
	}
	if (!v->share_owner_name)
		hide_owner_name(view);
	json_object_set_nocheck(view, "tenant", v->tenant);
	json_object_set_new_nocheck(view, "generated_at", json_string(v->generated_at));
	json_object_set_new_nocheck(view, "unsubscribe_marker", json_string(DOCGEN_UNSUBSCRIBE_MARKER));
	json_t *fmt = fmt_values(rec, &tmp);
	json_object_set_new_nocheck(view, "fmt", fmt);
	deal_values(view, fmt, rec, &tmp);
	json_object_set_new_nocheck(view, "has_assessor",
				    json_boolean(nonempty_object(record_get(rec, "assessor"))));
	docgen_facts_owner(view, rec, v->share_owner_name);
	add_lists(view, rec, &tmp);
	docgen_facts_price_cut(view, rec, &tmp);
	docgen_facts_last_sale(view, rec, &tmp);
	listing_url(view, rec);
	address_lines(view, rec, &tmp);
	buf_release(&tmp);
	return view;
}
