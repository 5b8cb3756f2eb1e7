/* SPDX-License-Identifier: MIT */
/* SMTP submission through libcurl's SMTP (RFC 5321; STARTTLS RFC 3207):
 * one easy handle, so that its connection is reused from message to message. */
#include "smtp.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "interrupt.h"
#include "xalloc.h"

#define CONNECT_TIMEOUT_S 10L
#define TRANSFER_TIMEOUT_S 60L

#define REPLY_MAX 400

struct smtp {
	CURL *curl;
	char *url;
	char errbuf[CURL_ERROR_SIZE];
	const char *data;     /* the message being read by curl */
	size_t len, pos;
	char verb[8];         /* of the last command sent: "MAIL", "RCPT", "DATA" */
	struct buf reply;     /* the server's reply to it so far, printable */
	int reply_done;       /* its last line ("250 ...", not "250-...") came */
	char fail_verb[8];    /* the command of the first 4xx or 5xx reply, */
	struct buf fail;      /* and that reply (curl's QUIT after it must not hide it) */
};

int smtp_url_valid(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *user = NULL, *password = NULL;
	int ok = curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
		 curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
		 (!strcasecmp(scheme, "smtp") || !strcasecmp(scheme, "smtps")) &&
		 curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_NO_USER &&
		 curl_url_get(u, CURLUPART_PASSWORD, &password, 0) == CURLUE_NO_PASSWORD;
	curl_free(scheme);
	curl_free(user);
	curl_free(password);
	curl_url_cleanup(u);
	return ok;
}

static size_t read_message(char *out, size_t size, size_t nmemb, void *userdata)
{
	struct smtp *s = userdata;
	size_t n = size * nmemb;
	/* Stopping before the whole message is handed over cannot deliver it. */
	if (interrupt_signal() && s->pos < s->len)
		return CURL_READFUNC_ABORT;
	if (n > s->len - s->pos)
		n = s->len - s->pos;
	memcpy(out, s->data + s->pos, n);
	s->pos += n;
	return n;
}

/* Once the whole message is handed over, the server may accept it: the
 * transfer then runs to the reply (bounded by the timeout). */
static int on_progress(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
		       curl_off_t ultotal, curl_off_t ulnow)
{
	struct smtp *s = userdata;
	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	return interrupt_signal() && s->pos < s->len;
}

/* Keeps the verb of each command (never the rest: AUTH carries the
 * password) and the text of the reply to it. */
static int on_debug(CURL *c, curl_infotype type, char *data, size_t size, void *userdata)
{
	struct smtp *s = userdata;
	(void)c;
	if (type == CURLINFO_HEADER_OUT) {
		size_t n = 0;
		while (n < size && n < sizeof s->verb - 1 && isalpha((unsigned char)data[n]))
			s->verb[n] = (char)toupper((unsigned char)data[n]), n++;
		s->verb[n] = '\0';
		buf_reset(&s->reply);
		s->reply_done = 0;
	} else if (type == CURLINFO_HEADER_IN) {
		if (s->reply_done)
			buf_reset(&s->reply);
		while (size && (data[size - 1] == '\n' || data[size - 1] == '\r'))
			size--;
		s->reply_done = size < 4 || data[3] != '-';
		if (s->reply.len && s->reply.len < REPLY_MAX)
			buf_adds(&s->reply, " / ");
		for (size_t i = 0; i < size && s->reply.len < REPLY_MAX; i++)
			buf_addc(&s->reply, (unsigned char)data[i] < 0x20 || data[i] == 0x7f ? '?' : data[i]);
		if (s->reply_done && size && (data[0] == '4' || data[0] == '5') && !s->fail.len) {
			memcpy(s->fail_verb, s->verb, sizeof s->verb);
			buf_add(&s->fail, s->reply.data, s->reply.len);
		}
	}
	return 0;
}

static int setup(struct smtp *s, const char *user, const char *password)
{
	CURL *c = s->curl;
	int bad = 0;
	bad |= curl_easy_setopt(c, CURLOPT_URL, s->url) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps") != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_UPLOAD, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_READDATA, s) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_TIMEOUT, TRANSFER_TIMEOUT_S) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->errbuf) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_XFERINFODATA, s) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_debug) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_DEBUGDATA, s) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_VERBOSE, 1L) != CURLE_OK;
	/* A password only travels encrypted: smtp:// must then upgrade with STARTTLS. */
	bad |= curl_easy_setopt(c, CURLOPT_USE_SSL,
				user ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY) != CURLE_OK;
	if (user) {
		bad |= curl_easy_setopt(c, CURLOPT_USERNAME, user) != CURLE_OK;
		bad |= curl_easy_setopt(c, CURLOPT_PASSWORD, password ? password : "") != CURLE_OK;
	}
	return bad ? -1 : 0;
}

