/* SPDX-License-Identifier: MIT */
/* The sources of a run (see source_list.h). */
#include "source_list.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "discover.h"
#include "paths.h"
#include "source.h"
#include "xalloc.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json files of dir, sorted; NULL when dir cannot be read. */
static char **dir_files(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 16;
	char **v;
	*n = 0;
	if (!d)
		return NULL;
	v = xcalloc(cap, sizeof *v);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len <= 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		if (*n + 1 >= cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		v[(*n)++] = paths_join(dir, e->d_name);
	}
	closedir(d);
	qsort(v, *n, sizeof *v, by_name);
	return v;
}

struct source **source_list_load(const struct discover_opts *o, int has_files, size_t *n)
{
	char **paths = NULL;
	size_t count = 0;
	char *dir = NULL;
	*n = 0;
	if (o->nsources) {
		paths = xcalloc(o->nsources, sizeof *paths);
		for (size_t i = 0; i < o->nsources; i++)
			paths[count++] = xstrdup(o->sources[i]);
	} else if (o->sources_dir) {
		if (!(paths = dir_files(o->sources_dir, &count)))
			diag_die(EX_NOINPUT, "%s: cannot read the sources directory", o->sources_dir);
	} else if (!has_files && !o->try_url) {
		char *config = paths_config_dir(o->common.tenant);
		dir = paths_join(config, "sources");
		free(config);
		paths = dir_files(dir, &count);
	}
	if (!count && !has_files && !o->try_url)
		diag_usage("nothing to read: give CSV FILEs ('-' for standard input), or sources with "
			   "-s FILE or --sources DIR, or put them in %s (see birddog-source(5))",
			   dir ? dir : "CONFIGDIR/sources/");
	struct source **list = xcalloc(count ? count : 1, sizeof *list);
	struct buf err = BUF_INIT;
	for (size_t i = 0; i < count; i++) {
		list[i] = source_load(paths[i], &err);
		if (!list[i])
			diag_die(EX_CONFIG, "%s", buf_cstr(&err));
		for (size_t j = 0; j < i; j++)
			if (strcmp(list[j]->name, list[i]->name) == 0)
				diag_die(EX_CONFIG, "%s and %s both name the source '%s': give one a "
					 "\"name\" of its own", list[j]->file, list[i]->file,
					 list[i]->name);
		free(paths[i]);
	}
	*n = count;
	free(paths);
	free(dir);
	buf_release(&err);
	return list;
}

void source_list_free(struct source **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		source_free(list[i]);
	free(list);
}
