/* SPDX-License-Identifier: MIT */
/* Checks and converts one parcel CSV row's text into a struct parcel:
 * "$315,000" numbers, YYYY-MM-DD or MM/DD/YYYY dates, USPS Pub 28 addresses. */
#include "parcel_row.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "number.h"

static const char *const field_names[PF_COUNT] = {
	"apn", "address.line", "address.unit", "address.city", "address.state",
	"address.zip", "owner.name", "owner.mailing.line", "owner.mailing.unit",
	"owner.mailing.city", "owner.mailing.state", "owner.mailing.zip",
	"assessed_value", "market_value", "land_value", "tax_annual",
	"last_sale_price", "sqft", "year_built", "last_sale_date",
};

/* Where the numeric fields PF_ASSESSED .. PF_YEAR go. */
static const size_t number_off[] = {
	offsetof(struct parcel, assessed_value), offsetof(struct parcel, market_value),
	offsetof(struct parcel, land_value), offsetof(struct parcel, tax_annual),
	offsetof(struct parcel, last_sale_price), offsetof(struct parcel, sqft),
	offsetof(struct parcel, year_built),
};

const char *parcel_field_name(enum parcel_field f)
{
	return field_names[f];
}

int parcel_field_lookup(const char *name)
{
	for (int f = 0; f < PF_COUNT; f++)
		if (strcmp(field_names[f], name) == 0)
			return f;
	return -1;
}

/* "315000", "$315,000", "224500.00", "1.225e+006": whole dollars (or
 * units), rounded. 0, or NUMBER_BAD or NUMBER_RANGE (number.h). */
static int parse_number(const char *s, long long *out)
{
	double v;
	int rc = number_parse(s, strlen(s), 0, &v);
	if (rc < 0)
		return rc;
	if (v >= 1e15)
		return NUMBER_RANGE;
	*out = llround(v);
	return 0;
}

/* County parcel numbers: letters, digits and the separators ' ', '-', '.', '/'. */
static int apn_valid(const char *s)
{
	size_t n = strlen(s);
	return n <= 64 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				    "0123456789 -./") == n && strcspn(s, "0123456789") < n;
}

static int any(const char *const *text, int lo, int hi)
{
	for (int f = lo; f <= hi; f++)
		if (text[f])
			return 1;
	return 0;
}

int parcel_row_convert(struct parcel_row *r, const char *const *text, char *const *column,
		       struct buf *why)
{
	memset(r, 0, sizeof *r);
	if (!text[PF_APN] || !apn_valid(text[PF_APN])) {
		buf_printf(why, "'%s' %s", column[PF_APN],
			   text[PF_APN] ? "is not a parcel number" : "is empty");
		return -1;
	}
	for (int f = PF_ASSESSED; f <= PF_YEAR; f++) {
		long long *v = (long long *)(void *)((char *)&r->p + number_off[f - PF_ASSESSED]);
		*v = PARCEL_NONE;
		int rc = text[f] ? parse_number(text[f], v) : 0;
		if (rc < 0) {
			buf_printf(why, "'%s' %s", column[f], rc == NUMBER_RANGE ? "is out of range"
				   : "is not a number");
			return -1;
		}
	}
	struct date_value d;
	const char *reason;
	if (text[PF_SALE_DATE]) {
		if (date_parse(text[PF_SALE_DATE], strlen(text[PF_SALE_DATE]), &d, &reason) < 0) {
			buf_printf(why, "'%s' is not a date: %s", column[PF_SALE_DATE], reason);
			return -1;
		}
		date_format(&d, r->date, 0);
	}
	r->p.apn = text[PF_APN];
	r->p.owner_name = text[PF_OWNER];
	r->p.last_sale_date = text[PF_SALE_DATE] ? r->date : NULL;
	if (r->p.sqft == 0)                  /* counties write 0 for unknown */
		r->p.sqft = PARCEL_NONE;
	if (r->p.year_built == 0)
		r->p.year_built = PARCEL_NONE;
	address_normalize(text[PF_LINE], text[PF_UNIT], text[PF_CITY], text[PF_STATE],
			  text[PF_ZIP], &r->site);
	r->p.address_key = r->site.key;
	r->p.line = r->site.line, r->p.unit = r->site.unit, r->p.city = r->site.city;
	r->p.state = r->site.state, r->p.zip = r->site.zip;
	if (any(text, PF_MLINE, PF_MZIP)) {
		address_normalize(text[PF_MLINE], text[PF_MUNIT], text[PF_MCITY], text[PF_MSTATE],
				  text[PF_MZIP], &r->mail);
		r->p.mail_key = r->mail.key;
		r->p.mail_line = r->mail.line, r->p.mail_unit = r->mail.unit;
		r->p.mail_city = r->mail.city, r->p.mail_state = r->mail.state;
		r->p.mail_zip = r->mail.zip;
	}
	return 0;
}

void parcel_row_release(struct parcel_row *r)
{
	address_release(&r->site);
	address_release(&r->mail);
}