struct smtp *smtp_new(const char *url, const char *user, const char *password,
		      struct buf *err)
{
	static int curl_ready;
	if (!smtp_url_valid(url)) {
		buf_adds(err, "not an smtp://HOST[:PORT] or smtps://HOST[:PORT] URL without "
			"credentials (those come from $BIRDDOG_SMTP_USER and $BIRDDOG_SMTP_PASSWORD)");
		return NULL;
	}
	if (!curl_ready && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		buf_adds(err, "cannot initialise libcurl");
		return NULL;
	}
	curl_ready = 1;
	struct smtp *s = xcalloc(1, sizeof *s);
	s->url = xstrdup(url);
	buf_init(&s->reply);
	buf_init(&s->fail);
	s->curl = curl_easy_init();
	if (!s->curl || setup(s, user, password) < 0) {
		buf_adds(err, "cannot set up libcurl for SMTP (is it built with SMTP and TLS?)");
		smtp_free(s);
		return NULL;
	}
	return s;
}

void smtp_free(struct smtp *s)
{
	if (!s)
		return;
	if (s->curl)
		curl_easy_cleanup(s->curl);
	free(s->url);
	buf_release(&s->reply);
	buf_release(&s->fail);
	free(s);
}

/* Failures that mean no message can get through right now. Not
 * CURLE_WEIRD_SERVER_REPLY: curl also gives it when the server refuses one
 * message after DATA. */
static int unreachable(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_USE_SSL_FAILED:
	case CURLE_LOGIN_DENIED:
	case CURLE_AUTH_ERROR:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return 1;
	default:
		return 0;
	}
}

/* Whether a 5xx reply's enhanced status code (RFC 3463) says the mailbox
 * is bad: 5.1.x (no such user, bad address) or 5.2.1 (disabled). Servers
 * that check recipients only after the data answer so there. */
static int mailbox_refused(const char *reply)
{
	if (strlen(reply) < 9 || (reply[3] != ' ' && reply[3] != '-'))
		return 0;
	return !strncmp(reply + 4, "5.1.", 4) || !strncmp(reply + 4, "5.2.1", 5);
}

/* What a failed transfer means for this message and the next ones. */
static enum smtp_result classify(struct smtp *s, CURLcode rc, long code)
{
	if (rc == CURLE_ABORTED_BY_CALLBACK)
		return SMTP_STOPPED;
	if (unreachable(rc))
		return SMTP_UNREACHABLE;
	if (code < 500 || code > 599)
		return SMTP_DEFERRED;
	if (!strcmp(s->fail_verb, "RCPT"))
		return SMTP_BAD_RECIPIENT;
	if (!strcmp(s->fail_verb, "DATA"))
		return mailbox_refused(s->fail.data) ? SMTP_BAD_RECIPIENT : SMTP_REFUSED;
	return SMTP_UNREACHABLE;   /* the sender, or the session: all would fail */
}

/* "URL: COMMAND refused: REPLY", with the server's own words when it gave any. */
static void describe(struct smtp *s, CURLcode rc, long code, struct buf *err)
{
	const char *v = s->fail_verb;
	const char *what = !strcmp(v, "MAIL") ? "MAIL FROM" : !strcmp(v, "RCPT") ? "RCPT TO"
		: !strcmp(v, "DATA") ? "the message" : v;
	buf_printf(err, "%s: ", s->url);
	if (rc == CURLE_ABORTED_BY_CALLBACK)
		buf_adds(err, "abandoned before the message was complete");
	else if (code >= 400 && s->fail.len)
		buf_printf(err, "%s refused: %s", what, s->fail.data);
	else
		buf_adds(err, s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc));
}

enum smtp_result smtp_send(struct smtp *s, const char *from, const char *to,
			   const char *data, size_t len, struct buf *err)
{
	struct buf addr = BUF_INIT;
	struct curl_slist *rcpt = NULL;
	buf_printf(&addr, "<%s>", to);
	rcpt = curl_slist_append(rcpt, addr.data);
	buf_reset(&addr);
	buf_printf(&addr, "<%s>", from);
	s->data = data;
	s->len = len;
	s->pos = 0;
	s->errbuf[0] = '\0';
	s->verb[0] = s->fail_verb[0] = '\0';
	buf_reset(&s->reply);
	buf_reset(&s->fail);
	CURLcode rc = CURLE_OUT_OF_MEMORY;
	if (rcpt && curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, addr.data) == CURLE_OK &&
	    curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpt) == CURLE_OK &&
	    curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len) == CURLE_OK)
		rc = curl_easy_perform(s->curl);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rcpt);
	buf_release(&addr);
	if (rc == CURLE_OK)
		return SMTP_OK;
	long code = 0;
	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
	describe(s, rc, code, err);
	return classify(s, rc, code);
}
