/* SPDX-License-Identifier: MIT */
/* The sales and rents tables of enrich.db: rows written by the loaders
 * (one per sale, by id and sale_date; one per ZIP and bedrooms) and counted. */
#ifndef BIRDDOG_SALE_STATE_H
#define BIRDDOG_SALE_STATE_H

#include "buf.h"
#include "sale.h"

struct store;
struct sale_state;

/* Prepares the statements on the store's database (borrowed: it must
 * outlive the result). NULL with a message in err. */
struct sale_state *sale_state_new(struct store *s, struct buf *err);
void sale_state_free(struct sale_state *ss);

/* Inserts s, or replaces the sale with its id and sale_date (s is borrowed).
 * *existed is 1 when that sale was there already, else 0. 0, or -1
 * (message in store_errmsg). */
int sale_state_put(struct sale_state *ss, const struct sale *s, const char *source_file,
		   const char *loaded_at, int *existed);

/* The same for a rent: zip (5 digits), beds (-1: any), rent a month. */
int sale_state_put_rent(struct sale_state *ss, const char *zip, long beds, long long rent,
			const char *source_file, const char *loaded_at, int *existed);

/* The number of rows of "sales" or "rents" in the store, or -1 on a
 * database error. */
long sale_state_count(struct store *s, const char *table);

#endif
