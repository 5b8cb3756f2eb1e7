/* SPDX-License-Identifier: MIT */
/* Splits a whole address written in one field ("1234 S Martin Luther King
 * Dr, Chicago, IL 60637") into the street line and the last line of USPS
 * Publication 28 section 22: city, state and ZIP. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "address_parse.h"
#include "xalloc.h"

/* The text's words in order, the comma-separated segment of each, and
 * the index of the house number (after a unit written before it). */
struct split {
	struct words *seg;
	size_t nseg;
	char **v;
	size_t *segof, n;
	size_t house;
};

static void split_init(struct split *sp, const char *full)
{
	const char *p = full;

	memset(sp, 0, sizeof(*sp));
	for (size_t i = 0; full[i]; i++)
		sp->nseg += full[i] == ',';
	sp->seg = xmalloc(++sp->nseg * sizeof(*sp->seg));
	for (size_t k = 0; k < sp->nseg; k++) {
		size_t len = strcspn(p, ",");
		char *part = xmalloc(len + 1);

		memcpy(part, p, len);
		part[len] = '\0';
		words_split(&sp->seg[k], part);
		free(part);
		sp->n += sp->seg[k].n;
		p += len + (p[len] == ',');
	}
	sp->v = xmalloc((sp->n + 1) * sizeof(*sp->v));
	sp->segof = xmalloc((sp->n + 1) * sizeof(*sp->segof));
	sp->n = 0;
	for (size_t k = 0; k < sp->nseg; k++)
		for (size_t i = 0; i < sp->seg[k].n; i++) {
			sp->segof[sp->n] = k;
			sp->v[sp->n++] = sp->seg[k].v[i];
		}
	sp->house = unit_lead_end(&(struct words){ NULL, sp->v, sp->n });
}

static void split_release(struct split *sp)
{
	for (size_t k = 0; k < sp->nseg; k++)
		words_release(&sp->seg[k]);
	free(sp->seg);
	free(sp->v);
	free(sp->segof);
}

static char *split_join(const struct split *sp, size_t lo, size_t hi, const char *sep)
{
	struct buf b = BUF_INIT;

	for (size_t i = lo; i < hi; i++)
		buf_printf(&b, "%s%s", i > lo ? sep : "", sp->v[i]);
	return b.len ? buf_detach(&b) : NULL;
}

static int all_digits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789") == n;
}

/* A country at the end ("USA", "United States") says nothing here. */
static size_t country_start(const struct split *sp, size_t k)
{
	static const char *const names[] = {
		"US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (size_t len = 1; len <= 4 && len < k; len++) {
			char *t = split_join(sp, k - len, k, " ");
			int same = !strcmp(t, names[i]) && sp->segof[k - len] != sp->segof[k - len - 1];

			free(t);
			if (same)
				return k - len;
		}
	return k;
}

/* The ZIP ending words [0, k): "60637", "606371234", "60637-1234" or
 * "60637 1234"; the index of its first word, or k when there is none. */
static size_t zip_start(const struct split *sp, size_t k)
{
	const char *last = k ? sp->v[k - 1] : "";
	size_t n = strspn(last, "0123456789");

	if (k >= 3 && all_digits(last, 4) && all_digits(sp->v[k - 2], 5))
		return k - 2;
	if (k >= 2 && ((n == 5 && (!last[5] || (last[5] == '-' && all_digits(last + 6, 4)))) ||
		       all_digits(last, 9)))
		return k - 1;
	return k;
}

/* The state ending words [0, k): a 2-letter code (*code set), or a full
 * name of up to four words in one segment; its first word, or k. */
static size_t state_start(const struct split *sp, size_t k, int *code)
{
	const char *ab = k ? address_state_code(sp->v[k - 1]) : NULL;

	*code = k >= 2 && strlen(sp->v[k - 1]) == 2 && ab && !strcmp(ab, sp->v[k - 1]);
	if (*code)
		return k - 1;
	for (size_t len = 4; len >= 1; len--) {
		char *t;

		if (len >= k || sp->segof[k - len] != sp->segof[k - 1])
			continue;
		t = split_join(sp, k - len, k, " ");
		ab = strlen(t) > 2 ? address_state_code(t) : NULL;
		free(t);
		if (ab)
			return k - len;
	}
	return k;
}

