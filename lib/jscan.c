/* SPDX-License-Identifier: MIT */
/* Validates one JSON text (RFC 8259, UTF-8 per RFC 3629) in a single pass and
 * indexes the members of a top-level object without building any values.
 * Duplicate keys are refused at every level, comparing decoded keys. */
#include "jscan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

/* A key of an object still open, kept until the object closes. */
struct key {
	const char *raw;    /* between the quotes, still escaped */
	size_t raw_len;
	const char *text;   /* compared: raw, or its decoding in scratch.bytes */
	size_t len;
	uint32_t hash;      /* of text, once hashed */
	unsigned char escaped, hashed;
};

/* Reused between calls so that the common case allocates nothing: the keys
 * of the open objects (a stack) and the decoded escaped keys of one object. */
static _Thread_local struct {
	struct key *keys;
	size_t n, cap;
	char *bytes;
	size_t bytes_cap;
} scratch;

/* For the duplicate check, objects of up to PAIRWISE keys compare them
 * pairwise (by hash past SMALL_OBJECT keys), bigger ones sort them. Scratch
 * above SCRATCH_KEEP bytes is given back after the call. */
#define SMALL_OBJECT 16
#define PAIRWISE 48
#define SCRATCH_KEEP (1u << 20)

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

/* FNV-1a */
static uint32_t hash_more(uint32_t h, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

uint32_t jscan_hash(const char *s, size_t n)
{
	return hash_more(2166136261u, (const unsigned char *)s, n);
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

static size_t put_utf8(unsigned char *u, unsigned cp)
{
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | cp >> 18);
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decodes the character at *p of an already validated string into u (a whole
 * UTF-8 sequence) and moves *p past it; returns the length in u. */
static size_t key_char(const unsigned char **p, unsigned char u[4])
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
	unsigned cp = (unsigned)hex4(s + 2);
	*p = s + 6;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned)hex4(s + 8) - 0xDC00);
		*p = s + 12;
	}
	return put_utf8(u, cp);
}

static size_t decode_key(char *out, const char *raw, size_t len)
{
	const unsigned char *p = (const unsigned char *)raw, *end = p + len;
	size_t n = 0;
	while (p < end)
		n += key_char(&p, (unsigned char *)out + n);
	return n;
}

/* A key must be a C string too: "\u0000" in one is refused, as jansson does. */
static int key_has_nul(const char *raw, size_t len)
{
	const unsigned char *p = (const unsigned char *)raw, *end = p + len;
	unsigned char u[4];
	while (p < end)
		if (key_char(&p, u) == 1 && u[0] == 0)
			return 1;
	return 0;
}

static uint32_t key_hash(const char *raw, size_t len, int escaped)
{
	if (!escaped)
		return jscan_hash(raw, len);
	const unsigned char *p = (const unsigned char *)raw, *end = p + len;
	uint32_t h = 2166136261u;
	unsigned char u[4];
	while (p < end) {
		size_t n = key_char(&p, u);
		h = hash_more(h, u, n);
	}
	return h;
}

int jscan_key_is(const struct jscan_member *m, const char *key, size_t n)
{
	if (!m->key_escaped)
		return m->key_len == n && memcmp(m->key, key, n) == 0;
	const unsigned char *p = (const unsigned char *)m->key, *end = p + m->key_len;
	size_t at = 0;
	unsigned char u[4];
	while (p < end) {
		size_t k = key_char(&p, u);
		if (k > n - at || memcmp(key + at, u, k) != 0)
			return 0;
		at += k;
	}
	return at == n;
}

/* At most max bytes of the decoded key into out (max + 1 bytes), for a
 * message: whole characters only, control characters as '?'. */
static void quote_key(char *out, size_t max, const char *raw, size_t len)
{
	const unsigned char *p = (const unsigned char *)raw, *end = p + len;
	size_t n = 0;
	unsigned char u[4];
	while (p < end) {
		size_t k = key_char(&p, u);
		if (k > max - n)
			break;
		for (size_t i = 0; i < k; i++)
			out[n++] = u[i] < 0x20 ? '?' : (char)u[i];
	}
	out[n] = '\0';
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

static struct key *push_key(const char *raw, size_t len, int escaped)
{
	if (scratch.n == scratch.cap) {
		scratch.cap = scratch.cap ? scratch.cap * 2 : 64;
		scratch.keys = xrealloc(scratch.keys, scratch.cap * sizeof *scratch.keys);
	}
	struct key *k = &scratch.keys[scratch.n++];
	k->raw = k->text = raw;
	k->raw_len = k->len = len;
	k->escaped = (unsigned char)escaped;
	k->hashed = 0;
	return k;
}

/* Escaped keys (rare) are compared decoded. Only the object being checked
 * points into scratch.bytes, so it can be reused (and moved) for each. */
static void decode_keys(struct key *k, size_t n)
{
	size_t need = 0;
	for (size_t i = 0; i < n; i++)
		need += k[i].escaped ? k[i].raw_len : 0;
	if (!need)
		return;
	if (need > scratch.bytes_cap) {
		scratch.bytes_cap = need;
		scratch.bytes = xrealloc(scratch.bytes, need);
	}
	char *out = scratch.bytes;
	for (size_t i = 0; i < n; i++)
		if (k[i].escaped) {
			k[i].text = out;
			k[i].len = decode_key(out, k[i].raw, k[i].raw_len);
			out += k[i].len;
		}
}

static int same_key(const struct key *a, const struct key *b)
{
	return a->len == b->len && (!a->len || (a->text[0] == b->text[0] &&
					       memcmp(a->text, b->text, a->len) == 0));
}

/* By hash, then bytes, then position, so the later of two equal keys follows. */
static int key_order(const void *va, const void *vb)
{
	const struct key *a = va, *b = vb;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	int c = memcmp(a->text, b->text, a->len);
	if (c)
		return c;
	return a->raw < b->raw ? -1 : a->raw > b->raw;
}

static void hash_keys(struct key *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!k[i].hashed) {
			k[i].hash = jscan_hash(k[i].text, k[i].len);
			k[i].hashed = 1;
		}
}

