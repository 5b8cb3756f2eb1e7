/* SPDX-License-Identifier: MIT */
/* Finds the secondary unit in a delivery address line and writes it as USPS
 * Publication 28 does (section 213, Appendix C2): "APT 4B", "FL 2", "# 12". */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "address_parse.h"

/* A unit range: "4", "4B", "B-2", "C". */
static int range_like(const char *w)
{
	return word_has_digit(w) || (strlen(w) == 1 && isalpha((unsigned char)w[0]));
}

/* The number of an ordinal ("2ND" -> "2", "SECOND" -> "2") as *len bytes
 * at the return value, or NULL. */
static const char *ordinal_number(const char *w, size_t *len)
{
	static const char *const spelled[] = {
		"FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH",
		"SIXTH", "SEVENTH", "EIGHTH", "NINTH", "TENTH",
	};
	static const char *const numbers[] = {
		"1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
	};

	*len = strspn(w, "0123456789");
	if (word_is_ordinal(w))
		return w;
	for (size_t i = 0; i < sizeof(spelled) / sizeof(spelled[0]); i++)
		if (!strcmp(w, spelled[i])) {
			*len = strlen(numbers[i]);
			return numbers[i];
		}
	return NULL;
}

/* An ordinal before a designator that needs a range, at word i of words
 * [0, hi): "2ND FL", "THIRD FLOOR" (written "FL 2", "FL 3"). */
static int ordinal_unit(const struct words *w, size_t i, size_t hi)
{
	size_t len;

	return i + 1 < hi && ordinal_number(w->v[i], &len) && !word_is_pound(w->v[i + 1]) &&
	       address_unit_needs_range(w->v[i + 1]) == 1;
}

/* Whether a unit starts at word i. A designator with a range that looks
 * like one starts it anywhere after the name; one standing alone ("REAR",
 * or "APT" missing its range) must end the line and follow a suffix or
 * directional, so "100 Sunny Side" keeps its name. */
static int unit_starts(const struct words *w, size_t i, size_t num)
{
	int range = address_unit_needs_range(w->v[i]);
	size_t next = i + 1;

	if (i >= num + 1 && ordinal_unit(w, i, w->n))
		return 1;
	if (range < 0 || i < num + 1)
		return 0;
	if (word_is_pound(w->v[i]))
		return next < w->n;
	while (next < w->n && word_is_number_sign(w->v[next]))
		next++;
	if (range && next < w->n && range_like(w->v[next]))
		return 1;
	if (next < w->n && (range || next + 1 < w->n || !range_like(w->v[next])))
		return 0;
	return i >= num + 2 && (address_suffix_abbrev(w->v[i - 1]) ||
				address_directional_abbrev(w->v[i - 1]));
}

/* A suffix that names a numbered road ("HIGHWAY 50", "LOOP 410"), not a
 * street whose last word could be a unit. */
static int road_suffix(const char *ab)
{
	static const char *const roads[] = {
		"EXPY", "FWY", "HWY", "LOOP", "PIKE", "PKWY", "RD", "RTE", "SPUR", "TPKE",
	};

	for (size_t i = 0; i < sizeof(roads) / sizeof(roads[0]); i++)
		if (!strcmp(ab, roads[i]))
			return 1;
	return 0;
}

/* A last word with a digit after the suffix, or after an abbreviated
 * postdirectional after it, is a unit without its designator: "123 MAIN
 * ST 4B", "1 PARK AVE S 12". Not a fraction, an ordinal, or the number of
 * a road ("STATE HIGHWAY 193"), and only after a suffix that follows a name. */
static int bare_unit(const struct words *w, size_t i, size_t num)
{
	const char *dir, *ab;

	if (i + 1 != w->n || i < num + 2 || !word_has_digit(w->v[i]) ||
	    strchr(w->v[i], '/') || word_is_ordinal(w->v[i]))
		return 0;
	dir = address_directional_abbrev(w->v[i - 1]);
	if (dir && !strcmp(dir, w->v[i - 1]) && i >= num + 3)
		i--;
	ab = address_suffix_abbrev(w->v[i - 1]);
	return ab && !road_suffix(ab) && !address_directional_abbrev(w->v[i - 2]);
}

size_t unit_find(struct words *w, size_t num)
{
	size_t i = num;

	while (i < w->n && word_is_pound(w->v[i]))
		i++;
	words_remove(w, num, i - num);
	for (i = num; i < w->n; i++) {
		if (unit_starts(w, i, num) || bare_unit(w, i, num))
			return i;
		if (word_is_pound(w->v[i]))
			words_remove(w, i--, 1);
	}
	return w->n;
}

/* The end of the unit that starts w ("APT 1B", "# 12", "2ND FL", "REAR"),
 * or 0 when w does not start with one. */
static size_t lead_words(const struct words *w)
{
	size_t i = 0;

	while (i + 1 < w->n) {
		int range = address_unit_needs_range(w->v[i]);
		size_t next = i + 1;

		if (range == 1 && !word_is_pound(w->v[i]) && word_is_number_sign(w->v[next]))
			next++;
		if (range == 1 && next < w->n && range_like(w->v[next]))
			i = next + 1;
		else if (ordinal_unit(w, i, w->n))
			i += 2;
		else if (range == 0)
			i++;
		else
			break;
	}
	return i;
}

/* Only when a house number follows the unit, so a military "UNIT 2050 BOX
 * 4190" or a street named "LOT 5 RD" stays as written. */
size_t unit_lead_end(const struct words *w)
{
	size_t end = lead_words(w);

	return end < w->n && isdigit((unsigned char)w->v[end][0]) ? end : 0;
}

void unit_lead(struct words *w)
{
	size_t end = unit_lead_end(w);

	if (end)
		words_rotate(w, 0, end);
}

/* "APT 4", "# 12", "BLDG 5 APT 3", "FL 2"; a bare "4B" becomes "# 4B". */
char *unit_join(const struct words *w, size_t lo, size_t hi)
{
	struct buf b = BUF_INIT;
	int designator = 0;
	size_t len;

	for (size_t i = lo; i < hi; i++) {
		const char *ab = address_unit_abbrev(w->v[i]);

		if (designator && (word_is_pound(w->v[i]) ||
				   (word_is_number_sign(w->v[i]) && i + 1 < hi)))
			continue;
		if (ordinal_unit(w, i, hi)) {
			const char *num = ordinal_number(w->v[i], &len);

			words_add(&b, address_unit_abbrev(w->v[i + 1]));
			buf_addc(&b, ' ');
			buf_add(&b, num, len);
			designator = 0;
			i++;
			continue;
		}
		if (i == lo && !ab)
			words_add(&b, "#");
		words_add(&b, ab ? ab : w->v[i]);
		designator = ab != NULL;
	}
	if (b.len == 0 || strcmp(b.data, "#") == 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}
