/* SPDX-License-Identifier: MIT */
/* The loaded rents in memory for one run: monthly rent by ZIP and number
 * of bedrooms, with a ZIP's "any bedrooms" row as the fallback. */
#ifndef BIRDDOG_RENT_TABLE_H
#define BIRDDOG_RENT_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct store;
struct rent_table;

/* Reads the store's rents table. NULL with a message in err. */
struct rent_table *rent_table_load(struct store *s, struct buf *err);
void rent_table_free(struct rent_table *t);
size_t rent_table_count(const struct rent_table *t);

/* The rent for zip (sale_book_zip_number) and beds (< 0 or NAN: unknown):
 * the row for those beds, else the ZIP's any-beds row; -1 when neither. */
long long rent_table_find(const struct rent_table *t, uint32_t zip, double beds);

#endif
