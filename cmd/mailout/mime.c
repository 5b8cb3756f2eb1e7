/* SPDX-License-Identifier: MIT */
/* Builds an outreach email: RFC 5322 headers (folded, RFC 2047 encoded-words
 * for non-ASCII), RFC 2369/8058 List-Unsubscribe, and a multipart/alternative
 * body (RFC 2046) of quoted-printable parts (RFC 2045). */
#include "mime.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "digest.h"
#include "template.h"
#include "xalloc.h"

#define LINE_MAX_CHARS 76     /* RFC 2045 and RFC 2047 line limit */
#define EW_OVERHEAD 12        /* "=?UTF-8?B?" and "?=" */

static const char hexdigits[] = "0123456789ABCDEF";

void mime_date(time_t t, struct buf *out)
{
	static const char days[][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	gmtime_r(&t, &tm);
	buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
		   months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int mime_random_hex(char *out, size_t n)
{
	unsigned char *raw = xmalloc(n);
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(raw + got, n - got, 0);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (got < n) {
		int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
		ssize_t r = fd < 0 ? -1 : read(fd, raw, n);
		if (fd >= 0)
			close(fd);
		if (r != (ssize_t)n) {
			free(raw);
			return -1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = "0123456789abcdef"[raw[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[raw[i] & 15];
	}
	out[2 * n] = '\0';
	free(raw);
	return 0;
}

char *mime_message_id(const char *tenant, const char *packet_sha256, const char *recipient,
		      const char *sender_email)
{
	const char *parts[] = { "birddog-message-id-1", tenant, packet_sha256, recipient };
	struct buf in = BUF_INIT;
	char hex[DIGEST_HEX_LEN];
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		buf_add(&in, parts[i], strlen(parts[i]) + 1);   /* with the NUL: unambiguous */
	digest_sha256_hex(in.data, in.len, hex);
	buf_release(&in);
	hex[32] = '\0';
	const char *at = strrchr(sender_email, '@');
	struct buf b = BUF_INIT;
	buf_printf(&b, "<%s@%s>", hex, at ? at + 1 : "localhost");
	return buf_detach(&b);
}

char *mime_header_clean(const char *s)
{
	char *c = xstrdup(s ? s : "");
	for (char *p = c; *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = ' ';
	char *start = c + strspn(c, " ");
	size_t n = strlen(start);
	while (n > 0 && start[n - 1] == ' ')
		n--;
	memmove(c, start, n);
	c[n] = '\0';
	return c;
}

void mime_url_encode(const char *s, struct buf *out)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			buf_addc(out, (char)*p);
		else
			buf_printf(out, "%%%c%c", hexdigits[*p >> 4], hexdigits[*p & 15]);
	}
}

/* Quoted-printable: the length of the line break at s[i], 0 when none. */
static size_t line_break(const char *s, size_t len, size_t i)
{
	if (s[i] == '\n')
		return 1;
	return s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 0;
}

/* Whether s[i] must be written as =XX: not printable ASCII, '=', white space
 * ending a line, or what some transports mangle at a line's start. */
static int qp_needs_escape(const char *s, size_t len, size_t i, size_t col)
{
	unsigned char c = (unsigned char)s[i];
	if (c == ' ' || c == '\t')
		return i + 1 == len || line_break(s, len, i + 1) > 0;
	if (c < 33 || c > 126 || c == '=')
		return 1;
	return col == 0 && (c == '.' || (c == 'F' && len - i >= 5 && !memcmp(s + i, "From ", 5)));
}

void mime_qp_encode(const char *s, size_t len, struct buf *out)
{
	size_t col = 0;
	for (size_t i = 0; i < len; i++) {
		size_t br = line_break(s, len, i);
		if (br) {
			buf_adds(out, "\r\n");
			col = 0;
			i += br - 1;
			continue;
		}
		int esc = qp_needs_escape(s, len, i, col);
		size_t w = esc ? 3 : 1;
		int ends_line = i + 1 == len || line_break(s, len, i + 1) > 0;
		if (col + w > (ends_line ? LINE_MAX_CHARS : LINE_MAX_CHARS - 1)) {
			buf_adds(out, "=\r\n");
			col = 0;
			esc = qp_needs_escape(s, len, i, col);
			w = esc ? 3 : 1;
		}
		unsigned char c = (unsigned char)s[i];
		if (esc)
			buf_printf(out, "=%c%c", hexdigits[c >> 4], hexdigits[c & 15]);
		else
			buf_addc(out, (char)c);
		col += w;
	}
}

/* A header being written, with its current column for folding. */
struct hdr {
	struct buf *out;
	size_t col;
	int tokens;           /* written so far: never fold before the first */
};

static void hdr_start(struct hdr *h, struct buf *out, const char *name)
{
	h->out = out;
	h->tokens = 0;
	buf_adds(out, name);
	buf_addc(out, ':');
	h->col = strlen(name) + 1;
}

/* Appends a token after a space, folding first when it would pass 76 columns. */
static void hdr_token(struct hdr *h, const char *s, size_t n)
{
	if (n > 0 && h->tokens++ > 0 && h->col + 1 + n > LINE_MAX_CHARS) {
		buf_adds(h->out, "\r\n ");
		h->col = 1;
	} else {
		buf_addc(h->out, ' ');
		h->col++;
	}
	buf_add(h->out, s, n);
	h->col += n;
}

static void hdr_end(struct hdr *h)
{
	buf_adds(h->out, "\r\n");
}

static void base64(const unsigned char *s, size_t n, struct buf *out)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		buf_addc(out, b64[(v >> 18) & 63]);
		buf_addc(out, b64[(v >> 12) & 63]);
		buf_addc(out, i + 1 < n ? b64[(v >> 6) & 63] : '=');
		buf_addc(out, i + 2 < n ? b64[v & 63] : '=');
	}
}

/* The longest prefix of s[0..n) of at most max bytes that ends on a UTF-8
 * character boundary (at least one character, so the loop always advances). */
static size_t utf8_prefix(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	size_t k = max;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	if (k == 0) {
		k = 1;
		while (k < n && ((unsigned char)s[k] & 0xc0) == 0x80)
			k++;
	}
	return k;
}

/* RFC 2047 "B" encoded-words, each within the 76-column line limit. */
static void hdr_encoded_words(struct hdr *h, const char *s, size_t n)
{
	struct buf word = BUF_INIT;
	while (n > 0) {
		/* Room for one 4-byte character on this line, else on a folded one. */
		size_t room = LINE_MAX_CHARS - 2;
		if (h->col + 1 + EW_OVERHEAD + 8 <= LINE_MAX_CHARS)
			room = LINE_MAX_CHARS - h->col - 1;
		size_t take = utf8_prefix(s, n, (room - EW_OVERHEAD) / 4 * 3);
		buf_reset(&word);
		buf_adds(&word, "=?UTF-8?B?");
		base64((const unsigned char *)s, take, &word);
		buf_adds(&word, "?=");
		hdr_token(h, word.data, word.len);
		s += take;
		n -= take;
	}
	buf_release(&word);
}

static int is_plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < ' ' || (unsigned char)*s > '~')
			return 0;
	return 1;
}

