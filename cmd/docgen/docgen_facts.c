/* SPDX-License-Identifier: MIT */
/* The memo's statements that take care to be true (see docgen_facts.h). */
#include "docgen_facts.h"

#include <string.h>

#include "docgen_text.h"
#include "equity.h"

/* discount_text: "9% below the ZIP median" from features.discount_pct. */
void docgen_facts_discount(json_t *view, struct record *rec, struct buf *tmp)
{
	json_t *d = json_object_get(record_get(rec, "features"), "discount_pct");
	buf_reset(tmp);
	if (json_is_number(d) && docgen_fmt_discount(tmp, json_number_value(d)) == 0)
		docgen_set_text(view, "discount_text", tmp);
}

/* The footnote every equity figure carries: enrich's assumed loan
 * (lib/equity.h, enrich(1)), since nothing is known of the real one. */
static void equity_note(json_t *view, struct record *rec, struct buf *tmp)
{
	json_t *market = json_object_get(record_get(rec, "assessor"), "market_value");
	buf_reset(tmp);
	buf_printf(tmp, "Est. equity is an estimate, not a known figure: nothing is known about "
		   "the owner's loans. It assumes the owner bought at the last sale price, "
		   "borrowed %g%% of it at %g%% fixed for %d years, paid as scheduled and has "
		   "no other liens; the value is %s.",
		   EQUITY_LOAN_TO_VALUE * 100, EQUITY_LOAN_RATE * 100, EQUITY_LOAN_MONTHS / 12,
		   json_is_number(market) ? "the assessor's market value" : "the asking price");
	docgen_set_text(view, "equity_note", tmp);
}

/* equity_text: "$250,000 (79% of the value)", and its note, also when only
 * a score reason reads the estimate. */
void docgen_facts_equity(json_t *view, struct record *rec, int estimate_reason, struct buf *tmp)
{
	json_t *f = record_get(rec, "features");
	json_t *est = json_object_get(f, "equity_est"), *pct = json_object_get(f, "equity_pct");
	buf_reset(tmp);
	if (json_is_number(est))
		docgen_fmt_dollars(tmp, json_number_value(est));
	size_t mark = tmp->len;
	if (json_is_number(pct)) {
		buf_adds(tmp, mark ? " (" : "");
		if (docgen_fmt_percent(tmp, json_number_value(pct)) == 0)
			buf_adds(tmp, mark ? " of the value)" : " of the value");
		else
			tmp->len = mark, tmp->data[mark] = '\0';
	}
	if (tmp->len)
		docgen_set_text(view, "equity_text", tmp);
	if (tmp->len || estimate_reason)
		equity_note(view, rec, tmp);
}

/* Appends prefix and the date "Nov 30, 2026", or nothing when when is not one. */
static void add_date(struct buf *b, json_t *when, const char *prefix)
{
	size_t mark = b->len;
	buf_adds(b, prefix);
	if (!json_is_string(when) || docgen_fmt_date(b, json_string_value(when)) < 0)
		b->len = mark, b->data[mark] = '\0';
}

/* price_cut, only for discover's price_drop with the price now lower:
 * text "$315,000 → $299,000 ($16,000 less), seen Nov 30, 2026" (seen_at is
 * when discover saw the new price) and from "$315,000". */
void docgen_facts_price_cut(json_t *view, struct record *rec, struct buf *tmp)
{
	const char *event = record_get_string(rec, "event");
	double was, now;
	int has_was = record_get_number(rec, "previous_price", &was);
	int has_now = record_get_number(rec, "price", &now);
	if (!event || strcmp(event, "price_drop") != 0 || (has_was && has_now && was <= now))
		return;
	json_t *cut = json_object();
	buf_reset(tmp);
	if (has_was && has_now && docgen_fmt_dollars(tmp, was) == 0) {
		docgen_set_text(cut, "from", tmp);
		buf_adds(tmp, " \xe2\x86\x92 ");   /* → */
		docgen_fmt_dollars(tmp, now);
		buf_adds(tmp, " (");
		docgen_fmt_dollars(tmp, was - now);
		buf_adds(tmp, " less)");
	} else if (has_now) {
		buf_adds(tmp, "to ");
		docgen_fmt_dollars(tmp, now);
	}
	add_date(tmp, record_get(rec, "seen_at"), tmp->len ? ", seen " : "seen ");
	if (tmp->len == 0)
		buf_adds(tmp, "the asking price was lowered");
	docgen_set_text(cut, "text", tmp);
	json_object_set_new_nocheck(view, "price_cut", cut);
}

/* Where the owner's mailing address is, from enrich's absentee (not the
 * property) and out_of_state: never who they are or the address itself. */
static const char *owner_mailing(json_t *owner)
{
	json_t *absentee = json_object_get(owner, "absentee");
	json_t *away = json_object_get(owner, "out_of_state");
	if (json_is_false(absentee))
		return "the property itself";
	if (json_is_true(absentee))
		return json_is_true(away)    ? "elsewhere, in another state"
		       : json_is_false(away) ? "elsewhere, in the same state"
					     : "elsewhere";
	return json_is_true(away) ? "in another state" : json_is_false(away) ? "in the same state" : NULL;
}

/* owner_name (only when the tenant shares it), owner_mailing, has_owner. */
void docgen_facts_owner(json_t *view, struct record *rec, int share_name)
{
	json_t *o = record_get(rec, "owner"), *name = json_object_get(o, "name");
	const char *where = owner_mailing(o);
	int named = share_name && json_is_string(name) && json_string_length(name) > 0;
	if (named)
		json_object_set_nocheck(view, "owner_name", name);
	if (where)
		json_object_set_new_nocheck(view, "owner_mailing", json_string(where));
	json_object_set_new_nocheck(view, "has_owner", json_boolean(named || where));
}

/* last_sale "Jun 11, 2004 for $160,000"; a price of 0 is a transfer, not a
 * sale (enrich(1)), so last_sale_label says which. */
void docgen_facts_last_sale(json_t *view, struct record *rec, struct buf *tmp)
{
	json_t *a = record_get(rec, "assessor"), *date = json_object_get(a, "last_sale_date");
	json_t *price = json_object_get(a, "last_sale_price");
	int transfer = json_is_number(price) && json_number_value(price) == 0;
	buf_reset(tmp);
	add_date(tmp, date, "");
	if (!tmp->len && json_is_string(date))
		buf_add(tmp, json_string_value(date), json_string_length(date));
	if (json_is_number(price) && !transfer) {
		size_t mark = tmp->len;
		buf_adds(tmp, mark ? " for " : "");
		if (docgen_fmt_dollars(tmp, json_number_value(price)) < 0)
			tmp->len = mark, tmp->data[mark] = '\0';
	}
	if (!tmp->len)
		return;
	docgen_set_text(view, "last_sale", tmp);
	json_object_set_new_nocheck(view, "last_sale_label",
				    json_string(transfer ? "Last transfer (no sale price)" : "Last sale"));
}
