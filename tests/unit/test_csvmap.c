/* SPDX-License-Identifier: MIT */
/* Unit tests for discover's layers: the CSV row reader (line breaks, line
 * numbers, quoting, read-buffer edges), listing values, JSON text and the
 * column mapping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "csv_reader.h"
#include "csvmap.h"
#include "jsonout.h"
#include "listing.h"
#include "paths.h"
#include "tap.h"
#include "tmpdir.h"


/* Reads every row as "line:field/field|", bad rows as "line:!|". */
static void read_rows(const char *data, size_t len, size_t max, struct buf *got)
{
	char *path = tmpdir_write("t.csv", data, len);
	struct csv_reader *r = csv_reader_open(path, max);
	struct csv_row row;
	enum csv_reader_status s;
	buf_reset(got);
	while ((s = csv_reader_next(r, &row)) != CSV_READER_EOF && s != CSV_READER_IOERR) {
		buf_printf(got, "%ld:", row.line);
		if (s == CSV_READER_BAD)
			buf_adds(got, "!");
		if (s == CSV_READER_TOO_LONG)
			buf_printf(got, "long %zu", row.raw_len);
		for (size_t i = 0; s == CSV_READER_ROW && i < row.nfields; i++)
			buf_printf(got, "%s%s", i ? "/" : "", row.fields[i]);
		buf_addc(got, '|');
	}
	csv_reader_close(r);
	unlink(path);
	free(path);
}

#define ROWS(data, want, what) do { \
	read_rows(data, sizeof data - 1, 0, &got); \
	check_str(buf_cstr(&got), want, what); \
} while (0)

static void test_reader(void)
{
	struct buf got = BUF_INIT;
	ROWS("a,b\n1,2\n", "1:a/b|2:1/2|", "LF");
	ROWS("a,b\r\n1,2\r\n", "1:a/b|2:1/2|", "CR LF");
	ROWS("a,b\r1,2\r3,4", "1:a/b|2:1/2|3:3/4|", "CR only, no final line break");
	ROWS("\xef\xbb\xbf" "a,b\n1,2", "1:a/b|2:1/2|", "a byte-order mark is skipped");
	ROWS("a,b\n\n  \n1,2\n\r\n3,4\n", "1:a/b|4:1/2|6:3/4|", "blank lines are skipped and counted");
	ROWS("a,b\n\"x\ny\",\"say \"\"hi\"\"\"\n2,3\n", "1:a/b|2:x\ny/say \"hi\"|4:2/3|",
	     "quoted line breaks and quotes; the next row's line");
	ROWS("a,b\n\"x\r\ny\",1\r\n2,3\r\n", "1:a/b|2:x\r\ny/1|4:2/3|", "a CR LF inside quotes is one line");
	ROWS("a,b\n1,x\"y\n2,\"z\"w\n3,4\n", "1:a/b|2:!|3:!|4:3/4|", "stray quotes make bad rows, not a derailed file");
	ROWS("a,b\n1,\"open\n2,3\n", "1:a/b|2:!|", "an unterminated quote at the end");
	ROWS("a, b ,\" c \"\n,\n", "1:a/b/ c |2:/|", "unquoted edges trimmed, quoted kept, empty fields");
	ROWS("a,b\n1,x\0y\n\"\0\",2\n3,4\n", "1:a/b|2:!|3:!|4:3/4|", "a NUL byte, quoted or not, makes a bad row");
	read_rows("a\nxxxxxxxxxx\nb\n", 14, 5, &got);
	check_str(buf_cstr(&got), "1:a|2:long 5|3:b|", "a row over the cap, then the next row");
	buf_release(&got);
}

/* The reasons for bad rows, one per line. */
static void read_reasons(const char *data, size_t len, struct buf *got)
{
	char *path = tmpdir_write("t.csv", data, len);
	struct csv_reader *r = csv_reader_open(path, 0);
	struct csv_row row;
	enum csv_reader_status s;
	buf_reset(got);
	while ((s = csv_reader_next(r, &row)) != CSV_READER_EOF && s != CSV_READER_IOERR)
		if (s == CSV_READER_BAD)
			buf_printf(got, "%ld: %s\n", row.line, row.reason);
	csv_reader_close(r);
	unlink(path);
	free(path);
}

#define REASONS(data, want, what) do { \
	read_reasons(data, sizeof data - 1, &got); \
	check_str(buf_cstr(&got), want, what); \
} while (0)

