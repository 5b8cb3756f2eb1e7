/* SPDX-License-Identifier: MIT */
/* robots.txt (robots.h) against the examples of RFC 9309 (2.2.2, 2.2.3, 5.1,
 * 5.2) and a table of our own: group choice, longest match, wildcards,
 * percent-encoding, the file's form, the 500 KiB cap, sitemaps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "robots.h"
#include "tap.h"

struct expect {
	const char *agent, *path;
	int allowed, line;      /* line 0: no rule matched */
};

static void check_one(const struct robots *r, const char *name, const struct expect *e)
{
	char what[256];
	int line = -1;
	int got = robots_allowed(r, e->agent, e->path, &line);
	snprintf(what, sizeof what, "%s: %s %s %s", name, e->agent, e->path,
		 e->allowed ? "allowed" : "disallowed");
	check_int(got, e->allowed, what);
	snprintf(what, sizeof what, "%s: %s %s line %d", name, e->agent, e->path, e->line);
	check_int(line, e->line, what);
}

static void expect_all(const char *name, const char *text, size_t len,
		       const struct expect *e, size_t n)
{
	struct robots *r = robots_parse(text, len);
	for (size_t i = 0; i < n; i++)
		check_one(r, name, &e[i]);
	robots_free(r);
}

#define EXPECT(name, text, ...) do { \
	static const struct expect e_[] = { __VA_ARGS__ }; \
	expect_all(name, text, strlen(text), e_, sizeof e_ / sizeof e_[0]); \
} while (0)

/* One rule under "User-agent: *" on line 2: whether it matches path. */
static void rule_matches(const char *rule, const char *path, int matches)
{
	char text[512];
	snprintf(text, sizeof text, "User-agent: *\nDisallow: %s\n", rule);
	struct robots *r = robots_parse(text, strlen(text));
	const struct expect e = { "birddog", path, !matches, matches ? 2 : 0 };
	check_one(r, rule, &e);
	robots_free(r);
}

/* RFC 9309 2.2.2, read as its reference implementation (and Google's test
 * suite, ID_Encoding) reads it: a rule's non-ASCII octets are
 * percent-encoded and its %xx upper-cased; nothing is decoded, and the path
 * is compared as sent. */
static void rfc_2_2_2(void)
{
	rule_matches("/foo/bar?baz=quz", "/foo/bar?baz=quz", 1);
	rule_matches("/foo/bar?baz=quz", "/foo/bar?baz=qux", 0);
	rule_matches("/foo/bar?baz=https%3A%2F%2Ffoo.bar", "/foo/bar?baz=https%3A%2F%2Ffoo.bar", 1);
	rule_matches("/foo/bar?baz=https%3a%2f%2ffoo.bar", "/foo/bar?baz=https%3A%2F%2Ffoo.bar", 1);
	rule_matches("/foo/bar?baz=https://foo.bar", "/foo/bar?baz=https://foo.bar", 1);
	rule_matches("/foo/bar?qux=taz&baz=http://foo.bar?tar&par",
		     "/foo/bar?qux=taz&baz=http://foo.bar?tar&par", 1);
	/* a reserved character and its encoding differ (RFC 3986 2.2) */
	rule_matches("/foo/bar?baz=https://foo.bar", "/foo/bar?baz=https%3A%2F%2Ffoo.bar", 0);
	rule_matches("/foo/bar/\xE3\x83\x84", "/foo/bar/%E3%83%84", 1);
	rule_matches("/foo/bar/\xE3\x83\x84", "/foo/bar/\xE3\x83\x84", 0);   /* the URL unencoded */
	rule_matches("/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84", 1);
	rule_matches("/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84", 1);
	rule_matches("/foo/bar/%E3%83%84", "/foo/bar/\xE3\x83\x84", 0);
	rule_matches("/foo/bar/%E3%83%84", "/foo/bar/%E3%83%85", 0);
	/* percent-encoded unreserved octets are not decoded */
	rule_matches("/foo/bar/%62%61%7A", "/foo/bar/baz", 0);
	rule_matches("/foo/bar/%62%61%7A", "/foo/bar/%62%61%7A", 1);
	rule_matches("/foo/bar/baz", "/foo/bar/%62%61%7A", 0);
}

