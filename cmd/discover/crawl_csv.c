/* SPDX-License-Identifier: MIT */
/* A csv source: the file at its URL (http, https or file) fetched, kept in
 * the cache like a page, and read like a CSV file given on the command
 * line, through the source's column map and under its name. A file that
 * has not changed since the last run is not read again. */
#include "crawl.h"
#include "crawl_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "diag.h"
#include "discover.h"
#include "fetch.h"
#include "fileio.h"
#include "paths.h"
#include "source.h"

/* The body in a private directory as SOURCE.csv, so that its rejects go to
 * rejects/discover/SOURCE.csv. Returns the directory (caller removes it
 * and frees), or NULL. */
static char *spill(struct crawl *c, const struct fetch_result *r, char **file)
{
	const char *tmp = getenv("TMPDIR");
	struct buf dir = BUF_INIT;
	buf_printf(&dir, "%s/birddog-csv.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.data)) {
		diag_error("%s: cannot make a directory in %s for the file", c->s->name,
			   tmp && *tmp ? tmp : "/tmp");
		buf_release(&dir);
		return NULL;
	}
	struct buf name = BUF_INIT;
	buf_printf(&name, "%s.csv", c->s->name);
	*file = paths_join(dir.data, name.data);
	buf_release(&name);
	FILE *fp = fopen(*file, "wb");
	if (!fp || fwrite(r->body.data, 1, r->body.len, fp) != r->body.len || fclose(fp) != 0) {
		diag_error("%s: cannot write %s", c->s->name, *file);
		c->d->status = EX_IOERR;
	}
	return buf_detach(&dir);
}

void crawl_csv(struct crawl *c)
{
	struct fetch_result r;
	char why[300];
	fetch_result_init(&r);
	fetch_add(c->f, c->s->url, FETCH_FILE, 0, NULL);
	if (!fetch_next(c->f, &r))
		return;
	if (r.failed || (r.status != 200 && r.status != 0)) {
		snprintf(why, sizeof why, "%.280s", r.failed ? r.error : "");
		if (!r.failed)
			snprintf(why, sizeof why, "HTTP %ld", r.status);
		crawl_reject(c, r.job->url, r.status, why);
		c->failed = 1;
	} else if (!r.unchanged || c->d->o->all || c->d->o->preview) {
		char *file = NULL;
		char *dir = (r.unchanged ? fetch_body(c->f, &r) : 1) ? spill(c, &r, &file) : NULL;
		if (dir && !c->d->status) {
			struct csvmap *map = c->d->map;
			c->d->map = c->s->csv_map;
			c->d->force_source = c->s->name;
			c->d->force_file = c->s->url;
			discover_file(c->d, file);
			c->d->map = map;
			c->d->force_source = NULL;
			c->d->force_file = NULL;
		}
		if (file)
			unlink(file);
		if (dir)
			rmdir(dir);
		free(file);
		free(dir);
	}
	fetch_result_release(&r);
}
