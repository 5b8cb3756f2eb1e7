/* SPDX-License-Identifier: MIT */
/* URLs through libcurl's URL API (CURLU), which implements RFC 3986's
 * reference resolution; birddog writes none of that by hand. */
#include "url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "xalloc.h"

/* A parsed absolute URL of a scheme we fetch, or NULL. */
static CURLU *parse(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL;
	if (!u || !url)
		goto bad;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
		goto bad;
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0 &&
	    strcmp(scheme, "file") != 0)
		goto bad;
	curl_free(scheme);
	curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
	return u;
bad:
	curl_free(scheme);
	curl_url_cleanup(u);
	return NULL;
}

/* curl's copy of a part as our own string (NULL when absent). */
static char *get(CURLU *u, CURLUPart part, unsigned flags)
{
	char *s = NULL;
	if (curl_url_get(u, part, &s, flags) != CURLUE_OK)
		return NULL;
	char *own = xstrdup(s);
	curl_free(s);
	return own;
}

static void lower(char *s)
{
	for (; s && *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

char *url_resolve(const char *base, const char *ref)
{
	CURLU *u = parse(base);
	if (!u)
		return NULL;
	/* Leading and trailing white space in an href is not part of it
	 * (HTML's "valid URL potentially surrounded by spaces"). */
	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r' || *ref == '\f')
		ref++;
	size_t n = strlen(ref);
	while (n && strchr(" \t\n\r\f", ref[n - 1]))
		n--;
	char *trimmed = xstrndup(ref, n);
	char *out = NULL;
	if (*trimmed == '\0' || *trimmed == '#') {
		/* The page itself (curl 7.88 resolves "#x" to the directory). */
		char *abs = get(u, CURLUPART_URL, 0);
		out = abs ? url_normalize(abs) : NULL;
		free(abs);
	} else if (curl_url_set(u, CURLUPART_URL, trimmed, CURLU_URLENCODE | CURLU_NON_SUPPORT_SCHEME) ==
	    CURLUE_OK) {
		char *abs = get(u, CURLUPART_URL, 0);
		out = abs ? url_normalize(abs) : NULL;
		free(abs);
	}
	free(trimmed);
	curl_url_cleanup(u);
	return out;
}

char *url_normalize(const char *url)
{
	CURLU *u = parse(url);
	if (!u)
		return NULL;
	char *host = get(u, CURLUPART_HOST, 0);
	if (host) {
		lower(host);
		curl_url_set(u, CURLUPART_HOST, host, 0);
	}
	free(host);
	char *out = get(u, CURLUPART_URL, CURLU_NO_DEFAULT_PORT);
	curl_url_cleanup(u);
	return out;
}

char *url_host(const char *url)
{
	CURLU *u = parse(url);
	if (!u)
		return NULL;
	char *scheme = get(u, CURLUPART_SCHEME, 0);
	char *out;
	if (scheme && strcmp(scheme, "file") == 0) {
		out = xstrdup("");
	} else {
		char *host = get(u, CURLUPART_HOST, 0);
		char *port = get(u, CURLUPART_PORT, CURLU_NO_DEFAULT_PORT);   /* NULL: default */
		lower(host);
		if (host && port) {
			out = xmalloc(strlen(host) + strlen(port) + 2);
			strcpy(out, host);
			strcat(out, ":");
			strcat(out, port);
		} else {
			out = host ? xstrdup(host) : NULL;
		}
		free(host);
		free(port);
	}
	free(scheme);
	curl_url_cleanup(u);
	return out;
}

char *url_origin(const char *url)
{
	char *host = url_host(url);
	CURLU *u = host ? parse(url) : NULL;
	char *scheme = u ? get(u, CURLUPART_SCHEME, 0) : NULL;
	char *out = NULL;
	if (scheme) {
		out = xmalloc(strlen(scheme) + strlen(host) + 4);
		strcpy(out, scheme);
		strcat(out, "://");
		strcat(out, host);
	}
	free(scheme);
	free(host);
	curl_url_cleanup(u);
	return out;
}

char *url_path_query(const char *url)
{
	CURLU *u = parse(url);
	if (!u)
		return NULL;
	char *path = get(u, CURLUPART_PATH, 0);
	char *query = get(u, CURLUPART_QUERY, 0);
	size_t n = (path ? strlen(path) : 1) + (query ? strlen(query) + 1 : 0) + 2;
	char *out = xmalloc(n);
	strcpy(out, path && *path ? path : "/");
	if (query) {
		strcat(out, "?");
		strcat(out, query);
	}
	free(path);
	free(query);
	curl_url_cleanup(u);
	return out;
}

int url_is_fetchable(const char *url)
{
	CURLU *u = parse(url);
	curl_url_cleanup(u);
	return u != NULL;
}