static void rfc_2_2_3(void)
{
	EXPECT("2.2.3 #", "User-agent: *\nDisallow: /\n# comment line\nallow: / # comment in line\n",
	       { "birddog", "/x", 1, 4 });
	EXPECT("2.2.3 $", "User-agent: *\nDisallow: /\nallow: /this/path/exactly$\n",
	       { "birddog", "/this/path/exactly", 1, 3 },
	       { "birddog", "/this/path/exactly/not", 0, 2 },
	       { "birddog", "/this/path/exactly?q", 0, 2 });
	EXPECT("2.2.3 *", "User-agent: *\nDisallow: /\nallow: /this/*/exactly\n",
	       { "birddog", "/this/a/b/exactly", 1, 3 },
	       { "birddog", "/this//exactly", 1, 3 },
	       { "birddog", "/this/exactly", 0, 2 });
	/* a percent-encoded '*' or '$' in a rule is no wildcard, no anchor */
	rule_matches("/path/file-with-a-%2A.html", "/path/file-with-a-%2A.html", 1);
	rule_matches("/path/file-with-a-%2A.html", "/path/file-with-a-x.html", 0);
	rule_matches("/path/foo-%24", "/path/foo-%24", 1);
	rule_matches("/path/foo-%24", "/path/foo-%24/more", 1);
	rule_matches("/path/foo-%24", "/path/foo-", 0);
}

static const char simple[] =
	"User-Agent: *\n"
	"Disallow: *.gif$\n"
	"Disallow: /example/\n"
	"Allow: /publications/\n"
	"\n"
	"User-Agent: foobot\n"
	"Disallow:/\n"
	"Allow:/example/page.html\n"
	"Allow:/example/allowed.gif\n"
	"\n"
	"User-Agent: barbot\n"
	"User-Agent: bazbot\n"
	"Disallow: /example/page.html\n"
	"\n"
	"User-Agent: quxbot\n"
	"\n"
	"EOF\n";

static void rfc_5(void)
{
	EXPECT("5.1", simple,
	       { "foobot", "/example/page.html", 1, 8 },
	       { "foobot", "/example/allowed.gif", 1, 9 },
	       { "foobot", "/example/other.html", 0, 7 },
	       { "foobot", "/", 0, 7 },
	       { "barbot", "/example/page.html", 0, 13 },
	       { "bazbot", "/example/page.html", 0, 13 },
	       { "barbot", "/example/", 1, 0 },
	       { "barbot", "/image.gif", 1, 0 },
	       { "quxbot", "/example/page.html", 1, 0 },
	       { "quxbot", "/image.gif", 1, 0 },
	       { "otherbot", "/image.gif", 0, 2 },
	       { "otherbot", "/image.gif?x", 1, 0 },
	       { "otherbot", "/example/page.html", 0, 3 },
	       { "otherbot", "/publications/a.html", 1, 4 },
	       { "otherbot", "/publications/a.gif", 1, 4 });
	EXPECT("5.2", "User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n",
	       { "foobot", "/example/page/", 1, 2 },
	       { "foobot", "/example/page/allowed.gif", 1, 2 },
	       { "foobot", "/example/page/disallowed.gif", 0, 3 },
	       { "foobot", "/example/", 1, 0 });
}

