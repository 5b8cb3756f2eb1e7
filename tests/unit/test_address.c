/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/address.c: USPS Publication 28 normalisation, its
 * tables checked against ../shared/data/usps, and real Sacramento streets. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "buf.h"
#include "csv_reader.h"
#include "tap.h"

#define DATA "../shared/data/"

struct rows {
	char *text;
	char **line;
	size_t n;
};

static void skip(const char *what)
{
	printf("ok %d # skip %s: " DATA " absent\n", ++tap_count, what);
}

/* Reads path and cuts it into lines at LF, CR or CRLF; -1 if unreadable. */
static int rows_read(const char *path, struct rows *r)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096], *p;
	size_t got;

	if (!f)
		return -1;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, got);
	fclose(f);
	r->text = buf_detach(&b);
	r->line = malloc((strlen(r->text) + 1) * sizeof(*r->line));
	r->n = 0;
	for (p = r->text; *p; ) {
		r->line[r->n++] = p;
		p += strcspn(p, "\r\n");
		if (*p == '\r' && p[1] == '\n')
			*p++ = '\0';
		if (*p)
			*p++ = '\0';
	}
	return 0;
}

static void rows_release(struct rows *r)
{
	free(r->text);
	free(r->line);
}

/* Cuts a line without quotes into at most max fields in place. */
static size_t fields(char *line, char **f, size_t max)
{
	size_t n = 0;

	f[n++] = line;
	while (n < max && (line = strchr(line, ','))) {
		*line++ = '\0';
		f[n++] = line;
	}
	return n;
}

static void lower(const char *s, char *out, size_t size)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < size; i++)
		out[i] = tolower((unsigned char)s[i]);
	out[i] = '\0';
}

static void test_suffix_table(void)
{
	struct rows r;
	size_t i, bad = 0, self = 0, primary = 0;
	char *f[4], low[32];

	if (rows_read(DATA "usps/street-suffixes.csv", &r) < 0) {
		skip("street suffixes");
		return;
	}
	check_str(r.line[0], "primary_street_suffix_name,commonly_used_suffix_or_abbreviation,"
		  "usps_standard_suffix_abbreviation,primary_row", "C1 header");
	for (i = 1; i < r.n; i++) {
		const char *got;

		if (fields(r.line[i], f, 4) < 3)
			continue;
		lower(f[1], low, sizeof(low));
		got = address_suffix_abbrev(low);
		if (!got || strcmp(got, f[2]) != 0) {
			printf("# %s -> %s, want %s\n", f[1], got ? got : "(null)", f[2]);
			bad++;
		}
		/* A standard abbreviation that is not a listed form maps to itself. */
		got = address_suffix_abbrev(f[2]);
		if (!got)
			self++;
		/* C1 lists some primary names (PLACE) only as primary names. */
		lower(f[0], low, sizeof(low));
		got = address_suffix_abbrev(low);
		if (!got || strcmp(got, f[2]) != 0) {
			printf("# primary %s -> %s, want %s\n", f[0], got ? got : "(null)", f[2]);
			primary++;
		}
	}
	check_int(bad, 0, "every C1 form maps to its standard abbreviation");
	check_int(self, 0, "every C1 standard abbreviation is known");
	check_int(primary, 0, "every C1 primary name maps to its standard abbreviation");
	check_int(address_suffix_count(), r.n - 1, "C1 table has as many forms as the publication");
	rows_release(&r);
}

static void test_unit_table(void)
{
	struct rows r;
	size_t i, bad = 0;
	char *f[3], low[32];

	if (rows_read(DATA "usps/unit-designators.csv", &r) < 0) {
		skip("unit designators");
		return;
	}
	check_str(r.line[0], "description,approved_abbreviation,requires_secondary_range",
		  "C2 header");
	for (i = 1; i < r.n; i++) {
		const char *a, *b;

		if (fields(r.line[i], f, 3) < 3)
			continue;
		lower(f[0], low, sizeof(low));
		a = address_unit_abbrev(low);
		b = address_unit_abbrev(f[1]);
		if (!a || !b || strcmp(a, f[1]) || strcmp(b, f[1]) ||
		    address_unit_needs_range(f[1]) != (f[2][0] == 'Y')) {
			printf("# %s %s %s does not match: %s -> %s, %s -> %s\n", f[0], f[1], f[2],
			       f[0], a ? a : "(null)", f[1], b ? b : "(null)");
			bad++;
		}
	}
	check_int(bad, 0, "every C2 designator, abbreviation and range rule matches");
	check_int(address_unit_count(), r.n - 1,
		  "C2 table has as many designators as the publication");
	rows_release(&r);
}