/* Sets the hash's bit in a 256-bit filter; 1 when it was set already. */
static int filter_hit(uint64_t seen[4], uint32_t h)
{
	uint64_t bit = 1ull << (h & 63);
	int hit = (seen[h >> 6 & 3] & bit) != 0;
	seen[h >> 6 & 3] |= bit;
	return hit;
}

/* The first key (in text order) that repeats an earlier one, or NULL. Past a
 * few keys, a filter on their hashes skips most comparisons. */
static const struct key *dup_pairwise(struct key *k, size_t n)
{
	uint64_t seen[4] = { 0 };
	int hashed = n > SMALL_OBJECT;
	if (hashed)
		hash_keys(k, n);
	for (size_t i = 0; i < n; i++) {
		if (hashed && !filter_hit(seen, k[i].hash))
			continue;
		for (size_t j = 0; j < i; j++)
			if ((!hashed || k[i].hash == k[j].hash) && same_key(&k[i], &k[j]))
				return &k[i];
	}
	return NULL;
}

/* The same in O(n log n) for big objects, sorting k in place. */
static const struct key *dup_sorted(struct key *k, size_t n)
{
	const struct key *first = NULL;
	hash_keys(k, n);
	qsort(k, n, sizeof *k, key_order);
	for (size_t i = 1; i < n; i++)
		if (k[i].hash == k[i - 1].hash && same_key(&k[i], &k[i - 1]) &&
		    (!first || k[i].raw < first->raw))
			first = &k[i];
	return first;
}

/* "duplicate key 'zip' in 'address'", naming the member holding the object;
 * the parts are sized to fit err->msg. */
static void report_dup(struct scan *s, const struct key *k, const struct key *parent)
{
	char key[41], in[sizeof s->err->msg], msg[sizeof key + sizeof in + 24];
	size_t room = sizeof s->err->msg - sizeof "duplicate key '' in ''";
	quote_key(key, 40, k->raw, k->raw_len);
	if (parent) {
		quote_key(in, room - strlen(key), parent->raw, parent->raw_len);
		snprintf(msg, sizeof msg, "duplicate key '%s' in '%s'", key, in);
	} else {
		snprintf(msg, sizeof msg, "duplicate key '%s'", key);
	}
	memcpy(s->err->msg, msg, strlen(msg) + 1);
	s->err->column = (size_t)((const unsigned char *)k->raw - s->start);
	s->dup = 1;
}

/* An object closed: checks its keys, scratch.keys[base..n), and drops them. */
static void close_object(struct scan *s, size_t base)
{
	struct key *k = scratch.keys + base;
	size_t n = scratch.n - base;
	if (!s->dup && n > 1) {
		if (s->escaped)
			decode_keys(k, n);
		const struct key *dup = n <= PAIRWISE ? dup_pairwise(k, n) : dup_sorted(k, n);
		if (dup)
			report_dup(s, dup, base ? k - 1 : NULL);
	}
	scratch.n = base;
}

/* A member's key and its ':', s->p at the key; the key is pushed on scratch. */
static struct key *scan_key(struct scan *s)
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
	if (esc && key_has_nul(raw, len)) {
		s->p = (const unsigned char *)raw - 1;
		fail(s, "NUL character in a key");
		return NULL;
	}
	struct key *k = push_key(raw, len, esc);
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
	size_t base = scratch.n;
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
		struct key *k = scan_key(s);
		if (!k)
			return -1;
		struct jscan_member *mb = add_member(m, cap, count);
		mb->key = k->raw;
		mb->key_len = k->raw_len;
		mb->key_escaped = k->escaped;
		mb->hash = k->hash = key_hash(k->raw, k->raw_len, k->escaped);
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

/* Keeps the scratch for the next call unless a huge record grew it. */
static void release_scratch(void)
{
	scratch.n = 0;
	if (scratch.cap * sizeof *scratch.keys > SCRATCH_KEEP) {
		free(scratch.keys);
		scratch.keys = NULL;
		scratch.cap = 0;
	}
	if (scratch.bytes_cap > SCRATCH_KEEP) {
		free(scratch.bytes);
		scratch.bytes = NULL;
		scratch.bytes_cap = 0;
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
	scratch.n = 0;
	enum jscan_result res = scan_text(&s, members, cap, count, open, close);
	release_scratch();
	return res;
}
