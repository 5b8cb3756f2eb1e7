/* SPDX-License-Identifier: MIT */
/* Unit tests for jscan (validation) and record (lazy get, splice on write). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "jbuild.h"
#include "jout.h"
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

int main(void)
{
	json_arena_install();
	rec = record_new();
	test_validation();
	test_depth();
	test_get();
	test_splice();
	test_arena_cycle();
	test_build_and_write();
	test_reals();
	record_free(rec);
	json_arena_release();
	return tap_done();
}