static void test_lookups(void)
{
	check_str(address_suffix_abbrev("Avenue"), "AVE", "suffix Avenue");
	check_str(address_suffix_abbrev("av"), "AVE", "suffix av");
	check_str(address_suffix_abbrev("Ave."), "AVE", "suffix Ave.");
	check_str(address_suffix_abbrev("STREET"), "ST", "suffix STREET");
	check_str(address_suffix_abbrev("Parkways"), "PKWY", "suffix Parkways");
	check_str(address_suffix_abbrev("ML"), "ML", "suffix ML is its own abbreviation");
	check_str(address_suffix_abbrev("mdw"), "MDWS", "suffix MDW is a form of MEADOWS");
	check_str(address_suffix_abbrev("Main"), NULL, "suffix Main is none");
	check_str(address_suffix_abbrev(""), NULL, "suffix empty");
	check_str(address_suffix_abbrev(NULL), NULL, "suffix NULL");
	check_str(address_unit_abbrev("Apartment"), "APT", "unit Apartment");
	check_str(address_unit_abbrev("ste"), "STE", "unit ste");
	check_str(address_unit_abbrev("Penthouse"), "PH", "unit Penthouse");
	check_str(address_unit_abbrev("#"), "#", "unit #");
	check_str(address_unit_abbrev("Flat"), NULL, "unit Flat is none");
	check_int(address_unit_needs_range("rear"), 0, "REAR stands alone");
	check_int(address_unit_needs_range("Apt"), 1, "APT needs a range");
	check_int(address_unit_needs_range("#"), 1, "# needs a range");
	check_int(address_unit_needs_range("Main"), -1, "Main is no designator");
	check_str(address_directional_abbrev("North"), "N", "directional North");
	check_str(address_directional_abbrev("north  east"), "NE", "directional north  east");
	check_str(address_directional_abbrev("NORTHEAST"), "NE", "directional NORTHEAST");
	check_str(address_directional_abbrev("S.W."), "SW", "directional S.W.");
	check_str(address_directional_abbrev("w"), "W", "directional w");
	check_str(address_directional_abbrev("Up"), NULL, "directional Up is none");
	check_str(address_state_code("nevada"), "NV", "state nevada");
	check_str(address_state_code("NV"), "NV", "state NV");
	check_str(address_state_code("new  york"), "NY", "state new  york");
	check_str(address_state_code("District of Columbia"), "DC", "state District of Columbia");
	check_str(address_state_code("Washington, D.C."), "DC", "state Washington, D.C.");
	check_str(address_state_code("Washington"), "WA", "state Washington");
	check_str(address_state_code("Puerto Rico"), "PR", "state Puerto Rico");
	check_str(address_state_code("U.S. Virgin Islands"), "VI", "state U.S. Virgin Islands");
	check_str(address_state_code("guam"), "GU", "state guam");
	check_str(address_state_code("Armed Forces Pacific"), "AP", "state Armed Forces Pacific");
	check_str(address_state_code("Ontario"), NULL, "state Ontario is none");
}

struct norm_case {
	const char *line, *unit, *city, *state, *zip;
	const char *want;	/* "line|unit|city|state|zip", "~" for NULL */
};

