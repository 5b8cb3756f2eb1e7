/* SPDX-License-Identifier: MIT */
/* robots.txt (RFC 9309): which URL paths a crawler may fetch, and the
 * sitemaps a site lists. */
#ifndef BIRDDOG_ROBOTS_H
#define BIRDDOG_ROBOTS_H

#include <stddef.h>

struct robots;

/* Parses robots.txt text: at most its first ROBOTS_MAX_BYTES (RFC 9309
 * 2.5); a line cut by that limit is dropped with what follows. Never fails:
 * a UTF-8 BOM is skipped, lines end in CR, LF or CRLF, '#' starts a comment,
 * unknown lines and rules before any user-agent line are ignored. The caller
 * owns the result and frees it with robots_free(). */
#define ROBOTS_MAX_BYTES (500 * 1024)
/* The longest line read; more is cut off (the reference implementation's
 * 2083 * 8 - 1 octets). */
#define ROBOTS_MAX_LINE (2083 * 8 - 1)
struct robots *robots_parse(const char *text, size_t len);
/* For a fetch of robots.txt that failed: allow everything (4xx, RFC 9309
 * 2.3.1.3), or disallow everything but /robots.txt (5xx or unreachable,
 * 2.3.1.4). Owned by the caller, freed with robots_free(). */
struct robots *robots_allow_all(void);
struct robots *robots_disallow_all(void);
void robots_free(struct robots *r);

/* Whether the crawler agent may fetch path: the URL's path and "?query" as
 * sent on the wire ("" is "/"). agent is reduced to its product token, the
 * leading run of [A-Za-z_-] ("birddog/0.2 (+https://x)" is "birddog"), and
 * the groups naming that token (case-insensitively; all of them, merged)
 * apply, else the '*' groups, else none. Of the rules that match, the one
 * longest in octets wins, Allow on a tie; '*' in a rule matches any octets,
 * a final '$' anchors it at the end. A rule's octets outside US-ASCII are
 * percent-encoded and its %xx made upper case; the path is compared as it
 * is, as sent on the wire (so "%62" is not "b", as in the RFC's reference
 * implementation). /robots.txt is always allowed. Keys are read as the
 * reference implementation reads them: without case, by their start, with
 * frequent misspellings ("useragent", "disalow") and white space for a
 * missing colon; allowing ".../index.html" allows ".../" too.
 * *line (may be NULL) gets the 1-based line of the deciding rule, 0 when
 * none matched. Returns 1 allowed, 0 disallowed. Allocates only for paths
 * longer than about 1 KiB. */
int robots_allowed(const struct robots *r, const char *agent, const char *path, int *line);

/* The rule on line (as robots_allowed() reports it) as written: the line
 * without its comment, trimmed; NULL when no rule is on that line. Borrowed:
 * valid until robots_free(). */
const char *robots_rule_text(const struct robots *r, int line);

/* The Sitemap: values, wherever they are in the file, in order. Borrowed:
 * valid until robots_free(). */
size_t robots_sitemap_count(const struct robots *r);
const char *robots_sitemap(const struct robots *r, size_t i);

#endif
