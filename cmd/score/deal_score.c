/* SPDX-License-Identifier: MIT */
/* The deal score (see deal_score.h for the formula). */
#include "deal_score.h"

#include <math.h>
#include <string.h>

#include "daynum.h"

#define BASE 30
/* Half the 80% range of an estimate that counts in full: an AVM at the
 * published off-market error (MdAPE 7-9%) has a range of about +/-17%. */
#define CONFIDENT_HALF_RANGE 0.20

static const char *const part_names[] = { "value", "equity", "absentee", "days_on_market",
					  "price_drop" };

static double clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

void deal_facts_read(struct record *rec, long day, struct deal_facts *f)
{
	f->price = record_path_number(rec, "price");
	f->equity_pct = record_path_number(rec, "features.equity_pct");
	f->absentee = json_is_true(record_get_path(rec, "owner.absentee"));
	double previous = record_path_number(rec, "previous_price");
	f->price_drop = isfinite(previous) && isfinite(f->price) && previous > f->price;
	f->days_on_market = NAN;
	const char *listed = record_get_string(rec, "list_date");
	long d;
	char ymd[DAYNUM_TEXT_LEN];
	if (listed && strlen(listed) >= 10) {
		memcpy(ymd, listed, 10);
		ymd[10] = '\0';
		if (daynum_parse(ymd, &d) == 0 && d <= day)
			f->days_on_market = (double)(day - d);
	}
}

void deal_score_compute(const struct deal_facts *f, double estimate, double low, double high,
			struct deal_score *out)
{
	memset(out, 0, sizeof *out);
	out->discount = out->confidence = NAN;
	if (isfinite(f->price) && f->price > 0 && estimate > 0) {
		double u = (high - low) / (2 * estimate);
		out->discount = (estimate - f->price) / estimate;
		out->confidence = u > 0 ? fmin(1, CONFIDENT_HALF_RANGE / u) : 1;
		out->parts[0] = 50 * out->confidence * clamp(out->discount / 0.20, -1, 1);
	}
	if (isfinite(f->equity_pct))
		out->parts[1] = 10 * clamp((f->equity_pct - 20) / 60, 0, 1);
	out->parts[2] = f->absentee ? 5 : 0;
	if (isfinite(f->days_on_market))
		out->parts[3] = 5 * clamp((f->days_on_market - 30) / 90, 0, 1);
	out->parts[4] = f->price_drop ? 5 : 0;
	/* Summed in the tenths the record shows, so that the sum redone by
	 * hand from score.points gives the same score. */
	long tenths = BASE * 10;
	for (int i = 0; i < 5; i++) {
		long t = lround(out->parts[i] * 10);
		out->parts[i] = (double)t / 10;
		tenths += t;
	}
	out->value = (int)clamp((double)lround((double)tenths / 10), 0, 100);
}

static json_t *tenths(double x)
{
	double r = round(x * 10) / 10;
	return json_real(r == 0 ? 0 : r);
}

json_t *deal_score_json(const struct deal_score *s, const char *model, json_t *reasons)
{
	json_t *o = json_object(), *pts = json_object();
	json_object_set_new(o, "value", json_integer(s->value));
	json_object_set_new(o, "model", json_string(model));
	if (isfinite(s->discount)) {
		json_object_set_new(o, "discount_pct", tenths(100 * s->discount));
		json_object_set_new(o, "confidence", json_real(round(s->confidence * 100) / 100));
	}
	json_object_set_new(pts, "base", json_integer(BASE));
	for (int i = 0; i < 5; i++)
		json_object_set_new(pts, part_names[i], tenths(s->parts[i]));
	json_object_set_new(o, "points", pts);
	json_object_set_new(o, "reasons", reasons ? reasons : json_array());
	return o;
}
