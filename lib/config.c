/* SPDX-License-Identifier: MIT */
/* JSON config files (jansson), with errors that name the file, line and column. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "xalloc.h"

json_t *config_load(const char *path, struct buf *err)
{
	json_error_t je;
	FILE *fp = fopen(path, "re");
	if (!fp) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	json_t *root = json_loadf(fp, JSON_REJECT_DUPLICATES, &je);
	fclose(fp);
	if (!root) {
		buf_printf(err, "%s:%d:%d: %s", path, je.line, je.column, je.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		buf_printf(err, "%s: the top-level value must be an object", path);
		json_decref(root);
		return NULL;
	}
	return root;
}

const char *config_string(json_t *obj, const char *dotted, int *bad)
{
	char *path = xstrdup(dotted), *save = NULL;
	json_t *v = obj;
	for (char *part = strtok_r(path, ".", &save); part && v; part = strtok_r(NULL, ".", &save))
		v = json_is_object(v) ? json_object_get(v, part) : NULL;
	free(path);
	if (v && !json_is_string(v) && !json_is_null(v) && bad)
		*bad = 1;
	return json_string_value(v);
}
