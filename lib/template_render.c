/* SPDX-License-Identifier: MIT */
/* Renders parsed Mustache templates against jansson data: name resolution,
 * truthiness and partial indentation as in the Mustache spec v1.3. */
#include "template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template_node.h"
#include "xalloc.h"

/* The context stack, linked through the C stack; the top is innermost. */
struct ctx {
	json_t *v;
	const struct ctx *up;
};

struct render {
	template_partial_fn partial;
	void *partial_ctx;
	struct buf *out, *err;
	int depth;		/* partials being rendered */
};

static int render_nodes(const struct template *t, size_t from, size_t to,
			const struct ctx *c, struct render *r);

static size_t name_part(const char *name, size_t len)
{
	const char *dot = memchr(name, '.', len);
	return dot ? (size_t)(dot - name) : len;
}

/* "." is the top context; "a.b.c" finds a up the stack, then b in a, c in
 * b.  Returns a borrowed value, or NULL when any part is missing. */
static json_t *lookup(const struct ctx *c, const char *name, size_t len)
{
	json_t *v = NULL;
	size_t n = name_part(name, len);

	if (len == 1 && name[0] == '.')
		return c->v;
	for (; c && !v; c = c->up)
		if (json_is_object(c->v))
			v = json_object_getn(c->v, name, n);
	while (v && n < len) {
		name += n + 1;
		len -= n + 1;
		n = name_part(name, len);
		v = json_is_object(v) ? json_object_getn(v, name, n) : NULL;
	}
	return v;
}

/* JavaScript's truthiness, which is what template authors expect. */
static int truthy(const json_t *v)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
	case JSON_TRUE:
		return 1;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0.0;
	default:
		return 0;
	}
}

/* The shortest form that reads back as the same double: 1.21, not
 * 1.2099999999999999; whole numbers below 1e21 without an exponent, as
 * JavaScript does (315000, not 3.15e+05). */
static void add_real(struct buf *out, double d)
{
	char tmp[40];

	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	if (strstr(tmp, "e+") && d < 1e21 && d > -1e21)
		snprintf(tmp, sizeof(tmp), "%.0f", d);
	buf_adds(out, tmp);
}

static int dump_into(const char *data, size_t len, void *out)
{
	buf_add(out, data, len);
	return 0;
}

static void add_value(struct buf *out, const json_t *v, int escape)
{
	struct buf tmp = BUF_INIT;

	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_NULL:
		return;
	case JSON_STRING:
		buf_add(&tmp, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		buf_printf(&tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		add_real(&tmp, json_real_value(v));
		break;
	default:	/* true, false, objects and arrays as compact JSON */
		/* Dumped straight into tmp: a json_dumps string would come from
		 * whatever allocator jansson has (a stage's per-record arena). */
		json_dump_callback(v, dump_into, &tmp,
				   JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
		break;
	}
	if (escape)
		template_escape_html(out, tmp.data ? tmp.data : "", tmp.len);
	else
		buf_add(out, tmp.data ? tmp.data : "", tmp.len);
	buf_release(&tmp);
}

static int render_section(const struct template *t, size_t i,
			  const struct ctx *c, struct render *r)
{
	const struct tnode *nd = &t->nodes[i];
	json_t *v = lookup(c, t->src + nd->off, nd->len);

	if (!truthy(v))
		return 0;
	if (!json_is_array(v)) {
		struct ctx sub = { v, c };
		return render_nodes(t, i + 1, nd->end, &sub, r);
	}
	for (size_t k = 0; k < json_array_size(v); k++) {
		struct ctx sub = { json_array_get(v, k), c };
		if (render_nodes(t, i + 1, nd->end, &sub, r))
			return -1;
	}
	return 0;
}

/* Prepends ind to every line of src, as the spec asks of a standalone
 * partial; a trailing newline does not start a new line. */
static void indent_lines(struct buf *out, const struct buf *src,
			 const char *ind, size_t ilen)
{
	int at_start = 1;

	for (size_t i = 0; i < src->len; i++) {
		if (at_start)
			buf_add(out, ind, ilen);
		buf_addc(out, src->data[i]);
		at_start = src->data[i] == '\n';
	}
}

static int render_parsed_partial(const char *name, const struct buf *src,
				 const struct ctx *c, struct render *r)
{
	struct buf msg = BUF_INIT;
	struct template *sub = template_parse(src->data ? src->data : "",
					      src->len, &msg);
	int rc = -1;

	if (sub) {
		r->depth++;
		rc = render_nodes(sub, 0, sub->n, c, r);
		r->depth--;
		template_free(sub);
	} else if (r->err) {
		buf_printf(r->err, "partial '%s': %s", name, buf_cstr(&msg));
	}
	buf_release(&msg);
	return rc;
}

static int render_partial(const struct template *t, const struct tnode *nd,
			  const struct ctx *c, struct render *r)
{
	struct buf src = BUF_INIT, indented = BUF_INIT;
	int rc = 0;

	if (!r->partial)
		return 0;
	char *name = xstrndup(t->src + nd->off, nd->len);
	if (r->depth >= TEMPLATE_MAX_DEPTH) {
		if (r->err)
			buf_printf(r->err, "partial '%s': nested deeper than %d",
				   name, TEMPLATE_MAX_DEPTH);
		rc = -1;
	} else if (r->partial(r->partial_ctx, name, &src) == 0) {
		if (nd->ind_len) {
			indent_lines(&indented, &src, t->src + nd->ind_off, nd->ind_len);
			rc = render_parsed_partial(name, &indented, c, r);
		} else {
			rc = render_parsed_partial(name, &src, c, r);
		}
	}
	buf_release(&indented);
	buf_release(&src);
	free(name);
	return rc;
}

static int render_nodes(const struct template *t, size_t from, size_t to,
			const struct ctx *c, struct render *r)
{
	size_t i = from;

	while (i < to) {
		const struct tnode *nd = &t->nodes[i];
		const char *name = t->src + nd->off;
		switch (nd->type) {
		case TN_TEXT:
			buf_add(r->out, name, nd->len);
			break;
		case TN_VAR:
		case TN_RAW:
			add_value(r->out, lookup(c, name, nd->len), nd->type == TN_VAR);
			break;
		case TN_SECTION:
			if (render_section(t, i, c, r))
				return -1;
			i = nd->end;
			continue;
		case TN_INVERTED:
			if (!truthy(lookup(c, name, nd->len)) &&
			    render_nodes(t, i + 1, nd->end, c, r))
				return -1;
			i = nd->end;
			continue;
		case TN_PARTIAL:
			if (render_partial(t, nd, c, r))
				return -1;
			break;
		}
		i++;
	}
	return 0;
}

int template_render(const struct template *t, json_t *data,
		    template_partial_fn partial, void *partial_ctx,
		    struct buf *out, struct buf *err)
{
	struct ctx root = { data, NULL };
	struct render r = { partial, partial_ctx, out, err, 0 };

	return render_nodes(t, 0, t->n, &root, &r);
}

void template_escape_html(struct buf *out, const char *s, size_t len)
{
	size_t run = 0;

	for (size_t i = 0; i < len; i++) {
		const char *ent;
		switch (s[i]) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default: continue;
		}
		buf_add(out, s + run, i - run);
		buf_adds(out, ent);
		run = i + 1;
	}
	buf_add(out, s + run, len - run);
}
