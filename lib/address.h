/* SPDX-License-Identifier: MIT */
/* US postal address normalisation and matching keys, following USPS
 * Publication 28 (street suffixes, directionals, secondary units, PO boxes,
 * rural and highway contract routes, military addresses, states), and the
 * split of an address written in one field. */
#ifndef BIRDDOG_ADDRESS_H
#define BIRDDOG_ADDRESS_H

#include <stddef.h>

/* A normalised address: upper case, single spaces, no punctuation but '#'
 * and the '-', '/' and '.' inside numbers. Every string is owned by the
 * struct (address_release() frees them); a member is NULL when unknown. */
struct address {
	char *line;	/* "123 N MAIN ST": number, predirectional, name, suffix,
			 * postdirectional; or "PO BOX 77", "RR 3 BOX 212",
			 * "HC 1 BOX 5", "PSC 1234 BOX 5678" */
	char *unit;	/* "APT 4B", "UNIT 7", "# 12"; NULL when none */
	char *city;	/* "LAS VEGAS" */
	char *state;	/* "NV"; a name that is not a state is kept, cleaned */
	char *zip;	/* "89101": 5 digits; ZIP+4 keeps only the 5 */
	char *key;	/* "123 N MAIN ST|APT 4B|89101"; NULL when line is */
};

/*
 * Normalises the parts into out, which is overwritten (release it first if
 * it held an address). Any argument may be NULL. A unit inside line
 * ("123 Main St Apt 4", "#4", "Unit 7", "2nd Fl", or before the house
 * number: "Apt 1B 626 E Kilbourn Ave") moves to out->unit when unit is NULL
 * or empty; when unit is given, a different unit in line stays at the end
 * of line, and a bare unit ("3") takes the designator of the same one in
 * line ("Apt 3"). When city, state and zip are all empty, a city, state and
 * ZIP at the end of line are split off first (address_split()).
 * Returns 0, or -1 when line is empty or absent: out is then still filled as
 * far as possible and must be released.
 */
int address_normalize(const char *line, const char *unit, const char *city,
		      const char *state, const char *zip, struct address *out);
void address_release(struct address *a);

/* A whole address in one field cut into the parts address_normalize()
 * takes: cleaned text (upper case, single spaces, as address_normalize()
 * reads it), not yet standardised. Every string is owned by the struct
 * (address_parts_release() frees them); a member is NULL when absent. */
struct address_parts {
	char *line;	/* "500 N STATE ST APT 3" */
	char *city;	/* "CHICAGO" */
	char *state;	/* "IL", or a full name: "NEW YORK" */
	char *zip;	/* "60654", "60654-1234" */
};

/*
 * Splits a trailing city, state and ZIP off an address written in one field,
 * as RESO's UnparsedAddress may be: "1234 S Martin Luther King Dr, Chicago,
 * IL 60637", "... Dr Chicago IL 60637-1234", "500 N State St Apt 3, Chicago,
 * Illinois 60654". parts is overwritten. The state (a 2-letter code or a full
 * name) must end the text or come just before the ZIP; without a ZIP it must
 * follow a comma or be a 2-letter code after a city, so "100 Kansas Ave" and
 * "123 Main St" stay street lines. Returns 1 when it split, 0 when full is a
 * street line alone (parts->line holds it), -1 when full is empty or absent.
 *
 * Limits: commas settle where the street ends and the city begins. Without
 * them the street is taken to end at its last number (house, unit, box,
 * highway), common suffix (ST, AVE, DR, RD, BLVD, ... in any C1 form), unit,
 * or abbreviated directional after one, else at its first other C1 suffix;
 * so a street with no suffix ("4030 Broadway New York NY") keeps the city in
 * its line, a spelled-out postdirectional ("1st Ave North Birmingham") is
 * taken for the start of the city, as in "North Las Vegas", and a city named
 * like a street ("Lake Forest" after "Hidden Valley") may lose a word to it.
 * A Saint city is known by an "ST" right after a suffix ("Main St St Louis",
 * "Main St Port St Lucie"). A 3- or 4-digit ZIP is not recognised in one
 * field; a country at the end is ignored only after a comma ("..., USA").
 */
int address_split(const char *full, struct address_parts *parts);
void address_parts_release(struct address_parts *parts);

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