static const struct norm_case cases[] = {
	/* suffixes: only the last word, and never the whole name */
	{ "123 Main Street", NULL, NULL, NULL, NULL, "123 MAIN ST|~|~|~|~" },
	{ "123 Park Ave", NULL, NULL, NULL, NULL, "123 PARK AVE|~|~|~|~" },
	{ "500 Elm Avenue", NULL, NULL, NULL, NULL, "500 ELM AVE|~|~|~|~" },
	{ "77 Sunset Boulevard", NULL, NULL, NULL, NULL, "77 SUNSET BLVD|~|~|~|~" },
	{ "9 oak av", NULL, NULL, NULL, NULL, "9 OAK AVE|~|~|~|~" },
	{ "12 Pine Hollows", NULL, NULL, NULL, NULL, "12 PINE HOLW|~|~|~|~" },
	{ "42 Green Meadows", NULL, NULL, NULL, NULL, "42 GREEN MDWS|~|~|~|~" },
	{ "123 Avenue of the Stars", NULL, NULL, NULL, NULL, "123 AVENUE OF THE STARS|~|~|~|~" },
	{ "1 Court", NULL, NULL, NULL, NULL, "1 COURT|~|~|~|~" },
	{ "8 Crossing Parkway", NULL, NULL, NULL, NULL, "8 CROSSING PKWY|~|~|~|~" },
	{ "11281 Stanford Court Lane", NULL, NULL, NULL, NULL, "11281 STANFORD COURT LN|~|~|~|~" },
	{ "9970 State Highway 193", NULL, NULL, NULL, NULL, "9970 STATE HIGHWAY 193|~|~|~|~" },
	/* directionals: first word after the number or last word */
	{ "123 North Main Street", NULL, NULL, NULL, NULL, "123 N MAIN ST|~|~|~|~" },
	{ "123 Main St North", NULL, NULL, NULL, NULL, "123 MAIN ST N|~|~|~|~" },
	{ "100 North St", NULL, NULL, NULL, NULL, "100 NORTH ST|~|~|~|~" },
	{ "100 N St", NULL, NULL, NULL, NULL, "100 N ST|~|~|~|~" },
	{ "45 Northeast Broadway", NULL, NULL, NULL, NULL, "45 NE BROADWAY|~|~|~|~" },
	{ "45 North East Elm St", NULL, NULL, NULL, NULL, "45 NE ELM ST|~|~|~|~" },
	{ "45 Elm St South West", NULL, NULL, NULL, NULL, "45 ELM ST SW|~|~|~|~" },
	{ "123 North East St", NULL, NULL, NULL, NULL, "123 N EAST ST|~|~|~|~" },
	{ "15300 Murieta South Pkwy", NULL, NULL, NULL, NULL, "15300 MURIETA SOUTH PKWY|~|~|~|~" },
	{ "2 s. west ave.", NULL, NULL, NULL, NULL, "2 S WEST AVE|~|~|~|~" },
	{ "1 Park Ave South", NULL, NULL, NULL, NULL, "1 PARK AVE S|~|~|~|~" },
	{ "100 West", NULL, NULL, NULL, NULL, "100 WEST|~|~|~|~" },
	/* units inside the line */
	{ "123 Main St Apt 4", NULL, NULL, NULL, NULL, "123 MAIN ST|APT 4|~|~|~" },
	{ "123 Main St #4", NULL, NULL, NULL, NULL, "123 MAIN ST|# 4|~|~|~" },
	{ "123 Main St Unit 7", NULL, NULL, NULL, NULL, "123 MAIN ST|UNIT 7|~|~|~" },
	{ "123 Main Street Apartment 4B", NULL, NULL, NULL, NULL, "123 MAIN ST|APT 4B|~|~|~" },
	{ "200 Commerce Way Suite 200", NULL, NULL, NULL, NULL, "200 COMMERCE WAY|STE 200|~|~|~" },
	{ "200 Commerce Way Ste. 200", NULL, NULL, NULL, NULL, "200 COMMERCE WAY|STE 200|~|~|~" },
	{ "123 Main St Rear", NULL, NULL, NULL, NULL, "123 MAIN ST|REAR|~|~|~" },
	{ "12 Oak Ln Penthouse", NULL, NULL, NULL, NULL, "12 OAK LN|PH|~|~|~" },
	{ "100 Sunny Side", NULL, NULL, NULL, NULL, "100 SUNNY SIDE|~|~|~|~" },
	{ "100 Front St", NULL, NULL, NULL, NULL, "100 FRONT ST|~|~|~|~" },
	{ "123 Main St Apt #5", NULL, NULL, NULL, NULL, "123 MAIN ST|APT 5|~|~|~" },
	{ "123 Main St., Apt. 4", NULL, NULL, NULL, NULL, "123 MAIN ST|APT 4|~|~|~" },
	{ "123 Main St Apt-4", NULL, NULL, NULL, NULL, "123 MAIN ST|APT 4|~|~|~" },
	{ "12 Oak Ln Bldg 5 Apt 3", NULL, NULL, NULL, NULL, "12 OAK LN|BLDG 5 APT 3|~|~|~" },
	{ "4030 Broadway Apt 5", NULL, NULL, NULL, NULL, "4030 BROADWAY|APT 5|~|~|~" },
	{ "123 Main St N Apt 2", NULL, NULL, NULL, NULL, "123 MAIN ST N|APT 2|~|~|~" },
	{ "12 Main St Rm B-2", NULL, NULL, NULL, NULL, "12 MAIN ST|RM B-2|~|~|~" },
	{ "123 Main St #", NULL, NULL, NULL, NULL, "123 MAIN ST|~|~|~|~" },
	{ "123 Main Street Apt", NULL, NULL, NULL, NULL, "123 MAIN ST|APT|~|~|~" },
	{ "123 Main St Spc 45", NULL, NULL, NULL, NULL, "123 MAIN ST|SPC 45|~|~|~" },
	{ "123 Old Key Rd", NULL, NULL, NULL, NULL, "123 OLD KEY RD|~|~|~|~" },
	{ "123 S.W. Harbor Blvd Ste. 100-A", NULL, NULL, NULL, NULL,
	  "123 SW HARBOR BLVD|STE 100-A|~|~|~" },
	/* units given apart */
	{ "123 Main St", "Apartment 4", NULL, NULL, NULL, "123 MAIN ST|APT 4|~|~|~" },
	{ "123 Main St", "#12", NULL, NULL, NULL, "123 MAIN ST|# 12|~|~|~" },
	{ "123 Main St", "4B", NULL, NULL, NULL, "123 MAIN ST|# 4B|~|~|~" },
	{ "123 Main St", "rear", NULL, NULL, NULL, "123 MAIN ST|REAR|~|~|~" },
	{ "123 Main St Apt 4", "  ", NULL, NULL, NULL, "123 MAIN ST|APT 4|~|~|~" },
	{ "123 Main St Apt 4", "apt. 4", NULL, NULL, NULL, "123 MAIN ST|APT 4|~|~|~" },
	{ "123 Main St Apt 4", "Ste 9", NULL, NULL, NULL, "123 MAIN ST APT 4|STE 9|~|~|~" },
	{ "123 Main St Apartment 4", "Ste 9", NULL, NULL, NULL, "123 MAIN ST APT 4|STE 9|~|~|~" },
	{ "123 Main St", "#", NULL, NULL, NULL, "123 MAIN ST|~|~|~|~" },
	/* house numbers */
	{ "123-125 Main St", NULL, NULL, NULL, NULL, "123-125 MAIN ST|~|~|~|~" },
	{ "123 1/2 Main St", NULL, NULL, NULL, NULL, "123 1/2 MAIN ST|~|~|~|~" },
	{ "12b Elm St", NULL, NULL, NULL, NULL, "12B ELM ST|~|~|~|~" },
	{ "P.O. Box 42", NULL, NULL, NULL, NULL, "PO BOX 42|~|~|~|~" },
	{ "O'Brien Rd", NULL, NULL, NULL, NULL, "OBRIEN RD|~|~|~|~" },
	/* messy white space and case */
	{ "  123   main    STREET  ", NULL, NULL, NULL, NULL, "123 MAIN ST|~|~|~|~" },
	{ "123\tMain\tSt\n", NULL, NULL, NULL, NULL, "123 MAIN ST|~|~|~|~" },
	/* C1 primary names that C1 lists only as primary names */
	{ "55 Windsor Place", NULL, NULL, NULL, NULL, "55 WINDSOR PL|~|~|~|~" },
	{ "14 Highland Heights", NULL, NULL, NULL, NULL, "14 HIGHLAND HTS|~|~|~|~" },
	{ "301 Cedar Inlet", NULL, NULL, NULL, NULL, "301 CEDAR INLT|~|~|~|~" },
	{ "8 Old Mission", NULL, NULL, NULL, NULL, "8 OLD MSN|~|~|~|~" },
	{ "22 Lake Extensions", NULL, NULL, NULL, NULL, "22 LAKE EXTS|~|~|~|~" },
	{ "2100 Mission St", NULL, NULL, NULL, NULL, "2100 MISSION ST|~|~|~|~" },
	/* a postdirectional before the suffix goes after it */
	{ "3301 NEW MEXICO NW AV", NULL, NULL, NULL, NULL, "3301 NEW MEXICO AVE NW|~|~|~|~" },
	{ "1100 Ocean SE Dr Apt 2", NULL, NULL, NULL, NULL, "1100 OCEAN DR SE|APT 2|~|~|~" },
	{ "1550 W North Ave", NULL, NULL, NULL, NULL, "1550 W NORTH AVE|~|~|~|~" },
	{ "100 E N St", NULL, NULL, NULL, NULL, "100 E N ST|~|~|~|~" },
	{ "12 Old North Rd", NULL, NULL, NULL, NULL, "12 OLD NORTH RD|~|~|~|~" },
	/* an ordinal before a designator is a unit */
	{ "100 Gold Street 2nd Fl", NULL, NULL, NULL, NULL, "100 GOLD ST|FL 2|~|~|~" },
	{ "85 Broad St 3rd Floor", NULL, NULL, NULL, NULL, "85 BROAD ST|FL 3|~|~|~" },
	{ "120 Broadway 32nd Floor", NULL, NULL, NULL, NULL, "120 BROADWAY|FL 32|~|~|~" },
	{ "12 Main St, Second Floor", NULL, NULL, NULL, NULL, "12 MAIN ST|FL 2|~|~|~" },
	{ "85 Broad St", "3rd Floor", NULL, NULL, NULL, "85 BROAD ST|FL 3|~|~|~" },
	{ "12 Main St", "Ste 300, 2nd Fl", NULL, NULL, NULL, "12 MAIN ST|STE 300 FL 2|~|~|~" },
	{ "100 W 2nd St", NULL, NULL, NULL, NULL, "100 W 2ND ST|~|~|~|~" },
	{ "1 5th Ave Apt 3", NULL, NULL, NULL, NULL, "1 5TH AVE|APT 3|~|~|~" },
	/* a unit before the house number */
	{ "Apt 1B 626 E Kilbourn Ave", NULL, NULL, NULL, NULL, "626 E KILBOURN AVE|APT 1B|~|~|~" },
	{ "Suite 1800 77 W Wacker Dr", NULL, NULL, NULL, NULL, "77 W WACKER DR|STE 1800|~|~|~" },
	{ "#12 450 Sutter St", NULL, NULL, NULL, NULL, "450 SUTTER ST|# 12|~|~|~" },
	{ "Apt. 3, 21 Beacon St.", NULL, NULL, NULL, NULL, "21 BEACON ST|APT 3|~|~|~" },
	{ "Rear 12 Elm St", NULL, NULL, NULL, NULL, "12 ELM ST|REAR|~|~|~" },
	{ "Apt 1B 626 E Kilbourn Ave", "Ste 9", NULL, NULL, NULL,
	  "626 E KILBOURN AVE APT 1B|STE 9|~|~|~" },
	{ "Apt 1B 626 E Kilbourn Ave", "apt 1b", NULL, NULL, NULL, "626 E KILBOURN AVE|APT 1B|~|~|~" },
	/* units glued to their designator, bare, or written twice */
	{ "123 Main St Apt4B", NULL, NULL, NULL, NULL, "123 MAIN ST|APT 4B|~|~|~" },
	{ "123 Main St", "STE200", NULL, NULL, NULL, "123 MAIN ST|STE 200|~|~|~" },
	{ "123 Main St 4B", NULL, NULL, NULL, NULL, "123 MAIN ST|# 4B|~|~|~" },
	{ "1 Park Ave S 12", NULL, NULL, NULL, NULL, "1 PARK AVE S|# 12|~|~|~" },
	{ "123 Main St 4B", "4B", NULL, NULL, NULL, "123 MAIN ST|# 4B|~|~|~" },
	{ "123 Main St Apt 4B", "4B", NULL, NULL, NULL, "123 MAIN ST|APT 4B|~|~|~" },
	{ "123 Main St #4", "Apt 4", NULL, NULL, NULL, "123 MAIN ST|APT 4|~|~|~" },
	{ "12 Main St, Space No. 5", NULL, NULL, NULL, NULL, "12 MAIN ST|SPC 5|~|~|~" },
	{ "12 Main St", "Apt Number 5", NULL, NULL, NULL, "12 MAIN ST|APT 5|~|~|~" },
	{ "100 Loop 410", NULL, NULL, NULL, NULL, "100 LOOP 410|~|~|~|~" },
	{ "2100 State Route 9", NULL, NULL, NULL, NULL, "2100 STATE ROUTE 9|~|~|~|~" },
	{ "100 E Avenue 52", NULL, NULL, NULL, NULL, "100 E AVENUE 52|~|~|~|~" },
	/* numbered roads keep their names spelled out */
	{ "1790 US Hwy 421 N", NULL, NULL, NULL, NULL, "1790 US HIGHWAY 421 N|~|~|~|~" },
	{ "5300 Hwy 50", NULL, NULL, NULL, NULL, "5300 HIGHWAY 50|~|~|~|~" },
	{ "100 CR 12", NULL, NULL, NULL, NULL, "100 COUNTY ROAD 12|~|~|~|~" },
	{ "100 Co. Rd. 12", NULL, NULL, NULL, NULL, "100 COUNTY ROAD 12|~|~|~|~" },
	{ "620 Pacific Coast Highway", NULL, NULL, NULL, NULL, "620 PACIFIC COAST HWY|~|~|~|~" },
	/* punctuation */
	{ "39.2 Rd", NULL, NULL, NULL, NULL, "39.2 RD|~|~|~|~" },
	{ "12 O\u2019Brien Rd", NULL, NULL, NULL, NULL, "12 OBRIEN RD|~|~|~|~" },
	{ "12\u00a0Main\u00a0St", NULL, NULL, NULL, NULL, "12 MAIN ST|~|~|~|~" },
	{ "12 N.Main St", NULL, NULL, NULL, NULL, "12 N MAIN ST|~|~|~|~" },
	{ "10 N. E. Broadway", NULL, NULL, NULL, NULL, "10 NE BROADWAY|~|~|~|~" },
	/* PO boxes, rural routes, highway contract routes, military */
	{ "PO Box #77", NULL, NULL, NULL, NULL, "PO BOX 77|~|~|~|~" },
	{ "P.O. Box 77", NULL, NULL, NULL, NULL, "PO BOX 77|~|~|~|~" },
	{ "POB 77", NULL, NULL, NULL, NULL, "PO BOX 77|~|~|~|~" },
	{ "P.O.B. 77", NULL, NULL, NULL, NULL, "PO BOX 77|~|~|~|~" },
	{ "Post Office Box 77", NULL, NULL, NULL, NULL, "PO BOX 77|~|~|~|~" },
	{ "p o box 0077", NULL, NULL, NULL, NULL, "PO BOX 0077|~|~|~|~" },
	{ "Drawer 5", NULL, NULL, NULL, NULL, "PO BOX 5|~|~|~|~" },
	{ "Box 77", NULL, NULL, NULL, NULL, "BOX 77|~|~|~|~" },
	{ "rr # 3 box 212", NULL, NULL, NULL, NULL, "RR 3 BOX 212|~|~|~|~" },
	{ "Rural Route 3 Box 212", NULL, NULL, NULL, NULL, "RR 3 BOX 212|~|~|~|~" },
	{ "RFD 3", NULL, NULL, NULL, NULL, "RR 3|~|~|~|~" },
	{ "R.D. 2 Box 40", NULL, NULL, NULL, NULL, "RR 2 BOX 40|~|~|~|~" },
	{ "RR 03 Box No. 5", NULL, NULL, NULL, NULL, "RR 3 BOX 5|~|~|~|~" },
	{ "HC 1 Box 5", NULL, NULL, NULL, NULL, "HC 1 BOX 5|~|~|~|~" },
	{ "Star Route 1, Box 5", NULL, NULL, NULL, NULL, "HC 1 BOX 5|~|~|~|~" },
	{ "Highway Contract Route 2 Box 10", NULL, NULL, NULL, NULL, "HC 2 BOX 10|~|~|~|~" },
	{ "PSC 1234 Box 5678", NULL, "APO", "AE", "09204", "PSC 1234 BOX 5678|~|APO|AE|09204" },
	{ "UNIT 2050 BOX 4190", NULL, "apo", "ap", "96278", "UNIT 2050 BOX 4190|~|APO|AP|96278" },
	{ "CMR 402 Box 1234", NULL, "APO", "Armed Forces Europe", "09180",
	  "CMR 402 BOX 1234|~|APO|AE|09180" },
	{ "Unit 5 1200 W Monroe St", NULL, NULL, NULL, NULL, "1200 W MONROE ST|UNIT 5|~|~|~" },
	{ "26 Route 46", NULL, NULL, NULL, NULL, "26 ROUTE 46|~|~|~|~" },
	/* a whole address in the line when city, state and ZIP are empty */
	{ "1234 S Martin Luther King Dr, Chicago, IL 60637", NULL, NULL, "", " ",
	  "1234 S MARTIN LUTHER KING DR|~|CHICAGO|IL|60637" },
	{ "500 N State St Apt 3 Chicago IL 60654-1234", NULL, NULL, NULL, NULL,
	  "500 N STATE ST|APT 3|CHICAGO|IL|60654" },
	{ "100 Kansas Ave", NULL, NULL, NULL, NULL, "100 KANSAS AVE|~|~|~|~" },
	{ "1234 S Martin Luther King Dr, Chicago, IL 60637", NULL, NULL, NULL, "60601",
	  "1234 S MARTIN LUTHER KING DR CHICAGO IL 60637|~|~|~|60601" },
	/* city, state, ZIP */
	{ "1 A St", NULL, "Chicago", "IL", "60642\u20142534", "1 A ST|~|CHICAGO|IL|60642" },
	{ "1 A St", NULL, "Chicago", "IL", "60642\u20132534", "1 A ST|~|CHICAGO|IL|60642" },
	{ "1 A St", NULL, "Chicago", "IL", "60642 2534", "1 A ST|~|CHICAGO|IL|60642" },
	{ "1 A St", NULL, "Chicago", "IL", "60642 - 2534", "1 A ST|~|CHICAGO|IL|60642" },
	{ "1 A St", NULL, NULL, NULL, "60642\u20142", "1 A ST|~|~|~|~" },
	{ "1 A St", NULL, "  las   vegas ", "Nevada", "89101-1234", "1 A ST|~|LAS VEGAS|NV|89101" },
	{ "1 A St", NULL, "St. Louis", "mo", "631011234", "1 A ST|~|ST LOUIS|MO|63101" },
	{ "1 A St", NULL, "Winston-Salem", "North Carolina", " 27101 ",
	  "1 A ST|~|WINSTON SALEM|NC|27101" },
	{ "1 A St", NULL, "Boston", "MA", "2134", "1 A ST|~|BOSTON|MA|02134" },
	{ "1 A St", NULL, "Washington", "Washington, D.C.", "20001",
	  "1 A ST|~|WASHINGTON|DC|20001" },
	{ "1 A St", NULL, "San Juan", "Puerto Rico", "00901", "1 A ST|~|SAN JUAN|PR|00901" },
	{ "1 A St", NULL, "Toronto", "Ontario", "M5V 2T6", "1 A ST|~|TORONTO|ONTARIO|~" },
	{ "1 A St", NULL, "", "", "8910x", "1 A ST|~|~|~|~" },
	{ "1 A St", NULL, NULL, NULL, "123456", "1 A ST|~|~|~|~" },
	{ "1 A St", NULL, NULL, NULL, "89101-12", "1 A ST|~|~|~|~" },
};

