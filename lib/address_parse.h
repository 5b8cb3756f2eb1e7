/* SPDX-License-Identifier: MIT */
/* Internals of the address module, shared by lib/address*.c only (programs
 * include address.h): a text cut into words, and the parsers of the unit and
 * box parts of a delivery address line. */
#ifndef BIRDDOG_ADDRESS_PARSE_H
#define BIRDDOG_ADDRESS_PARSE_H

#include <stddef.h>

#include "buf.h"

/* A text cut into upper-case words; v points into text, both owned
 * (words_release() frees them). */
struct words {
	char *text;
	char **v;
	size_t n;
};

/* Cuts s (NULL is empty) as Publication 28 punctuation says: see
 * address_words.c. */
void words_split(struct words *w, const char *s);
void words_release(struct words *w);
/* Removes count words from word i on. */
void words_remove(struct words *w, size_t i, size_t count);
/* Moves words [lo, hi) to the end, keeping their order. */
void words_rotate(struct words *w, size_t lo, size_t hi);
/* Words [lo, hi) joined by single spaces (caller frees), or NULL when none. */
char *words_join(const struct words *w, size_t lo, size_t hi);

/* The character s starts, with UTF-8 dashes read as '-', curly quotes as
 * '\'' and '"', a no-break space as ' '; *len is its byte length. */
int words_punct(const char *s, size_t *len);

/* Appends w to b after a space unless b is empty. */
void words_add(struct buf *b, const char *w);
int word_is_pound(const char *w);
/* "#", "NO", "NUMBER": what a designator may carry before its range. */
int word_is_number_sign(const char *w);
int word_has_digit(const char *w);
/* "2ND", "94TH", "1ST", "3RD": digits and an ordinal ending. */
int word_is_ordinal(const char *w);

/* address_unit.c: the secondary unit. A unit written before the house
 * number ("APT 1B 626 E KILBOURN AVE") ends at word unit_lead_end() (0
 * when there is none); unit_lead() moves it to the end of w. */
size_t unit_lead_end(const struct words *w);
void unit_lead(struct words *w);
/* The first word of the unit in w, after the num words of the house
 * number, or w->n; a stray '#' before it is removed from w. */
size_t unit_find(struct words *w, size_t num);
/* Words [lo, hi) as a standard unit, "APT 4", "FL 2", "# 4B" (caller
 * frees), or NULL when there is none. */
char *unit_join(const struct words *w, size_t lo, size_t hi);

/* address_box.c: "PO BOX 77", "RR 3 BOX 212", "HC 1 BOX 5", "PSC 1234 BOX
 * 5678" when w is such a line (caller frees), or NULL for a street line. */
char *box_line(const struct words *w);

#endif