static void groups(void)
{
	EXPECT("specific over *", "User-agent: *\nDisallow: /a\n\nUser-agent: birddog\nDisallow: /b\n",
	       { "birddog", "/a", 1, 0 },
	       { "birddog", "/b", 0, 5 },
	       { "otherbot", "/a", 0, 2 },
	       { "otherbot", "/b", 1, 0 });
	EXPECT("case", "USER-AGENT: BirdDog\nDISALLOW: /x\n",
	       { "birddog", "/x", 0, 2 },
	       { "BIRDDOG", "/x", 0, 2 });
	EXPECT("full user agent", "User-agent: birddog\nDisallow: /x\n",
	       { "birddog/0.2 (+https://x)", "/x", 0, 2 },
	       { "Birddog", "/x", 0, 2 },
	       { "birddogs", "/x", 1, 0 },
	       { "bird", "/x", 1, 0 });
	EXPECT("version in the line", "User-agent: Googlebot/2.1\nDisallow: /x\n",
	       { "googlebot", "/x", 0, 2 },
	       { "Googlebot-Image", "/x", 1, 0 });
	EXPECT("merged", "User-agent: birddog\nDisallow: /a\nUser-agent: other\nDisallow: /x\n"
	       "User-agent: BIRDDOG\nDisallow: /b\n",
	       { "birddog", "/a", 0, 2 },
	       { "birddog", "/b", 0, 6 },
	       { "birddog", "/x", 1, 0 },
	       { "other", "/b", 1, 0 });
	EXPECT("several user-agent lines", "User-agent: a\n\nUser-agent: birddog\n# c\nDisallow: /p\n",
	       { "birddog", "/p", 0, 5 },
	       { "a", "/p", 0, 5 },
	       { "b", "/p", 1, 0 });
	EXPECT("unknown line between user-agents",
	       "User-agent: a\nCrawl-delay: 5\nUser-agent: birddog\nDisallow: /p\n",
	       { "birddog", "/p", 0, 4 });
	EXPECT("no group", "User-agent: other\nDisallow: /\n",
	       { "birddog", "/", 1, 0 });
	EXPECT("empty own group", "User-agent: *\nDisallow: /\nUser-agent: birddog\n",
	       { "birddog", "/x", 1, 0 },
	       { "other", "/x", 0, 2 });
	EXPECT("rule before any group", "Disallow: /\nUser-agent: *\nDisallow: /b\n",
	       { "birddog", "/a", 1, 0 },
	       { "birddog", "/b", 0, 3 });
	EXPECT("* groups merged", "User-agent: *\nDisallow: /a\nUser-agent: x\nDisallow: /\n"
	       "User-agent: *\nDisallow: /b\n",
	       { "birddog", "/a", 0, 2 },
	       { "birddog", "/b", 0, 6 },
	       { "birddog", "/c", 1, 0 });
	EXPECT("* and a name in one group", "User-agent: *\nUser-agent: birddog\nDisallow: /a\n"
	       "User-agent: other\nDisallow: /b\n",
	       { "birddog", "/a", 0, 3 },
	       { "other", "/a", 1, 0 },
	       { "x", "/a", 0, 3 });
	EXPECT("* and more", "User-agent: * (all robots)\nDisallow: /a\n",
	       { "birddog", "/a", 0, 2 });
	EXPECT("agent with no token", "User-agent: *\nDisallow: /a\n",
	       { "", "/a", 0, 2 },
	       { "*", "/a", 0, 2 });
}

static void longest(void)
{
	EXPECT("longer allow", "User-agent: *\nAllow: /p\nDisallow: /\n",
	       { "birddog", "/page", 1, 2 },
	       { "birddog", "/other", 0, 3 });
	EXPECT("allow wins a tie", "User-agent: *\nDisallow: /page\nAllow: /page\n",
	       { "birddog", "/page", 1, 3 });
	EXPECT("tie across kinds of rule", "User-agent: *\nAllow: /page\nDisallow: /*.html\n",
	       { "birddog", "/page", 1, 2 },
	       { "birddog", "/page.html", 0, 3 });
	EXPECT("longer disallow", "User-agent: *\nDisallow: /folder/private\nAllow: /folder\n",
	       { "birddog", "/folder/private/x", 0, 2 },
	       { "birddog", "/folder/public", 1, 3 });
	EXPECT("$ counts", "User-agent: *\nallow: /$\ndisallow: /\n",
	       { "birddog", "/", 1, 2 },
	       { "birddog", "/page.htm", 0, 3 });
	EXPECT("$ is an octet", "User-agent: *\nDisallow: /fish*\nAllow: /fish$\n",
	       { "birddog", "/fish", 1, 3 },
	       { "birddog", "/fishy", 0, 2 });
	EXPECT("empty disallow", "User-agent: *\nDisallow:\n",
	       { "birddog", "/anything", 1, 0 });
	EXPECT("tie, same kind: the first", "User-agent: *\nDisallow: /a*\nDisallow: /*a\n",
	       { "birddog", "/a", 0, 2 });
}

