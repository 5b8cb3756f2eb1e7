/* SPDX-License-Identifier: MIT */
/* Cuts address text into upper-case words, keeping only the punctuation
 * USPS Publication 28 (section 232) keeps: '-' and '/' in numbers, '.' in
 * grid numbers ("39.2 RD"), and '#' as a unit designator. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "address_parse.h"
#include "xalloc.h"

/* The word being written: its length, the letters since its start or since
 * a dropped period, and whether it holds a digit or a letter. */
struct word_state {
	size_t len, run;
	int digit, alpha;
};

/* UTF-8 punctuation is read as its ASCII cousin, since text copied from
 * documents and web pages is full of it. */
int words_punct(const char *str, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;

	*len = 3;
	if (s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x95)
		return '-';
	if (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92)
		return '-';
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99))
		return '\'';
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x9C || s[2] == 0x9D))
		return '"';
	*len = 2;
	if (s[0] == 0xC2 && s[1] == 0xA0)
		return ' ';
	*len = 1;
	return s[0];
}

/* '-' and '/' stay inside numbers and units ("123-125", "1/2", "4-B"),
 * not between letters ("APT-4", "WINSTON-SALEM"). */
static int keeps_joiner(int prev, int next, const struct word_state *ws)
{
	if (!ws->len || !isalnum(prev) || !isalnum(next))
		return 0;
	return ws->digit || (ws->len == 1 && isdigit(next));
}

/* A designator glued to its number ("APT4B", "STE200", "RR3") is two words. */
static int glued(const char *word, size_t len)
{
	char w[16];

	if (len < 2 || len >= sizeof(w))
		return 0;
	memcpy(w, word, len);
	w[len] = '\0';
	return address_unit_needs_range(w) == 1 || !strcmp(w, "RR") || !strcmp(w, "HC");
}

/* Whether s starts a one-letter word, as after the first period of
 * "P.O.B." but not of "N.Main". */
static int one_letter(const char *s)
{
	return isalpha((unsigned char)s[0]) && !isalnum((unsigned char)s[1]);
}

static void word_end(struct word_state *ws)
{
	memset(ws, 0, sizeof(*ws));
}

static void word_addc(struct buf *b, struct word_state *ws, int c)
{
	if (isdigit(c) && ws->alpha && !ws->digit && glued(b->data + b->len - ws->len, ws->len))
		word_end(ws);
	if (!ws->len && b->len)
		buf_addc(b, ' ');
	buf_addc(b, toupper(c));
	ws->len++;
	ws->run = isalpha(c) ? ws->run + 1 : 0;
	ws->digit |= isdigit(c) != 0;
	ws->alpha |= isalpha(c) != 0;
}

/* Writes s to b as upper-case words separated by single spaces: periods
 * after one letter ("N.E.", "P.O.B.") and apostrophes vanish, a period
 * between digits stays, '#' is a word of its own, other punctuation
 * separates words. */
static void clean(const char *s, struct buf *b)
{
	struct word_state ws = { 0, 0, 0, 0 };
	size_t clen;

	for (; *s; s += clen) {
		int c = words_punct(s, &clen);
		int next = (unsigned char)s[clen];
		int prev = ws.len ? (unsigned char)b->data[b->len - 1] : 0;

		if (c == '\'')
			continue;
		if (c == '.' && ws.run == 1 && (!isalnum(next) || one_letter(s + clen))) {
			ws.run = 0;
			continue;
		}
		if (isalnum(c) || c >= 0x80 ||
		    (c == '.' && ws.digit && !ws.alpha && isdigit(next)) ||
		    ((c == '-' || c == '/') && keeps_joiner(prev, next, &ws))) {
			word_addc(b, &ws, c);
			continue;
		}
		if (c == '#')
			words_add(b, "#");
		word_end(&ws);
	}
}

void words_split(struct words *w, const char *s)
{
	struct buf b = BUF_INIT;
	char *p;

	if (s)
		clean(s, &b);
	w->text = buf_detach(&b);
	w->n = 0;
	w->v = xmalloc((strlen(w->text) / 2 + 1) * sizeof(*w->v));
	for (p = w->text; *p; p++) {
		if (p == w->text || p[-1] == '\0')
			w->v[w->n++] = p;
		if (*p == ' ')
			*p = '\0';
	}
}

void words_release(struct words *w)
{
	free(w->text);
	free(w->v);
}

void words_remove(struct words *w, size_t i, size_t count)
{
	memmove(w->v + i, w->v + i + count, (w->n - i - count) * sizeof(*w->v));
	w->n -= count;
}

void words_rotate(struct words *w, size_t lo, size_t hi)
{
	size_t k = hi - lo;
	char **tmp = xmalloc((k + 1) * sizeof(*tmp));

	memcpy(tmp, w->v + lo, k * sizeof(*tmp));
	memmove(w->v + lo, w->v + hi, (w->n - hi) * sizeof(*w->v));
	memcpy(w->v + w->n - k, tmp, k * sizeof(*tmp));
	free(tmp);
}

char *words_join(const struct words *w, size_t lo, size_t hi)
{
	struct buf b = BUF_INIT;

	for (; lo < hi; lo++)
		words_add(&b, w->v[lo]);
	return b.len ? buf_detach(&b) : NULL;
}

void words_add(struct buf *b, const char *w)
{
	if (b->len)
		buf_addc(b, ' ');
	buf_adds(b, w);
}

int word_is_pound(const char *w)
{
	return strcmp(w, "#") == 0;
}

int word_is_number_sign(const char *w)
{
	return word_is_pound(w) || !strcmp(w, "NO") || !strcmp(w, "NUMBER") || !strcmp(w, "NBR");
}

int word_has_digit(const char *w)
{
	return strpbrk(w, "0123456789") != NULL;
}

int word_is_ordinal(const char *w)
{
	size_t n = strspn(w, "0123456789");
	static const char *const endings[] = { "ST", "ND", "RD", "TH" };

	if (!n)
		return 0;
	for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++)
		if (!strcmp(w + n, endings[i]))
			return 1;
	return 0;
}
