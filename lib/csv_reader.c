/* SPDX-License-Identifier: MIT */
/* CSV rows (RFC 4180) from a file: a small scanner frames each row (quotes,
 * CR/LF/CR LF line breaks, line numbers, the length cap) and libcsv splits
 * and unquotes its fields, so one bad row never derails the next. */
#include "csv_reader.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interrupt.h"
#include "xalloc.h"

#define READ_SIZE 65536
#define CSV_OPTIONS (CSV_STRICT | CSV_APPEND_NULL)

enum scan_state { AT_FIELD, IN_UNQUOTED, IN_QUOTED, AFTER_QUOTE };
enum scan_result { SCAN_EOF, SCAN_ROW, SCAN_TOO_LONG, SCAN_STOP, SCAN_ERROR = -1 };

struct csv_reader {
	int fd;
	int may_block;          /* a pipe or terminal: reads may wait */
	int started, eof;
	int prev_cr;            /* the last byte was a CR: a following LF ends nothing */
	int rest_pending;       /* a TOO_LONG row's tail is still unread */
	int skipping;           /* that tail is being read and dropped */
	char *rbuf;
	size_t rpos, rlen, max_row;
	long line;              /* the physical line being read */
	enum scan_state state;
	struct buf raw;         /* the current row's bytes */
	struct csv_parser parser;
	struct buf data;        /* the fields, each NUL-terminated */
	size_t nfields, cap;
	size_t *offs, *lens;
	char **ptrs;
	struct buf head;        /* the first good row's fields, to name columns */
	size_t *head_offs, *head_lens, nhead;
	int have_head;
	struct buf why;         /* the reason for a bad row */
	void (*on_wait)(void *ctx);
	void *wait_ctx;
};

struct csv_reader *csv_reader_open(const char *path, size_t max_row)
{
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		if (fd > 0)
			close(fd);
		errno = EISDIR;
		return NULL;
	}
	struct csv_reader *r = xcalloc(1, sizeof *r);
	r->fd = fd;
	r->may_block = !S_ISREG(sb.st_mode);
	r->rbuf = xmalloc(READ_SIZE);
	r->max_row = max_row ? max_row : 16u << 20;
	r->line = 1;
	if (csv_init(&r->parser, CSV_OPTIONS) != 0)
		abort();
	return r;
}

void csv_reader_close(struct csv_reader *r)
{
	if (!r)
		return;
	if (r->fd > 0)
		close(r->fd);
	csv_free(&r->parser);
	free(r->rbuf);
	buf_release(&r->raw);
	buf_release(&r->data);
	free(r->offs);
	free(r->lens);
	free(r->ptrs);
	buf_release(&r->head);
	free(r->head_offs);
	free(r->head_lens);
	buf_release(&r->why);
	free(r);
}

void csv_reader_on_wait(struct csv_reader *r, void (*fn)(void *ctx), void *ctx)
{
	r->on_wait = fn;
	r->wait_ctx = ctx;
}

/* Refills the read buffer: 1 with data, 0 at end of input, -1 on error,
 * -2 when SIGINT or SIGTERM asked to stop (interrupt.h). */
static int refill(struct csv_reader *r)
{
	if (r->eof)
		return 0;
	if (r->may_block && r->on_wait) {
		struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
		if (poll(&pfd, 1, 0) == 0)
			r->on_wait(r->wait_ctx);
	}
	int ready = r->may_block ? interrupt_wait_readable(r->fd) : 1;
	if (ready <= 0)
		return ready < 0 ? -1 : -2;
	ssize_t n;
	do
		n = read(r->fd, r->rbuf, READ_SIZE);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	r->rpos = 0;
	r->rlen = (size_t)n;
	r->eof = n == 0;
	if (!r->started && n >= 3 && memcmp(r->rbuf, "\xef\xbb\xbf", 3) == 0)
		r->rpos = 3;
	r->started = 1;
	return n > 0;
}

