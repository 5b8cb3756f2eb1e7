/* SPDX-License-Identifier: MIT */
/* Unit tests for the NDJSON line reader, paths and clock helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "clock.h"
#include "ndjson.h"
#include "paths.h"
#include "tap.h"
#include "tmpdir.h"


/* Reads every line, joining them as "lineno:text|". */
static void read_all(struct ndjson_reader *r, struct buf *got)
{
	const char *line;
	size_t len;
	enum ndjson_status s;
	while ((s = ndjson_reader_next(r, &line, &len)) != NDJSON_EOF) {
		if (s == NDJSON_LINE)
			buf_printf(got, "%ld:%.*s|", ndjson_reader_lineno(r), (int)len, line);
		else if (s == NDJSON_TOO_LONG)
			buf_printf(got, "%ld:LONG(%zu)|", ndjson_reader_lineno(r), len);
		else
			buf_printf(got, "ERR(%s)|", ndjson_reader_file(r));
	}
}

static void test_lines(void)
{
	const char data[] = "{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}";
	char *f1 = tmpdir_write("one.ndjson", data, sizeof data - 1);
	char *files[] = { f1, "/nonexistent/x.ndjson", f1 };
	struct buf got = BUF_INIT;
	struct ndjson_reader *r = ndjson_reader_new(files, 3, 0);
	read_all(r, &got);
	check_str(buf_cstr(&got),
		  "1:{\"a\":1}|4:{\"b\":2}|5:{\"c\":3}|ERR(/nonexistent/x.ndjson)|"
		  "1:{\"a\":1}|4:{\"b\":2}|5:{\"c\":3}|",
		  "CRLF, blank lines, no final newline, a missing file, line numbers per file");
	ndjson_reader_free(r);
	buf_release(&got);
	free(f1);
}

static void test_long_lines(void)
{
	/* A 1 MiB line spans many reads; with a 100-byte cap it is too long. */
	struct buf data = BUF_INIT;
	buf_adds(&data, "{\"short\":1}\n{\"big\":\"");
	for (int i = 0; i < (1 << 20); i++)
		buf_addc(&data, 'x');
	buf_adds(&data, "\"}\n{\"after\":2}\n");
	char *f = tmpdir_write("long.ndjson", data.data, data.len);
	char *files[] = { f };
	struct buf got = BUF_INIT;
	struct ndjson_reader *r = ndjson_reader_new(files, 1, 0);
	read_all(r, &got);
	check_int(got.len, 14 + 2 + 8 + (1 << 20) + 2 + 1 + 14, "a 1 MiB line under the default cap is read whole");
	check(strstr(got.data, "\"}|3:{\"after\":2}|") != NULL, "and the next line follows it");
	ndjson_reader_free(r);
	buf_reset(&got);

	r = ndjson_reader_new(files, 1, 100);
	read_all(r, &got);
	check_str(buf_cstr(&got), "1:{\"short\":1}|2:LONG(100)|3:{\"after\":2}|",
		  "an over-long line is skipped whole and reading goes on");
	ndjson_reader_free(r);

	/* copy_rest hands over the whole tail, so prefix + rest is the line. */
	r = ndjson_reader_new(files, 1, 100);
	const char *line;
	size_t len;
	ndjson_reader_next(r, &line, &len);
	check_int(ndjson_reader_next(r, &line, &len), NDJSON_TOO_LONG, "too long reported");
	char *sink_path = paths_join(tmpdir_path, "rest");
	FILE *sink = fopen(sink_path, "w+");
	fwrite(line, 1, len, sink);
	check_int(ndjson_reader_copy_rest(r, sink), 0, "copy_rest succeeds");
	check_int(ftell(sink), (long)(data.len - 12 - 12), "copied bytes = the whole line and its newline");
	check_int(ndjson_reader_next(r, &line, &len), NDJSON_LINE, "next line after the long one");
	check_str(line, "{\"after\":2}", "its text");
	fclose(sink);
	ndjson_reader_free(r);
	free(sink_path);
	buf_release(&got);
	buf_release(&data);
	free(f);
}

static void test_paths(void)
{
	char *s;
	check_str(s = paths_safe_name("clark_nv:48213"), "clark_nv-48213", "plain id");
	free(s);
	s = paths_safe_name("../../etc/passwd");
	check(strchr(s, '/') == NULL && s[0] != '.', "no slash, no leading dot");
	free(s);
	char *a = paths_safe_name("a/b"), *b = paths_safe_name("a_b");
	check(strcmp(a, b) != 0, "lossy names keep distinct ids distinct");
	free(a), free(b);
	check(paths_tenant_valid("acme-1") && !paths_tenant_valid("../x") && !paths_tenant_valid(""),
	      "tenant names");
	setenv("BIRDDOG_HOME", "/srv/bd", 1);
	check_str(s = paths_data_dir("acme"), "/srv/bd/acme", "data dir from BIRDDOG_HOME");
	free(s);
}

static void test_clock(void)
{
	time_t t;
	char out[CLOCK_RFC3339_LEN];
	check_int(clock_parse("2004-06-11", &t), 0, "date parses");
	clock_format(t, out);
	check_str(out, "2004-06-11T00:00:00Z", "date round trip");
	check_int(clock_parse("2026-11-23T04:00:00Z", &t), 0, "timestamp parses");
	check_int(clock_parse("2026-13-01", &t), -1, "month 13 refused");
	check_int(clock_parse("2026-11-23 04:00", &t), -1, "no T refused");
	setenv("BIRDDOG_NOW", "2026-11-23T04:00:00Z", 1);
	clock_format(clock_now(), out);
	check_str(out, "2026-11-23T04:00:00Z", "BIRDDOG_NOW pins the clock");
}

int main(void)
{
	if (tmpdir_open() < 0)
		return 1;
	test_lines();
	test_long_lines();
	test_paths();
	test_clock();
	tmpdir_close();
	return tap_done();
}
