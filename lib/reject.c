/* SPDX-License-Identifier: MIT */
/* The reject file (see reject.h): opened without following a link, the
 * keys of what it holds read once, so that nothing is appended twice. */
#include "reject.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "csv_reader.h"
#include "paths.h"
#include "xalloc.h"

struct reject {
	char *path;                /* NULL: keep nothing */
	FILE *fp;
	int csv;                   /* rows with a header and a reason column */
	struct buf header;         /* the CSV header record, with "reason" */
	size_t width;              /* the header's fields */
	uint64_t *seen;            /* keys of the lines or rows in the file */
	size_t nseen, cap;
	struct buf scratch;
};

static uint64_t key_of(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h ? h : 1;
}

/* Adds key to the set; 0 when it was there already. */
static int remember(struct reject *r, uint64_t key)
{
	if (2 * (r->nseen + 1) > r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;
		uint64_t *old = r->seen, *nw = xcalloc(cap, sizeof *nw);
		for (size_t i = 0; i < r->cap; i++)
			if (old[i]) {
				size_t j = old[i] & (cap - 1);
				while (nw[j])
					j = (j + 1) & (cap - 1);
				nw[j] = old[i];
			}
		free(old);
		r->seen = nw, r->cap = cap;
	}
	size_t j = key & (r->cap - 1);
	for (; r->seen[j]; j = (j + 1) & (r->cap - 1))
		if (r->seen[j] == key)
			return 0;
	r->seen[j] = key;
	r->nseen++;
	return 1;
}

struct reject *reject_new(const char *path)
{
	struct reject *r = xcalloc(1, sizeof *r);
	r->path = path ? xstrdup(path) : NULL;
	buf_init(&r->header);
	buf_init(&r->scratch);
	return r;
}

void reject_set_header(struct reject *r, char *const *fields, const size_t *lens, size_t n)
{
	r->csv = 1;
	r->width = n;
	buf_reset(&r->header);
	csv_format_row(&r->header, fields, lens, n);
	buf_adds(&r->header, n ? ",reason" : "reason");
}

/* The keys of the rows of a CSV reject file: each row without its reason. */
static void read_csv_keys(struct reject *r)
{
	struct csv_reader *in = csv_reader_open(r->path, 16u << 20);
	struct csv_row row;
	enum csv_reader_status s;
	int first = 1;
	while (in && (s = csv_reader_next(in, &row)) != CSV_READER_EOF && s != CSV_READER_IOERR) {
		if (s == CSV_READER_ROW && !first && row.nfields) {
			buf_reset(&r->scratch);
			csv_format_row(&r->scratch, row.fields, row.lens, row.nfields - 1);
			remember(r, key_of(r->scratch.data, r->scratch.len));
		} else if (s == CSV_READER_BAD) {
			size_t n = row.raw_len;
			while (n && (row.raw[n - 1] == '\n' || row.raw[n - 1] == '\r'))
				n--;
			remember(r, key_of(row.raw, n));
		}
		first = 0;
	}
	if (in)
		csv_reader_close(in);
}

/* The keys of the lines of an NDJSON reject file. */
static void read_line_keys(struct reject *r)
{
	FILE *f = fopen(r->path, "re");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while (f && (n = getline(&line, &cap, f)) > 0)
		remember(r, key_of(line, (size_t)n - (line[n - 1] == '\n')));
	free(line);
	if (f)
		fclose(f);
}

FILE *reject_stream(struct reject *r)
{
	if (r->fp)
		return r->fp;
	if (!r->path)
		return r->fp = fopen("/dev/null", "we");
	if (paths_mkdirs_for(r->path, 0777) < 0)
		return NULL;
	struct stat sb;
	int fresh = stat(r->path, &sb) < 0 || sb.st_size == 0;
	if (!fresh)
		(r->csv ? read_csv_keys : read_line_keys)(r);
	/* O_NOFOLLOW: rejected input never lands where a planted link points. */
	int fd = open(r->path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
	r->fp = fd < 0 ? NULL : fdopen(fd, "a");
	if (fd >= 0 && !r->fp)
		close(fd);
	if (r->fp && fresh && r->csv)
		fprintf(r->fp, "%s\n", r->header.data);
	return r->fp;
}

static int append(FILE *fp, const char *data, size_t len)
{
	if (fwrite(data, 1, len, fp) != len || putc('\n', fp) == EOF || fflush(fp) == EOF)
		return -1;
	return 0;
}

int reject_write(struct reject *r, const char *data, size_t len)
{
	FILE *fp = reject_stream(r);
	if (!fp)
		return -1;
	while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;   /* as it reads back, so that a repeat is known */
	return remember(r, key_of(data, len)) ? append(fp, data, len) : 0;
}

int reject_write_row(struct reject *r, char *const *fields, const size_t *lens, size_t n,
		     const char *reason)
{
	FILE *fp = reject_stream(r);
	if (!fp)
		return -1;
	buf_reset(&r->scratch);
	csv_format_row(&r->scratch, fields, lens, n);
	/* A short row is filled out, so that its reason stands in the reason column. */
	for (size_t i = n; i < r->width; i++)
		buf_addc(&r->scratch, ',');
	if (!remember(r, key_of(r->scratch.data, r->scratch.len)))
		return 0;
	buf_adds(&r->scratch, n || r->width ? "," : "");
	char *rf[1] = { (char *)reason };
	size_t rl[1] = { strlen(reason) };
	csv_format_row(&r->scratch, rf, rl, 1);
	return append(fp, r->scratch.data, r->scratch.len);
}

const char *reject_path(const struct reject *r)
{
	return r->path ? r->path : "(none: a preview)";
}

int reject_free(struct reject *r)
{
	if (!r)
		return 0;
	int rc = 0;
	if (r->fp && fclose(r->fp) == EOF)
		rc = -1;
	free(r->path);
	free(r->seen);
	buf_release(&r->header);
	buf_release(&r->scratch);
	free(r);
	return rc;
}
