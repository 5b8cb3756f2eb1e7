/* SPDX-License-Identifier: MIT */
/* Normalises US postal addresses and builds matching keys, following USPS
 * Publication 28 (sections 2 and 3: street, unit, city, state and ZIP). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "buf.h"
#include "xalloc.h"

/* A text cut into upper-case words; v points into text, both owned. */
struct words {
	char *text;
	char **v;
	size_t n;
};

/* The street part of a line: words [lo, hi) are the name once the
 * directionals and suffix (abbreviations, or NULL) are taken off. */
struct street {
	size_t lo, hi;
	const char *predir, *suffix, *postdir;
};

static int is_pound(const char *w)
{
	return strcmp(w, "#") == 0;
}

static void add_word(struct buf *b, const char *w)
{
	if (b->len)
		buf_addc(b, ' ');
	buf_adds(b, w);
}

/* '-' and '/' stay inside numbers and units ("123-125", "1/2", "4-B"),
 * not between letters ("APT-4", "WINSTON-SALEM"); len and digit describe
 * the word before s. */
static int keeps_joiner(const char *s, size_t len, int digit)
{
	if (!len || !isalnum((unsigned char)s[-1]) || !isalnum((unsigned char)s[1]))
		return 0;
	return digit || (len == 1 && isdigit((unsigned char)s[1]));
}

/* Writes s to b as upper-case words separated by single spaces: periods
 * after one letter ("N.E.", "P.O.") and apostrophes vanish, '#' is a word
 * of its own, other punctuation separates words. */
static void clean(const char *s, struct buf *b)
{
	size_t len = 0;
	int digit = 0;

	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '\'' || (c == '.' && len == 1))
			continue;
		if (isalnum(c) || c >= 0x80 ||
		    ((c == '-' || c == '/') && keeps_joiner(s, len, digit))) {
			if (!len && b->len)
				buf_addc(b, ' ');
			buf_addc(b, toupper(c));
			len++;
			digit |= isdigit(c) != 0;
			continue;
		}
		if (c == '#')
			add_word(b, "#");
		len = 0;
		digit = 0;
	}
}

static void words_split(struct words *w, const char *s)
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

static void words_release(struct words *w)
{
	free(w->text);
	free(w->v);
}

static void words_remove(struct words *w, size_t i)
{
	memmove(w->v + i, w->v + i + 1, (w->n - i - 1) * sizeof(*w->v));
	w->n--;
}

/* Joins words [lo, hi), or NULL when there are none. */
static char *words_join(const struct words *w, size_t lo, size_t hi)
{
	struct buf b = BUF_INIT;

	for (; lo < hi; lo++)
		add_word(&b, w->v[lo]);
	return b.len ? buf_detach(&b) : NULL;
}

/* The house number: "123", "123-125", "123A", with a fraction "1/2". */
static size_t number_end(const struct words *w)
{
	if (!w->n || !isdigit((unsigned char)w->v[0][0]))
		return 0;
	if (w->n > 1 && isdigit((unsigned char)w->v[1][0]) && strchr(w->v[1], '/'))
		return 2;
	return 1;
}

/* A unit range: "4", "4B", "B-2", "C". */
static int range_like(const char *w)
{
	if (strpbrk(w, "0123456789"))
		return 1;
	return strlen(w) == 1 && isalpha((unsigned char)w[0]);
}

/* Whether a unit starts at word i. A designator with a range that looks
 * like one starts it anywhere after the name; one standing alone ("REAR",
 * or "APT" missing its range) must end the line and follow a suffix or
 * directional, so "100 Sunny Side" keeps its name. */
static int unit_starts(const struct words *w, size_t i, size_t num)
{
	int range = address_unit_needs_range(w->v[i]);
	size_t next = i + 1;

	if (range < 0 || i < num + 1)
		return 0;
	if (is_pound(w->v[i]))
		return next < w->n;
	while (next < w->n && is_pound(w->v[next]))
		next++;
	if (range && next < w->n && range_like(w->v[next]))
		return 1;
	if (next < w->n && (range || next + 1 < w->n || !range_like(w->v[next])))
		return 0;
	return i >= num + 2 && (address_suffix_abbrev(w->v[i - 1]) ||
				address_directional_abbrev(w->v[i - 1]));
}

/* The first word of the unit in line, or w->n; a stray '#' before it goes. */
static size_t unit_find(struct words *w, size_t num)
{
	size_t i;

	for (i = num; i < w->n; i++) {
		if (unit_starts(w, i, num))
			return i;
		if (is_pound(w->v[i]))
			words_remove(w, i--);
	}
	return w->n;
}

