/* SPDX-License-Identifier: MIT */
/* discover --robots: robots.txt (lib/robots.h) asked about URLs, as the
 * RFC's reference implementation asks it. */
#include "robots_cmd.h"

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

/* The path, params and query of url into out, as the reference
 * implementation takes them: the text from the first '/', '?' or ';' after
 * the scheme and authority to the fragment, as written (nothing encoded or
 * decoded), "/" when there is none. -1 for an empty url, or one with white
 * space or a control character. */
static int url_path(const char *url, struct buf *out)
{
	size_t n = strlen(url), from = 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)url[i] <= ' ' || url[i] == 0x7f)
			return -1;      /* white space or a control: no URL */
	if (!n)
		return -1;
	if (n >= 2 && url[0] == '/' && url[1] == '/')
		from = 2;
	size_t early = from + strcspn(url + from, "/?;");
	const char *proto = strstr(url + from, "://");
	size_t start = proto && (size_t)(proto - url) < early ? (size_t)(proto - url) + 3 : from;
	size_t path = start + strcspn(url + start, "/?;");
	const char *hash = strchr(url + from, '#');
	buf_reset(out);
	if (path >= n || (hash && (size_t)(hash - url) < path)) {
		buf_addc(out, '/');
		return 0;
	}
	size_t end = hash ? (size_t)(hash - url) : n;
	if (url[path] != '/')
		buf_addc(out, '/');
	buf_add(out, url + path, end - path);
	return 0;
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