static void test_nul(void)
{
	struct buf got = BUF_INIT;
	REASONS("id,Address\n1,x\0y\n\"2\0\",z\n", "2: field 2 ('Address') contains a NUL byte\n"
		"3: field 1 ('id') contains a NUL byte\n", "a NUL byte names the field and its column");
	REASONS("a\0b,c\nx,y\n1,\0\n", "1: field 1 contains a NUL byte\n"
		"3: field 2 ('y') contains a NUL byte\n", "a NUL in the header: the next good row names columns");
	REASONS("a,,\"c\x01\"\n1,2,3,\0\n4,\0,6\n5,6,\0\n", "2: field 4 contains a NUL byte\n"
		"3: field 2 contains a NUL byte\n4: field 3 ('c?') contains a NUL byte\n",
		"no name for a field past the header or under an empty name; control bytes shown as '?'");
	buf_release(&got);
}

/* Rows whose CR LF and quotes straddle the 64 KiB read buffer. */
static void test_buffer_edges(void)
{
	struct buf data = BUF_INIT, got = BUF_INIT;
	int ok = 1;
	for (size_t pad = 65530; pad < 65540 && ok; pad++) {
		buf_reset(&data);
		buf_adds(&data, "h\r\n\"");
		while (data.len < pad)
			buf_addc(&data, 'x');
		buf_adds(&data, "\"\r\n\"q\r\nq\"\r\nlast");
		read_rows(data.data, data.len, 0, &got);
		ok = strncmp(got.data, "1:h|2:", 6) == 0 && strstr(got.data, "|3:q\r\nq|5:last|") != NULL;
		if (!ok)
			printf("# pad %zu: %.40s...%s\n", pad, got.data, got.data + got.len - 20);
	}
	check(ok, "rows across the read-buffer edge keep their fields and lines");
	buf_release(&data);
	buf_release(&got);
}

static void test_format(void)
{
	char *f[] = { "a", "b,c", "say \"hi\"", "", " x", "l1\nl2" };
	size_t n[] = { 1, 3, 8, 0, 2, 5 };
	struct buf out = BUF_INIT;
	csv_format_row(&out, f, n, 6);
	check_str(buf_cstr(&out), "a,\"b,c\",\"say \"\"hi\"\"\",,\" x\",\"l1\nl2\"", "CSV quoting as needed");
	buf_release(&out);
}

static const char *value(struct listing *l, enum listing_field f, const char *s, struct buf *why)
{
	static char tmp[64];
	buf_reset(why);
	listing_reset(l);
	if (listing_set(l, f, s, strlen(s), why) < 0)
		return buf_cstr(why);
	if (!listing_has(l, f))
		return "(absent)";
	if (listing_text(l, f))
		return listing_text(l, f);
	if (f == LF_BATHS || f == LF_LAT || f == LF_LON) {
		struct buf b = BUF_INIT;
		jsonout_real(&b, l->real[f]);
		snprintf(tmp, sizeof tmp, "%s", buf_cstr(&b));
		buf_release(&b);
	} else {
		snprintf(tmp, sizeof tmp, "%lld", l->num[f]);
	}
	return tmp;
}

