/* SPDX-License-Identifier: MIT */
/* Normalises US postal addresses and builds matching keys, following USPS
 * Publication 28 (sections 2 and 3: street, unit, city, state and ZIP). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "address_parse.h"
#include "buf.h"
#include "xalloc.h"

/* The street part of a line: words [lo, hi) are the name once the
 * directionals and suffix (abbreviations, or NULL) are taken off. */
struct street {
	size_t lo, hi;
	const char *predir, *suffix, *postdir;
};

/* The house number: "123", "123-125", "123A", with a fraction "1/2". */
static size_t number_end(const struct words *w)
{
	if (!w->n || !isdigit((unsigned char)w->v[0][0]))
		return 0;
	if (w->n > 1 && isdigit((unsigned char)w->v[1][0]) && strchr(w->v[1], '/'))
		return 2;
	return 1;
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

/* A postdirectional written before the suffix ("NEW MEXICO NW AVE"): only
 * an abbreviated one, after a name that is not all directionals, so that
 * "W NORTH AVE" and "E N ST" keep their names. */
static const char *dir_before_suffix(const struct words *w, const struct street *s)
{
	const char *last = w->v[s->hi - 1];
	const char *ab = address_directional_abbrev(last);

	if (s->hi - s->lo < 2 || !ab || strcmp(ab, last) != 0)
		return NULL;
	for (size_t i = s->lo; i < s->hi - 1; i++)
		if (!address_directional_abbrev(w->v[i]))
			return ab;
	return NULL;
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
	if (!s->postdir && s->suffix && (s->postdir = dir_before_suffix(w, s)))
		s->hi--;
	if ((s->predir = dir_take(w, s, 1, &len)))
		s->lo += len;
}

/* A word of the name before a number names a numbered road and is spelled
 * out, as in the ZIP+4 file: "US HWY 50" -> "US HIGHWAY 50", "CR 12" ->
 * "COUNTY ROAD 12"; only a suffix in the last place is abbreviated. */
static const char *road_word(const struct words *w, size_t i, size_t hi)
{
	static const char *const spelled[][2] = {
		{ "HWY", "HIGHWAY" }, { "RD", "ROAD" }, { "RTE", "ROUTE" },
		{ "RT", "ROUTE" }, { "CR", "COUNTY ROAD" },
	};
	const char *ab;

	if (i + 1 >= hi)
		return NULL;
	ab = address_suffix_abbrev(w->v[i + 1]);
	if (!strcmp(w->v[i], "CO") && ab && (!strcmp(ab, "RD") || !strcmp(ab, "HWY")))
		return "COUNTY";
	if (!isdigit((unsigned char)w->v[i + 1][0]))
		return NULL;
	ab = address_suffix_abbrev(w->v[i]);
	for (size_t k = 0; k < sizeof(spelled) / sizeof(spelled[0]); k++)
		if (!strcmp(ab ? ab : w->v[i], spelled[k][0]))
			return spelled[k][1];
	return NULL;
}

static char *line_join(const struct words *w, size_t num, size_t unit)
{
	struct street s = { num, unit, NULL, NULL, NULL };
	struct buf b = BUF_INIT;
	size_t i;

	street_parse(w, &s);
	for (i = 0; i < num; i++)
		words_add(&b, w->v[i]);
	if (s.predir)
		words_add(&b, s.predir);
	for (i = s.lo; i < s.hi; i++) {
		const char *road = road_word(w, i, s.hi);

		words_add(&b, road ? road : w->v[i]);
	}
	if (s.suffix)
		words_add(&b, s.suffix);
	if (s.postdir)
		words_add(&b, s.postdir);
	return b.len ? buf_detach(&b) : NULL;
}

/* A unit with a designator ("APT 3") and a bare one with its range ("# 3")
 * are one unit. */
static int same_range(const char *bare, const char *other)
{
	const char *last = strrchr(other, ' ');

	return !strncmp(bare, "# ", 2) && last && !strcmp(last + 1, bare + 2);
}

/* A unit given apart wins over one in the line, which then stays at the
 * end of the line unless it is the same unit; of the same unit written
 * twice, the one with a designator wins. Takes in_line. */
static void unit_merge(struct address *out, char *in_line)
{
	struct buf b = BUF_INIT;

	if (!in_line)
		return;
	if (!out->unit || same_range(out->unit, in_line)) {
		free(out->unit);
		out->unit = in_line;
		return;
	}
	if (strcmp(in_line, out->unit) != 0 && !same_range(in_line, out->unit)) {
		buf_adds(&b, out->line ? out->line : "");
		words_add(&b, in_line);
		free(out->line);
		out->line = buf_detach(&b);
	}
	free(in_line);
}

/* Fills out->line and out->unit. */
static void line_unit(const char *line, const char *unit, struct address *out)
{
	struct words lw, uw;
	size_t num, u;

	words_split(&uw, unit);
	out->unit = unit_join(&uw, 0, uw.n);
	words_release(&uw);
	words_split(&lw, line);
	if (!(out->line = box_line(&lw))) {
		unit_lead(&lw);
		num = number_end(&lw);
		u = unit_find(&lw, num);
		out->line = line_join(&lw, num, u);
		unit_merge(out, unit_join(&lw, u, lw.n));
	}
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

/* The bytes of the "-1234" after the five digits of a ZIP+4, written with
 * any dash or only a space ("60642—2534", "60642 2534"), or 0. */
static size_t plus4_len(const char *s)
{
	const char *p = s + strspn(s, " \t");
	size_t len;

	if (words_punct(p, &len) == '-')
		p += len;
	p += strspn(p, " \t");
	if (p == s || strspn(p, "0123456789") != 4)
		return 0;
	return p + 4 - s;
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
	end = n == 5 ? n + plus4_len(s + n) : n;
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

static int blank(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

int address_normalize(const char *line, const char *unit, const char *city,
		      const char *state, const char *zip, struct address *out)
{
	struct address_parts p = { NULL, NULL, NULL, NULL };

	if (blank(city) && blank(state) && blank(zip) && address_split(line, &p) == 1) {
		line = p.line;
		city = p.city;
		state = p.state;
		zip = p.zip;
	}
	line_unit(line, unit, out);
	out->city = text_join(city);
	out->state = state_norm(state);
	out->zip = zip_norm(zip);
	out->key = out->line ? key_join(out) : NULL;
	address_parts_release(&p);
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
