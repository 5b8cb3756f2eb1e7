/* SPDX-License-Identifier: MIT */
/* An API source's Authorization (see oauth.h). */
#include "oauth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/evp.h>

#include "clock.h"
#include "diag.h"
#include "discover.h"
#include "http.h"
#include "source.h"
#include "web_state.h"
#include "xalloc.h"

/* The token kept for the run (one source at a time asks for one). */
static struct {
	char *source;
	char *header;           /* "Bearer TOKEN" */
	double expires;         /* monotonic s */
} kept;


void oauth_forget(const struct source *s)
{
	if (kept.source && strcmp(kept.source, s->name) == 0) {
		free(kept.header);
		kept.header = NULL;
	}
}

static const char *env(struct discover *d, const struct source *s, const char *name)
{
	const char *v = getenv(name);
	if (v && *v)
		return v;
	diag_error("%s: the environment variable %s is not set (the source's \"auth\" names it): "
		   "export it before running discover", s->file, name);
	d->status = EX_CONFIG;
	return NULL;
}

/* HTTP Basic credentials of the client (RFC 6749 2.3.1: each part
 * form-encoded first). */
static char *basic(const char *id, const char *secret)
{
	char *eid = curl_easy_escape(NULL, id, 0), *esecret = curl_easy_escape(NULL, secret, 0);
	struct buf plain = BUF_INIT;
	buf_printf(&plain, "%s:%s", eid, esecret);
	curl_free(eid);
	curl_free(esecret);
	char *out = xmalloc(4 * (plain.len / 3 + 1) + 8);
	strcpy(out, "Basic ");
	EVP_EncodeBlock((unsigned char *)out + 6, (const unsigned char *)plain.data, (int)plain.len);
	/* The secret is not left lying in freed memory. */
	OPENSSL_cleanse(plain.data, plain.len);
	buf_release(&plain);
	return out;
}

static double budget(void *ctx, const char *host, const struct http_policy *p, double now)
{
	return web_budget_take(ctx, host, p, now);
}

/* Asks the token endpoint; the header, or NULL with the reason told. */
static char *request_token(struct discover *d, const struct source *s, double *expires)
{
	const char *id = env(d, s, s->client_id_env);
	const char *secret = id ? env(d, s, s->client_secret_env) : NULL;
	if (!secret)
		return NULL;
	struct http_opts o = s->http;
	o.acquire = budget;
	o.ctx = d->web;
	struct http *h = http_new(&o);
	if (!h) {
		d->status = EX_UNAVAILABLE;
		return NULL;
	}
	struct http_request *req = http_request_new(s->token_url);
	struct buf form = BUF_INIT;
	buf_adds(&form, "grant_type=client_credentials");
	if (s->scope) {
		char *scope = curl_easy_escape(NULL, s->scope, 0);
		buf_printf(&form, "&scope=%s", scope);
		curl_free(scope);
	}
	req->post = buf_detach(&form);
	req->authorization = basic(id, secret);
	req->accept = "application/json";
	http_add(h, req);
	struct http_response *res = http_next(h);
	json_t *body = res && !res->failed ? json_loadb(res->body.data, res->body.len, 0, NULL) : NULL;
	const char *token = json_string_value(json_object_get(body, "access_token"));
	json_t *ttl = json_object_get(body, "expires_in");
	char *header = NULL;
	if (res && res->status == 200 && token && *token && !strpbrk(token, "\r\n")) {
		header = xmalloc(strlen(token) + 8);
		sprintf(header, "Bearer %s", token);
		/* Renewed shortly before it expires (30 s, or half a short
		 * life); an hour when the server does not say. */
		double life = json_is_number(ttl) ? json_number_value(ttl) : 3600;
		*expires = clock_mono() + life - (life > 60 ? 30 : life / 2);
	} else {
		const char *error = json_string_value(json_object_get(body, "error"));
		struct buf what = BUF_INIT;
		if (!res)
			buf_adds(&what, "did not answer");
		else if (res->failed)
			buf_printf(&what, "failed: %s", res->error);
		else
			buf_printf(&what, "answered HTTP %ld%s%s%s", res->status, error ? " (" : "",
				   error ? error : "", error ? ")" : "");
		diag_error("%s: no access token: the token endpoint %s %s; check %s and %s", s->file,
			   s->token_url, what.data, s->client_id_env, s->client_secret_env);
		buf_release(&what);
		d->status = res && res->status >= 400 && res->status < 500 ? EX_CONFIG : EX_UNAVAILABLE;
	}
	json_decref(body);
	http_response_free(res);
	http_free(h);
	return header;
}

int oauth_authorization(struct discover *d, const struct source *s, char **out)
{
	free(*out);
	*out = NULL;
	if (s->bearer_env) {
		const char *token = env(d, s, s->bearer_env);
		if (!token)
			return -1;
		*out = xmalloc(strlen(token) + 8);
		sprintf(*out, "Bearer %s", token);
		return 0;
	}
	if (!s->token_url)
		return 0;
	if (!kept.header || strcmp(kept.source, s->name) != 0 || clock_mono() >= kept.expires) {
		double expires = 0;
		char *header = request_token(d, s, &expires);
		if (!header)
			return -1;
		free(kept.header);
		free(kept.source);
		kept.header = header;
		kept.source = xstrdup(s->name);
		kept.expires = expires;
	}
	*out = xstrdup(kept.header);
	return 0;
}
