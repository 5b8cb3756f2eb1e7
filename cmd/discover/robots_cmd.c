/* SPDX-License-Identifier: MIT */
/* discover --robots: robots.txt (lib/robots.h) asked about URLs, whose path
 * and query libcurl's URL parser takes apart. */
#include "robots_cmd.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "diag.h"
#include "fileio.h"
#include "robots.h"

static int read_stdin(struct buf *out)
{
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_add(out, chunk, n);
	if (!ferror(stdin))
		return 0;
	if (!errno)
		errno = EIO;
	return -1;
}

/* The path and "?query" of an absolute http(s) URL into out; -1 when url
 * is not one. */
static int url_path(const char *url, struct buf *out)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *path = NULL, *query = NULL;
	int rc = -1;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) &&
	    curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK) {
		buf_reset(out);
		buf_adds(out, path);
		if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK) {
			buf_addc(out, '?');
			buf_adds(out, query);
		}
		rc = 0;
	}
	curl_free(scheme);
	curl_free(path);
	curl_free(query);
	curl_url_cleanup(u);
	return rc;
}

int robots_cmd(const char *file, const char *agent, char *const *urls, int n)
{
	struct buf text = BUF_INIT, path = BUF_INIT;
	int is_stdin = strcmp(file, "-") == 0;
	errno = 0;
	if ((is_stdin ? read_stdin(&text) : fileio_read(file, &text)) < 0) {
		diag_error_at(is_stdin ? "<stdin>" : file, 0, "%s", strerror(errno));
		buf_release(&text);
		return EX_NOINPUT;
	}
	struct robots *r = robots_parse(text.data ? text.data : "", text.len);
	buf_release(&text);
	int status = 0;
	for (int i = 0; i < n; i++) {
		int line;
		if (url_path(urls[i], &path) < 0) {
			diag_error("'%s' is not a URL", urls[i]);
			status = EX_DATAERR;
			continue;
		}
		int ok = robots_allowed(r, agent, path.data, &line);
		printf("%s\t%s", urls[i], ok ? "allowed" : "disallowed");
		if (line)
			printf("\tline %d: %s", line, robots_rule_text(r, line));
		putchar('\n');
	}
	robots_free(r);
	buf_release(&path);
	return status;
}
