/* SPDX-License-Identifier: MIT */
/* The memo's statements about a listing that take care to be true, each
 * set on the template view only when the record supports it: the discount
 * to the ZIP median read as an investor reads it, the equity estimate with
 * its assumption, the price cut with old and new price, the owner's
 * situation without the owner's name unless the tenant shares it, and the
 * last sale (or transfer). tmp is scratch space. */
#ifndef BIRDDOG_DOCGEN_FACTS_H
#define BIRDDOG_DOCGEN_FACTS_H

#include <jansson.h>

#include "buf.h"
#include "record.h"

/* obj.key = the text in b (docgen_view.c). */
void docgen_set_text(json_t *obj, const char *key, const struct buf *b);

/* discount_text: "9% below the ZIP median", "9% above", "at". */
void docgen_facts_discount(json_t *view, struct record *rec, struct buf *tmp);
/* equity_text: "$250,000 (79% of the value)", and equity_note, the
 * assumption, also when only a score reason (estimate_reason) reads it. */
void docgen_facts_equity(json_t *view, struct record *rec, int estimate_reason, struct buf *tmp);
/* price_cut {text, from}: only for a price_drop to a lower price. */
void docgen_facts_price_cut(json_t *view, struct record *rec, struct buf *tmp);
/* owner_name (only when share_name), owner_mailing, has_owner. */
void docgen_facts_owner(json_t *view, struct record *rec, int share_name);
/* last_sale "Jun 11, 2004 for $160,000" and last_sale_label. */
void docgen_facts_last_sale(json_t *view, struct record *rec, struct buf *tmp);

#endif
