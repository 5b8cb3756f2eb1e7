/* SPDX-License-Identifier: MIT */
/* Writing JSON text by hand: strings escaped per RFC 8259 section 7, UTF-8
 * checked per RFC 3629 (utf8.c). */
#include "jsonout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static void escape_byte(struct buf *out, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e[7] = { '\\', 0 };
	switch (c) {
	case '"': e[1] = '"'; break;
	case '\\': e[1] = '\\'; break;
	case '\n': e[1] = 'n'; break;
	case '\r': e[1] = 'r'; break;
	case '\t': e[1] = 't'; break;
	case '\b': e[1] = 'b'; break;
	case '\f': e[1] = 'f'; break;
	default:
		memcpy(e + 1, "u00", 3);
		e[4] = hex[c >> 4];
		e[5] = hex[c & 15];
		buf_add(out, e, 6);
		return;
	}
	buf_add(out, e, 2);
}

void jsonout_string_trusted(struct buf *out, const char *s, size_t len)
{
	buf_grow(out, len + 2);
	buf_addc(out, '"');
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add(out, s + run, i - run);
		escape_byte(out, c);
		run = i + 1;
	}
	buf_add(out, s + run, len - run);
	buf_addc(out, '"');
}

int jsonout_string(struct buf *out, const char *s, size_t len)
{
	if (!utf8_valid(s, len))
		return -1;
	jsonout_string_trusted(out, s, len);
	return 0;
}

void jsonout_int(struct buf *out, long long v)
{
	char tmp[24];
	char *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	buf_add(out, p, (size_t)(tmp + sizeof tmp - p));
}

void jsonout_real(struct buf *out, double v)
{
	char tmp[32];
	int n;
	if (v == (double)(long long)v && v > -1e15 && v < 1e15) {
		jsonout_int(out, (long long)v);
		return;
	}
	/* Up to six decimals (coordinates, baths, rounded features): when
	 * digits / 10^6 is exactly v, those digits are its shortest form. */
	if (v > -1e9 && v < 1e9) {
		long long r = llround(v * 1e6);
		if ((double)r / 1e6 == v) {
			unsigned long long u = r < 0 ? 0ULL - (unsigned long long)r : (unsigned long long)r;
			char frac[7];
			int len = 6;
			if (r < 0)
				buf_addc(out, '-');
			jsonout_int(out, (long long)(u / 1000000));
			snprintf(frac, sizeof frac, "%06llu", u % 1000000);
			while (len > 0 && frac[len - 1] == '0')
				len--;
			buf_addc(out, '.');
			buf_add(out, frac, (size_t)len);
			return;
		}
	}
	/* The shortest of %.15g .. %.17g that reads back as the same double. */
	for (int prec = 15; prec <= 17; prec++) {
		n = snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	buf_add(out, tmp, (size_t)n);
}