/* Unstructured text (Subject): words folded at spaces, or encoded-words. */
static void hdr_text(struct hdr *h, const char *raw)
{
	char *s = mime_header_clean(raw);
	if (!is_plain_ascii(s) || strstr(s, "=?")) {
		hdr_encoded_words(h, s, strlen(s));
	} else {
		for (const char *p = s;;) {
			size_t n = strcspn(p, " ");
			hdr_token(h, p, n);
			if (!p[n])
				break;
			p += n + 1;
		}
	}
	free(s);
}

/* name-addr (RFC 5322 3.4): a quoted or encoded display name, then <addr>. */
static void hdr_address(struct hdr *h, const char *name, const char *email)
{
	char *s = mime_header_clean(name);
	struct buf tok = BUF_INIT;
	if (*s && (!is_plain_ascii(s) || strstr(s, "=?"))) {
		hdr_encoded_words(h, s, strlen(s));
	} else if (*s) {
		buf_addc(&tok, '"');
		for (const char *p = s; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_addc(&tok, '\\');
			buf_addc(&tok, *p);
		}
		buf_addc(&tok, '"');
		hdr_token(h, tok.data, tok.len);
	}
	buf_reset(&tok);
	buf_printf(&tok, "<%s>", email);
	hdr_token(h, tok.data, tok.len);
	buf_release(&tok);
	free(s);
}

