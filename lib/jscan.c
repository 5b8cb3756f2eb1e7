/* SPDX-License-Identifier: MIT */
/* Validates one JSON text (RFC 8259, UTF-8 per RFC 3629) in a single pass and
 * indexes the members of a top-level object without building any values. */
#include "jscan.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

struct scan {
	const unsigned char *p, *start, *end;
	struct jscan_error *err;
};

static int fail(struct scan *s, const char *msg)
{
	s->err->column = (size_t)(s->p - s->start) + 1;
	if (s->p >= s->end)
		msg = "unexpected end of input";
	snprintf(s->err->msg, sizeof s->err->msg, "%s", msg);
	return -1;
}

static void skip_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

uint32_t jscan_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* One multi-byte UTF-8 sequence at s->p (lead byte >= 0x80). */
static int scan_utf8(struct scan *s)
{
	size_t n = utf8_sequence(s->p, (size_t)(s->end - s->p));
	if (!n)
		return fail(s, "invalid UTF-8");
	s->p += n;
	return 0;
}

static int hex4(const unsigned char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int c = p[i], d;
		if (c >= '0' && c <= '9') d = c - '0';
		else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
		else return -1;
		v = v * 16 + d;
	}
	return v;
}

/* \uXXXX, with surrogate pairs checked; s->p at the 'u'. */
static int scan_unicode_escape(struct scan *s)
{
	if (s->end - s->p < 5 || hex4(s->p + 1) < 0)
		return fail(s, "invalid \\u escape");
	int u = hex4(s->p + 1);
	s->p += 5;
	if (u >= 0xDC00 && u <= 0xDFFF)
		return fail(s, "lone low surrogate in \\u escape");
	if (u < 0xD800 || u > 0xDBFF)
		return 0;
	if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u')
		return fail(s, "lone high surrogate in \\u escape");
	int lo = hex4(s->p + 2);
	if (lo < 0xDC00 || lo > 0xDFFF)
		return fail(s, "invalid surrogate pair in \\u escape");
	s->p += 6;
	return 0;
}

/* A string; s->p at the opening quote. Sets *escaped when it holds a '\'. */
static int scan_string(struct scan *s, int *escaped)
{
	s->p++;
	for (;;) {
		while (s->p < s->end && *s->p >= 0x20 && *s->p < 0x80 && *s->p != '"' && *s->p != '\\')
			s->p++;
		if (s->p >= s->end)
			return fail(s, "unterminated string");
		unsigned c = *s->p;
		if (c == '"') {
			s->p++;
			return 0;
		}
		if (c < 0x20)
			return fail(s, "control character in string");
		if (c >= 0x80) {
			if (scan_utf8(s) < 0)
				return -1;
			continue;
		}
		*escaped = 1;
		s->p++;
		if (s->p >= s->end)
			return fail(s, "unterminated string");
		if (*s->p == 'u') {
			if (scan_unicode_escape(s) < 0)
				return -1;
		} else if (strchr("\"\\/bfnrt", *s->p) && *s->p) {
			s->p++;
		} else {
			return fail(s, "invalid escape in string");
		}
	}
}

static int digits(struct scan *s)
{
	const unsigned char *from = s->p;
	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	return s->p > from;
}

static int scan_number(struct scan *s)
{
	if (*s->p == '-')
		s->p++;
	if (s->p < s->end && *s->p == '0')
		s->p++;
	else if (!digits(s))
		return fail(s, "invalid number");
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (!digits(s))
			return fail(s, "invalid number");
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (!digits(s))
			return fail(s, "invalid number");
	}
	return 0;
}

static int scan_literal(struct scan *s, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return fail(s, "unexpected character");
	s->p += n;
	return 0;
}

static int scan_value(struct scan *s, int depth);

