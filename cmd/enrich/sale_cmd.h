/* SPDX-License-Identifier: MIT */
/* enrich --load-sales and --load-rents: a file loaded into the sales or
 * rents table, bad lines and rows to the reject file with the reason, a
 * summary; --preview does it all on a copy of the state, loading nothing. */
#ifndef BIRDDOG_SALE_CMD_H
#define BIRDDOG_SALE_CMD_H

struct cli_common;

/* Loads file: rents (a rents CSV) when rents, else sales (a CSV through
 * the map file map, or NDJSON records when map is NULL). Returns the exit
 * status: 0, 65 when lines or rows were rejected, 66, 74 or 78. */
int sale_cmd_load(const struct cli_common *c, const char *file, const char *map, int rents,
		  int preview);

/* --check for such a load: the file can be read and its header fits (the
 * map's columns, or a rents file's). 0 (saying so unless quiet), 66 or 78
 * with the reason on stderr. */
int sale_cmd_check(const struct cli_common *c, const char *file, const char *map, int rents);

#endif
