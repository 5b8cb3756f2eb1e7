/* SPDX-License-Identifier: MIT */
/* The buyers list from CSV (RFC 4180 via csv_reader) or NDJSON (jansson), each
 * field validated with the file and line of the mistake; and the buy-box match. */
#include "buyers.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_reader.h"
#include "email.h"
#include "mime.h"
#include "utf8.h"
#include "xalloc.h"

struct buyers {
	struct buyer *v;
	size_t n, cap;
};

enum column { COL_EMAIL, COL_NAME, COL_ZIPS, COL_TYPES, COL_MAX_PRICE, COL_MIN_SCORE, NCOLS };
static const char *const column_names[NCOLS] = {
	"email", "name", "zips", "types", "max_price", "min_score"
};

static int column_index(const char *name)
{
	for (int i = 0; i < NCOLS; i++)
		if (!strcmp(name, column_names[i]))
			return i;
	return -1;
}

static void buyer_release(struct buyer *b)
{
	for (size_t i = 0; i < b->nzips; i++)
		free(b->zips[i]);
	for (size_t i = 0; i < b->ntypes; i++)
		free(b->types[i]);
	free(b->zips);
	free(b->types);
	free(b->email);
	free(b->key);
	free(b->name);
}

static int fail(struct buf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct buf *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(err, fmt, ap);
	va_end(ap);
	return -1;
}

/* Adds one ZIP or type to the buyer after checking its shape. */
static int add_item(struct buyer *b, int col, const char *s, size_t n, struct buf *err)
{
	char *item = xstrndup(s, n);
	size_t i = 0;
	if (col == COL_ZIPS) {
		while (isdigit((unsigned char)item[i]))
			i++;
		if (i != 5 || item[i]) {
			free(item);
			return fail(err, "'zips' item '%.*s' is not a 5-digit ZIP code", (int)n, s);
		}
		b->zips = xrealloc(b->zips, (b->nzips + 1) * sizeof *b->zips);
		b->zips[b->nzips++] = item;
		return 0;
	}
	while (islower((unsigned char)item[i]) || isdigit((unsigned char)item[i]) || item[i] == '_')
		i++;
	if (i == 0 || item[i]) {
		free(item);
		return fail(err, "'types' item '%.*s' is not a type like 'single_family'", (int)n, s);
	}
	b->types = xrealloc(b->types, (b->ntypes + 1) * sizeof *b->types);
	b->types[b->ntypes++] = item;
	return 0;
}

/* A ';'-separated CSV list; items are trimmed, empty ones ignored. */
static int set_list(struct buyer *b, int col, const char *s, struct buf *err)
{
	while (*s) {
		size_t n = strcspn(s, ";");
		const char *p = s;
		size_t m = n;
		while (m > 0 && isspace((unsigned char)*p))
			p++, m--;
		while (m > 0 && isspace((unsigned char)p[m - 1]))
			m--;
		if (m > 0 && add_item(b, col, p, m, err) < 0)
			return -1;
		s += n + (s[n] == ';');
	}
	return 0;
}

static int set_limit(struct buyer *b, int col, double v, struct buf *err)
{
	if (!isfinite(v) || v < 0 || (col == COL_MIN_SCORE && v > 100))
		return fail(err, "'%s' must be a number from 0%s", column_names[col],
			    col == COL_MIN_SCORE ? " to 100" : " up");
	if (col == COL_MAX_PRICE)
		b->has_max_price = 1, b->max_price = v;
	else
		b->has_min_score = 1, b->min_score = v;
	return 0;
}

/* One CSV field's text into the buyer. */
static int set_csv_field(struct buyer *b, int col, const char *s, struct buf *err)
{
	if (col == COL_EMAIL) {
		b->email = xstrdup(s);
	} else if (col == COL_NAME) {
		b->name = xstrdup(s);
	} else if (col == COL_ZIPS || col == COL_TYPES) {
		return set_list(b, col, s, err);
	} else if (*s) {
		char *end;
		errno = 0;
		double v = strtod(s, &end);
		if (errno || end == s || *end)
			return fail(err, "'%s' is not a number: '%s'", column_names[col], s);
		return set_limit(b, col, v, err);
	}
	return 0;
}