static void wildcards(void)
{
	EXPECT("/*.php$", "User-agent: *\nDisallow: /*.php$\n",
	       { "birddog", "/index.php", 0, 2 },
	       { "birddog", "/a/b.php", 0, 2 },
	       { "birddog", "/filename.php?params", 1, 0 },
	       { "birddog", "/folder/any.php.file.html", 1, 0 },
	       { "birddog", "/windows.PHP", 1, 0 });
	EXPECT("/fish*", "User-agent: *\nDisallow: /fish*\n",
	       { "birddog", "/fish", 0, 2 },
	       { "birddog", "/fishheads/yummy.html", 0, 2 },
	       { "birddog", "/Fish.asp", 1, 0 },
	       { "birddog", "/catfish", 1, 0 });
	EXPECT("/*/fish", "User-agent: *\nDisallow: /*/fish\n",
	       { "birddog", "/a/fish", 0, 2 },
	       { "birddog", "/a/b/fishy", 0, 2 },
	       { "birddog", "/fish", 1, 0 });
	EXPECT("/fish$", "User-agent: *\nDisallow: /fish$\n",
	       { "birddog", "/fish", 0, 2 },
	       { "birddog", "/fish?x", 1, 0 },
	       { "birddog", "/fishy", 1, 0 });
	EXPECT("/*?", "User-agent: *\nDisallow: /*?\n",
	       { "birddog", "/a?b=1", 0, 2 },
	       { "birddog", "/a", 1, 0 });
	EXPECT("* leading, ** inside, $ inside", "User-agent: *\nDisallow: *.pdf$\n"
	       "Disallow: /a**b$\nDisallow: /c$d\n",
	       { "birddog", "/x/y.pdf", 0, 2 },
	       { "birddog", "/ab", 0, 3 },
	       { "birddog", "/a/x/b", 0, 3 },
	       { "birddog", "/a/x/bc", 1, 0 },
	       { "birddog", "/c$d", 0, 4 },
	       { "birddog", "/c%24d", 1, 0 },
	       { "birddog", "/c", 1, 0 });
}

static void encoding(void)
{
	rule_matches("/a%2Fb", "/a/b", 0);
	rule_matches("/a%2fb", "/a%2Fb", 1);
	rule_matches("/a/b", "/a%2Fb", 0);
	rule_matches("/%7Efoo", "/%7Efoo", 1);
	rule_matches("/%7Efoo", "/~foo", 0);
	rule_matches("/\xC3\xA4", "/%C3%A4", 1);
	rule_matches("/%c3%a4", "/%C3%A4", 1);
	rule_matches("/%c3%a4", "/\xC3\xA4", 0);
	rule_matches("/\xC3\xA4", "/a", 0);
	rule_matches("/\xC3\xA4", "/%D3%A4", 0);
	rule_matches("/Foo", "/foo", 0);
	rule_matches("/100%", "/100%", 1);
	rule_matches("/100%", "/100%25", 1);     /* a prefix */
	rule_matches("/search?q=", "/search?q=x", 1);
	rule_matches("/search?q=", "/search", 0);
	rule_matches("/*sort=", "/list?page=2&sort=asc", 1);
	rule_matches("/page$", "/page?x=1", 0);
	rule_matches("private", "/private", 0);    /* no path pattern: no rule */
}

static void form(void)
{
	EXPECT("BOM", "\xEF\xBB\xBFUser-agent: *\nDisallow: /x\n",
	       { "birddog", "/x", 0, 2 });
	EXPECT("CRLF", "User-agent: *\r\nDisallow: /a\r\n\r\nDisallow: /b\r\n",
	       { "birddog", "/b", 0, 4 });
	EXPECT("CR", "User-agent: *\rDisallow: /a\rDisallow: /b",
	       { "birddog", "/b", 0, 3 });
	EXPECT("comments", "# hello\nUser-agent: * # all\nDisallow: /a # not /b\n#Disallow: /c\n",
	       { "birddog", "/a", 0, 3 },
	       { "birddog", "/b", 1, 0 },
	       { "birddog", "/c", 1, 0 });
	/* "Disallow /nocolon": two words, white space for the colon, as the
	 * reference implementation reads it; "foo bar baz" is three: nothing */
	EXPECT("garbage", "garbage\n:::\n<html>\nUser-agent: *\nfoo bar baz\nDisallow /nocolon\n"
	       "Disallow: /x\n\x01\x02\n",
	       { "birddog", "/x", 0, 7 },
	       { "birddog", "/nocolon", 0, 6 },
	       { "birddog", "/other", 1, 0 });
	/* frequent misspellings, as the reference implementation takes them */
	EXPECT("typos", "useragent: FooBot\ndisalow: /a\ndissallow: /b\ndiasllow: /c\n"
	       "user agent: BarBot\ndisallaw: /d\nsite-map: http://x.example/s.xml\n",
	       { "foobot", "/a", 0, 2 },
	       { "foobot", "/b", 0, 3 },
	       { "foobot", "/c", 0, 4 },
	       { "barbot", "/d", 0, 6 },
	       { "barbot", "/a", 1, 0 });
	/* allowing a directory's index.html allows the directory itself */
	EXPECT("index.html", "User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n",
	       { "foobot", "/allowed-slash/", 1, 2 },
	       { "foobot", "/allowed-slash/index.htm", 0, 3 },
	       { "foobot", "/allowed-slash/index.html", 1, 2 },
	       { "foobot", "/allowed-slash/x", 0, 3 },
	       { "foobot", "/anyother-url", 0, 3 });
	EXPECT("whitespace", "  User-agent :  birddog  \n\tDisallow\t:\t/x\t\n",
	       { "birddog", "/x", 0, 2 },
	       { "birddog", "/y", 1, 0 });
	EXPECT("empty", "", { "birddog", "/", 1, 0 });
	static const char nul[] = "User-agent: *\n\0garbage\nDisallow: /x\n";
	static const struct expect e = { "birddog", "/x", 0, 3 };
	expect_all("NUL", nul, sizeof nul - 1, &e, 1);
}

