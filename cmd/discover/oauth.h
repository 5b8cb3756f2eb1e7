/* SPDX-License-Identifier: MIT */
/* An API source's Authorization header: a bearer token from the
 * environment, or an OAuth2 access token from the source's token endpoint
 * (the client credentials grant, RFC 6749 4.4, the id and secret from the
 * environment), kept until shortly before it expires. Secrets are never
 * printed. */
#ifndef BIRDDOG_OAUTH_H
#define BIRDDOG_OAUTH_H

struct discover;
struct source;

/* *out (replaced; the caller frees it) gets "Bearer TOKEN", or NULL when
 * the source has no "auth". 0, or -1 when there is no token, the reason on
 * stderr and d->status set (78 for a variable missing from the
 * environment, 69 when the token endpoint does not give one). */
int oauth_authorization(struct discover *d, const struct source *s, char **out);
/* Drops s's kept token (the server refused it). */
void oauth_forget(const struct source *s);

#endif
