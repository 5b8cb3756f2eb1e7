/* SPDX-License-Identifier: MIT */
/* docgen's template set: memo.html, memo.txt and subject from one directory,
 * with the partials they name, parsed once; and the top-level names they use. */
#ifndef BIRDDOG_DOCGEN_TEMPLATES_H
#define BIRDDOG_DOCGEN_TEMPLATES_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"

enum docgen_part { DOCGEN_HTML, DOCGEN_TEXT, DOCGEN_SUBJECT, DOCGEN_NPARTS };

struct docgen_templates;

/* Loads DIR/memo.html.mustache, DIR/memo.txt.mustache, DIR/subject.mustache
 * and every partial they reach ({{> name}} is DIR/name.mustache; a name
 * outside [A-Za-z0-9_-]+ is an error). NULL with "file:line: message" or
 * "cannot read template 'file': reason" in err. Free with docgen_templates_free. */
struct docgen_templates *docgen_templates_load(const char *dir, struct buf *err);
void docgen_templates_free(struct docgen_templates *ts);

/* The distinct first parts of every name the templates and partials look up
 * ("address" for {{address.line}}): the top-level keys a view needs.
 * Borrowed from ts. */
const char *const *docgen_templates_names(const struct docgen_templates *ts, size_t *n);

/* Renders one part with view (borrowed), appending to out. 0, or -1 with
 * the reason in err. */
int docgen_templates_render(const struct docgen_templates *ts, enum docgen_part part,
			    json_t *view, struct buf *out, struct buf *err);

/* 1 when name is a valid partial name: [A-Za-z0-9_-], 1 to 64 characters. */
int docgen_partial_name_valid(const char *name, size_t len);

#endif