static void test_values(void)
{
	struct listing l;
	struct buf why = BUF_INIT;
	listing_init(&l);
	check_str(value(&l, LF_PRICE, "$315,000", &why), "315000", "dollars and commas");
	check_str(value(&l, LF_PRICE, " 315000.00 ", &why), "315000", "cents");
	check_str(value(&l, LF_PRICE, "1551.5", &why), "1552", "rounded");
	check_str(value(&l, LF_PRICE, "call", &why), "'price' is not a number ('call')", "not a number");
	check_str(value(&l, LF_PRICE, "-5", &why), "'price' is not a number ('-5')", "no sign");
	check_str(value(&l, LF_PRICE, "1.225e+006", &why), "1225000", "exponent form");
	check_str(value(&l, LF_SALE_PRICE, "7.8E5", &why), "780000", "exponent form, upper case");
	check_str(value(&l, LF_PRICE, "1e400", &why), "'price' is out of range ('1e400')", "too large");
	check_str(value(&l, LF_PRICE, "NaN", &why), "'price' is not a number ('NaN')", "NaN");
	check_str(value(&l, LF_PRICE, "inf", &why), "'price' is not a number ('inf')", "inf");
	check_str(value(&l, LF_SALE_DATE, "20141013T000000", &why), "2014-10-13", "compact ISO date");
	check_str(value(&l, LF_SALE_DATE, "10/13/2014", &why), "2014-10-13", "US date");
	check_str(value(&l, LF_SALE_DATE, "Wed May 21 00:00:00 EDT 2008", &why), "2008-05-21",
		  "date(1) form, the date as written");
	check_str(value(&l, LF_LIST_DATE, "2014-10-13T23:30:00-07:00", &why), "2014-10-13",
		  "a listing date is the date as written");
	check_str(value(&l, LF_STATUS_DATE, "2014-10-13T23:30:00-07:00", &why), "2014-10-14T06:30:00Z",
		  "a status time in UTC");
	check_str(value(&l, LF_STATUS_DATE, "2014-10-13 23:30", &why), "2014-10-13",
		  "a time without a zone is no instant: the date");
	check_str(value(&l, LF_SALE_DATE, "13/10/2014", &why),
		  "'sale_date' is not a date: month 13 out of range ('13/10/2014')", "day first refused");
	check_str(value(&l, LF_PRICE, ",5", &why), "'price' is not a number (',5')", "no leading comma");
	check_str(value(&l, LF_PRICE, "   ", &why), "(absent)", "blank is absent");
	check_str(value(&l, LF_BATHS, "2.50", &why), "2.5", "half baths");
	check_str(value(&l, LF_LON, "-115.1652", &why), "-115.1652", "negative degrees");
	check_str(value(&l, LF_LAT, "91", &why), "'lat' is out of range ('91')", "latitude range");
	check_str(value(&l, LF_LINE, "  123  north\tmain \n street ", &why), "123 north main street",
		  "address white space collapsed");
	check_str(value(&l, LF_DESCRIPTION, " one\n\ntwo ", &why), "one\n\ntwo", "text trimmed only");
	check_str(value(&l, LF_YEAR_BUILT, "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop", &why),
		  "'year_built' is not a number ('abcdefghijklmnopqrstuvwxyz0123456789abcd...')",
		  "long values cut in messages");
	listing_release(&l);
	buf_release(&why);
}

static void test_jsonout(void)
{
	struct buf out = BUF_INIT;
	check_int(jsonout_string(&out, "a\"b\\c\n\t\x01\x7f\xc3\xa9", 11), 0, "escapes");
	check_str(buf_cstr(&out), "\"a\\\"b\\\\c\\n\\t\\u0001\x7f\xc3\xa9\"", "escaped string");
	buf_reset(&out);
	check_int(jsonout_string(&out, "caf\xe9", 4), -1, "Latin-1 is not UTF-8");
	check_int(jsonout_string(&out, "\xed\xa0\x80", 3), -1, "no surrogates");
	check_int(jsonout_string(&out, "\xc0\xaf", 2), -1, "no overlongs");
	check_int(jsonout_string(&out, "a\0b", 3), -1, "no NUL");
	check_int((long long)out.len, 0, "nothing appended on error");
	jsonout_real(&out, 0.1);
	buf_addc(&out, ' ');
	jsonout_real(&out, 38.631913);
	buf_addc(&out, ' ');
	jsonout_int(&out, -42);
	check_str(buf_cstr(&out), "0.1 38.631913 -42", "numbers");
	buf_release(&out);
}

#define BIND(m, h, want, what) do { \
	size_t n_ = sizeof h / sizeof *h, l_[16]; \
	for (size_t i_ = 0; i_ < n_; i_++) \
		l_[i_] = strlen(h[i_]); \
	buf_reset(&err); \
	check_int(csvmap_bind(m, h, l_, n_, &err), *want ? -1 : 0, what); \
	check_str(buf_cstr(&err), want, what); \
} while (0)