static char *joined(const struct address *a)
{
	struct buf b = BUF_INIT;
	const char *part[] = { a->line, a->unit, a->city, a->state, a->zip };

	for (size_t i = 0; i < 5; i++)
		buf_printf(&b, "%s%s", i ? "|" : "", part[i] ? part[i] : "~");
	return buf_detach(&b);
}

/* Adds s to b in quotes, control characters escaped to keep TAP whole. */
static void add_quoted(struct buf *b, const char *s)
{
	if (!s) {
		buf_adds(b, "(null)");
		return;
	}
	buf_addc(b, '"');
	for (; *s; s++)
		if (iscntrl((unsigned char)*s))
			buf_printf(b, "\\x%02x", (unsigned char)*s);
		else
			buf_addc(b, *s);
	buf_addc(b, '"');
}

static void test_cases(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct norm_case *c = &cases[i];
		struct address a;
		struct buf what = BUF_INIT;
		char *got;
		int rc;

		rc = address_normalize(c->line, c->unit, c->city, c->state, c->zip, &a);
		got = joined(&a);
		if (rc)
			got[0] = '!';
		buf_adds(&what, "normalize ");
		add_quoted(&what, c->line);
		buf_adds(&what, " unit ");
		add_quoted(&what, c->unit);
		check_str(got, c->want, what.data);
		free(got);
		buf_release(&what);
		address_release(&a);
	}
}

