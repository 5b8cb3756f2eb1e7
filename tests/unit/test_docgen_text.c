/* SPDX-License-Identifier: MIT */
/* docgen's text shaping: dollar amounts, wrapping at a column (UTF-8 aware,
 * indentation kept), one-line subjects. */
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

	check_line("  Deal\r\nscore\t 78  ", 100, "Deal score 78", "white space folded, ends trimmed");
	check_line("abc def", 5, "abc d", "cut at max");
	check_line("ab \xc3\xa9", 4, "ab", "cut before a split character, then trimmed");
	return tap_done();
}
