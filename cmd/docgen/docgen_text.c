/* SPDX-License-Identifier: MIT */
/* Text shaping for docgen (see docgen_text.h). Columns count UTF-8
 * characters, not bytes: continuation bytes (10xxxxxx) take no column. */
#include "docgen_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

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
