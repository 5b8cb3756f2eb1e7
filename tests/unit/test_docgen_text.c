/* SPDX-License-Identifier: MIT */
/* docgen's text shaping: dollar amounts, the memo's phrases (discount,
 * percent, date, unit, plain numbers, labels), wrapping at a column (UTF-8
 * aware, indentation kept), one-line subjects. */
#include <math.h>

#include "buf.h"
#include "docgen_text.h"
#include "tap.h"

static void check_dollars(double v, const char *want)
{
	struct buf b = BUF_INIT;
	docgen_fmt_dollars(&b, v);
	check_str(buf_cstr(&b), want, want);
	buf_release(&b);
}

/* Checks one formatter of a double: its text and its return value. */
static void check_fmt(int (*fmt)(struct buf *, double), double v, const char *want, int rc)
{
	struct buf b = BUF_INIT;
	check_int(fmt(&b, v), rc, want);
	check_str(buf_cstr(&b), want, want);
	buf_release(&b);
}

static void check_date(const char *in, const char *want, int rc)
{
	struct buf b = BUF_INIT;
	check_int(docgen_fmt_date(&b, in), rc, in);
	check_str(buf_cstr(&b), want, in);
	buf_release(&b);
}

static void check_unit(const char *in, const char *want)
{
	struct buf b = BUF_INIT;
	docgen_fmt_unit(&b, in, strlen(in));
	check_str(buf_cstr(&b), want, in);
	buf_release(&b);
}

static void check_number(double v, const char *want)
{
	struct buf b = BUF_INIT;
	docgen_fmt_number(&b, v);
	check_str(buf_cstr(&b), want, want);
	buf_release(&b);
}

/* The phrases the memo states its figures in. */
static void phrases(void)
{
	check_fmt(docgen_fmt_discount, -9.3, "9% above the ZIP median", 0);
	check_fmt(docgen_fmt_discount, 9.3, "9% below the ZIP median", 0);
	check_fmt(docgen_fmt_discount, 11.5, "12% below the ZIP median", 0);
	check_fmt(docgen_fmt_discount, -15.2, "15% above the ZIP median", 0);
	check_fmt(docgen_fmt_discount, 0.4, "at the ZIP median", 0);
	check_fmt(docgen_fmt_discount, -0.4, "at the ZIP median", 0);
	check_fmt(docgen_fmt_discount, 0, "at the ZIP median", 0);
	check_fmt(docgen_fmt_discount, -0.5, "1% above the ZIP median", 0);
	check_fmt(docgen_fmt_discount, NAN, "", -1);
	check_fmt(docgen_fmt_percent, 79.4, "79%", 0);
	check_fmt(docgen_fmt_percent, 79.5, "80%", 0);
	check_fmt(docgen_fmt_percent, 1e300, "", -1);

	check_date("2026-11-23T04:00:00Z", "Nov 23, 2026", 0);
	check_date("2026-01-05", "Jan 5, 2026", 0);
	check_date("2004-06-11", "Jun 11, 2004", 0);
	check_date("2026-11-31", "", -1);
	check_date("2026-11-23T04:00:00+01:00", "", -1);
	check_date("yesterday", "", -1);
	check_date(NULL, "", -1);

	check_unit("# 12", "#12");
	check_unit("#12", "#12");
	check_unit("  #   2098 ", "#2098");
	check_unit("12", "#12");
	check_unit("4B", "#4B");
	check_unit("C", "#C");
	check_unit("APT 4", "APT 4");
	check_unit("Unit 2", "Unit 2");
	check_unit("UNIT C", "UNIT C");
	check_unit("REAR", "REAR");
	check_unit("   ", "");

	check_number(22, "22");
	check_number(1540, "1,540");
	check_number(22.5, "22.5");
	check_number(0.333, "0.33");
	struct buf b = BUF_INIT;
	docgen_fmt_label(&b, "years_owned");
	check_str(buf_cstr(&b), "Years owned", "a key as a label");
	buf_release(&b);
}

static void check_wrap(const char *in, size_t width, const char *want, const char *what)
{
	struct buf b = BUF_INIT;
	docgen_wrap(&b, in, strlen(in), width);
	check_str(buf_cstr(&b), want, what);
	buf_release(&b);
}

static void check_line(const char *in, size_t max, const char *want, const char *what)
{
	struct buf b = BUF_INIT;
	docgen_one_line(&b, in, strlen(in), max);
	check_str(buf_cstr(&b), want, what);
	buf_release(&b);
}

int main(void)
{
	check_dollars(315000, "$315,000");
	check_dollars(0, "$0");
	check_dollars(999, "$999");
	check_dollars(1000, "$1,000");
	check_dollars(1234567.4, "$1,234,567");
	check_dollars(-1250, "-$1,250");
	check_dollars(204.5, "$204");
	check_dollars(205.5, "$206");
	struct buf b = BUF_INIT;
	check_int(docgen_fmt_dollars(&b, 1e16), -1, "too large is refused");
	check_int(b.len, 0, "and appends nothing");
	docgen_fmt_count(&b, 1540);
	check_str(buf_cstr(&b), "1,540", "a count has no dollar sign");
	buf_release(&b);

	check_wrap("short line\n", 20, "short line\n", "short lines stay");
	check_wrap("aaa bbb ccc ddd eee", 11, "aaa bbb ccc\nddd eee", "broken at spaces");
	check_wrap("  - aaa bbb ccc ddd\n", 12, "  - aaa bbb\n    ccc ddd\n", "bullets hang");
	check_wrap("   x  yyyyyyyyyyyyyyyy z\n", 10, "   x\n   yyyyyyyyyyyyyyyy\n   z\n",
		   "a long word stays whole");
	check_wrap("\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\n", 7,
		   "\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\n", "columns are characters");
	check_wrap("a b\n\nc", 72, "a b\n\nc", "a blank line and a last line without newline");
	check_wrap("a\n\n\n\nb\n\n", 72, "a\n\nb\n\n", "runs of blank lines become one");

	phrases();

	check_line("  Deal\r\nscore\t 78  ", 100, "Deal score 78", "white space folded, ends trimmed");
	check_line("abc def", 5, "abc d", "cut at max");
	check_line("ab \xc3\xa9", 4, "ab", "cut before a split character, then trimmed");
	return tap_done();
}