/* Keeps the bytes from..to of the read buffer: in the row, out to sink, or
 * nowhere while a long row's rest is skipped. */
static int keep(struct csv_reader *r, FILE *sink, size_t from, size_t to)
{
	if (r->skipping)
		return 0;
	if (!sink) {
		buf_add(&r->raw, r->rbuf + from, to - from);
		return 0;
	}
	return fwrite(r->rbuf + from, 1, to - from, sink) == to - from ? 0 : -1;
}

/* One byte through the framing state machine; 1 when it ends the row. */
static int step(struct csv_reader *r, unsigned char c)
{
	int brk = c == '\n' || c == '\r';
	if (brk) {
		r->line++;
		r->prev_cr = c == '\r';
	}
	switch (r->state) {
	case AT_FIELD:
		if (c == '"')
			r->state = IN_QUOTED;
		else if (brk)
			return 1;
		else if (c != ',' && c != ' ' && c != '\t')
			r->state = IN_UNQUOTED;
		return 0;
	case IN_UNQUOTED:
		if (c == ',')
			r->state = AT_FIELD;
		return brk;
	case IN_QUOTED:
		if (c == '"')
			r->state = AFTER_QUOTE;
		return 0;
	case AFTER_QUOTE:
		if (brk)
			return 1;
		r->state = c == '"' ? IN_QUOTED : c == ',' ? AT_FIELD : IN_UNQUOTED;
		return 0;
	}
	return 0;
}

/* Reads up to the end of the current row (its bytes into raw, or to sink). */
static enum scan_result scan(struct csv_reader *r, FILE *sink)
{
	for (;;) {
		if (r->rpos == r->rlen) {
			int rc = refill(r);
			if (rc <= 0)
				return rc == -2 ? SCAN_STOP : rc < 0 ? SCAN_ERROR : SCAN_EOF;
		}
		size_t i = r->rpos, start = i;
		size_t room = sink || r->skipping ? (size_t)-1 : r->max_row - r->raw.len;
		for (; i < r->rlen; i++) {
			unsigned char c = (unsigned char)r->rbuf[i];
			if (r->prev_cr && c == '\n') {
				/* The LF of a CR LF: no new line, and no new row. */
				r->prev_cr = 0;
				if (r->state != IN_QUOTED && i == start && r->raw.len == 0)
					start++;
				continue;
			}
			r->prev_cr = 0;
			int brk = (c == '\n' || c == '\r') && r->state != IN_QUOTED;
			if (!brk && i - start >= room) {
				r->rpos = i;
				return keep(r, sink, start, i) < 0 ? SCAN_ERROR : SCAN_TOO_LONG;
			}
			if (step(r, c)) {
				r->rpos = i + 1;
				return keep(r, sink, start, i) < 0 ? SCAN_ERROR : SCAN_ROW;
			}
		}
		r->rpos = i;
		if (keep(r, sink, start, i) < 0)
			return SCAN_ERROR;
	}
}

int csv_reader_copy_rest(struct csv_reader *r, FILE *to)
{
	if (!r->rest_pending)
		return 0;
	r->rest_pending = 0;
	r->skipping = !to;
	enum scan_result sr = scan(r, to);
	int rc = sr != SCAN_ERROR && sr != SCAN_STOP && (!to || putc('\n', to) != EOF) ? 0 : -1;
	r->skipping = 0;
	r->state = AT_FIELD;
	return rc;
}

static void on_field(void *s, size_t len, void *ctx)
{
	struct csv_reader *r = ctx;
	if (r->nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->offs = xrealloc(r->offs, r->cap * sizeof *r->offs);
		r->lens = xrealloc(r->lens, r->cap * sizeof *r->lens);
		r->ptrs = xrealloc(r->ptrs, r->cap * sizeof *r->ptrs);
	}
	r->offs[r->nfields] = r->data.len;
	r->lens[r->nfields++] = len;
	buf_add(&r->data, s, len);
	buf_addc(&r->data, '\0');
}