static void special(void)
{
	EXPECT("/robots.txt", "User-agent: *\nDisallow: /\n",
	       { "birddog", "/robots.txt", 1, 0 },
	       { "birddog", "/robots.txt.bak", 0, 2 },
	       { "birddog", "", 0, 2 },
	       { "birddog", "?q=1", 0, 2 });
	EXPECT("'' is /", "User-agent: *\nDisallow: /$\n",
	       { "birddog", "", 0, 2 },
	       { "birddog", "/a", 1, 0 });
	struct robots *r = robots_allow_all();
	const struct expect all[] = { { "birddog", "/x", 1, 0 }, { "birddog", "/robots.txt", 1, 0 } };
	check_one(r, "allow_all", &all[0]);
	check_one(r, "allow_all", &all[1]);
	check_int(robots_sitemap_count(r), 0, "allow_all: no sitemaps");
	robots_free(r);
	r = robots_disallow_all();
	const struct expect none[] = { { "birddog", "/x", 0, 0 }, { "birddog", "/robots.txt", 1, 0 } };
	check_one(r, "disallow_all", &none[0]);
	check_one(r, "disallow_all", &none[1]);
	robots_free(r);
	robots_free(NULL);
}

/* A long path (past the stack buffer), and many '*' against it. */
static void big(void)
{
	char pat[512] = "/";
	for (int i = 0; i < 100; i++)
		strcat(pat, "*a");
	strcat(pat, "*b$");
	char *path = malloc(20002);
	path[0] = '/';
	memset(path + 1, 'a', 20000);
	path[20001] = '\0';
	rule_matches(pat, path, 0);
	path[20000] = 'b';
	rule_matches(pat, path, 1);
	path[20000] = 'a';
	rule_matches("/*a$", path, 1);
	free(path);
}

/* A line longer than ROBOTS_MAX_LINE is read as far as that (Google's
 * GoogleOnly_LineTooLong): a rule cut there matches by its cut prefix. */
static void long_line(void)
{
	const char *head = "user-agent: FooBot\ndisallow: ";
	size_t room = ROBOTS_MAX_LINE - strlen("disallow: ");
	char *text = malloc(strlen(head) + room + 64);
	char *url = malloc(room + 64);
	strcpy(text, head);
	strcpy(url, "/x/");
	size_t n = strlen(url);
	while (n < room)
		url[n++] = 'a';
	url[n] = '\0';
	strcat(text, url);
	strcat(text, "/qux\n");
	strcat(url, "/fux");
	struct robots *r = robots_parse(text, strlen(text));
	check(robots_allowed(r, "FooBot", "/fux", NULL), "long line: /fux allowed");
	check(!robots_allowed(r, "FooBot", url, NULL), "long line: the cut rule disallows");
	robots_free(r);
	free(text);
	free(url);
}