static char *key_of(const char *line, const char *unit, const char *zip)
{
	struct address a;
	char *k;

	address_normalize(line, unit, "Las Vegas", "NV", zip, &a);
	k = a.key;
	a.key = NULL;
	address_release(&a);
	return k;
}

static void test_keys(void)
{
	char *a = key_of("123 north main street apt 4", NULL, "89101");
	char *b = key_of("123 N Main St", "Apartment 4", "89101-0001");
	char *c = key_of("123 N. Main St. #4", NULL, "89101");
	char *d = key_of("123 Main St", NULL, NULL);

	check_str(a, "123 N MAIN ST|APT 4|89101", "key with unit in line");
	check_str(b, a, "Apartment 4 apart matches Apt 4 in line");
	check_str(c, "123 N MAIN ST|# 4|89101", "key with #");
	check(strcmp(a, c) != 0, "# 4 and APT 4 differ, as in Pub 28");
	check_str(d, "123 MAIN ST||", "key without unit or zip");
	free(a);
	free(b);
	free(c);
	free(d);
}

static void test_no_line(void)
{
	struct address a;

	check_int(address_normalize(NULL, "Apt 3", "Reno", "nevada", "89501", &a), -1,
		  "absent line returns -1");
	check_str(a.line, NULL, "absent line gives NULL line");
	check_str(a.key, NULL, "absent line gives NULL key");
	check_str(a.unit, "APT 3", "absent line still fills unit");
	check_str(a.state, "NV", "absent line still fills state");
	address_release(&a);
	check_int(address_normalize(" ,. ", NULL, NULL, NULL, NULL, &a), -1,
		  "punctuation-only line returns -1");
	check_str(a.city, NULL, "NULL city stays NULL");
	address_release(&a);
	check_str(a.line, NULL, "address_release clears the struct");
}

