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
	"{\"k\\u0000\":1}",
	/* similar keys in nested objects, some escaped: one edit (often deleting
	 * a byte of a key) makes a duplicate */
	"{\"o\":{\"x\":1,\"xx\":2,\"xxx\":[{\"y\":1,\"yy\":2,\"yyy\":3}],\"w\":{\"z\":1,\"zz\":{}}}}",
	"{\"e\":{\"a\":1,\"\\u00611\":2,\"b\":{\"c\":1,\"\\u00633\":[{\"\\u00e9\":1,\"\\u00e99\":2}]}}}",
	"{\"a\":{\"k1\":1,\"k2\":{\"k1\":[{\"x1\":1,\"x2\":2}],\"k\\/\":null}},\"l\":[{\"k1\":1,\"k/\":2}]}",
	/* numbers near the ends of a double's range */
	"{\"n\":[1e308,-1.5e307,2E+300,1e-320,-2.5e-308]}",
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

/* jansson's verdict on a record line: 1 valid object, 0 invalid, -1 not
 * comparable (jansson refuses integers beyond 64 bits, which jscan accepts
 * as reals). Like jscan, it refuses duplicate keys at any level (compared
 * decoded), NUL bytes in keys and reals that overflow. */
static int jansson_verdict(const char *s, size_t n, json_t **out)
{
	json_error_t err;
	*out = json_loadb(s, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY, &err);
	if (!*out)
		return strstr(err.text, "too big") ? -1 : 0;
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

struct tally {
	int compared, valid, disagree, bad_values;
	int nested_dups, escaped_dups, out_of_range;   /* refused by both */
};

/* Both verdicts on one line, and the values when both accept it. */
static void compare_line(const char *s, size_t n, struct tally *t)
{
	static struct jscan_member *m;
	static size_t cap;
	size_t count, open, close;
	struct jscan_error err;
	json_t *j;
	int want = jansson_verdict(s, n, &j);
	if (want < 0) {
		json_decref(j);
		return;
	}
	enum jscan_result res = jscan_object(s, n, &m, &cap, &count, &open, &close, &err);
	int got = res == JSCAN_OK;
	t->compared++;
	t->valid += got;
	if (got != want && t->disagree++ < 5)
		printf("# jscan %d, jansson %d: %s\n", got, want, s);
	if (got && want && !same_values(s + open, close - open + 1, j) && t->bad_values++ < 5)
		printf("# values differ: %s\n", s);
	t->nested_dups += res == JSCAN_DUPLICATE && !want && strstr(err.msg, "' in '");
	t->escaped_dups += res == JSCAN_DUPLICATE && !want && err.column < n &&
			   memchr(s + err.column, '\\', strcspn(s + err.column, "\""));
	t->out_of_range += res == JSCAN_INVALID && !want && strstr(err.msg, "out of range");
	json_decref(j);
}

int main(void)
{
	struct buf b = BUF_INIT;
	struct tally t = { 0 };
	for (int i = 0; i < ROUNDS; i++) {
		buf_reset(&b);
		buf_adds(&b, seeds[i % (sizeof seeds / sizeof seeds[0])]);
		if (i >= (int)(sizeof seeds / sizeof seeds[0]))
			mutate(&b);
		compare_line(b.data, b.len, &t);
	}
	printf("# %d lines compared, %d valid; refused by both: %d nested duplicates, "
	       "%d escaped duplicates, %d numbers out of range\n", t.compared, t.valid,
	       t.nested_dups, t.escaped_dups, t.out_of_range);
	check(t.compared > ROUNDS * 9 / 10, "nearly every mutated line was comparable");
	check(t.valid > 1000 && t.valid < t.compared - 1000, "both verdicts well represented");
	check_int(t.disagree, 0, "jscan agrees with jansson on every line");
	check_int(t.bad_values, 0, "jbuild and jout give jansson's values");
	check(t.nested_dups > 20 && t.escaped_dups > 5 && t.out_of_range > 20,
	      "mutations made nested and escaped duplicates and numbers out of range");
	compare_line("{\"p\":1e400}", 11, &t);
	compare_line("{\"p\":[-1E+400]}", 15, &t);
	check_int(t.disagree, 0, "both refuse 1e400 and -1E+400");
	buf_release(&b);
	return tap_done();
}
