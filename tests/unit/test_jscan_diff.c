/* SPDX-License-Identifier: MIT */
/* Differential test of the record layer against jansson: thousands of
 * mutated JSON lines (fixed seed, bounded) must get the same verdict from
 * jscan as from json_loadb, and every accepted line must build (jbuild) and
 * write (jout) to values jansson calls equal. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jbuild.h"
#include "jout.h"
#include "jscan.h"
#include "tap.h"

#define ROUNDS 30000

static const char *const seeds[] = {
	"{\"id\":\"clark_nv:48213\",\"price\":315000,\"baths\":2.5,\"lat\":36.17,\"lon\":-115.14}",
	"{\"address\":{\"line\":\"123 Main St\",\"unit\":null,\"zip\":\"89101\"},\"ok\":true,\"no\":false}",
	"{\"s\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\n\\t\",\"u\":\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"}",
	"{\"a\":[1,-2,3.5e10,-0.0,0,1E-7,[],{},[[{\"x\":[null]}]]]}",
	"{ \"spaced\" : [ 1 , 2 ] , \"e\" : { } }",
	"{\"k\":\"\\u0000\",\"big\":12345678901234}",
};

static unsigned long long rng = 88172645463325252ULL;

static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 16);
}

/* One to three random edits: replace, insert or delete a byte, or cut the end. */
static void mutate(struct buf *b)
{
	static const char alphabet[] = "{}[]\":,\\ -+.eE0123456789tfnul\x01\x80\xc3\xa9\xff\xed";
	int edits = 1 + (int)(next_rand() % 3);
	for (int e = 0; e < edits && b->len > 0; e++) {
		size_t at = next_rand() % b->len;
		char c = alphabet[next_rand() % (sizeof alphabet - 1)];
		switch (next_rand() % 4) {
		case 0: b->data[at] = c; break;
		case 1:
			buf_addc(b, 0);
			memmove(b->data + at + 1, b->data + at, b->len - at - 1);
			b->data[at] = c;
			break;
		case 2:
			memmove(b->data + at, b->data + at + 1, b->len - at - 1);
			b->len--;
			break;
		default: b->len = at; break;
		}
	}
	b->data[b->len] = '\0';
}

/* jansson's verdict on a record line: 1 valid object, 0 invalid, -1 not comparable. */
static int jansson_verdict(const char *s, size_t n, json_t **out)
{
	json_error_t err;
	*out = json_loadb(s, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY, &err);
	if (!*out)
		return strstr(err.text, "too big") || strstr(err.text, "overflow") ? -1 : 0;
	if (!json_is_object(*out))
		return 0;
	return 1;
}

static int same_values(const char *s, size_t n, json_t *expected)
{
	json_t *built = jbuild_value(s, n);
	struct buf out = BUF_INIT;
	jout_value(&out, built);
	json_t *reread = json_loadb(out.data, out.len, JSON_ALLOW_NUL, NULL);
	int ok = json_equal(built, expected) && json_equal(reread, expected);
	json_decref(built);
	json_decref(reread);
	buf_release(&out);
	return ok;
}

int main(void)
{
	struct jscan_member *m = NULL;
	size_t cap = 0, count, open, close;
	struct jscan_error err;
	struct buf b = BUF_INIT;
	int disagree = 0, bad_values = 0, compared = 0, valid = 0;
	for (int i = 0; i < ROUNDS; i++) {
		buf_reset(&b);
		buf_adds(&b, seeds[i % (sizeof seeds / sizeof seeds[0])]);
		if (i >= (int)(sizeof seeds / sizeof seeds[0]))
			mutate(&b);
		json_t *j;
		int want = jansson_verdict(b.data, b.len, &j);
		if (want >= 0) {
			int got = jscan_object(b.data, b.len, &m, &cap, &count, &open, &close, &err) == JSCAN_OK;
			compared++;
			valid += got;
			if (got != want && disagree++ < 5)
				printf("# jscan %d, jansson %d: %s\n", got, want, b.data);
			if (got && want && !same_values(b.data + open, close - open + 1, j) &&
			    bad_values++ < 5)
				printf("# values differ: %s\n", b.data);
		}
		json_decref(j);
	}
	printf("# %d lines compared, %d valid\n", compared, valid);
	check(compared > ROUNDS * 9 / 10, "nearly every mutated line was comparable");
	check(valid > 1000 && valid < compared - 1000, "both verdicts well represented");
	check_int(disagree, 0, "jscan agrees with jansson on every line");
	check_int(bad_values, 0, "jbuild and jout give jansson's values");
	free(m);
	buf_release(&b);
	return tap_done();
}
