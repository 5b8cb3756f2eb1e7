/* SPDX-License-Identifier: MIT */
/* The 0-100 deal score of a valued listing, from how far its asking price
 * is below the model's estimate, weighed by how sure the estimate is, plus
 * investor features. Every part is a number a user can redo by hand:
 *
 *   discount     d = (estimate - price) / estimate
 *   uncertainty  u = (high - low) / (2 * estimate)   (half the 80% range)
 *   confidence   w = min(1, 0.20 / u)
 *   value        = 50 * w * clamp(d / 0.20, -1, 1)
 *   equity       = 10 * clamp((features.equity_pct - 20) / 60, 0, 1)
 *   absentee     = 5 when owner.absentee
 *   on market    = 5 * clamp((days since list_date - 30) / 90, 0, 1)
 *   price drop   = 5 when previous_price is above price
 *   score        = clamp(round(30 + the parts), 0, 100), each part first
 *                  rounded to tenths as score.points shows it
 *
 * So an estimate known to +/-20% (a model of about 9% MdAPE) with the
 * price 20% under it gives 80 on its own; the same discount on an
 * estimate known to +/-40% gives 55. */
#ifndef BIRDDOG_DEAL_SCORE_H
#define BIRDDOG_DEAL_SCORE_H

#include <jansson.h>

#include "record.h"

/* A record's inputs, gathered before the batch is valued. NAN: unknown. */
struct deal_facts {
	double price;
	double equity_pct;
	int absentee;
	double days_on_market;
	int price_drop;
};

/* Reads the facts of rec, as of day (a day number). */
void deal_facts_read(struct record *rec, long day, struct deal_facts *f);

struct deal_score {
	int value;
	double discount, confidence;          /* NAN without a price */
	double parts[5];                      /* value, equity, absentee, on market, drop */
};

void deal_score_compute(const struct deal_facts *f, double estimate, double low, double high,
			struct deal_score *out);

/* The "score" object: value, model, discount_pct, confidence, points (the
 * parts and the base), and reasons (stolen). */
json_t *deal_score_json(const struct deal_score *s, const char *model, json_t *reasons);

#endif
