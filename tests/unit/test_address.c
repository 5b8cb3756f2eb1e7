/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/address.c: USPS Publication 28 normalisation, its
 * tables checked against ../shared/data/usps, and real Sacramento streets. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "buf.h"
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
	size_t i, bad = 0, self = 0;
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
	}
	check_int(bad, 0, "every C1 form maps to its standard abbreviation");
	check_int(self, 0, "every C1 standard abbreviation is known");
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
			printf("# %s %s %s does not match\n", f[0], f[1], f[2]);
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
	/* city, state, ZIP */
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

int main(void)
{
	test_suffix_table();
	test_unit_table();
	test_lookups();
	test_cases();
	test_keys();
	test_no_line();
	test_sacramento();
	return tap_done();
}
