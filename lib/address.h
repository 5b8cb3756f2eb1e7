/* SPDX-License-Identifier: MIT */
/* US postal address normalisation and matching keys, following USPS
 * Publication 28 (street suffixes, directionals, secondary units, states). */
#ifndef BIRDDOG_ADDRESS_H
#define BIRDDOG_ADDRESS_H

#include <stddef.h>

/* A normalised address: upper case, single spaces, no punctuation but '#'
 * and the '-' and '/' inside numbers. Every string is owned by the struct
 * (address_release() frees them); a member is NULL when unknown. */
struct address {
	char *line;	/* "123 N MAIN ST": number, predirectional, name, suffix, postdirectional */
	char *unit;	/* "APT 4B", "UNIT 7", "# 12"; NULL when none */
	char *city;	/* "LAS VEGAS" */
	char *state;	/* "NV"; a name that is not a state is kept, cleaned */
	char *zip;	/* "89101": 5 digits; ZIP+4 keeps only the 5 */
	char *key;	/* "123 N MAIN ST|APT 4B|89101"; NULL when line is */
};

/*
 * Normalises the parts into out, which is overwritten (release it first if
 * it held an address). Any argument may be NULL. A unit inside line
 * ("123 Main St Apt 4", "#4", "Unit 7") moves to out->unit when unit is NULL
 * or empty; when unit is given, a different unit in line stays in line.
 * Returns 0, or -1 when line is empty or absent: out is then still filled as
 * far as possible and must be released.
 */
int address_normalize(const char *line, const char *unit, const char *city,
		      const char *state, const char *zip, struct address *out);
void address_release(struct address *a);

/* Single-word look-ups in any case ("Ave." works too); each returns a static
 * string or NULL when the word is not in the Publication 28 table. */
const char *address_suffix_abbrev(const char *word);	/* "Avenue", "AV" -> "AVE" */
const char *address_unit_abbrev(const char *word);	/* "Apartment" -> "APT", "#" -> "#" */
const char *address_directional_abbrev(const char *word); /* "North", "north east" -> "N", "NE" */
const char *address_state_code(const char *name);	/* "nevada", "NV" -> "NV" */

/* 1 when the unit designator needs a range ("APT 4"), 0 when it stands
 * alone ("REAR"), -1 when word is not a designator. */
int address_unit_needs_range(const char *word);

/* Entries in the Appendix C1 (suffix forms) and C2 (unit designators)
 * tables, so tests can check them against the publication. */
size_t address_suffix_count(void);
size_t address_unit_count(void);

#endif