static const struct {
	const char *full;
	int rc;
	const char *want;	/* "line|city|state|zip", "~" for NULL */
} splits[] = {
	{ "1234 S Martin Luther King Dr, Chicago, IL 60637", 1,
	  "1234 S MARTIN LUTHER KING DR|CHICAGO|IL|60637" },
	{ "1234 S Martin Luther King Dr Chicago IL 60637-1234", 1,
	  "1234 S MARTIN LUTHER KING DR|CHICAGO|IL|60637-1234" },
	{ "500 N State St Apt 3, Chicago, IL 60654", 1, "500 N STATE ST APT 3|CHICAGO|IL|60654" },
	{ "500 N State St Apt 3 Chicago IL 60654", 1, "500 N STATE ST APT 3|CHICAGO|IL|60654" },
	{ "500 N State St, Apt 3, Chicago, Illinois 60654 2534", 1,
	  "500 N STATE ST APT 3|CHICAGO|ILLINOIS|60654-2534" },
	{ "1234 S King Dr Chicago, IL 60637", 1, "1234 S KING DR|CHICAGO|IL|60637" },
	{ "55 Windsor Pl Brooklyn New York 11215", 1, "55 WINDSOR PL|BROOKLYN|NEW YORK|11215" },
	{ "1600 Pennsylvania Ave NW Washington DC 20500", 1,
	  "1600 PENNSYLVANIA AVE NW|WASHINGTON|DC|20500" },
	{ "123 Main St Palm Springs CA 92262", 1, "123 MAIN ST|PALM SPRINGS|CA|92262" },
	{ "500 Lake Shore Dr Lake Forest IL 60045", 1, "500 LAKE SHORE DR|LAKE FOREST|IL|60045" },
	{ "123 Main St St Louis MO 63101", 1, "123 MAIN ST|ST LOUIS|MO|63101" },
	{ "123 Main St Port St Lucie FL 34952", 1, "123 MAIN ST|PORT ST LUCIE|FL|34952" },
	{ "1 W Court St Chicago IL 60602", 1, "1 W COURT ST|CHICAGO|IL|60602" },
	{ "350 W 42nd St New York NY 10036", 1, "350 W 42ND ST|NEW YORK|NY|10036" },
	{ "9970 State Highway 193 Placerville CA 95667", 1,
	  "9970 STATE HIGHWAY 193|PLACERVILLE|CA|95667" },
	{ "18 Fox Run Holmdel NJ 07733", 1, "18 FOX RUN|HOLMDEL|NJ|07733" },
	{ "Apt 1B 626 E Kilbourn Ave Milwaukee WI 53202", 1,
	  "APT 1B 626 E KILBOURN AVE|MILWAUKEE|WI|53202" },
	{ "100 Gold St 2nd Fl New York NY 10038", 1, "100 GOLD ST 2ND FL|NEW YORK|NY|10038" },
	{ "PO Box 5, St Louis, MO 63101", 1, "PO BOX 5|ST LOUIS|MO|63101" },
	{ "RR 3 Box 212 Bloomfield IA 52537", 1, "RR 3 BOX 212|BLOOMFIELD|IA|52537" },
	{ "PSC 802 Box 74 APO AE 09499", 1, "PSC 802 BOX 74|APO|AE|09499" },
	{ "123 Main St, Springfield, Illinois", 1, "123 MAIN ST|SPRINGFIELD|ILLINOIS|~" },
	{ "2 Penn Plz New York NY", 1, "2 PENN PLZ|NEW YORK|NY|~" },
	{ "1 Main St, Boston, MA 02116, USA", 1, "1 MAIN ST|BOSTON|MA|02116" },
	{ "12 Chicago Ave Evanston IL 60202", 1, "12 CHICAGO AVE|EVANSTON|IL|60202" },
	/* a limit: no suffix, no comma, so the city stays in the line */
	{ "4030 Broadway New York NY 10032", 1, "4030 BROADWAY NEW YORK|~|NY|10032" },
	/* street lines stay whole */
	{ "123 Main St", 0, "123 MAIN ST|~|~|~" },
	{ "100 Kansas Ave", 0, "100 KANSAS AVE|~|~|~" },
	{ "100 Kansas", 0, "100 KANSAS|~|~|~" },
	{ "500 Boston Post Rd", 0, "500 BOSTON POST RD|~|~|~" },
	{ "123 Main St Springfield Illinois", 0, "123 MAIN ST SPRINGFIELD ILLINOIS|~|~|~" },
	{ "100 Gold St 2nd Fl", 0, "100 GOLD ST 2ND FL|~|~|~" },
	{ "45 Lake St Ct", 0, "45 LAKE ST CT|~|~|~" },
	{ "100 Main St Ste Ok", 0, "100 MAIN ST STE OK|~|~|~" },
	{ "9970 State Highway 193", 0, "9970 STATE HIGHWAY 193|~|~|~" },
	{ "5 Rue De La Paix", 0, "5 RUE DE LA PAIX|~|~|~" },
	{ " , ", -1, "~|~|~|~" },
	{ NULL, -1, "~|~|~|~" },
};

