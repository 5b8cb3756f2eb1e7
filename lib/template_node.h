/* SPDX-License-Identifier: MIT */
/* Private to template.c and template_render.c: the parsed form of a
 * Mustache template, a flat list of nodes in source order. */
#ifndef BIRDDOG_TEMPLATE_NODE_H
#define BIRDDOG_TEMPLATE_NODE_H

#include <stddef.h>

enum tnode_type {
	TN_TEXT,	/* literal bytes */
	TN_VAR,		/* {{name}}, HTML-escaped */
	TN_RAW,		/* {{{name}}} or {{&name}} */
	TN_SECTION,	/* {{#name}}: nodes up to end are its body */
	TN_INVERTED,	/* {{^name}} */
	TN_PARTIAL,	/* {{>name}} */
};

struct tnode {
	enum tnode_type type;
	size_t off, len;	/* the text, or the tag's name, in src */
	size_t end;		/* sections: index just past the body */
	size_t ind_off, ind_len; /* partials: standalone indentation in src */
};

/* Owns src (a NUL-terminated copy of the source) and nodes. */
struct template {
	char *src;
	size_t len;
	struct tnode *nodes;
	size_t n, cap;
};

#endif
