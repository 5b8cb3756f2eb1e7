/* SPDX-License-Identifier: MIT */
/* A sold record's keys checked and taken (see sale.h): the rules of
 * birddog-record(5) for sale_price, sale_date and the property's facts. */
#include "sale.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "geo.h"
#include "record_rules.h"

/* A fact that is absent or null is unknown; one that is there must be a
 * number from 0 up. zero_unknown: 0 is how counties write "unknown". */
static int fact(struct record *rec, const char *key, int zero_unknown, double *out,
		struct buf *why)
{
	json_t *v = record_get(rec, key);
	*out = NAN;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v) || json_number_value(v) < 0) {
		buf_printf(why, "'%s' must be a number from 0 up", key);
		return -1;
	}
	double x = json_number_value(v);
	*out = zero_unknown && x == 0 ? NAN : x;
	return 0;
}

static int coordinate(struct record *rec, const char *key, double limit, double *out,
		      struct buf *why)
{
	json_t *v = record_get(rec, key);
	*out = NAN;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v) || fabs(json_number_value(v)) > limit) {
		buf_printf(why, "'%s' must be a number from -%g to %g", key, limit, limit);
		return -1;
	}
	*out = json_number_value(v);
	return 0;
}

int sale_zip_text(const char *s, char zip[6])
{
	zip[0] = '\0';
	if (!s || strspn(s, "0123456789") != 5 || (s[5] && s[5] != '-'))
		return -1;
	memcpy(zip, s, 5);
	zip[5] = '\0';
	return 0;
}

int sale_zip(json_t *value, char zip[6])
{
	char num[24];
	if (json_is_integer(value) && json_integer_value(value) >= 0) {
		snprintf(num, sizeof num, "%05lld", (long long)json_integer_value(value));
		return sale_zip_text(num, zip);
	}
	return sale_zip_text(json_string_value(value), zip);
}

/* The address: normalised when it has a line (the key and ZIP as enrich
 * makes them for records), else only its ZIP. */
static void place(struct record *rec, struct sale *s, struct address *a)
{
	json_t *in = record_get(rec, "address");
	const char *line = json_string_value(json_object_get(in, "line"));
	char zip[6];
	int has_zip = sale_zip(json_object_get(in, "zip"), zip) == 0;
	if (line && *line &&
	    address_normalize(line, json_string_value(json_object_get(in, "unit")),
			      json_string_value(json_object_get(in, "city")),
			      json_string_value(json_object_get(in, "state")),
			      has_zip ? zip : NULL, a) == 0) {
		s->key = a->key;
		if (a->zip)
			snprintf(s->zip, sizeof s->zip, "%s", a->zip);
	} else if (has_zip) {
		memcpy(s->zip, zip, sizeof zip);
	}
}

int sale_as_of(struct record *rec, long today, long *day, struct buf *why)
{
	json_t *v = record_get(rec, "sale_date");
	*day = today;
	if (!v || json_is_null(v))
		return 0;
	if (daynum_parse(json_string_value(v), day) == 0)
		return 0;
	buf_adds(why, "'sale_date' is not a date (YYYY-MM-DD)");
	return -1;
}

int sale_from_record(struct record *rec, struct sale *s, struct address *a, struct buf *why)
{
	memset(s, 0, sizeof *s);
	const char *bad = record_rules_check(rec);
	if (bad) {
		buf_adds(why, bad);
		return -1;
	}
	s->id = record_get_string(rec, "id");
	json_t *price = record_get(rec, "sale_price"), *date = record_get(rec, "sale_date");
	if (!json_is_number(price) || json_number_value(price) < 0.5) {
		buf_adds(why, price && !json_is_null(price) ? "'sale_price' is not above 0: not a sale"
			 : "'sale_price' is missing: not a sold record");
		return -1;
	}
	if (!date || json_is_null(date)) {
		buf_adds(why, "'sale_date' is missing: not a sold record");
		return -1;
	}
	if (daynum_parse(json_string_value(date), &s->day) < 0) {
		buf_adds(why, "'sale_date' is not a date (YYYY-MM-DD)");
		return -1;
	}
	daynum_format(s->day, s->date);
	s->price = llround(json_number_value(price));
	if (coordinate(rec, "lat", 90, &s->lat, why) < 0 ||
	    coordinate(rec, "lon", 180, &s->lon, why) < 0 ||
	    fact(rec, "beds", 0, &s->beds, why) < 0 || fact(rec, "baths", 0, &s->baths, why) < 0 ||
	    fact(rec, "sqft", 1, &s->sqft, why) < 0 ||
	    fact(rec, "lot_sqft", 1, &s->lot_sqft, why) < 0 ||
	    fact(rec, "year_built", 1, &s->year_built, why) < 0)
		return -1;
	if (!geo_valid(s->lat, s->lon))
		s->lat = s->lon = NAN;
	place(rec, s, a);
	return 0;
}