static void test_split(void)
{
	for (size_t i = 0; i < sizeof(splits) / sizeof(splits[0]); i++) {
		struct address_parts p;
		struct buf got = BUF_INIT, what = BUF_INIT;
		int rc = address_split(splits[i].full, &p);
		const char *part[] = { p.line, p.city, p.state, p.zip };

		for (size_t k = 0; k < 4; k++)
			buf_printf(&got, "%s%s", k ? "|" : "", part[k] ? part[k] : "~");
		buf_adds(&what, "split ");
		add_quoted(&what, splits[i].full);
		check_str(got.data, splits[i].want, what.data);
		check_int(rc, splits[i].rc, what.data);
		address_parts_release(&p);
		check(!p.line && !p.city && !p.state && !p.zip, "address_parts_release clears");
		buf_release(&got);
		buf_release(&what);
	}
}

/* Real rows from the Sacramento file, checked by eye against the raw text. */
static const struct {
	const char *street;
	const char *want;	/* "line|unit|city|state|zip" */
} sacramento[] = {
	{ "3526 HIGH ST", "3526 HIGH ST|~|SACRAMENTO|CA|95838" },
	{ "11150 TRINITY RIVER DR Unit 114",
	  "11150 TRINITY RIVER DR|UNIT 114|RANCHO CORDOVA|CA|95670" },
	{ "5333 PRIMROSE DR Unit 19A", "5333 PRIMROSE DR|UNIT 19A|FAIR OAKS|CA|95628" },
	{ "207 ORANGE BLOSSOM CIR Unit C", "207 ORANGE BLOSSOM CIR|UNIT C|FOLSOM|CA|95630" },
	{ "3715 TALLYHO DR Unit 78HIGH", "3715 TALLYHO DR|UNIT 78HIGH|SACRAMENTO|CA|95826" },
	{ "739 E WOODSIDE LN Unit E", "739 E WOODSIDE LN|UNIT E|SACRAMENTO|CA|95825" },
	{ "3240 S ST", "3240 S ST|~|SACRAMENTO|CA|95816" },
	{ "15300 MURIETA SOUTH PKWY", "15300 MURIETA SOUTH PKWY|~|RANCHO MURIETA|CA|95683" },
	{ "9970 STATE HIGHWAY 193", "9970 STATE HIGHWAY 193|~|PLACERVILLE|CA|95667" },
	{ "3720 VISTA DE MADERA", "3720 VISTA DE MADERA|~|LINCOLN|CA|95648" },
	{ "11281 STANFORD COURT LN Unit 604",
	  "11281 STANFORD COURT LN|UNIT 604|GOLD RIVER|CA|95670" },
	{ "5890 TT TRAK", "5890 TT TRAK|~|FORESTHILL|CA|95631" },
	{ "6306 CONEJO", "6306 CONEJO|~|RANCHO MURIETA|CA|95683" },
};

static int sane(const char *s)
{
	for (; *s; s++)
		if (islower((unsigned char)*s) || (s[0] == ' ' && s[1] == ' '))
			return 0;
	return 1;
}

/* Normalises one row; counts insane results, matches the hand-checked rows. */
static void sacramento_row(char **f, size_t *bad, size_t *seen)
{
	struct address a;
	char *got;

	if (address_normalize(f[0], NULL, f[1], f[3], f[2], &a) < 0 || !sane(a.line) ||
	    (a.unit && !sane(a.unit)) || !a.zip || !a.state || strcmp(a.state, "CA")) {
		printf("# bad row: %s,%s,%s,%s\n", f[0], f[1], f[2], f[3]);
		(*bad)++;
	}
	for (size_t i = 0; i < sizeof(sacramento) / sizeof(sacramento[0]); i++) {
		if (strcmp(f[0], sacramento[i].street) || seen[i]++)
			continue;
		got = joined(&a);
		check_str(got, sacramento[i].want, sacramento[i].street);
		free(got);
	}
	address_release(&a);
}

static void test_sacramento(void)
{
	size_t seen[sizeof(sacramento) / sizeof(sacramento[0])] = { 0 };
	size_t i, bad = 0, n = 0, found = 0;
	struct rows r;
	char *f[12];

	if (rows_read(DATA "sales/sacramento-2008.csv", &r) < 0) {
		skip("sacramento sales");
		return;
	}
	check(strncmp(r.line[0], "street,city,zip,state,", 22) == 0, "sacramento header");
	for (i = 1; i < r.n; i++) {
		if (strchr(r.line[i], '"') || fields(r.line[i], f, 12) != 12) {
			printf("# row %zu is not 12 plain fields\n", i + 1);
			bad++;
			continue;
		}
		sacramento_row(f, &bad, seen);
		n++;
	}
	for (i = 0; i < sizeof(seen) / sizeof(seen[0]); i++)
		found += seen[i] > 0;
	check_int(n, 985, "every sacramento row read");
	check_int(bad, 0, "every sacramento street normalises cleanly");
	check_int(found, sizeof(seen) / sizeof(seen[0]), "every hand-checked row found");
	rows_release(&r);
}