/* Splits the framed row into fields; -1 when libcsv finds bad quoting. */
static int split(struct csv_reader *r)
{
	buf_reset(&r->data);
	r->nfields = 0;
	size_t n = csv_parse(&r->parser, r->raw.data, r->raw.len, on_field, NULL, r);
	if (n != r->raw.len || csv_error(&r->parser) != CSV_SUCCESS) {
		/* After an error libcsv keeps its state: start a fresh parser. */
		csv_free(&r->parser);
		if (csv_init(&r->parser, CSV_OPTIONS) != 0)
			abort();
		return -1;
	}
	csv_fini(&r->parser, on_field, NULL, r);
	for (size_t i = 0; i < r->nfields; i++)
		r->ptrs[i] = r->data.data + r->offs[i];
	return 0;
}

/* Keeps the header's fields, so that a message can name a column. */
static void keep_header(struct csv_reader *r)
{
	r->have_head = 1;
	r->nhead = r->nfields;
	buf_add(&r->head, r->data.data, r->data.len);
	r->head_offs = xcalloc(r->nfields, sizeof *r->head_offs);
	r->head_lens = xcalloc(r->nfields, sizeof *r->head_lens);
	memcpy(r->head_offs, r->offs, r->nfields * sizeof *r->offs);
	memcpy(r->head_lens, r->lens, r->nfields * sizeof *r->lens);
}

/* A NUL byte would cut the field short wherever it is used as a C string,
 * so the row is bad: -1 with the first such field named in why. */
static int check_nul(struct csv_reader *r)
{
	if (!memchr(r->raw.data, '\0', r->raw.len))
		return 0;
	size_t i = 0;
	while (i < r->nfields && !memchr(r->data.data + r->offs[i], '\0', r->lens[i]))
		i++;
	if (i == r->nfields)
		return 0;
	buf_reset(&r->why);
	buf_printf(&r->why, "field %zu", i + 1);
	if (i < r->nhead && r->head_lens[i]) {
		buf_adds(&r->why, " (");
		csv_format_name(&r->why, r->head.data + r->head_offs[i], r->head_lens[i]);
		buf_addc(&r->why, ')');
	}
	buf_adds(&r->why, " contains a NUL byte");
	return -1;
}

static int blank(const struct buf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] != ' ' && b->data[i] != '\t')
			return 0;
	return 1;
}

enum csv_reader_status csv_reader_next(struct csv_reader *r, struct csv_row *row)
{
	if (r->rest_pending && csv_reader_copy_rest(r, NULL) < 0)
		return CSV_READER_IOERR;
	memset(row, 0, sizeof *row);
	enum scan_result rc;
	do {
		buf_reset(&r->raw);
		row->line = r->line;
		rc = scan(r, NULL);
		if (rc == SCAN_ERROR)
			return CSV_READER_IOERR;
		if (rc == SCAN_STOP)
			return CSV_READER_STOP;
	} while (rc == SCAN_ROW && blank(&r->raw));
	row->raw = buf_cstr(&r->raw);
	row->raw_len = r->raw.len;
	if (rc == SCAN_TOO_LONG) {
		r->rest_pending = 1;
		return CSV_READER_TOO_LONG;
	}
	int unterminated = r->state == IN_QUOTED;
	r->state = AT_FIELD;
	if (rc == SCAN_EOF && blank(&r->raw))
		return CSV_READER_EOF;
	row->reason = unterminated ? "unterminated quoted field"
		: split(r) < 0 ? "malformed quoting (a '\"' inside an unquoted field or after a closing quote)"
		: check_nul(r) < 0 ? buf_cstr(&r->why)
		: NULL;
	if (row->reason)
		return CSV_READER_BAD;
	if (!r->have_head)
		keep_header(r);
	row->nfields = r->nfields;
	row->fields = r->ptrs;
	row->lens = r->lens;
	return CSV_READER_ROW;
}