/* The elements of an array or the members of an object; s->p after the opener. */
static int scan_container(struct scan *s, int depth, int object)
{
	char closer = object ? '}' : ']';
	if (depth > JSCAN_MAX_DEPTH)
		return fail(s, "nesting too deep");
	skip_ws(s);
	if (s->p < s->end && *s->p == closer) {
		s->p++;
		return 0;
	}
	for (;;) {
		if (object) {
			int esc = 0;
			if (s->p >= s->end || *s->p != '"')
				return fail(s, "expected a string key");
			if (scan_string(s, &esc) < 0)
				return -1;
			skip_ws(s);
			if (s->p >= s->end || *s->p != ':')
				return fail(s, "expected ':'");
			s->p++;
			skip_ws(s);
		}
		if (scan_value(s, depth + 1) < 0)
			return -1;
		skip_ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			skip_ws(s);
			continue;
		}
		if (s->p < s->end && *s->p == closer) {
			s->p++;
			return 0;
		}
		return fail(s, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int scan_value(struct scan *s, int depth)
{
	int esc = 0;
	if (s->p >= s->end)
		return fail(s, "unexpected end of input");
	switch (*s->p) {
	case '{': s->p++; return scan_container(s, depth, 1);
	case '[': s->p++; return scan_container(s, depth, 0);
	case '"': return scan_string(s, &esc);
	case 't': return scan_literal(s, "true");
	case 'f': return scan_literal(s, "false");
	case 'n': return scan_literal(s, "null");
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return scan_number(s);
		return fail(s, "unexpected character");
	}
}

static int key_equal(const struct jscan_member *a, const struct jscan_member *b)
{
	return a->hash == b->hash && a->key_len == b->key_len &&
	       memcmp(a->key, b->key, a->key_len) == 0;
}

static struct jscan_member *add_member(struct jscan_member **m, size_t *cap, size_t *count)
{
	if (*count == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*m = xrealloc(*m, *cap * sizeof **m);
	}
	return &(*m)[(*count)++];
}

/* The top-level object, recording each member. */
static int scan_members(struct scan *s, struct jscan_member **m, size_t *cap, size_t *count)
{
	skip_ws(s);
	if (s->p < s->end && *s->p == '}')
		return 0;
	for (;;) {
		if (s->p >= s->end || *s->p != '"')
			return fail(s, "expected a string key");
		struct jscan_member *mb = add_member(m, cap, count);
		mb->key_escaped = 0;
		mb->key = (const char *)s->p + 1;
		if (scan_string(s, &mb->key_escaped) < 0)
			return -1;
		mb->key_len = (size_t)((const char *)s->p - mb->key) - 1;
		mb->hash = jscan_hash(mb->key, mb->key_len);
		skip_ws(s);
		if (s->p >= s->end || *s->p != ':')
			return fail(s, "expected ':'");
		s->p++;
		skip_ws(s);
		mb->val = (const char *)s->p;
		if (scan_value(s, 2) < 0)
			return -1;
		mb->val_len = (size_t)((const char *)s->p - mb->val);
		skip_ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			skip_ws(s);
			continue;
		}
		if (s->p < s->end && *s->p == '}')
			return 0;
		return fail(s, "expected ',' or '}'");
	}
}

static enum jscan_result find_duplicate(const struct jscan_member *m, size_t n,
					struct jscan_error *err, const char *text)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (key_equal(&m[i], &m[j])) {
				err->column = (size_t)(m[i].key - text);
				snprintf(err->msg, sizeof err->msg, "duplicate key '%.*s'",
					 (int)(m[i].key_len > 40 ? 40 : m[i].key_len), m[i].key);
				return JSCAN_DUPLICATE;
			}
	return JSCAN_OK;
}

enum jscan_result jscan_object(const char *text, size_t len,
			       struct jscan_member **members, size_t *cap, size_t *count,
			       size_t *open, size_t *close, struct jscan_error *err)
{
	struct scan s = { (const unsigned char *)text, (const unsigned char *)text,
			  (const unsigned char *)text + len, err };
	*count = 0;
	skip_ws(&s);
	if (s.p < s.end && *s.p == '{') {
		*open = (size_t)(s.p - s.start);
		s.p++;
		if (scan_members(&s, members, cap, count) < 0)
			return JSCAN_INVALID;
		*close = (size_t)(s.p - s.start);
		s.p++;
	} else if (scan_value(&s, 1) < 0) {
		return JSCAN_INVALID;
	} else {
		skip_ws(&s);
		if (s.p == s.end) {
			err->column = 1;
			snprintf(err->msg, sizeof err->msg, "top-level value is not an object");
			return JSCAN_NOT_OBJECT;
		}
	}
	skip_ws(&s);
	if (s.p != s.end) {
		fail(&s, "trailing characters after the value");
		return JSCAN_INVALID;
	}
	return find_duplicate(*members, *count, err, text);
}
