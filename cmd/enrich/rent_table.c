/* SPDX-License-Identifier: MIT */
/* The rents in memory (see rent_table.h): one sorted array of (ZIP, beds),
 * binary-searched; beds -1 is the any-bedrooms row. */
#include "rent_table.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "sale_book.h"
#include "store.h"
#include "xalloc.h"

struct rent {
	uint32_t zip;
	long beds;
	long long rent;
};

struct rent_table {
	struct rent *r;
	size_t n;
};

static int by_zip_beds(const void *pa, const void *pb)
{
	const struct rent *a = pa, *b = pb;
	if (a->zip != b->zip)
		return a->zip < b->zip ? -1 : 1;
	return a->beds < b->beds ? -1 : a->beds > b->beds;
}

struct rent_table *rent_table_load(struct store *s, struct buf *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;
	if (sqlite3_prepare_v2(store_sqlite(s), "SELECT zip, beds, rent FROM rents", -1, &st,
			       NULL) != SQLITE_OK) {
		buf_printf(err, "reading rents: %s", store_errmsg(s));
		return NULL;
	}
	struct rent_table *t = xcalloc(1, sizeof *t);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t zip = sale_book_zip_number((const char *)sqlite3_column_text(st, 0));
		if (zip == SALE_NO_ZIP)
			continue;
		if (t->n == cap) {
			cap = cap ? cap * 2 : 64;
			t->r = xrealloc(t->r, cap * sizeof *t->r);
		}
		t->r[t->n++] = (struct rent){ zip, (long)sqlite3_column_int64(st, 1),
					      sqlite3_column_int64(st, 2) };
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		buf_printf(err, "reading rents: %s", store_errmsg(s));
		rent_table_free(t);
		return NULL;
	}
	qsort(t->r, t->n, sizeof *t->r, by_zip_beds);
	return t;
}

void rent_table_free(struct rent_table *t)
{
	if (!t)
		return;
	free(t->r);
	free(t);
}

size_t rent_table_count(const struct rent_table *t)
{
	return t->n;
}

static long long find(const struct rent_table *t, uint32_t zip, long beds)
{
	struct rent key = { zip, beds, 0 };
	const struct rent *r = bsearch(&key, t->r, t->n, sizeof *t->r, by_zip_beds);
	return r ? r->rent : -1;
}

long long rent_table_find(const struct rent_table *t, uint32_t zip, double beds)
{
	long long rent = -1;
	if (zip == SALE_NO_ZIP)
		return -1;
	if (!isnan(beds) && beds >= 0 && beds == floor(beds) && beds < 1000)
		rent = find(t, zip, (long)beds);
	return rent >= 0 ? rent : find(t, zip, -1);
}
