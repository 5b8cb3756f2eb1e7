/* SPDX-License-Identifier: MIT */
/* enrich --load-parcels: a county parcel CSV loaded through its map, bad
 * rows to the CSV reject file with the reason, a summary; --preview does it
 * all on a copy of the state, loading nothing. */
#ifndef BIRDDOG_PARCEL_CMD_H
#define BIRDDOG_PARCEL_CMD_H

struct cli_common;
struct store;

/* The tenant's enrich.db for a load; with preview, a copy in memory, so a
 * preview loads nothing. Exits 74 when it cannot be opened. */
struct store *parcel_cmd_open_state(const struct cli_common *c, int preview);

/* Loads csv with the map file map; the state is the tenant's enrich.db, or
 * a copy in memory when preview. Returns the exit status: 0, 65 when rows
 * were rejected, 66, 74 or 78. */
int parcel_cmd_load(const struct cli_common *c, const char *csv, const char *map, int preview);

/* --check for a load: the map loads and fits the file's header. 0 (saying
 * so unless quiet), 66 or 78 with the reason on stderr. */
int parcel_cmd_check(const struct cli_common *c, const char *csv, const char *map);

#endif
