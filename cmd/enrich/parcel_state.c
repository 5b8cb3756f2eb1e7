/* SPDX-License-Identifier: MIT */
/* The parcels table (see parcel_state.h): prepared statements made once and
 * reused, look-ups by primary key or the address_key index. */
#include "parcel_state.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "xalloc.h"

#define ZIP_COUNT 100000        /* one cache slot per 5-digit ZIP */

/* The columns struct parcel maps to, in statement order. */
static const struct column {
	const char *name;
	size_t off;
	int number;
} columns[] = {
	{ "apn", offsetof(struct parcel, apn), 0 },
	{ "address_key", offsetof(struct parcel, address_key), 0 },
	{ "line", offsetof(struct parcel, line), 0 },
	{ "unit", offsetof(struct parcel, unit), 0 },
	{ "city", offsetof(struct parcel, city), 0 },
	{ "state", offsetof(struct parcel, state), 0 },
	{ "zip", offsetof(struct parcel, zip), 0 },
	{ "owner_name", offsetof(struct parcel, owner_name), 0 },
	{ "mail_line", offsetof(struct parcel, mail_line), 0 },
	{ "mail_unit", offsetof(struct parcel, mail_unit), 0 },
	{ "mail_city", offsetof(struct parcel, mail_city), 0 },
	{ "mail_state", offsetof(struct parcel, mail_state), 0 },
	{ "mail_zip", offsetof(struct parcel, mail_zip), 0 },
	{ "mail_key", offsetof(struct parcel, mail_key), 0 },
	{ "last_sale_date", offsetof(struct parcel, last_sale_date), 0 },
	{ "assessed_value", offsetof(struct parcel, assessed_value), 1 },
	{ "market_value", offsetof(struct parcel, market_value), 1 },
	{ "land_value", offsetof(struct parcel, land_value), 1 },
	{ "tax_annual", offsetof(struct parcel, tax_annual), 1 },
	{ "last_sale_price", offsetof(struct parcel, last_sale_price), 1 },
	{ "sqft", offsetof(struct parcel, sqft), 1 },
	{ "year_built", offsetof(struct parcel, year_built), 1 },
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

struct parcel_state {
	sqlite3 *db;
	sqlite3_stmt *by_apn, *by_key, *exists, *put, *median;
	struct buf text;                /* the strings of the last find */
	double *ppsf;                   /* growable list for one median */
	size_t ppsf_cap;
	double *zip_median;             /* ZIP_COUNT slots: 0 not yet, -1 none */
};

#define TEXT(p, c) ((const char **)(void *)((char *)(p) + (c)->off))
#define NUMBER(p, c) ((long long *)(void *)((char *)(p) + (c)->off))

/* Builds a statement from the fixed column list: the SQL holds no data. */
static void sql_select(struct buf *b, const char *where)
{
	buf_adds(b, "SELECT ");
	for (size_t i = 0; i < NCOLUMNS; i++)
		buf_printf(b, "%s%s", i ? ", " : "", columns[i].name);
	buf_printf(b, " FROM parcels WHERE %s", where);
}

static void sql_upsert(struct buf *b)
{
	buf_adds(b, "INSERT INTO parcels (");
	for (size_t i = 0; i < NCOLUMNS; i++)
		buf_printf(b, "%s, ", columns[i].name);
	buf_adds(b, "source_file, loaded_at) VALUES (");
	for (size_t i = 0; i < NCOLUMNS + 2; i++)
		buf_printf(b, "%s?%zu", i ? ", " : "", i + 1);
	buf_adds(b, ") ON CONFLICT (apn) DO UPDATE SET ");
	for (size_t i = 1; i < NCOLUMNS; i++)
		buf_printf(b, "%s = excluded.%s, ", columns[i].name, columns[i].name);
	buf_adds(b, "source_file = excluded.source_file, loaded_at = excluded.loaded_at");
}

static int prepare(struct parcel_state *ps, sqlite3_stmt **st, const char *sql, struct buf *err)
{
	if (sqlite3_prepare_v3(ps->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) == SQLITE_OK)
		return 0;
	buf_printf(err, "preparing the parcels statements: %s", sqlite3_errmsg(ps->db));
	return -1;
}

struct parcel_state *parcel_state_new(struct store *s, struct buf *err)
{
	struct parcel_state *ps = xcalloc(1, sizeof *ps);
	struct buf apn = BUF_INIT, key = BUF_INIT, put = BUF_INIT;
	ps->db = store_sqlite(s);
	sql_select(&apn, "apn = ?1");
	sql_select(&key, "address_key = ?1 ORDER BY apn LIMIT 1");
	sql_upsert(&put);
	int rc = prepare(ps, &ps->by_apn, buf_cstr(&apn), err);
	if (!rc)
		rc = prepare(ps, &ps->by_key, buf_cstr(&key), err);
	if (!rc)
		rc = prepare(ps, &ps->put, buf_cstr(&put), err);
	if (!rc)
		rc = prepare(ps, &ps->exists, "SELECT 1 FROM parcels WHERE apn = ?1", err);
	if (!rc)
		rc = prepare(ps, &ps->median,
			     "SELECT CAST(market_value AS REAL) / sqft AS ppsf FROM parcels"
			     " WHERE zip = ?1 AND market_value > 0 AND sqft > 0 ORDER BY ppsf", err);
	buf_release(&apn);
	buf_release(&key);
	buf_release(&put);
	if (rc) {
		parcel_state_free(ps);
		return NULL;
	}
	return ps;
}

void parcel_state_free(struct parcel_state *ps)
{
	if (!ps)
		return;
	sqlite3_finalize(ps->by_apn);
	sqlite3_finalize(ps->by_key);
	sqlite3_finalize(ps->exists);
	sqlite3_finalize(ps->put);
	sqlite3_finalize(ps->median);
	buf_release(&ps->text);
	free(ps->ppsf);
	free(ps->zip_median);
	free(ps);
}

const char *parcel_state_errmsg(struct parcel_state *ps)
{
	return sqlite3_errmsg(ps->db);
}

static int apn_exists(struct parcel_state *ps, const char *apn, int *existed)
{
	sqlite3_bind_text(ps->exists, 1, apn, -1, SQLITE_STATIC);
	int rc = sqlite3_step(ps->exists);
	*existed = rc == SQLITE_ROW;
	sqlite3_reset(ps->exists);
	sqlite3_clear_bindings(ps->exists);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int parcel_state_put(struct parcel_state *ps, const struct parcel *p, const char *source_file,
		     const char *loaded_at, int *existed)
{
	if (apn_exists(ps, p->apn, existed) < 0)
		return -1;
	for (size_t i = 0; i < NCOLUMNS; i++) {
		const struct column *c = &columns[i];
		int n = (int)i + 1;
		if (c->number && *NUMBER(p, c) != PARCEL_NONE)
			sqlite3_bind_int64(ps->put, n, *NUMBER(p, c));
		else if (!c->number && *TEXT(p, c))
			sqlite3_bind_text(ps->put, n, *TEXT(p, c), -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(ps->put, n);
	}
	sqlite3_bind_text(ps->put, NCOLUMNS + 1, source_file, -1, SQLITE_STATIC);
	sqlite3_bind_text(ps->put, NCOLUMNS + 2, loaded_at, -1, SQLITE_STATIC);
	int rc = sqlite3_step(ps->put);
	sqlite3_reset(ps->put);
	sqlite3_clear_bindings(ps->put);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Copies the current row into out; the strings go to ps->text, one buffer
 * reused from row to row, and point into it once it stops growing. */
static void fill(struct parcel_state *ps, sqlite3_stmt *st, struct parcel *out)
{
	size_t at[NCOLUMNS];
	buf_reset(&ps->text);
	for (size_t i = 0; i < NCOLUMNS; i++) {
		const struct column *c = &columns[i];
		int null = sqlite3_column_type(st, (int)i) == SQLITE_NULL;
		if (c->number) {
			*NUMBER(out, c) = null ? PARCEL_NONE : sqlite3_column_int64(st, (int)i);
			continue;
		}
		at[i] = null ? (size_t)-1 : ps->text.len;
		if (!null) {
			const unsigned char *s = sqlite3_column_text(st, (int)i);
			buf_add(&ps->text, s, (size_t)sqlite3_column_bytes(st, (int)i));
			buf_addc(&ps->text, '\0');
		}
	}
	for (size_t i = 0; i < NCOLUMNS; i++)
		if (!columns[i].number)
			*TEXT(out, &columns[i]) = at[i] == (size_t)-1 ? NULL : ps->text.data + at[i];
}

static int find_one(struct parcel_state *ps, sqlite3_stmt *st, const char *value,
		    struct parcel *out)
{
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fill(ps, st, out);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int parcel_state_find(struct parcel_state *ps, const char *apn, const char *key,
		      struct parcel *out)
{
	int rc = apn ? find_one(ps, ps->by_apn, apn, out) : 0;
	if (rc == 0 && key)
		rc = find_one(ps, ps->by_key, key, out);
	return rc;
}

static long zip_index(const char *zip)
{
	if (!zip || strlen(zip) != 5 || strspn(zip, "0123456789") != 5)
		return -1;
	return strtol(zip, NULL, 10);
}

/* Reads the sorted ratios of one ZIP; returns how many, or -1. */
static long zip_ratios(struct parcel_state *ps, const char *zip)
{
	long n = 0;
	int rc;
	sqlite3_bind_text(ps->median, 1, zip, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(ps->median)) == SQLITE_ROW) {
		if ((size_t)n == ps->ppsf_cap) {
			ps->ppsf_cap = ps->ppsf_cap ? ps->ppsf_cap * 2 : 256;
			ps->ppsf = xrealloc(ps->ppsf, ps->ppsf_cap * sizeof *ps->ppsf);
		}
		ps->ppsf[n++] = sqlite3_column_double(ps->median, 0);
	}
	sqlite3_reset(ps->median);
	sqlite3_clear_bindings(ps->median);
	return rc == SQLITE_DONE ? n : -1;
}

int parcel_state_zip_median(struct parcel_state *ps, const char *zip, double *out)
{
	long z = zip_index(zip);
	if (z < 0)
		return 0;
	if (!ps->zip_median)
		ps->zip_median = xcalloc(ZIP_COUNT, sizeof *ps->zip_median);
	if (ps->zip_median[z] == 0) {
		long n = zip_ratios(ps, zip);
		if (n < 0)
			return -1;
		double m = n == 0 ? -1 : n % 2 ? ps->ppsf[n / 2]
						: (ps->ppsf[n / 2 - 1] + ps->ppsf[n / 2]) / 2;
		ps->zip_median[z] = m;
	}
	if (ps->zip_median[z] < 0)
		return 0;
	*out = ps->zip_median[z];
	return 1;
}

long parcel_state_count(struct store *s)
{
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_prepare_v2(store_sqlite(s), "SELECT count(*) FROM parcels", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}
