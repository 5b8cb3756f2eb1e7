/* SPDX-License-Identifier: MIT */
/* CSV rows written back (RFC 4180) for reject files, column names quoted for
 * messages, and the check that a header names each column once (the
 * declarations are in csv_reader.h). */
#include "csv_reader.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static int needs_quotes(const char *s, size_t len)
{
	if (len && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t'))
		return 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return 1;
	return 0;
}

void csv_format_row(struct buf *out, char *const *fields, const size_t *lens, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = fields[i];
		if (i)
			buf_addc(out, ',');
		if (!needs_quotes(s, lens[i])) {
			buf_add(out, s, lens[i]);
			continue;
		}
		buf_addc(out, '"');
		for (size_t j = 0; j < lens[i]; j++) {
			if (s[j] == '"')
				buf_addc(out, '"');
			buf_addc(out, s[j]);
		}
		buf_addc(out, '"');
	}
}

void csv_format_name(struct buf *out, const char *name, size_t len)
{
	size_t n = len > 40 ? 40 : len;
	while (n < len && n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
		n--; /* not in the middle of a UTF-8 sequence */
	buf_addc(out, '\'');
	for (size_t i = 0; i < n; i++)
		buf_addc(out, (unsigned char)name[i] < 0x20 || name[i] == 0x7f ? '?' : name[i]);
	buf_adds(out, n < len ? "...'" : "'");
}

/* A header name and its column number (from 1), sorted by name, then column. */
struct column_name {
	const char *s;
	size_t len, col;
};

static int same_name(const struct column_name *x, const struct column_name *y)
{
	return x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

static int column_name_cmp(const void *a, const void *b)
{
	const struct column_name *x = a, *y = b;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	int c = memcmp(x->s, y->s, x->len);
	return c ? c : x->col < y->col ? -1 : x->col > y->col;
}

/* Sorting keeps a very wide header quick. */
int csv_header_unique(char *const *header, const size_t *lens, size_t n, struct buf *err)
{
	struct column_name *v = xcalloc(n ? n : 1, sizeof *v);
	size_t k = 0, first = 0, second = 0, group = 0;
	for (size_t i = 0; i < n; i++)
		if (lens[i])
			v[k++] = (struct column_name){ header[i], lens[i], i + 1 };
	qsort(v, k, sizeof *v, column_name_cmp);
	for (size_t i = 1; i < k; i++) {
		if (!same_name(&v[group], &v[i]))
			group = i;
		else if (i == group + 1 && (!second || v[i].col < second))
			first = v[group].col, second = v[i].col;
	}
	if (second) {
		buf_printf(err, "columns %zu and %zu are both named ", first, second);
		csv_format_name(err, header[first - 1], lens[first - 1]);
	}
	free(v);
	return second ? -1 : 0;
}
