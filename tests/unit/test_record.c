/* SPDX-License-Identifier: MIT */
/* Unit tests for jscan (validation) and record (lazy get, splice on write). */
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "jbuild.h"
#include "jout.h"
#include "jscan.h"
#include "jsonout.h"
#include "record.h"
#include "tap.h"

static struct record *rec;

/* Parses line; returns the reason or "" when valid. */
static const char *parse(const char *line)
{
	static struct buf why = BUF_INIT;
	buf_reset(&why);
	record_parse(rec, line, strlen(line), &why);
	return buf_cstr(&why);
}

static void test_validation(void)
{
	static const struct { const char *line, *why; } cases[] = {
		{ "{}", "" },
		{ " {\"a\":1} ", "" },
		{ "{\"a\":[1,2.5,-3e4,true,false,null,{\"b\":\"c\"}]}", "" },
		{ "{\"s\":\"\\u00e9\\ud83d\\ude00 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}", "" },
		{ "{\"s\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\"}", "" },
		{ "not json", "invalid JSON at column 1: unexpected character" },
		{ "{\"a\":1,}", "invalid JSON at column 8: expected a string key" },
		{ "{\"a\":1", "invalid JSON at column 7: unexpected end of input" },
		{ "{\"a\" 1}", "invalid JSON at column 6: expected ':'" },
		{ "{\"a\":01}", "invalid JSON at column 7: expected ',' or '}'" },
		{ "{\"a\":1.}", "invalid JSON at column 8: invalid number" },
		{ "{\"a\":-}", "invalid JSON at column 7: invalid number" },
		{ "{\"a\":tru}", "invalid JSON at column 6: unexpected character" },
		{ "{\"a\":\"x}", "invalid JSON at column 9: unexpected end of input" },
		{ "{\"a\":\"\\x\"}", "invalid JSON at column 8: invalid escape in string" },
		{ "{\"a\":\"\\ud800\"}", "invalid JSON at column 13: lone high surrogate in \\u escape" },
		{ "{\"a\":\"\\udc00\"}", "invalid JSON at column 13: lone low surrogate in \\u escape" },
		{ "{\"a\":\"\t\"}", "invalid JSON at column 7: control character in string" },
		{ "{\"a\":\"\xff\"}", "invalid JSON at column 7: invalid UTF-8" },
		{ "{\"a\":\"\xc0\xaf\"}", "invalid JSON at column 7: invalid UTF-8" },
		{ "{\"a\":\"\xed\xa0\x80\"}", "invalid JSON at column 7: invalid UTF-8" },
		{ "{\"a\":\"\xe2\x82\"}", "invalid JSON at column 7: invalid UTF-8" },
		{ "{\"a\":1} x", "invalid JSON at column 9: trailing characters after the value" },
		{ "{\"a\":1}{}", "invalid JSON at column 8: trailing characters after the value" },
		{ "[1,2]", "top-level value is not an object" },
		{ "\"str\"", "top-level value is not an object" },
		{ "{\"a\":1,\"b\":2,\"a\":3}", "duplicate key 'a'" },
		{ "", "invalid JSON at column 1: unexpected end of input" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_str(parse(cases[i].line), cases[i].why, cases[i].line);
}

/* Duplicate keys at any level, compared decoded, reported only when the
 * text is otherwise valid. */
static void test_duplicates(void)
{
	static const struct { const char *line, *why; } cases[] = {
		{ "{\"address\":{\"zip\":\"89146\",\"zip\":\"89999\"}}", "duplicate key 'zip' in 'address'" },
		{ "{\"a\":[{\"x\":1},{\"x\":1,\"y\":2,\"x\":3}]}", "duplicate key 'x' in 'a'" },
		{ "{\"a\":{\"b\":{\"c\":[[{\"d\":{\"k\":1,\"j\":[],\"k\":{}}}]]}}}", "duplicate key 'k' in 'd'" },
		{ "{\"a\":1,\"\\u0061\":2}", "duplicate key 'a'" },
		{ "{\"a\\/b\":1,\"a/b\":2}", "duplicate key 'a/b'" },
		{ "{\"\xf0\x9f\x98\x80\":1,\"\\ud83d\\ude00\":2}", "duplicate key '\xf0\x9f\x98\x80'" },
		{ "{\"o\":{\"\xc3\xa9\":1,\"\\u00E9\":2}}", "duplicate key '\xc3\xa9' in 'o'" },
		{ "{\"\\u006f\":{\"k\\n\":1,\"k\\u000a\":2}}", "duplicate key 'k?' in 'o'" },
		{ "{\"a\":{\"b\":1},\"c\":{\"b\":2},\"d\":[{\"b\":3},{\"b\":4}]}", "" },
		{ "{\"a\":{\"a\":{\"a\":1}}}", "" },
		{ "{\"\\u0061b\":1,\"a\":2,\"ab\\u0000\":3,\"\":4,\"A\":5}", "invalid JSON at column 20: NUL character in a key" },
		{ "{\"\\u0061b\":1,\"a\":2,\"ab\\\\u0000\":3,\"\":4,\"A\":5}", "" },
		{ "{\"a\":{\"k\":1,\"k\":2},}", "invalid JSON at column 20: expected a string key" },
		{ "[{\"a\":1,\"a\":2}]", "top-level value is not an object" },
		{ "{\"o\":{\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\":1,"
		  "\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\":2}}",
		  "duplicate key 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk' in 'o'" },
		{ "{\"pppppppppppppppppppppppppppppp\":{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9\":1,"
		  "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\u00e9\":2}}",
		  "duplicate key 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' in 'pppppppppppppppppp'" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_str(parse(cases[i].line), cases[i].why, cases[i].line);

	struct jscan_member *m = NULL;
	size_t cap = 0, count, open, close;
	struct jscan_error err;
	const char *line = "{\"a\":{\"k\":1,\"k\":2}}";
	check_int(jscan_object(line, strlen(line), &m, &cap, &count, &open, &close, &err),
		  JSCAN_DUPLICATE, "nested duplicate result");
	check_int(err.column, 13, "column of the repeated key");
	free(m);
}

/* {"k0":0,"k1":1,...} with n keys inside prefix..suffix, then tail. */
static void many_keys(struct buf *b, const char *prefix, int n, const char *tail, const char *suffix)
{
	buf_reset(b);
	buf_adds(b, prefix);
	for (int i = 0; i < n; i++)
		buf_printf(b, "%s\"k%d\":%d", i ? "," : "", i, i);
	buf_adds(b, tail);
	buf_adds(b, suffix);
}

static void test_big_objects(void)
{
	static const struct { const char *prefix; int n; const char *tail, *suffix, *why; } cases[] = {
		{ "{", 100000, "", "}", "" },
		{ "{", 100000, ",\"k99999\":0", "}", "duplicate key 'k99999'" },
		{ "{", 100000, ",\"\\u006b5\":0", "}", "duplicate key 'k5'" },
		{ "{\"o\":[{", 100000, ",\"k5\":0", "}]}", "duplicate key 'k5' in 'o'" },
		{ "{\"o\":{", 30, ",\"k17\":0", "}}", "duplicate key 'k17' in 'o'" },
		{ "{\"o\":{", 30, ",\"k\\u0031\":0", "}}", "duplicate key 'k1' in 'o'" },
		{ "{\"o\":{", 48, "", "}}", "" },
		{ "{\"o\":{", 60, ",\"k30\":0,\"k3\":0", "}}", "duplicate key 'k30' in 'o'" },
	};
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		many_keys(&b, cases[i].prefix, cases[i].n, cases[i].tail, cases[i].suffix);
		clock_t t = clock();
		check_str(parse(b.data), cases[i].why, cases[i].why);
		check(clock() - t < 5 * CLOCKS_PER_SEC, "checked in well under n squared");
	}
	buf_release(&b);
}

#define DBL_OVERFLOW_HEAD "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070963302864166928879109465555478519404026306574886715058206819089020007083836762738548458177115317644757302700698555713669596228429148198608349364752927190741684443655107043427115596995080930428801779041744977"

/* A number that does not fit a double is invalid; one that underflows is 0. */
static void test_number_range(void)
{
	static const struct { const char *line, *why; } cases[] = {
		{ "{\"price\":1e400}", "invalid JSON at column 10: number out of range" },
		{ "{\"p\":-1E+400}", "invalid JSON at column 6: number out of range" },
		{ "{\"p\":[1,{\"q\":2e308}]}", "invalid JSON at column 14: number out of range" },
		{ "{\"p\":1e999999999999999999999}", "invalid JSON at column 6: number out of range" },
		{ "{\"p\":1.7976931348623159e308}", "invalid JSON at column 6: number out of range" },
		{ "{\"p\":1e-400,\"q\":-1e-999999999999999999999,\"r\":0e99999}", "" },
		{ "{\"p\":1.5e308,\"q\":-1.7976931348623157e308,\"r\":1.7976931348623158e308}", "" },
		{ "{\"p\":0.00000000001e319,\"q\":1E+308,\"r\":4.9e-324}", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_str(parse(cases[i].line), cases[i].why, cases[i].line);

	/* Long digit strings: a 309-digit integer, 500 digits with exponents,
	 * a fraction after 500 zeros, and around the threshold (DBL_MAX plus
	 * half an ulp: it rounds to infinity) with 500 more digits. */
	static const struct { const char *lead; char fill; int n; const char *end, *why; } longs[] = {
		{ "{\"p\":1", '0', 308, "}", "" },
		{ "{\"p\":1", '0', 309, "}", "invalid JSON at column 6: number out of range" },
		{ "{\"p\":9", '9', 499, "e-192}", "" },
		{ "{\"p\":9", '9', 499, "e-191}", "invalid JSON at column 6: number out of range" },
		{ "{\"p\":0.", '0', 500, "1e809}", "" },
		{ "{\"p\":-0.", '0', 500, "1e810}", "invalid JSON at column 6: number out of range" },
		{ "{\"p\":" DBL_OVERFLOW_HEAD "92", '0', 0, "}", "invalid JSON at column 6: number out of range" },
		{ "{\"p\":" DBL_OVERFLOW_HEAD "91.", '9', 500, "}", "" },
		{ "{\"p\":" DBL_OVERFLOW_HEAD "92.", '0', 500, "1}", "invalid JSON at column 6: number out of range" },
		{ "{\"p\":0.0" DBL_OVERFLOW_HEAD "91", '9', 500, "e310}", "" },
	};
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < sizeof longs / sizeof longs[0]; i++) {
		buf_reset(&b);
		buf_adds(&b, longs[i].lead);
		for (int k = 0; k < longs[i].n; k++)
			buf_addc(&b, longs[i].fill);
		buf_adds(&b, longs[i].end);
		check_str(parse(b.data), longs[i].why, longs[i].end);
	}
	buf_release(&b);
}

static const char *written(void)
{
	static struct buf out = BUF_INIT;
	buf_reset(&out);
	record_write(rec, &out);
	return buf_cstr(&out);
}

static void test_get(void)
{
	double d = 0;
	parse("{\"id\":\"x:1\",\"price\":315000,\"address\":{\"zip\":\"89101\"},\"n\":null}");
	check_str(record_get_string(rec, "id"), "x:1", "string value");
	check(record_get_number(rec, "price", &d) && d == 315000, "number value");
	check_str(json_string_value(record_get_path(rec, "address.zip")), "89101", "dotted path");
	check(record_get_path(rec, "address.city") == NULL, "absent nested key");
	check(record_get(rec, "nope") == NULL, "absent key");
	check(json_is_null(record_get(rec, "n")), "null value");
	check(!record_get_number(rec, "id", &d), "a string is not a number");
	size_t len = 0;
	const char *raw = record_get_raw(rec, "address", &len);
	check(raw && len == 15 && memcmp(raw, "{\"zip\":\"89101\"}", 15) == 0, "raw value span");
}

static void test_splice(void)
{
	parse("{\"b\":1,  \"a\" : [1, 2] ,\"unknown\":{\"k\":\"v\"}}");
	record_set(rec, "score", json_integer(87));
	check_str(written(), "{\"b\":1,  \"a\" : [1, 2] ,\"unknown\":{\"k\":\"v\"},\"score\":87}\n",
		  "added key appended, other bytes untouched");
	parse("{\"b\":1,\"score\":{\"old\":true},\"c\":2}");
	record_set(rec, "score", json_pack("{s:i}", "value", 5));
	record_set(rec, "new", json_string("\xc3\xa9\"<"));
	check_str(written(), "{\"b\":1,\"score\":{\"value\":5},\"c\":2,\"new\":\"\xc3\xa9\\\"<\"}\n",
		  "replaced in place, added at the end");
	parse("{}");
	record_set(rec, "a", json_real(0.1));
	record_set(rec, "b", json_true());
	check_str(written(), "{\"a\":0.1,\"b\":true}\n", "into an empty object, short reals");
	parse("  {\"x\":1}\t");
	check_str(written(), "{\"x\":1}\n", "surrounding white space dropped");
	parse("{\"a\":1}");
	record_set(rec, "a", json_integer(2));
	record_set(rec, "a", json_integer(3));
	check_str(written(), "{\"a\":3}\n", "the last set wins");
}

/* find() matches keys written with escapes, so set replaces them in place. */
static void test_escaped_keys(void)
{
	double d = 0;
	parse("{\"\\u0070rice\":100,\"i\\u0064\":\"x\",\"pric\":1,\"\\u00e9t\\u00e9\":2}");
	check(record_get_number(rec, "price", &d) && d == 100, "escaped key found");
	check_str(record_get_string(rec, "id"), "x", "escape at the end of the key");
	check(record_get_number(rec, "\xc3\xa9t\xc3\xa9", &d) && d == 2, "escaped non-ASCII key");
	check(record_get(rec, "prices") == NULL && record_get(rec, "pri") == NULL, "no prefix match");
	record_set(rec, "price", json_integer(5));
	check_str(written(), "{\"\\u0070rice\":5,\"i\\u0064\":\"x\",\"pric\":1,\"\\u00e9t\\u00e9\":2}\n",
		  "replaced in place, not added twice");
}

static void test_depth(void)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "{\"a\":");
	for (int i = 0; i < 600; i++)
		buf_addc(&b, '[');
	for (int i = 0; i < 600; i++)
		buf_addc(&b, ']');
	buf_addc(&b, '}');
	check(strstr(parse(b.data), "nesting too deep") != NULL, "600 nested arrays are refused");
	buf_release(&b);
}

static void test_arena_cycle(void)
{
	/* A thousand records through the arena: values parsed, set and written. */
	int ok = 1;
	for (int i = 0; i < 1000 && ok; i++) {
		char line[128];
		snprintf(line, sizeof line, "{\"id\":\"r%d\",\"price\":%d,\"f\":{\"x\":[1,2,3]}}", i, i);
		json_arena_begin();
		parse(line);
		json_t *f = record_get(rec, "f");
		record_set(rec, "g", json_pack("{s:O,s:i}", "f", f, "i", i));
		char want[160];
		snprintf(want, sizeof want, "{\"id\":\"r%d\",\"price\":%d,\"f\":{\"x\":[1,2,3]},\"g\":{\"f\":{\"x\":[1,2,3]},\"i\":%d}}\n", i, i, i);
		ok = strcmp(written(), want) == 0;
		record_clear(rec);
		json_arena_end();
	}
	check(ok, "1000 records through the arena");
}

/* jbuild decodes what jscan validated; jout writes it back compactly. */
static void test_build_and_write(void)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "{\"a\" : [ 1 , -2 , 3.5 , 1e3 , true , false , null ] }", "{\"a\":[1,-2,3.5,1000.0,true,false,null]}" },
		{ "\"\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\"", "\"\xc3\xa9\xf0\x9f\x98\x80\\n\\t\\\"\\\\/\"" },
		{ "\"\\u0001\\u001f\"", "\"\\u0001\\u001f\"" },
		{ "99999999999999999999", "1e+20" },
		{ "-9223372036854775808", "-9223372036854775808" },
		{ "0.1", "0.1" },
		{ "-204.5", "-204.5" },
		{ "36.171234", "36.171234" },
		{ "{\"k\\u0041\":{\"x\":\"\\u0041\"}}", "{\"kA\":{\"x\":\"A\"}}" },
		{ "{}", "{}" },
		{ "[]", "[]" },
	};
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *v = jbuild_value(cases[i].in, strlen(cases[i].in));
		buf_reset(&out);
		jout_value(&out, v);
		check_str(buf_cstr(&out), cases[i].out, cases[i].in);
		json_decref(v);
	}
	buf_release(&out);
}