/* Checks the email and appends the buyer; on error the buyer is released. */
static int buyers_add(struct buyers *bs, struct buyer *b, struct buf *err)
{
	if (!b->email || !*b->email)
		return buyer_release(b), fail(err, "missing 'email'");
	if (!email_valid(b->email)) {
		fail(err, "invalid email '%s'", b->email);
		return buyer_release(b), -1;
	}
	b->key = email_key(b->email);
	for (size_t i = 0; i < bs->n; i++) {
		if (!strcmp(bs->v[i].key, b->key)) {
			fail(err, "duplicate email '%s' (first on line %ld)", b->email, bs->v[i].line);
			return buyer_release(b), -1;
		}
	}
	if (!b->name)
		b->name = xstrdup("");
	if (bs->n == bs->cap) {
		bs->cap = bs->cap ? bs->cap * 2 : 16;
		bs->v = xrealloc(bs->v, bs->cap * sizeof *bs->v);
	}
	bs->v[bs->n++] = *b;
	return 0;
}

/* The header row: each column's position -> enum column, in cols. */
static int csv_header(const struct csv_row *row, int *cols, struct buf *err)
{
	int seen[NCOLS] = { 0 };
	for (size_t i = 0; i < row->nfields; i++) {
		int c = column_index(row->fields[i]);
		if (c < 0)
			return fail(err, "unknown column '%s' (expected %s,%s,%s,%s,%s,%s)",
				    row->fields[i], column_names[0], column_names[1], column_names[2],
				    column_names[3], column_names[4], column_names[5]);
		if (seen[c]++)
			return fail(err, "column '%s' appears twice", row->fields[i]);
		cols[i] = c;
	}
	if (!seen[COL_EMAIL])
		return fail(err, "the header has no 'email' column");
	return 0;
}

static int csv_buyer(struct buyers *bs, const struct csv_row *row, const int *cols,
		     size_t ncols, struct buf *err)
{
	struct buyer b = { .line = row->line };
	if (row->nfields != ncols)
		return fail(err, "%zu fields, the header has %zu", row->nfields, ncols);
	for (size_t i = 0; i < row->nfields; i++) {
		if (!utf8_valid(row->fields[i], row->lens[i]))
			return buyer_release(&b), fail(err, "invalid UTF-8");
		if (set_csv_field(&b, cols[i], row->fields[i], err) < 0)
			return buyer_release(&b), -1;
	}
	return buyers_add(bs, &b, err);
}

/* Returns 0, the line of the first mistake with the message in err, or -1
 * when the file could not be read (the reason in err). */
static long load_csv(struct csv_reader *r, struct buyers *bs, struct buf *err)
{
	struct csv_row row;
	enum csv_reader_status s;
	int *cols = NULL;
	size_t ncols = 0;
	long bad = 0;
	while (!bad && (s = csv_reader_next(r, &row)) != CSV_READER_EOF) {
		if (s == CSV_READER_IOERR) {
			fail(err, "%s", strerror(errno));
			bad = -1;
			break;
		}
		const char *why = s == CSV_READER_BAD ? (strstr(row.reason, "NUL") ? row.reason
							 : csv_strerror(CSV_EPARSE))
			: s == CSV_READER_TOO_LONG ? "a row longer than 16 MiB" : NULL;
		if (why) {
			fail(err, "%s", why);
		} else if (!cols) {
			ncols = row.nfields;
			cols = xcalloc(ncols, sizeof *cols);
			if (csv_header(&row, cols, err) == 0)
				continue;
		} else if (csv_buyer(bs, &row, cols, ncols, err) == 0) {
			continue;
		}
		bad = row.line;
	}
	if (!bad && !cols) {
		fail(err, "no header: the first line must name the columns (email,name,zips,...)");
		bad = 1;
	}
	free(cols);
	return bad;
}