static void header(struct buf *out, const char *name, const char *value)
{
	struct hdr h;
	hdr_start(&h, out, name);
	hdr_token(&h, value, strlen(value));
	hdr_end(&h);
}

static void address_header(struct buf *out, const char *name, const char *display,
			   const char *email)
{
	struct hdr h;
	hdr_start(&h, out, name);
	hdr_address(&h, display, email);
	hdr_end(&h);
}

static void list_unsubscribe(struct buf *out, const struct mime_message *m)
{
	struct hdr h;
	struct buf tok = BUF_INIT;
	hdr_start(&h, out, "List-Unsubscribe");
	buf_printf(&tok, "<mailto:%s?subject=unsubscribe>%s", m->unsub_mailto,
		   m->unsub_url ? "," : "");
	hdr_token(&h, tok.data, tok.len);
	if (m->unsub_url) {
		buf_reset(&tok);
		buf_printf(&tok, "<%s>", m->unsub_url);
		hdr_token(&h, tok.data, tok.len);
	}
	hdr_end(&h);
	if (m->unsub_url)
		buf_adds(out, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
	buf_release(&tok);
}

static void headers(const struct mime_message *m, const char *boundary, struct buf *out)
{
	struct hdr h;
	struct buf tmp = BUF_INIT;
	mime_date(m->date, &tmp);
	header(out, "Date", tmp.data);
	header(out, "Message-ID", m->message_id);
	address_header(out, "From", m->from_name, m->from_email);
	address_header(out, "To", m->to_name, m->to_email);
	if (m->reply_to)
		address_header(out, "Reply-To", NULL, m->reply_to);
	hdr_start(&h, out, "Subject");
	hdr_text(&h, m->subject);
	hdr_end(&h);
	buf_adds(out, "MIME-Version: 1.0\r\n");
	list_unsubscribe(out, m);
	buf_printf(out, "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n\r\n", boundary);
	buf_release(&tmp);
}

/* One body part: the marker replaced by repl, then quoted-printable. */
static void part(struct buf *out, const char *boundary, const char *type, const char *s,
		 size_t len, const char *repl)
{
	static const char marker[] = MIME_UNSUBSCRIBE_MARKER;
	struct buf body = BUF_INIT;
	const char *end = s + len;
	for (const char *p; (p = memmem(s, (size_t)(end - s), marker, sizeof marker - 1));
	     s = p + sizeof marker - 1) {
		buf_add(&body, s, (size_t)(p - s));
		buf_adds(&body, repl);
	}
	buf_add(&body, s, (size_t)(end - s));
	buf_printf(out, "--%s\r\nContent-Type: %s; charset=utf-8\r\n"
		   "Content-Transfer-Encoding: quoted-printable\r\n\r\n", boundary, type);
	mime_qp_encode(body.data ? body.data : "", body.len, out);
	buf_adds(out, "\r\n");   /* belongs to the next boundary (RFC 2046 5.1.1) */
	buf_release(&body);
}

int mime_build(const struct mime_message *m, struct buf *out)
{
	char boundary[3 + 24 + 1] = "=_b";
	/* "=_" never occurs in quoted-printable text, so the boundary cannot either. */
	if (mime_random_hex(boundary + 3, 12) < 0)
		return -1;
	struct buf url = BUF_INIT, html_url = BUF_INIT;
	if (m->unsub_url)
		buf_adds(&url, m->unsub_url);
	else
		buf_printf(&url, "mailto:%s?subject=unsubscribe", m->unsub_mailto);
	template_escape_html(&html_url, url.data, url.len);
	headers(m, boundary, out);
	part(out, boundary, "text/plain", m->text, m->text_len, url.data);
	part(out, boundary, "text/html", m->html, m->html_len, html_url.data);
	buf_printf(out, "--%s--\r\n", boundary);
	buf_release(&url);
	buf_release(&html_url);
	return 0;
}
