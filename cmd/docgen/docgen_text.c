/* SPDX-License-Identifier: MIT */
/* Text shaping for docgen (see docgen_text.h). Columns count UTF-8
 * characters, not bytes: continuation bytes (10xxxxxx) take no column. */
#include "docgen_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"

static int fmt_grouped(struct buf *out, double v, const char *sign)
{
	if (!isfinite(v) || fabs(v) >= 1e15)
		return -1;
	long long n = llrint(v);   /* to nearest, halves to even, like printf */
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n);
	if (n < 0)
		buf_addc(out, '-');
	buf_adds(out, sign);
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_addc(out, ',');
		buf_addc(out, digits[i]);
	}
	return 0;
}

int docgen_fmt_dollars(struct buf *out, double v)
{
	return fmt_grouped(out, v, "$");
}

int docgen_fmt_count(struct buf *out, double v)
{
	return fmt_grouped(out, v, "");
}

void docgen_fmt_number(struct buf *out, double d)
{
	if (fabs(d) < 1e15 && d == (double)(long long)d && docgen_fmt_count(out, d) == 0)
		return;
	size_t start = out->len;
	buf_printf(out, "%.2f", d);
	while (out->len > start && out->data[out->len - 1] == '0')
		out->len--;
	if (out->len > start && out->data[out->len - 1] == '.')
		out->len--;
	out->data[out->len] = '\0';
}

void docgen_fmt_label(struct buf *out, const char *key)
{
	for (const char *p = key; *p; p++) {
		char c = *p == '_' ? ' ' : *p;
		buf_addc(out, p == key && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
	}
}

/* A percent as a whole number, halves away from zero (11.5 is "12"), as a
 * reader rounds, not printf's halves to even. */
static int whole_percent(double pct, long *out)
{
	if (!isfinite(pct) || fabs(pct) > 1e6)
		return -1;
	*out = lround(pct);
	return 0;
}

int docgen_fmt_discount(struct buf *out, double pct)
{
	long n;
	if (whole_percent(pct, &n) < 0)
		return -1;
	if (n == 0)
		buf_adds(out, "at the ZIP median");
	else
		buf_printf(out, "%ld%% %s the ZIP median", n < 0 ? -n : n, n < 0 ? "above" : "below");
	return 0;
}

int docgen_fmt_percent(struct buf *out, double pct)
{
	long n;
	if (whole_percent(pct, &n) < 0)
		return -1;
	buf_printf(out, "%ld%%", n);
	return 0;
}

int docgen_fmt_date(struct buf *out, const char *s)
{
	static const char *const month[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t t;
	char back[CLOCK_RFC3339_LEN];
	struct tm tm;
	if (!s || clock_parse(s, &t) < 0)
		return -1;
	clock_format(t, back);
	if (strncmp(back, s, 10) != 0)   /* timegm moved a day not in its month */
		return -1;
	gmtime_r(&t, &tm);
	buf_printf(out, "%s %d, %d", month[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900);
	return 0;
}

/* A unit range without a designator: one word with a digit, or one letter. */
static int bare_range(const char *s, size_t len)
{
	if (memchr(s, ' ', len))
		return 0;
	if (len == 1 && ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

void docgen_fmt_unit(struct buf *out, const char *s, size_t len)
{
	while (len > 0 && s[0] == ' ')
		s++, len--;
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len > 0 && s[0] == '#') {
		do
			s++, len--;
		while (len > 0 && s[0] == ' ');
		buf_addc(out, '#');
	} else if (len > 0 && bare_range(s, len)) {
		buf_addc(out, '#');
	}
	buf_add(out, s, len);
}

static size_t columns(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* Wraps one line (no newline) that is wider than width. */
static void wrap_line(struct buf *out, const char *s, size_t len, size_t width)
{
	size_t ind = 0;
	while (ind < len && s[ind] == ' ')
		ind++;
	size_t hang = ind;
	if (ind + 1 < len && (s[ind] == '-' || s[ind] == '*') && s[ind + 1] == ' ')
		hang += 2;
	buf_add(out, s, ind);
	size_t col = ind, words = 0;
	for (size_t i = ind; i < len;) {
		size_t w = i;
		while (w < len && s[w] != ' ')
			w++;
		size_t wcols = columns(s + i, w - i);
		if (words > 0 && col + 1 + wcols > width) {
			buf_addc(out, '\n');
			for (size_t k = 0; k < hang; k++)
				buf_addc(out, ' ');
			col = hang;
			words = 0;
		} else if (words > 0) {
			buf_addc(out, ' ');
			col++;
		}
		buf_add(out, s + i, w - i);
		col += wcols;
		words++;
		for (i = w; i < len && s[i] == ' '; i++)
			;
	}
}

void docgen_wrap(struct buf *out, const char *text, size_t len, size_t width)
{
	int blank = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		if (end == i && blank) {
			i = end + 1;
			continue;
		}
		blank = end == i;
		if (columns(text + i, end - i) <= width)
			buf_add(out, text + i, end - i);
		else
			wrap_line(out, text + i, end - i, width);
		if (nl)
			buf_addc(out, '\n');
		i = end + 1;
	}
}

void docgen_one_line(struct buf *out, const char *s, size_t len, size_t max)
{
	size_t start = out->len;
	int space = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7f) {
			space = out->len > start;
			continue;
		}
		if (space)
			buf_addc(out, ' ');
		space = 0;
		buf_addc(out, (char)c);
	}
	if (out->len - start > max) {
		size_t cut = start + max;
		while (cut > start && ((unsigned char)out->data[cut] & 0xc0) == 0x80)
			cut--;
		while (cut > start && out->data[cut - 1] == ' ')
			cut--;
		out->len = cut;
		out->data[cut] = '\0';
	}
}
