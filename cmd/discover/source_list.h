/* SPDX-License-Identifier: MIT */
/* The sources a run of discover fetches: the -s files, else those of
 * --sources DIR, else (no CSV file given) the tenant's CONFIGDIR/sources/,
 * each *.json in name order. */
#ifndef BIRDDOG_SOURCE_LIST_H
#define BIRDDOG_SOURCE_LIST_H

#include <stddef.h>

struct discover_opts;
struct source;

/* Loads them; a config that does not load exits 78 with its file and key,
 * two with one name exit 78 too. *n is 0 when there are none. */
struct source **source_list_load(const struct discover_opts *o, int has_files, size_t *n);
void source_list_free(struct source **list, size_t n);

#endif
