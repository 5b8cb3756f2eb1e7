/* SPDX-License-Identifier: MIT */
/* The address and parcel join of a record (see parcel_join.h): the address
 * members as written (a ZIP may be a number), normalised; the parcel's
 * columns as the assessor object, its owner with the absentee flags. */
#include "parcel_join.h"

#include <stdio.h>
#include <string.h>

/* The text of an address member: a string, or a whole number ("zip": 89101). */
static const char *member(json_t *obj, const char *key, char num[24])
{
	json_t *v = json_object_get(obj, key);
	if (json_is_integer(v)) {
		snprintf(num, 24, "%lld", (long long)json_integer_value(v));
		return num;
	}
	return json_string_value(v);
}

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *address_json(const char *line, const char *unit, const char *city,
			    const char *state, const char *zip)
{
	json_t *o = json_object();
	json_object_set_new(o, "line", text_or_null(line));
	json_object_set_new(o, "unit", text_or_null(unit));
	json_object_set_new(o, "city", text_or_null(city));
	json_object_set_new(o, "state", text_or_null(state));
	json_object_set_new(o, "zip", text_or_null(zip));
	return o;
}

/* 0 when the record's address normalised; -1 leaves it as it was. */
static int normalise(struct record *rec, struct address *a)
{
	char n[5][24];
	json_t *in = record_get(rec, "address");
	const char *line = member(in, "line", n[0]);
	if (!line || !*line)
		return -1;
	if (address_normalize(line, member(in, "unit", n[1]), member(in, "city", n[2]),
			      member(in, "state", n[3]), member(in, "zip", n[4]), a) < 0)
		return -1;
	json_t *out = address_json(a->line, a->unit, a->city, a->state, a->zip);
	json_object_set_new(out, "key", json_string(a->key));
	record_set(rec, "address", out);
	return 0;
}

static void set_number(json_t *obj, const char *key, long long v)
{
	if (v != PARCEL_NONE)
		json_object_set_new(obj, key, json_integer((json_int_t)v));
}

static json_t *assessor_json(const struct parcel *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "apn", json_string(p->apn));
	set_number(o, "assessed_value", p->assessed_value);
	set_number(o, "market_value", p->market_value);
	set_number(o, "land_value", p->land_value);
	set_number(o, "tax_annual", p->tax_annual);
	if (p->last_sale_date)
		json_object_set_new(o, "last_sale_date", json_string(p->last_sale_date));
	set_number(o, "last_sale_price", p->last_sale_price);
	set_number(o, "sqft", p->sqft);
	set_number(o, "year_built", p->year_built);
	return o;
}

/* The owner, or NULL when the county file names none; the property's key
 * and state are the parcel's, else the listing's. */
static json_t *owner_json(const struct parcel *p, const struct address *a)
{
	const char *key = p->address_key ? p->address_key : a->key;
	const char *state = p->state ? p->state : a->state;
	if (!p->owner_name && !p->mail_key && !p->mail_city && !p->mail_state && !p->mail_zip)
		return NULL;
	json_t *o = json_object();
	if (p->owner_name)
		json_object_set_new(o, "name", json_string(p->owner_name));
	if (p->mail_key || p->mail_city || p->mail_state || p->mail_zip)
		json_object_set_new(o, "mailing", address_json(p->mail_line, p->mail_unit,
							       p->mail_city, p->mail_state,
							       p->mail_zip));
	if (p->mail_key && key)
		json_object_set_new(o, "absentee", json_boolean(strcmp(p->mail_key, key) != 0));
	if (p->mail_state && state)
		json_object_set_new(o, "out_of_state", json_boolean(strcmp(p->mail_state, state) != 0));
	return o;
}

static const char *record_apn(struct record *rec)
{
	const char *apn = record_get_string(rec, "apn");
	return apn ? apn : json_string_value(record_get_path(rec, "assessor.apn"));
}

int parcel_join(struct parcel_state *ps, struct record *rec, struct address *a,
		struct parcel *p, int *joined)
{
	if (!json_is_object(record_get(rec, "address")) || normalise(rec, a) < 0)
		return 0;
	int rc = parcel_state_find(ps, record_apn(rec), a->key, p);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		json_t *owner = owner_json(p, a);
		record_set(rec, "assessor", assessor_json(p));
		if (owner)
			record_set(rec, "owner", owner);
		*joined = 1;
	}
	return 1;
}