static int set_json_field(struct buyer *b, const char *key, json_t *v, struct buf *err)
{
	int col = column_index(key);
	if (col < 0)
		return fail(err, "unknown key '%s'", key);
	if (json_is_null(v) && col != COL_EMAIL)
		return 0;
	if (col == COL_EMAIL || col == COL_NAME) {
		if (!json_is_string(v))
			return fail(err, "'%s' is not a string", key);
		*(col == COL_EMAIL ? &b->email : &b->name) = xstrdup(json_string_value(v));
		return 0;
	}
	if (col == COL_MAX_PRICE || col == COL_MIN_SCORE) {
		if (!json_is_number(v))
			return fail(err, "'%s' is not a number", key);
		return set_limit(b, col, json_number_value(v), err);
	}
	if (!json_is_array(v))
		return fail(err, "'%s' is not an array of strings", key);
	size_t i;
	json_t *item;
	json_array_foreach(v, i, item) {
		if (!json_is_string(item))
			return fail(err, "'%s' is not an array of strings", key);
		if (add_item(b, col, json_string_value(item), json_string_length(item), err) < 0)
			return -1;
	}
	return 0;
}

static int json_buyer(struct buyers *bs, const char *line, size_t len, long lineno,
		      struct buf *err)
{
	json_error_t jerr;
	json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj && jerr.column > 0)
		return fail(err, "column %d: %s", jerr.column, jerr.text);
	if (!obj)
		return fail(err, "%s", jerr.text);
	struct buyer b = { .line = lineno };
	int rc = 0;
	const char *key;
	json_t *v;
	if (!json_is_object(obj))
		rc = fail(err, "not a JSON object");
	json_object_foreach(obj, key, v) {
		if (rc == 0 && set_json_field(&b, key, v, err) < 0)
			rc = -1;
	}
	json_decref(obj);
	if (rc < 0)
		return buyer_release(&b), -1;
	return buyers_add(bs, &b, err);
}

static long load_ndjson(FILE *fp, struct buyers *bs, struct buf *err)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0, bad = 0;
	while (!bad && (n = getline(&line, &cap, fp)) > 0) {
		lineno++;
		if (strspn(line, " \t\r\n") == (size_t)n)
			continue;
		if (json_buyer(bs, line, (size_t)n, lineno, err) < 0)
			bad = lineno;
	}
	free(line);
	return bad;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && !strcasecmp(s + n - m, suffix);
}

struct buyers *buyers_load(const char *path, struct buf *err)
{
	int csv = has_suffix(path, ".csv");
	if (!csv && !has_suffix(path, ".ndjson") && !has_suffix(path, ".jsonl") &&
	    !has_suffix(path, ".json")) {
		buf_printf(err, "%s: unknown kind of buyers file (name it .csv, .ndjson, .jsonl or .json)",
			   path);
		return NULL;
	}
	struct buyers *bs = xcalloc(1, sizeof *bs);
	struct buf msg = BUF_INIT;
	long bad = -1;
	if (csv) {
		struct csv_reader *r = csv_reader_open(path, 0);
		if (r)
			bad = load_csv(r, bs, &msg);
		else
			buf_adds(&msg, strerror(errno));
		csv_reader_close(r);
	} else {
		FILE *fp = fopen(path, "r");
		if (fp)
			bad = load_ndjson(fp, bs, &msg);
		if (!fp || (!bad && ferror(fp))) {
			buf_adds(&msg, strerror(errno));
			bad = -1;
		}
		if (fp)
			fclose(fp);
	}
	if (bad < 0)
		buf_printf(err, "%s: %s", path, buf_cstr(&msg));
	else if (bad)
		buf_printf(err, "%s:%ld: %s", path, bad, buf_cstr(&msg));
	buf_release(&msg);
	if (bad) {
		buyers_free(bs);
		return NULL;
	}
	return bs;
}

void buyers_free(struct buyers *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++)
		buyer_release(&b->v[i]);
	free(b->v);
	free(b);
}

size_t buyers_count(const struct buyers *b)
{
	return b->n;
}

const struct buyer *buyers_get(const struct buyers *b, size_t i)
{
	return i < b->n ? &b->v[i] : NULL;
}

static int in_list(char *const *list, size_t n, const char *s)
{
	if (n == 0)
		return 1;
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

int buyer_matches(const struct buyer *b, const struct buyers_listing *l)
{
	if (!in_list(b->zips, b->nzips, l->zip) || !in_list(b->types, b->ntypes, l->type))
		return 0;
	if (b->has_max_price && (!l->has_price || l->price > b->max_price))
		return 0;
	if (b->has_min_score && (!l->has_score || l->score < b->min_score))
		return 0;
	return 1;
}