/* The common street suffixes, which seldom end a city's name. */
static int street_suffix(const char *w)
{
	static const char *const common[] = {
		"ALY", "AVE", "BLVD", "BYP", "CIR", "CSWY", "CT", "DR", "EXPY", "FWY",
		"HWY", "LN", "LOOP", "PIKE", "PKWY", "PL", "PLZ", "RD", "ROW", "RTE",
		"SQ", "ST", "TER", "TPKE", "TRL", "WAY",
	};
	const char *ab = address_suffix_abbrev(w);

	for (size_t i = 0; ab && i < sizeof(common) / sizeof(common[0]); i++)
		if (!strcmp(ab, common[i]))
			return 1;
	return 0;
}

/* Whether word i may end the street by itself: a number after the house
 * number (unit, box, highway), a common suffix after a name, or a unit
 * ("2ND FL", "UNIT C"). */
static int end_word(const struct split *sp, size_t i)
{
	const char *w = sp->v[i], *prev = sp->v[i - 1];

	if (word_has_digit(w))
		return 1;
	if (i < sp->house + 2)
		return 0;
	return street_suffix(w) ||
	       (address_unit_needs_range(w) == 1 && word_is_ordinal(prev)) ||
	       (strlen(w) == 1 && isalpha((unsigned char)w[0]) &&
		address_unit_needs_range(prev) == 1);
}

/* What may follow the end of a street and end it again: an abbreviated
 * directional, a lone designator, "EXT" ("SHADY LANE EXT"). */
static int end_tail(const char *w)
{
	const char *dir = address_directional_abbrev(w), *ab = address_suffix_abbrev(w);

	return (dir && !strcmp(dir, w)) || address_unit_needs_range(w) == 0 ||
	       (ab && (!strcmp(ab, "EXT") || !strcmp(ab, "EXTS")));
}

/* Whether the street may end at word i: an end word, or up to two tails
 * after one ("MAIN ST N REAR"). */
static int street_end(const struct split *sp, size_t i)
{
	for (int tail = 0; tail <= 2 && i > sp->house; tail++, i--) {
		if (end_word(sp, i))
			return 1;
		if (i < sp->house + 2 || !end_tail(sp->v[i]))
			return 0;
	}
	return 0;
}

/* A suffix as people abbreviate it when a Saint city may follow. */
static int suffix_written_short(const char *w)
{
	static const char *const ends[] = {
		"ST", "AVE", "DR", "RD", "BLVD", "LN", "CT", "PL", "CIR", "PKWY",
		"HWY", "TER", "TRL", "PLZ",
	};

	for (size_t k = 0; k < sizeof(ends) / sizeof(ends[0]); k++)
		if (!strcmp(w, ends[k]))
			return 1;
	return 0;
}

/* "ST" is a city's Saint right after a street's end ("MAIN ST | ST LOUIS",
 * "MAIN ST N | ST PAUL", "APT 3 | ST PAUL") or one word after a short suffix
 * ("MAIN ST | PORT ST LUCIE"); not after a name word ("COURT ST") nor a
 * numbered street ("W 42ND ST"). */
static int saint(const struct split *sp, size_t i)
{
	const char *prev = sp->v[i - 1];

	if (strcmp(sp->v[i], "ST") != 0)
		return 0;
	if (street_end(sp, i - 1))
		return word_has_digit(prev) ? !word_is_ordinal(prev) :
		       address_directional_abbrev(prev) || suffix_written_short(prev);
	return i >= 2 && !word_has_digit(prev) && street_end(sp, i - 2) &&
	       suffix_written_short(sp->v[i - 2]);
}

/* Words [lo, hi) could be a city: letters only, and not a lone unit
 * designator ("MAIN ST | STE OK" is no city in Oklahoma). */