/* "APT 4", "# 12", "BLDG 5 APT 3"; a bare "4B" becomes "# 4B". */
static char *unit_join(const struct words *w, size_t lo, size_t hi)
{
	struct buf b = BUF_INIT;
	int designator = 0;

	for (size_t i = lo; i < hi; i++) {
		const char *ab = address_unit_abbrev(w->v[i]);

		if (designator && is_pound(w->v[i]))
			continue;
		if (i == lo && !ab)
			add_word(&b, "#");
		add_word(&b, ab ? ab : w->v[i]);
		designator = ab != NULL;
	}
	if (b.len == 0 || strcmp(b.data, "#") == 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* The abbreviation of the two-word directional at word i ("NORTH EAST"). */
static const char *dir_pair(const struct words *w, size_t i)
{
	struct buf b = BUF_INIT;
	const char *ab;

	buf_printf(&b, "%s %s", w->v[i], w->v[i + 1]);
	ab = address_directional_abbrev(b.data);
	buf_release(&b);
	return ab;
}

/* The directional ending the street part, or starting it when first is
 * set: two words or one, as *len says; only one that leaves a name. */
static const char *dir_take(const struct words *w, const struct street *s,
			    int first, size_t *len)
{
	size_t n = s->hi - s->lo;
	const char *ab = NULL;

	*len = 2;
	if (n >= 3)
		ab = dir_pair(w, first ? s->lo : s->hi - 2);
	if (ab || n < 2)
		return ab;
	*len = 1;
	return address_directional_abbrev(w->v[first ? s->lo : s->hi - 1]);
}

/* Takes off the postdirectional, suffix and predirectional, in that order
 * and each only when it leaves a name: "100 North St" -> "100 NORTH ST". */
static void street_parse(const struct words *w, struct street *s)
{
	size_t len;

	if ((s->postdir = dir_take(w, s, 0, &len)))
		s->hi -= len;
	if (s->hi - s->lo >= 2 && (s->suffix = address_suffix_abbrev(w->v[s->hi - 1])))
		s->hi--;
	if ((s->predir = dir_take(w, s, 1, &len)))
		s->lo += len;
}

static char *line_join(const struct words *w, size_t num, size_t unit)
{
	struct street s = { num, unit, NULL, NULL, NULL };
	struct buf b = BUF_INIT;
	size_t i;

	street_parse(w, &s);
	for (i = 0; i < num; i++)
		add_word(&b, w->v[i]);
	if (s.predir)
		add_word(&b, s.predir);
	for (i = s.lo; i < s.hi; i++)
		add_word(&b, w->v[i]);
	if (s.suffix)
		add_word(&b, s.suffix);
	if (s.postdir)
		add_word(&b, s.postdir);
	return b.len ? buf_detach(&b) : NULL;
}

/* Fills out->line and out->unit; a unit given apart wins over one in line,
 * which then stays at the end of line unless it is the same unit. */
static void line_unit(const char *line, const char *unit, struct address *out)
{
	struct words lw, uw;
	size_t num, u;
	char *in_line;

	words_split(&uw, unit);
	out->unit = unit_join(&uw, 0, uw.n);
	words_release(&uw);
	words_split(&lw, line);
	num = number_end(&lw);
	u = unit_find(&lw, num);
	out->line = line_join(&lw, num, u);
	in_line = unit_join(&lw, u, lw.n);
	if (!out->unit) {
		out->unit = in_line;
		in_line = NULL;
	}
	if (in_line && strcmp(in_line, out->unit) != 0) {
		struct buf b = BUF_INIT;

		buf_adds(&b, out->line);
		add_word(&b, in_line);
		free(out->line);
		out->line = buf_detach(&b);
	}
	free(in_line);
	words_release(&lw);
}

static char *text_join(const char *s)
{
	struct words w;
	char *t;

	words_split(&w, s);
	t = words_join(&w, 0, w.n);
	words_release(&w);
	return t;
}

static char *state_norm(const char *s)
{
	char *t = text_join(s);
	const char *code = t ? address_state_code(t) : NULL;

	if (!code)
		return t;
	free(t);
	return xstrdup(code);
}

/* "89101", "89101-1234", "891011234"; 3 or 4 digits are a ZIP whose
 * leading zeros a spreadsheet dropped ("2134" -> "02134"). */
static char *zip_norm(const char *s)
{
	char zip[6];
	size_t n, end;

	if (!s)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	n = strspn(s, "0123456789");
	end = n;
	if (n == 5 && s[5] == '-' && strspn(s + 6, "0123456789") == 4)
		end = 10;
	while (isspace((unsigned char)s[end]))
		end++;
	if (s[end] || (n != 5 && n != 9 && n != 3 && n != 4))
		return NULL;
	memset(zip, '0', 5);
	memcpy(zip + (n < 5 ? 5 - n : 0), s, n < 5 ? n : 5);
	zip[5] = '\0';
	return xstrdup(zip);
}

static char *key_join(const struct address *a)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s|%s|%s", a->line, a->unit ? a->unit : "",
		   a->zip ? a->zip : "");
	return buf_detach(&b);
}

int address_normalize(const char *line, const char *unit, const char *city,
		      const char *state, const char *zip, struct address *out)
{
	line_unit(line, unit, out);
	out->city = text_join(city);
	out->state = state_norm(state);
	out->zip = zip_norm(zip);
	out->key = out->line ? key_join(out) : NULL;
	return out->line ? 0 : -1;
}

void address_release(struct address *a)
{
	free(a->line);
	free(a->unit);
	free(a->city);
	free(a->state);
	free(a->zip);
	free(a->key);
	a->line = a->unit = a->city = a->state = a->zip = a->key = NULL;
}
