/* SPDX-License-Identifier: MIT */
/* URLs as a crawler handles them (RFC 3986, through libcurl's URL API): a
 * reference resolved against its page, the host a politeness budget is
 * kept for, the path and query robots.txt rules are matched against. */
#ifndef BIRDDOG_URL_H
#define BIRDDOG_URL_H

/* ref resolved against base (an absolute URL), without its fragment; only
 * http, https and file results. NULL when either does not parse or the
 * result has another scheme ("mailto:", "javascript:"). Caller frees. */
char *url_resolve(const char *base, const char *ref);

/* The absolute http(s) or file URL url, normalised (scheme and host in
 * lower case, default port dropped, fragment dropped), or NULL. Caller
 * frees. */
char *url_normalize(const char *url);

/* "host" or "host:port" (the port only when not the scheme's default), in
 * lower case, for http(s) URLs; "" for file URLs; NULL when url does not
 * parse. Caller frees. */
char *url_host(const char *url);

/* The scheme and authority: "http://host:port" (no trailing slash), or
 * NULL. Caller frees. */
char *url_origin(const char *url);

/* The path and query as sent on the wire ("/a/b?c=d"; "/" for an empty
 * path), or NULL. Caller frees. */
char *url_path_query(const char *url);

/* 1 when url is an absolute http, https or file URL. */
int url_is_fetchable(const char *url);

#endif
