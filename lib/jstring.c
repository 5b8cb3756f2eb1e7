/* SPDX-License-Identifier: MIT */
/* JSON string escapes decoded into UTF-8 (see jstring.h). */
#include "jstring.h"

#include <string.h>

#include "utf8.h"

int jstring_hex4(const unsigned char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int c = p[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

size_t jstring_char(const unsigned char **p, unsigned char u[4])
{
	const unsigned char *s = *p;
	if (*s != '\\') {
		size_t n = *s < 0x80 ? 1 : *s < 0xE0 ? 2 : *s < 0xF0 ? 3 : 4;
		memcpy(u, s, n);
		*p = s + n;
		return n;
	}
	*p = s + 2;
	switch (s[1]) {
	case 'b': u[0] = '\b'; return 1;
	case 'f': u[0] = '\f'; return 1;
	case 'n': u[0] = '\n'; return 1;
	case 'r': u[0] = '\r'; return 1;
	case 't': u[0] = '\t'; return 1;
	case 'u': break;
	default: u[0] = s[1]; return 1;
	}
	unsigned cp = (unsigned)jstring_hex4(s + 2);
	*p = s + 6;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned)jstring_hex4(s + 8) - 0xDC00);
		*p = s + 12;
	}
	return utf8_encode(cp, u);
}

size_t jstring_decode(char *out, const char *raw, size_t len)
{
	const unsigned char *p = (const unsigned char *)raw, *end = p + len;
	size_t n = 0;
	while (p < end)
		n += jstring_char(&p, (unsigned char *)out + n);
	return n;
}
