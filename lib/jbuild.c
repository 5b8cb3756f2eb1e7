/* SPDX-License-Identifier: MIT */
/* Builds jansson values from JSON text that jscan has already validated
 * (RFC 8259), so no error paths: only decoding. */
#include "jbuild.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jstring.h"

struct build {
	const char *p, *end;
	struct buf tmp;     /* decoded strings with escapes */
};

static void skip_ws(struct build *b)
{
	while (b->p < b->end && (*b->p == ' ' || *b->p == '\t' || *b->p == '\n' || *b->p == '\r'))
		b->p++;
}

/* An escape at b->p, decoded into tmp. */
static void decode_escape(struct build *b)
{
	unsigned char u[4];
	const unsigned char *p = (const unsigned char *)b->p;
	size_t n = jstring_char(&p, u);
	buf_add(&b->tmp, (const char *)u, n);
	b->p = (const char *)p;
}

/* A string at b->p (the opening quote); *len gets its decoded length. The
 * result points into the text when there are no escapes, else into tmp. */
static const char *string_at(struct build *b, size_t *len)
{
	const char *start = ++b->p;
	const char *q = start;
	while (*q != '"' && *q != '\\')
		q++;
	if (*q == '"') {
		b->p = q + 1;
		*len = (size_t)(q - start);
		return start;
	}
	buf_reset(&b->tmp);
	buf_add(&b->tmp, start, (size_t)(q - start));
	b->p = q;
	while (*b->p != '"') {
		if (*b->p == '\\') {
			decode_escape(b);
			continue;
		}
		const char *run = b->p;
		while (*b->p != '"' && *b->p != '\\')
			b->p++;
		buf_add(&b->tmp, run, (size_t)(b->p - run));
	}
	b->p++;
	*len = b->tmp.len;
	return b->tmp.data;
}

static json_t *number_at(struct build *b)
{
	const char *start = b->p;
	int real = 0;
	while (b->p < b->end && strchr("0123456789+-.eE", *b->p) && *b->p) {
		if (*b->p == '.' || *b->p == 'e' || *b->p == 'E')
			real = 1;
		b->p++;
	}
	char tmp[64];
	size_t n = (size_t)(b->p - start);
	char *heap = n >= sizeof tmp ? malloc(n + 1) : NULL;
	char *s = heap ? heap : tmp;
	memcpy(s, start, n);
	s[n] = '\0';
	json_t *v;
	errno = 0;
	long long i = real ? 0 : strtoll(s, NULL, 10);
	v = !real && errno != ERANGE ? json_integer(i) : json_real(strtod(s, NULL));
	free(heap);
	return v;
}

static json_t *value_at(struct build *b);

static json_t *object_at(struct build *b)
{
	json_t *obj = json_object();
	b->p++;
	skip_ws(b);
	while (*b->p != '}') {
		size_t klen;
		const char *k = string_at(b, &klen);
		/* The key may live in tmp, which the value can overwrite: copy it. */
		char small[64];
		char *key = klen < sizeof small ? small : malloc(klen + 1);
		memcpy(key, k, klen);
		key[klen] = '\0';
		skip_ws(b);
		b->p++;              /* ':' */
		skip_ws(b);
		json_object_setn_new_nocheck(obj, key, klen, value_at(b));
		if (key != small)
			free(key);
		skip_ws(b);
		if (*b->p == ',') {
			b->p++;
			skip_ws(b);
		}
	}
	b->p++;
	return obj;
}

static json_t *array_at(struct build *b)
{
	json_t *arr = json_array();
	b->p++;
	skip_ws(b);
	while (*b->p != ']') {
		json_array_append_new(arr, value_at(b));
		skip_ws(b);
		if (*b->p == ',') {
			b->p++;
			skip_ws(b);
		}
	}
	b->p++;
	return arr;
}

static json_t *value_at(struct build *b)
{
	size_t len;
	const char *s;
	switch (*b->p) {
	case '{': return object_at(b);
	case '[': return array_at(b);
	case '"':
		s = string_at(b, &len);
		return json_stringn_nocheck(s, len);
	case 't': b->p += 4; return json_true();
	case 'f': b->p += 5; return json_false();
	case 'n': b->p += 4; return json_null();
	default: return number_at(b);
	}
}

json_t *jbuild_value(const char *text, size_t len)
{
	struct build b = { text, text + len, BUF_INIT };
	json_t *v = value_at(&b);
	buf_release(&b.tmp);
	return v;
}