/* The hand-labelled set: raw line, unit, city, state, ZIP and the five
 * parts as Pub 28 standardises them ("" for none). */
#define LABELLED "testdata/address/labelled.csv"
#define LABELLED_COLS 10

struct labelled {
	char **v;	/* n rows of LABELLED_COLS fields, each owned */
	size_t n;
};

static int labelled_read(struct labelled *l)
{
	struct csv_reader *r = csv_reader_open(LABELLED, 0);
	struct csv_row row;
	enum csv_reader_status st;
	int header = 1;

	l->v = NULL;
	l->n = 0;
	if (!r)
		return -1;
	while ((st = csv_reader_next(r, &row)) == CSV_READER_ROW) {
		if (header || row.nfields != LABELLED_COLS) {
			if (!header)
				printf("# %s:%ld: %zu fields\n", LABELLED, row.line, row.nfields);
			header = 0;
			continue;
		}
		l->v = realloc(l->v, (l->n + 1) * LABELLED_COLS * sizeof(*l->v));
		for (size_t i = 0; i < LABELLED_COLS; i++)
			l->v[l->n * LABELLED_COLS + i] = strdup(row.fields[i]);
		l->n++;
	}
	csv_reader_close(r);
	return st == CSV_READER_EOF ? 0 : -1;
}

static void labelled_release(struct labelled *l)
{
	for (size_t i = 0; i < l->n * LABELLED_COLS; i++)
		free(l->v[i]);
	free(l->v);
}

/* A unit written without a designator ("4B") needs a '#' inside a line. */
static int bare_unit(const char *unit)
{
	char word[32];
	size_t n = strcspn(unit, " ");

	if (unit[0] == '#' || n >= sizeof(word))
		return 0;
	memcpy(word, unit, n);
	word[n] = '\0';
	if (address_unit_abbrev(word))
		return 0;
	return !(unit[n] == ' ' && address_unit_abbrev(unit + n + 1));
}

/* The unit inside the line: "100 Gold St" and "2nd Fl" -> "100 Gold St 2nd Fl". */
static char *unit_in_line(const char *line, const char *unit)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, line);
	if (*unit)
		buf_printf(&b, " %s%s", bare_unit(unit) ? "#" : "", unit);
	return buf_detach(&b);
}

static char *want_of(char *const *f)
{
	struct buf b = BUF_INIT;

	for (size_t i = 5; i < LABELLED_COLS; i++)
		buf_printf(&b, "%s%s", i > 5 ? "|" : "", *f[i] ? f[i] : "~");
	return buf_detach(&b);
}

/* The forms an address is given in: the unit apart, the unit in the line,
 * the whole address in the line with commas ("..., Chicago, IL 60637") or
 * without ("... Chicago IL 60637"). */
enum form { UNIT_APART = 1, UNIT_IN_LINE, ONE_FIELD, ONE_FIELD_NO_COMMAS };

static const char *const form_names[] = {
	NULL, "unit apart", "unit in the line", "one field", "one field, no commas",
};

/* Rows whose last line is whole, with a ZIP of five digits or ZIP+4 and a
 * state without a comma, make a one-field address. */
static int one_field_ok(char *const *f)
{
	return *f[2] && *f[3] && !strchr(f[3], ',') && strlen(f[9]) == 5 &&
	       strspn(f[4] + strspn(f[4], " "), "0123456789") >= 5;
}

/* The line to normalise in form; NULL when the row has no such form. */
static char *form_line(char *const *f, enum form form)
{
	struct buf b = BUF_INIT;
	char *line;
	const char *sep = form == ONE_FIELD ? ", " : " ";

	if (form == UNIT_APART)
		return strdup(f[0]);
	line = unit_in_line(f[0], f[1]);
	if (form == UNIT_IN_LINE)
		return line;
	if (one_field_ok(f))
		buf_printf(&b, "%s%s%s%s%s %s", line, sep, f[2], sep, f[3], f[4]);
	free(line);
	return b.len ? buf_detach(&b) : NULL;
}

/* Normalises every row in one form; prints the score and the failures;
 * fails below min percent. */
static void labelled_form(const struct labelled *l, enum form form, int min)
{
	size_t right = 0, n = 0;
	struct buf what = BUF_INIT;

	for (size_t i = 0; i < l->n; i++) {
		char *const *f = l->v + i * LABELLED_COLS;
		char *line = form_line(f, form);
		const char *unit = form == UNIT_APART ? f[1] : NULL;
		int last = form < ONE_FIELD;
		struct address a;
		char *got, *want;

		if (!line)
			continue;
		address_normalize(line, unit, last ? f[2] : NULL, last ? f[3] : NULL,
				  last ? f[4] : NULL, &a);
		got = joined(&a);
		want = want_of(f);
		n++;
		if (strcmp(got, want) == 0)
			right++;
		else
			printf("# %s: \"%s\" unit \"%s\": got %s, want %s\n", form_names[form],
			       line, unit ? unit : "", got, want);
		free(got);
		free(want);
		free(line);
		address_release(&a);
	}
	buf_printf(&what, "%s: %zu of %zu fully correct (%.2f%%), at least %d%%",
		   form_names[form], right, n, n ? 100.0 * right / n : 0.0, min);
	printf("# %s\n", what.data);
	check(n && right * 100 >= n * min, what.data);
	buf_release(&what);
}

static void test_labelled(void)
{
	struct labelled l;

	if (!check(labelled_read(&l) == 0, "read " LABELLED))
		return;
	check(l.n >= 300, "the labelled set has at least 300 addresses");
	labelled_form(&l, UNIT_APART, 98);
	labelled_form(&l, UNIT_IN_LINE, 98);
	labelled_form(&l, ONE_FIELD, 98);
	labelled_form(&l, ONE_FIELD_NO_COMMAS, 90);
	labelled_release(&l);
}

int main(void)
{
	test_suffix_table();
	test_unit_table();
	test_lookups();
	test_cases();
	test_keys();
	test_no_line();
	test_split();
	test_sacramento();
	test_labelled();
	return tap_done();
}
