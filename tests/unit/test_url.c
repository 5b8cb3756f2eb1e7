/* SPDX-License-Identifier: MIT */
/* URL resolution (RFC 3986 section 5.4's examples, through libcurl) and the
 * parts a crawler keys on: host, origin, path and query. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "url.h"

static void resolves(const char *base, const char *ref, const char *want)
{
	char *got = url_resolve(base, ref);
	char what[160];
	snprintf(what, sizeof what, "'%s' against '%s'", ref, base);
	if (want)
		check_str(got ? got : "(null)", want, what);
	else
		check(got == NULL, what);
	free(got);
}

static void part(char *got, const char *want, const char *what)
{
	check_str(got ? got : "(null)", want, what);
	free(got);
}

int main(void)
{
	const char *b = "http://a/b/c/d;p?q";
	/* RFC 3986 5.4.1, normal examples (a fragment is dropped: it is never fetched) */
	static const char *const normal[][2] = {
		{ "g", "http://a/b/c/g" }, { "./g", "http://a/b/c/g" }, { "g/", "http://a/b/c/g/" },
		{ "/g", "http://a/g" }, { "//g", "http://g/" }, { "?y", "http://a/b/c/d;p?y" },
		{ "g?y", "http://a/b/c/g?y" }, { "#s", "http://a/b/c/d;p?q" },
		{ "g#s", "http://a/b/c/g" }, { "g?y#s", "http://a/b/c/g?y" },
		{ ";x", "http://a/b/c/;x" }, { "g;x", "http://a/b/c/g;x" }, { "", "http://a/b/c/d;p?q" },
		{ ".", "http://a/b/c/" }, { "./", "http://a/b/c/" }, { "..", "http://a/b/" },
		{ "../", "http://a/b/" }, { "../g", "http://a/b/g" }, { "../..", "http://a/" },
		{ "../../", "http://a/" }, { "../../g", "http://a/g" },
		/* 5.4.2, abnormal examples */
		{ "../../../g", "http://a/g" }, { "../../../../g", "http://a/g" },
		{ "/./g", "http://a/g" }, { "/../g", "http://a/g" }, { "g.", "http://a/b/c/g." },
		{ ".g", "http://a/b/c/.g" }, { "g..", "http://a/b/c/g.." }, { "..g", "http://a/b/c/..g" },
		{ "./../g", "http://a/b/g" }, { "./g/.", "http://a/b/c/g/" },
		{ "g/./h", "http://a/b/c/g/h" }, { "g/../h", "http://a/b/c/h" },
	};
	for (size_t i = 0; i < sizeof normal / sizeof normal[0]; i++)
		resolves(b, normal[i][0], normal[i][1]);

	resolves("http://Example.COM:80/a/", "x.html", "http://example.com/a/x.html");
	resolves("http://127.0.0.1:8080/search/", "../homes/1.html", "http://127.0.0.1:8080/homes/1.html");
	resolves("http://a/b/", "  /trim.html\t", "http://a/trim.html");
	resolves("http://a/b/", "/e f.html", "http://a/e%20f.html");
	resolves("http://a/b/", "mailto:x@y.example", NULL);
	resolves("http://a/b/", "javascript:alert(1)", NULL);
	resolves("http://a/b/", "ftp://a/x", NULL);
	resolves("not a url", "x", NULL);

	part(url_host("http://127.0.0.1:8080/x"), "127.0.0.1:8080", "host with a port");
	part(url_host("https://A.Example:443/x"), "a.example", "host: default port dropped, lower case");
	part(url_host("file:///tmp/x.html"), "", "a file URL has no host");
	part(url_host("nonsense"), "(null)", "host of no URL");
	part(url_origin("http://a.example:81/b?c"), "http://a.example:81", "origin");
	part(url_path_query("http://a/b%20c?d=e"), "/b%20c?d=e", "path and query");
	part(url_path_query("http://a"), "/", "an empty path is /");
	part(url_normalize("HTTP://A.Example:80/x#f"), "http://a.example/x", "normalised");
	check(url_is_fetchable("https://a/b") && url_is_fetchable("file:///x") &&
	      !url_is_fetchable("data:text/plain,x") && !url_is_fetchable("/relative"),
	      "fetchable schemes");
	return tap_done();
}