static int city_like(const struct split *sp, size_t lo, size_t hi)
{
	for (size_t i = lo; i < hi; i++)
		if (word_has_digit(sp->v[i]) || word_is_pound(sp->v[i]))
			return 0;
	return lo + 1 < hi || (lo < hi && address_unit_needs_range(sp->v[lo]) < 0);
}

/* Without a common suffix, the first other C1 suffix after a name ends the
 * street ("18 FOX RUN | HOLMDEL"), best one not followed by another suffix
 * ("COUNTRY CLUB ESTATES | HOT SPRINGS"); hi when there is none. */
static size_t city_after_any_suffix(const struct split *sp, size_t lo, size_t hi)
{
	size_t first = hi;

	for (size_t i = lo > sp->house + 2 ? lo : sp->house + 2; i + 1 < hi; i++) {
		if (!address_suffix_abbrev(sp->v[i]) || !city_like(sp, i + 1, hi))
			continue;
		if (!address_suffix_abbrev(sp->v[i + 1]))
			return i + 1;
		if (first == hi)
			first = i + 1;
	}
	return first;
}

/* Where the city starts in words [lo, hi) written without a comma between
 * street and city: after the last place the street may end; hi when none.
 * No city is longer than CITY_MAX words, which keeps the search linear. */
#define CITY_MAX 8
static size_t city_start(const struct split *sp, size_t lo, size_t hi)
{
	const char *last = sp->v[hi - 1];

	if (!strcmp(last, "APO") || !strcmp(last, "FPO") || !strcmp(last, "DPO"))
		return hi > 1 ? hi - 1 : hi;
	if (hi > CITY_MAX + 1 && lo < hi - CITY_MAX - 1)
		lo = hi - CITY_MAX - 1;
	for (size_t i = hi - 1; i-- > lo;)
		if (street_end(sp, i) && !saint(sp, i) && city_like(sp, i + 1, hi))
			return i + 1;
	return city_after_any_suffix(sp, lo, hi);
}

static size_t seg_start(const struct split *sp, size_t i)
{
	while (i > 0 && sp->segof[i - 1] == sp->segof[i])
		i--;
	return i;
}

/* Fills parts from the words: street [0, c), city [c, s), state [s, z),
 * ZIP [z, k); 1, or 0 when no street is left. */
static int split_fill(const struct split *sp, size_t c, size_t s, size_t z, size_t k,
		      struct address_parts *parts)
{
	if (!c)
		return 0;
	parts->line = split_join(sp, 0, c, " ");
	parts->city = split_join(sp, c, s, " ");
	parts->state = split_join(sp, s, z, " ");
	parts->zip = split_join(sp, z, k, "-");
	return 1;
}

/* The split of sp, or 0 when it ends in no state with a city or ZIP. */
static int split_parts(const struct split *sp, struct address_parts *parts)
{
	size_t k = country_start(sp, sp->n), z = zip_start(sp, k), s, c;
	int code, comma;

	s = state_start(sp, z, &code);
	if (s == z || s == 0)
		return 0;
	comma = sp->segof[s] != sp->segof[0];
	if (z == k && !comma && !code)
		return 0;
	c = seg_start(sp, s - 1);
	if (c == 0 || !city_like(sp, c, s))
		c = city_start(sp, c, s);
	if (c == s && z == k && !comma)
		return 0;
	return split_fill(sp, c, s, z, k, parts);
}

int address_split(const char *full, struct address_parts *parts)
{
	struct split sp;
	int rc;

	memset(parts, 0, sizeof(*parts));
	if (!full)
		return -1;
	split_init(&sp, full);
	rc = split_parts(&sp, parts);
	if (!rc) {
		address_parts_release(parts);
		parts->line = split_join(&sp, 0, sp.n, " ");
	}
	split_release(&sp);
	return parts->line ? rc : -1;
}

void address_parts_release(struct address_parts *parts)
{
	free(parts->line);
	free(parts->city);
	free(parts->state);
	free(parts->zip);
	memset(parts, 0, sizeof(*parts));
}