/* Column names given twice, with a mapping of street, zip and kind. */
static void test_duplicates(struct csvmap *m)
{
	struct buf err = BUF_INIT;
	char *mapped[] = { "zip", "kind", "street", "kind" };
	char *unmapped[] = { "zip", "note", "kind", "street", "note" };
	char *first[] = { "b", "zip", "a", "a", "b", "kind", "street", "a" };
	char *empty[] = { "", "zip", "", "kind", "street", "" };
	char *cased[] = { "zip", "Kind", "kind", "street", "KIND" };
	char *odd[] = { "zip", "kind", "street", "x\ty", "x\ty" };
	BIND(m, mapped, "columns 2 and 4 are both named 'kind'", "a mapped column given twice");
	BIND(m, unmapped, "columns 2 and 5 are both named 'note'", "an unmapped column given twice");
	BIND(m, first, "columns 3 and 4 are both named 'a'", "the first repeat is named");
	BIND(m, empty, "", "empty names may repeat");
	BIND(m, cased, "", "names differing in case are other names");
	BIND(m, odd, "columns 4 and 5 are both named 'x?y'", "control bytes in a name shown as '?'");
	buf_release(&err);
}

static void test_map(void)
{
	struct buf err = BUF_INIT, why = BUF_INIT;
	static const char json[] =
		"{\"source\":\"s\",\"columns\":{\"address.line\":\"street\",\"address.zip\":\"zip\","
		"\"type\":\"kind\"},\"id_from\":[\"address.line\",\"address.zip\"],"
		"\"types\":{\"Condo\":\"condo\"},\"missing\":[\"NA\"]}";
	char *path = tmpdir_write("m.json", json, sizeof json - 1);
	struct csvmap *m = csvmap_load(path, &err);
	if (!check(m != NULL, "a mapping with id_from loads")) {
		printf("# %s\n", buf_cstr(&err));
		return;
	}
	char *hdr[] = { "zip", "kind", "street" }, *row[] = { "95838", "Condo", " 3526  HIGH ST " };
	char *row2[] = { "NA", "Barn", "" };
	size_t hl[] = { 3, 4, 6 }, rl[] = { 5, 5, 15 }, rl2[] = { 2, 4, 0 };
	struct listing l;
	listing_init(&l);
	check_int(csvmap_bind(m, hdr, hl, 3, &err), 0, "bound to a header in another order");
	check_int(csvmap_apply(m, row, rl, &l, &why), 0, "applied");
	check_str(listing_text(&l, LF_SOURCE_ID), "3001f25556396b2e", "sha256(\"3526 high st|95838\")");
	check_str(listing_text(&l, LF_TYPE), "condo", "type mapped");
	check_int(csvmap_apply(m, row2, rl2, &l, &why), 0, "applied");
	check(!listing_has(&l, LF_SOURCE_ID), "no id from empty fields");
	check(!listing_has(&l, LF_ZIP), "NA is missing");
	check_str(listing_text(&l, LF_TYPE), "Barn", "unmapped type kept");
	check_int(csvmap_bind(m, hdr, hl, 2, &err), -1, "a missing column");
	struct buf want = BUF_INIT;
	buf_printf(&want, "column 'street' (for 'address.line' in %s) is not in the header", path);
	check_str(buf_cstr(&err), buf_cstr(&want), "names the column and the mapping");
	buf_release(&want);
	test_duplicates(m);
	listing_release(&l);
	csvmap_free(m);
	unlink(path);
	free(path);
	struct csvmap *reso = csvmap_reso();
	check(reso != NULL && csvmap_source(reso) == NULL, "the RESO mapping has no source");
	csvmap_free(reso);
	buf_release(&err);
	buf_release(&why);
}

/* The source name of a file's records: given, "stdin", or from the name. */
static void test_source_name(void)
{
	static const struct { const char *given, *path, *want; } cases[] = {
		{ "kingco", "x/sales.csv", "kingco" }, { NULL, "-", "stdin" },
		{ NULL, "/data/King-County Sales.2015.csv", "king_county_sales_2015" },
		{ NULL, "exports/.csv", "_csv" }, { NULL, "dir/", "csv" },
		{ NULL, "caf\xc3\xa9.csv", "caf__" },
	};
	char out[65];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		csvmap_source_name(cases[i].given, cases[i].path, out, sizeof out);
		check_str(out, cases[i].want, cases[i].path);
	}
	csvmap_source_name(NULL, "a-very-long-file-name-indeed.csv", out, 8);
	check_str(out, "a_very_", "cut to the buffer");
}

int main(void)
{
	if (tmpdir_open() < 0)
		return 1;
	test_reader();
	test_nul();
	test_buffer_edges();
	test_format();
	test_values();
	test_jsonout();
	test_map();
	test_source_name();
	tmpdir_close();
	return tap_done();
}
