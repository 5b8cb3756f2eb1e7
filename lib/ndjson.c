/* SPDX-License-Identifier: MIT */
/* Reads newline-delimited JSON lines from files or stdin, under a length cap.
 * Lines that fit in the read buffer are returned in place, without a copy. */
#include "ndjson.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "interrupt.h"
#include "xalloc.h"

#define READ_SIZE (256u << 10)

struct ndjson_reader {
	char *const *files;
	int nfiles, next_file;
	int fd;
	const char *name;
	long lineno;
	char *rbuf;
	size_t rpos, rlen;
	struct buf line;      /* a line that spans reads */
	size_t max_line;
	int rest_pending;     /* a TOO_LONG line's tail is still unread */
	void (*on_wait)(void *ctx);
	void *wait_ctx;
};

struct ndjson_reader *ndjson_reader_new(char *const *files, int nfiles, size_t max_line)
{
	struct ndjson_reader *r = xcalloc(1, sizeof *r);
	r->files = files;
	r->nfiles = nfiles;
	r->fd = -1;
	r->rbuf = xmalloc(READ_SIZE + 1);
	r->max_line = max_line ? max_line : NDJSON_DEFAULT_MAX_LINE;
	buf_init(&r->line);
	return r;
}

void ndjson_reader_free(struct ndjson_reader *r)
{
	if (!r)
		return;
	if (r->fd > 0)
		close(r->fd);
	free(r->rbuf);
	buf_release(&r->line);
	free(r);
}

void ndjson_reader_on_wait(struct ndjson_reader *r, void (*fn)(void *ctx), void *ctx)
{
	r->on_wait = fn;
	r->wait_ctx = ctx;
}

const char *ndjson_reader_file(const struct ndjson_reader *r)
{
	return r->name ? r->name : "<stdin>";
}

long ndjson_reader_lineno(const struct ndjson_reader *r)
{
	return r->lineno;
}

/* Opens the next input; 1 when one is open, 0 when all are done, -1 on error. */
static int open_next(struct ndjson_reader *r)
{
	if (r->nfiles == 0 && r->next_file == 0) {
		r->next_file = 1;
		r->fd = 0;
		r->name = NULL;
		r->lineno = 0;
		return 1;
	}
	if (r->next_file >= r->nfiles)
		return 0;
	const char *path = r->files[r->next_file++];
	r->lineno = 0;
	if (strcmp(path, "-") == 0) {
		r->fd = 0;
		r->name = NULL;
		return 1;
	}
	r->name = path;
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	return r->fd < 0 ? -1 : 1;
}

static void close_current(struct ndjson_reader *r)
{
	if (r->fd > 0)
		close(r->fd);
	r->fd = -1;
	r->rpos = r->rlen = 0;
}

/* Refills the read buffer: 1 with data, 0 at end of this input, -1 on
 * error, -2 when asked to stop. */
static int refill(struct ndjson_reader *r)
{
	struct pollfd now = { .fd = r->fd, .events = POLLIN };
	if (r->on_wait && poll(&now, 1, 0) <= 0)
		r->on_wait(r->wait_ctx);   /* only when the read would wait */
	int ready = interrupt_wait_readable(r->fd);
	if (ready <= 0)
		return ready < 0 ? -1 : -2;
	for (;;) {
		ssize_t n = read(r->fd, r->rbuf, READ_SIZE);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		r->rpos = 0;
		r->rlen = (size_t)n;
		return n > 0;
	}
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Skips or copies bytes up to and including the next newline. */
static int pass_rest(struct ndjson_reader *r, FILE *to)
{
	while (r->rest_pending) {
		if (r->rpos == r->rlen) {
			int got = refill(r);
			if (got < 0)
				return -1;
			if (got == 0) {
				r->rest_pending = 0;
				break;
			}
		}
		char *start = r->rbuf + r->rpos;
		char *nl = memchr(start, '\n', r->rlen - r->rpos);
		size_t n = nl ? (size_t)(nl - start) : r->rlen - r->rpos;
		if (to && fwrite(start, 1, n, to) != n)
			return -1;
		r->rpos += n + (nl != NULL);
		if (nl)
			r->rest_pending = 0;
	}
	if (to && fputc('\n', to) == EOF)
		return -1;
	return 0;
}

int ndjson_reader_copy_rest(struct ndjson_reader *r, FILE *to)
{
	return pass_rest(r, to);
}

/* Hands out a complete line: strips a CR before the LF. */
static enum ndjson_status finish(char *s, size_t n, const char **line, size_t *len)
{
	if (n && s[n - 1] == '\r')
		n--;
	s[n] = '\0';
	*line = s;
	*len = n;
	return NDJSON_LINE;
}

static enum ndjson_status too_long(struct ndjson_reader *r, const char **line, size_t *len)
{
	r->rest_pending = 1;
	r->lineno++;
	*line = r->line.data;
	*len = r->line.len;
	return NDJSON_TOO_LONG;
}

enum ndjson_status ndjson_reader_next(struct ndjson_reader *r, const char **line, size_t *len)
{
	if (r->rest_pending && pass_rest(r, NULL) < 0)
		return NDJSON_IOERR;
	buf_reset(&r->line);
	for (;;) {
		if (r->fd < 0) {
			int opened = open_next(r);
			if (opened == 0)
				return NDJSON_EOF;
			if (opened < 0)
				return NDJSON_NOFILE;
		}
		char *start = r->rbuf + r->rpos;
		size_t avail = r->rlen - r->rpos;
		char *nl = avail ? memchr(start, '\n', avail) : NULL;
		if (nl) {
			size_t n = (size_t)(nl - start);
			r->rpos += n + 1;
			if (r->line.len + n > r->max_line) {
				size_t keep = r->max_line - r->line.len;
				buf_add(&r->line, start, keep);
				r->rest_pending = 1;
				r->rpos -= n + 1 - keep;
				return too_long(r, line, len);
			}
			r->lineno++;
			if (r->line.len) {
				buf_add(&r->line, start, n);
				start = r->line.data;
				n = r->line.len;
				buf_grow(&r->line, 0);
			}
			if (is_blank(start, n)) {
				buf_reset(&r->line);
				continue;
			}
			return finish(start, n, line, len);
		}
		if (r->line.len + avail > r->max_line) {
			size_t keep = r->max_line - r->line.len;
			buf_add(&r->line, start, keep);
			r->rpos += keep;
			return too_long(r, line, len);
		}
		buf_add(&r->line, start, avail);
		r->rpos = r->rlen;
		int got = refill(r);
		if (got < 0)
			return got == -2 ? NDJSON_STOP : NDJSON_IOERR;
		if (got == 0) {
			close_current(r);
			if (r->line.len && !is_blank(r->line.data, r->line.len)) {
				r->lineno++;
				return finish(r->line.data, r->line.len, line, len);
			}
			buf_reset(&r->line);
		}
	}
}