/* Filler comment lines up to off, then tail, on the line *line. */
static char *padded(size_t off, const char *tail, size_t *len, int *line)
{
	const char *head = "User-agent: *\nDisallow: /early\n";
	size_t n = strlen(head), t = strlen(tail);
	char *s = malloc(off + t + 1);
	memcpy(s, head, n);
	memset(s + n, '#', off - n);
	for (size_t i = n + 99; i < off; i += 100)
		s[i] = '\n';
	s[off - 1] = '\n';
	memcpy(s + off, tail, t + 1);
	*len = off + t;
	*line = 1;
	for (size_t i = 0; i < off; i++)
		*line += s[i] == '\n';
	return s;
}

static void cap(void)
{
	size_t len, max = ROBOTS_MAX_BYTES;
	int line;
	char *s = padded(max, "Disallow: /late\n", &len, &line);
	const struct expect late[] = { { "birddog", "/late", 1, 0 }, { "birddog", "/early", 0, 2 } };
	expect_all("after 500 KiB", s, len, late, 2);
	free(s);
	s = padded(max - 16, "Disallow: /edge\nDisallow: /more\n", &len, &line);
	check(line > 5000, "the edge is far down");
	const struct expect edge[] = { { "birddog", "/edge", 0, line }, { "birddog", "/more", 1, 0 } };
	expect_all("ends at 500 KiB", s, len, edge, 2);
	free(s);
	s = padded(max - 15, "Disallow: /edge\nDisallow: /more\n", &len, &line);
	const struct expect at[] = { { "birddog", "/edge", 0, line }, { "birddog", "/more", 1, 0 } };
	expect_all("newline just past 500 KiB", s, len, at, 2);
	free(s);
	s = padded(max - 15, "Disallow: /edge", &len, &line);
	check_int(len, max, "exactly 500 KiB");
	const struct expect whole[] = { { "birddog", "/edge", 0, line } };
	expect_all("exactly 500 KiB, no newline", s, len, whole, 1);
	free(s);
	s = padded(max - 13, "Disallow: /private-area\n", &len, &line);
	const struct expect cut[] = { { "birddog", "/private-area", 1, 0 }, { "birddog", "/pr", 1, 0 } };
	expect_all("cut by 500 KiB", s, len, cut, 2);
	free(s);
	s = padded(max - 14, "Disallow: /pr\r\nDisallow: /x\n", &len, &line);
	const struct expect crlf[] = { { "birddog", "/pr", 0, line }, { "birddog", "/x", 1, 0 } };
	expect_all("CRLF across 500 KiB", s, len, crlf, 2);
	free(s);
}

static void texts(void)
{
	const char *text =
		"Sitemap: https://example.com/first.xml\n"
		"User-agent: *\n"
		"  Disallow:  /a   # why\n"
		"sitemap:https://example.com/second.xml # c\n"
		"Sitemap:\n"
		"User-agent: birddog\n"
		"SITEMAP : https://example.com/third.xml\n"
		"Disallow: /b\n";
	struct robots *r = robots_parse(text, strlen(text));
	check_int(robots_sitemap_count(r), 3, "sitemaps");
	check_str(robots_sitemap(r, 0), "https://example.com/first.xml", "sitemap 0");
	check_str(robots_sitemap(r, 1), "https://example.com/second.xml", "sitemap 1");
	check_str(robots_sitemap(r, 2), "https://example.com/third.xml", "sitemap 2");
	check(robots_sitemap(r, 3) == NULL, "no sitemap 3");
	check_str(robots_rule_text(r, 3), "Disallow:  /a", "rule text, trimmed");
	check_str(robots_rule_text(r, 8), "Disallow: /b", "rule text, last line");
	check(robots_rule_text(r, 2) == NULL, "no rule on line 2");
	check(robots_rule_text(r, 0) == NULL, "no rule on line 0");
	check(robots_rule_text(r, 9) == NULL, "no rule on line 9");
	int line = -1;
	check_int(robots_allowed(r, "birddog", "/b", &line), 0, "sitemap inside a group");
	check_int(line, 8, "sitemap inside a group: line");
	check_int(robots_allowed(r, "birddog", "/a", NULL), 1, "line may be NULL");
	robots_free(r);
}

int main(void)
{
	rfc_2_2_2();
	rfc_2_2_3();
	rfc_5();
	groups();
	longest();
	wildcards();
	encoding();
	form();
	special();
	big();
	long_line();
	cap();
	texts();
	return tap_done();
}
