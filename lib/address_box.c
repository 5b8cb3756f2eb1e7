/* SPDX-License-Identifier: MIT */
/* Delivery address lines without a street, rebuilt in their USPS
 * Publication 28 form: post office boxes (section 28), rural routes (24),
 * highway contract routes (25) and military addresses (238). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "address_parse.h"

struct box_kind {
	const char *words;	/* as words_split writes them */
	const char *std;	/* the standard designator */
	int route;		/* a route number, then maybe "BOX n" */
	int needs_box;		/* without "BOX n" the line is something else */
};

/* The longer of two forms with the same first word comes first. */
static const struct box_kind kinds[] = {
	{ "PO BOX", "PO BOX", 0, 0 },		{ "P O BOX", "PO BOX", 0, 0 },
	{ "POST OFFICE BOX", "PO BOX", 0, 0 },	{ "POB", "PO BOX", 0, 0 },
	{ "POBOX", "PO BOX", 0, 0 },
	/* Section 283: these are post office boxes too. */
	{ "PO DRAWER", "PO BOX", 0, 0 },	{ "DRAWER", "PO BOX", 0, 0 },
	{ "FIRM CALLER", "PO BOX", 0, 0 },	{ "CALLER", "PO BOX", 0, 0 },
	{ "LOCKBOX", "PO BOX", 0, 0 },
	/* Sections 241 and 244: RFD and RD mean rural route. */
	{ "RR", "RR", 1, 0 },			{ "R R", "RR", 1, 0 },
	{ "RURAL ROUTE", "RR", 1, 0 },		{ "RURAL RTE", "RR", 1, 0 },
	{ "RURAL RT", "RR", 1, 0 },		{ "RFD", "RR", 1, 0 },
	{ "RD", "RR", 1, 1 },			{ "ROUTE", "RR", 1, 1 },
	{ "RTE", "RR", 1, 1 },			{ "RT", "RR", 1, 1 },
	/* Sections 251 and 254: a star route is a highway contract route. */
	{ "HC", "HC", 1, 0 },			{ "HCR", "HC", 1, 0 },
	{ "HIGHWAY CONTRACT ROUTE", "HC", 1, 0 },
	{ "HIGHWAY CONTRACT", "HC", 1, 0 },	{ "STAR ROUTE", "HC", 1, 0 },
	{ "STAR RTE", "HC", 1, 0 },
	/* Section 238: "PSC 1234 BOX 5678", "UNIT 2050 BOX 4190". */
	{ "PSC", "PSC", 1, 0 },			{ "CMR", "CMR", 1, 0 },
	{ "UNIT", "UNIT", 1, 1 },
};

/* The number of words of w that spell form at its start, or 0. */
static size_t kind_match(const struct words *w, const char *form)
{
	size_t i = 0;

	while (*form) {
		size_t len = strcspn(form, " ");

		if (i >= w->n || strlen(w->v[i]) != len || memcmp(w->v[i], form, len))
			return 0;
		form += len + (form[len] == ' ');
		i++;
	}
	return i;
}

/* Sections 241 and 251: no "#", "NO" or "NUMBER" before a number. */
static size_t skip_noise(const struct words *w, size_t i)
{
	while (i < w->n && (word_is_pound(w->v[i]) || !strcmp(w->v[i], "NO") ||
			    !strcmp(w->v[i], "NUMBER")))
		i++;
	return i;
}

/* The number at word i (after any noise), or NULL; *next is past it. */
static const char *number_at(const struct words *w, size_t i, size_t *next)
{
	i = skip_noise(w, i);
	if (i >= w->n || !word_has_digit(w->v[i]))
		return NULL;
	*next = i + 1;
	return w->v[i];
}

/* Sections 242 and 252: a route number needs no leading zero. */
static const char *route_number(const char *s)
{
	while (s[0] == '0' && isdigit((unsigned char)s[1]))
		s++;
	return s;
}

/* The line of kind k, whose words end at word i; NULL when the rest does
 * not fit it. Words after the box stay as they are. */
static char *box_write(const struct words *w, const struct box_kind *k, size_t i)
{
	struct buf b = BUF_INIT;
	const char *num = number_at(w, i, &i), *box = NULL;

	if (!num)
		return NULL;
	buf_adds(&b, k->std);
	words_add(&b, k->route ? route_number(num) : num);
	if (k->route && i < w->n && !strcmp(w->v[i], "BOX") && (box = number_at(w, i + 1, &i))) {
		words_add(&b, "BOX");
		words_add(&b, box);
	}
	if (k->needs_box && !box) {
		buf_release(&b);
		return NULL;
	}
	for (; i < w->n; i++)
		words_add(&b, w->v[i]);
	return buf_detach(&b);
}

char *box_line(const struct words *w)
{
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t i = kind_match(w, kinds[k].words);

		if (i)
			return box_write(w, &kinds[k], i);
	}
	return NULL;
}