/* jsonout_real: the shortest text that reads back as the same double. */
static void test_reals(void)
{
	static const struct { double v; const char *out; } cases[] = {
		{ 36.582788, "36.582788" }, { -115.909704, "-115.909704" }, { 2.5, "2.5" },
		{ 0.1, "0.1" }, { -0.5, "-0.5" }, { 315000, "315000" }, { 1e-7, "1e-07" },
		{ 123456789.123, "123456789.123" }, { 0.1 + 0.2, "0.30000000000000004" },
		{ 1.0 / 3, "0.3333333333333333" },
	};
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&out);
		jsonout_real(&out, cases[i].v);
		check_str(buf_cstr(&out), cases[i].out, cases[i].out);
		check(strtod(buf_cstr(&out), NULL) == cases[i].v, "reads back the same double");
	}
	buf_release(&out);
}

/* Reals a stage sets are written so that they read back the same: the
 * largest double must not round up past what the next stage accepts. */
static void test_set_reals_round_trip(void)
{
	static const double cases[] = { DBL_MAX, -DBL_MAX, 0.1 + 0.2, 1.0 / 3, 5e-324, 123.4 };
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *line = "{\"id\":\"r:1\"}";
		struct buf why = BUF_INIT;
		check_int(record_parse(rec, line, strlen(line), &why), 0, "parses");
		record_set(rec, "v", json_real(cases[i]));
		buf_reset(&out);
		record_write(rec, &out);
		check_int(record_parse(rec, out.data, out.len - 1, &why), 0, "parses what it wrote");
		double got = 0;
		check(record_get_number(rec, "v", &got) && got == cases[i], "a set real reads back the same");
		record_clear(rec);
		buf_release(&why);
	}
	buf_release(&out);
}

int main(void)
{
	json_arena_install();
	rec = record_new();
	test_validation();
	test_duplicates();
	test_big_objects();
	test_number_range();
	test_depth();
	test_get();
	test_splice();
	test_escaped_keys();
	test_arena_cycle();
	test_build_and_write();
	test_reals();
	test_set_reals_round_trip();
	record_free(rec);
	json_arena_release();
	return tap_done();
}
