/* SPDX-License-Identifier: MIT */
/* Validates one JSON text (RFC 8259, UTF-8 per RFC 3629) in a single pass and
 * indexes the members of a top-level object without building any values.
 * Duplicate keys are refused at every level, comparing decoded keys. */
#include "jscan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jscan_keys.h"
#include "jstring.h"
#include "utf8.h"
#include "xalloc.h"

struct scan {
	const unsigned char *p, *start, *end;
	struct jscan_error *err;
	int dup;            /* err holds a duplicate key, reported if all else is valid */
	int escaped;        /* some key had an escape */
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

/* One multi-byte UTF-8 sequence at s->p (lead byte >= 0x80). */
static int scan_utf8(struct scan *s)
{
	size_t n = utf8_sequence(s->p, (size_t)(s->end - s->p));
	if (!n)
		return fail(s, "invalid UTF-8");
	s->p += n;
	return 0;
}

/* \uXXXX, with surrogate pairs checked; s->p at the 'u'. */
static int scan_unicode_escape(struct scan *s)
{
	if (s->end - s->p < 5 || jstring_hex4(s->p + 1) < 0)
		return fail(s, "invalid \\u escape");
	int u = jstring_hex4(s->p + 1);
	s->p += 5;
	if (u >= 0xDC00 && u <= 0xDFFF)
		return fail(s, "lone low surrogate in \\u escape");
	if (u < 0xD800 || u > 0xDBFF)
		return 0;
	if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u')
		return fail(s, "lone high surrogate in \\u escape");
	int lo = jstring_hex4(s->p + 2);
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

static size_t digits(struct scan *s)
{
	const unsigned char *from = s->p;
	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	return (size_t)(s->p - from);
}

/* Whether the valid JSON number p..end overflows a double. It is rewritten as
 * an integer of at most 400 significant digits (truncated) and a decimal
 * exponent: exact, since the overflow threshold (DBL_MAX plus half an ulp)
 * has 309 digits, and free of the locale's decimal point for strtod. */
static int number_overflows(const unsigned char *p, const unsigned char *end)
{
	char buf[408];
	size_t nd = 0;
	long scale = 0, e = 0;
	int frac = 0, neg_e = 0;
	for (; p < end && *p != 'e' && *p != 'E'; p++) {
		if (*p == '.' || *p == '-') {
			frac |= *p == '.';
		} else if (nd == 0 && *p == '0') {
			scale -= frac;
		} else if (nd < 400) {
			buf[nd++] = (char)*p;
			scale -= frac;
		} else {
			scale += !frac;
		}
	}
	if (nd == 0)
		return 0;
	if (p < end && ++p < end && (*p == '+' || *p == '-'))
		neg_e = *p++ == '-';
	for (; p < end; p++)
		if (e < 1000000)
			e = e * 10 + (*p - '0');
	e = scale + (neg_e ? -e : e);
	e = e > 9999 ? 9999 : e < -9999 ? -9999 : e;   /* decisive for 400 digits */
	snprintf(buf + nd, sizeof buf - nd, "e%ld", e);
	return isinf(strtod(buf, NULL));
}

/* Only numbers with an exponent or a long integer part can overflow. */
static int scan_number(struct scan *s)
{
	const unsigned char *from = s->p;
	size_t whole = 1;
	if (*s->p == '-')
		s->p++;
	if (s->p < s->end && *s->p == '0')
		s->p++;
	else if (!(whole = digits(s)))
		return fail(s, "invalid number");
	int check = whole > 300;
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
		check = 1;
	}
	if (check && number_overflows(from, s->p)) {
		s->p = from;
		return fail(s, "number out of range");
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

/* "duplicate key 'zip' in 'address'", naming the member holding the object;
 * the parts are sized to fit err->msg. */
static void report_dup(struct scan *s, const struct jscan_key *k, const struct jscan_key *parent)
{
	char key[41], in[sizeof s->err->msg], msg[sizeof key + sizeof in + 24];
	size_t room = sizeof s->err->msg - sizeof "duplicate key '' in ''";
	jscan_key_quote(key, 40, k->raw, k->raw_len);
	if (parent) {
		jscan_key_quote(in, room - strlen(key), parent->raw, parent->raw_len);
		snprintf(msg, sizeof msg, "duplicate key '%s' in '%s'", key, in);
	} else {
		snprintf(msg, sizeof msg, "duplicate key '%s'", key);
	}
	memcpy(s->err->msg, msg, strlen(msg) + 1);
	s->err->column = (size_t)((const unsigned char *)k->raw - s->start);
	s->dup = 1;
}

/* An object closed: checks its keys (from base on) and drops them. */
static void close_object(struct scan *s, size_t base)
{
	const struct jscan_key *dup = jscan_keys_close(base, s->escaped, !s->dup);
	if (dup)
		report_dup(s, dup, base ? jscan_keys_at(base - 1) : NULL);
}

/* A member's key and its ':', s->p at the key; the key is opened (jscan_keys). */
static struct jscan_key *scan_key(struct scan *s)
{
	int esc = 0;
	if (s->p >= s->end || *s->p != '"') {
		fail(s, "expected a string key");
		return NULL;
	}
	const char *raw = (const char *)s->p + 1;
	if (scan_string(s, &esc) < 0)
		return NULL;
	size_t len = (size_t)((const char *)s->p - raw) - 1;
	if (esc && jscan_key_has_nul(raw, len)) {
		s->p = (const unsigned char *)raw - 1;
		fail(s, "NUL character in a key");
		return NULL;
	}
	struct jscan_key *k = jscan_keys_push(raw, len, esc);
	s->escaped |= esc;
	skip_ws(s);
	if (s->p >= s->end || *s->p != ':') {
		fail(s, "expected ':'");
		return NULL;
	}
	s->p++;
	skip_ws(s);
	return k;
}

static int scan_value(struct scan *s, int depth);

/* The elements of an array or the members of an object; s->p after the opener. */
static int scan_container(struct scan *s, int depth, int object)
{
	char closer = object ? '}' : ']';
	size_t base = jscan_keys_count();
	if (depth > JSCAN_MAX_DEPTH)
		return fail(s, "nesting too deep");
	skip_ws(s);
	if (s->p < s->end && *s->p == closer) {
		s->p++;
		return 0;
	}
	for (;;) {
		if (object && !scan_key(s))
			return -1;
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
			if (object)
				close_object(s, base);
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
		struct jscan_key *k = scan_key(s);
		if (!k)
			return -1;
		struct jscan_member *mb = add_member(m, cap, count);
		mb->key = k->raw;
		mb->key_len = k->raw_len;
		mb->key_escaped = k->escaped;
		mb->hash = k->hash = jscan_key_hash(k->raw, k->raw_len, k->escaped);
		k->hashed = 1;
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
		if (s->p < s->end && *s->p == '}') {
			close_object(s, 0);
			return 0;
		}
		return fail(s, "expected ',' or '}'");
	}
}

static enum jscan_result scan_text(struct scan *s, struct jscan_member **members,
				   size_t *cap, size_t *count, size_t *open, size_t *close)
{
	skip_ws(s);
	if (s->p < s->end && *s->p == '{') {
		*open = (size_t)(s->p - s->start);
		s->p++;
		if (scan_members(s, members, cap, count) < 0)
			return JSCAN_INVALID;
		*close = (size_t)(s->p - s->start);
		s->p++;
	} else if (scan_value(s, 1) < 0) {
		return JSCAN_INVALID;
	} else {
		skip_ws(s);
		if (s->p == s->end) {
			s->err->column = 1;
			snprintf(s->err->msg, sizeof s->err->msg, "top-level value is not an object");
			return JSCAN_NOT_OBJECT;
		}
	}
	skip_ws(s);
	if (s->p != s->end) {
		fail(s, "trailing characters after the value");
		return JSCAN_INVALID;
	}
	return s->dup ? JSCAN_DUPLICATE : JSCAN_OK;
}

enum jscan_result jscan_object(const char *text, size_t len,
			       struct jscan_member **members, size_t *cap, size_t *count,
			       size_t *open, size_t *close, struct jscan_error *err)
{
	struct scan s = { (const unsigned char *)text, (const unsigned char *)text,
			  (const unsigned char *)text + len, err, 0, 0 };
	*count = 0;
	jscan_keys_reset();
	enum jscan_result res = scan_text(&s, members, cap, count, open, close);
	jscan_keys_release();
	return res;
}
