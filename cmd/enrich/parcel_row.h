/* SPDX-License-Identifier: MIT */
/* One data row of a county parcel CSV checked and made into a struct parcel:
 * numbers, dates and parcel numbers parsed, addresses normalised (USPS Pub 28). */
#ifndef BIRDDOG_PARCEL_ROW_H
#define BIRDDOG_PARCEL_ROW_H

#include "address.h"
#include "date.h"
#include "buf.h"
#include "parcel_state.h"

/* The parcel fields a column map can name; the index of a row's text. */
enum parcel_field {
	PF_APN, PF_LINE, PF_UNIT, PF_CITY, PF_STATE, PF_ZIP, PF_OWNER,
	PF_MLINE, PF_MUNIT, PF_MCITY, PF_MSTATE, PF_MZIP,
	PF_ASSESSED, PF_MARKET, PF_LAND, PF_TAX, PF_SALE_PRICE, PF_SQFT, PF_YEAR, PF_SALE_DATE,
	PF_COUNT
};

/* The map's name of a field ("apn", "owner.mailing.zip"); static. */
const char *parcel_field_name(enum parcel_field f);
/* The field named name, or -1. */
int parcel_field_lookup(const char *name);

/* A data row made into a parcel; the parcel's strings point into it and
 * into the text it was made from. */
struct parcel_row {
	struct parcel p;
	struct address site, mail;
	char date[DATE_MAX];
};

/*
 * Checks and converts the fields (text[f] NULL when empty or unmapped) into
 * r, which is overwritten. 0, and r holds addresses the caller releases with
 * parcel_row_release; or -1, r holds nothing, and why says which column is
 * wrong, named as in column (the CSV's names). text and column are borrowed
 * and text must outlive r.
 */
int parcel_row_convert(struct parcel_row *r, const char *const *text, char *const *column,
		       struct buf *why);
/* Frees the addresses r holds; r's strings are invalid after. */
void parcel_row_release(struct parcel_row *r);

#endif
