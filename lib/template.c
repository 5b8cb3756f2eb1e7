/* SPDX-License-Identifier: MIT */
/* Parses Mustache templates into a flat node list, applying the Mustache
 * spec v1.3 rules for set delimiters and standalone lines. */
#include "template.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fileio.h"
#include "template_node.h"
#include "xalloc.h"

struct parser {
	struct template *t;
	const char *s;		/* t->src */
	size_t len;
	size_t pos;		/* start of the text not yet turned into nodes */
	const char *otag, *ctag; /* current delimiters, pointing into s */
	size_t olen, clen;
	size_t *open;		/* node indices of the sections not yet closed */
	size_t nopen, capopen;
	struct buf *err;
};

struct tag {
	char sigil;		/* one of "#^/!>&{=", or 0 for a variable */
	size_t start, end;	/* the whole tag, delimiters included */
	size_t name, nlen;	/* its content, trimmed */
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return is_blank(c) || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static size_t line_at(const char *s, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

__attribute__((format(printf, 3, 4)))
static int fail(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (!p->err)
		return -1;
	buf_printf(p->err, "line %zu: ", line_at(p->s, off));
	va_start(ap, fmt);
	buf_vprintf(p->err, fmt, ap);
	va_end(ap);
	return -1;
}

static struct tnode *add_node(struct template *t, enum tnode_type type,
			      size_t off, size_t len)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->nodes = xrealloc(t->nodes, t->cap * sizeof(*t->nodes));
	}
	struct tnode *nd = &t->nodes[t->n++];
	*nd = (struct tnode){ .type = type, .off = off, .len = len };
	return nd;
}

static void add_text(struct parser *p, size_t from, size_t to)
{
	if (to > from)
		add_node(p->t, TN_TEXT, from, to - from);
}

/* Finds the closing delimiter at or after i; with pre, it must follow pre
 * ("}" + ctag for a triple mustache, "=" + ctag for a delimiter change). */
static size_t find_close(const struct parser *p, size_t i, char pre)
{
	size_t j = i;

	for (;;) {
		const char *hit = memmem(p->s + j, p->len - j, p->ctag, p->clen);
		if (!hit)
			return (size_t)-1;
		size_t k = (size_t)(hit - p->s);
		if (!pre || (k > i && p->s[k - 1] == pre))
			return k;
		j = k + 1;
	}
}

static int check_name(struct parser *p, const struct tag *tg)
{
	if (tg->sigil == '!' || tg->sigil == '=')
		return 0;
	if (tg->nlen == 0)
		return fail(p, tg->start, "empty tag");
	for (size_t i = 0; i < tg->nlen; i++)
		if (is_space(p->s[tg->name + i]))
			return fail(p, tg->start, "bad tag name '%.*s'",
				    (int)tg->nlen, p->s + tg->name);
	return 0;
}

/* Reads the tag whose opening delimiter starts at start. */
static int read_tag(struct parser *p, size_t start, struct tag *tg)
{
	size_t i = start + p->olen;
	char pre = 0;

	tg->start = start;
	tg->sigil = 0;
	if (i < p->len && p->s[i] && strchr("#^/!>&{=", p->s[i])) {
		tg->sigil = p->s[i++];
		if (tg->sigil == '{' || tg->sigil == '=')
			pre = tg->sigil == '{' ? '}' : '=';
	}
	size_t k = find_close(p, i, pre);
	if (k == (size_t)-1)
		return fail(p, start, "unclosed tag");
	tg->end = k + p->clen;
	if (pre)
		k--;
	while (i < k && is_space(p->s[i]))
		i++;
	while (k > i && is_space(p->s[k - 1]))
		k--;
	tg->name = i;
	tg->nlen = k - i;
	return check_name(p, tg);
}

/* A section, inverted, close, comment, partial or delimiter tag alone on
 * its line (bar blanks) takes the whole line with it: [*ls, *le). */
static int standalone(const struct parser *p, const struct tag *tg,
		      size_t *ls, size_t *le)
{
	const char *s = p->s;
	size_t a = tg->start, b = tg->end;

	if (!tg->sigil || tg->sigil == '&' || tg->sigil == '{')
		return 0;
	while (a > p->pos && is_blank(s[a - 1]))
		a--;
	if (a > 0 && s[a - 1] != '\n')
		return 0;
	while (b < p->len && is_blank(s[b]))
		b++;
	if (b + 1 < p->len && s[b] == '\r' && s[b + 1] == '\n')
		b += 2;
	else if (b < p->len && s[b] == '\n')
		b++;
	else if (b < p->len)
		return 0;
	*ls = a;
	*le = b;
	return 1;
}

/* "{{=<% %>=}}": two non-blank delimiters without '=', blanks between. */
static int set_delims(struct parser *p, const struct tag *tg)
{
	const char *s = p->s + tg->name, *end = s + tg->nlen;
	const char *o = s, *c;

	while (s < end && !is_space(*s) && *s != '=')
		s++;
	size_t olen = (size_t)(s - o);
	while (s < end && is_space(*s))
		s++;
	c = s;
	while (s < end && !is_space(*s) && *s != '=')
		s++;
	size_t clen = (size_t)(s - c);
	if (!olen || !clen || s != end)
		return fail(p, tg->start, "bad set-delimiter tag '%.*s'",
			    (int)tg->nlen, p->s + tg->name);
	p->otag = o;
	p->olen = olen;
	p->ctag = c;
	p->clen = clen;
	return 0;
}

static void open_section(struct parser *p, enum tnode_type type,
			 const struct tag *tg)
{
	if (p->nopen == p->capopen) {
		p->capopen = p->capopen ? 2 * p->capopen : 8;
		p->open = xrealloc(p->open, p->capopen * sizeof(*p->open));
	}
	p->open[p->nopen++] = p->t->n;
	add_node(p->t, type, tg->name, tg->nlen);
}

static int close_section(struct parser *p, const struct tag *tg)
{
	const char *name = p->s + tg->name;

	if (!p->nopen)
		return fail(p, tg->start,
			    "closing tag '%.*s' without an open section",
			    (int)tg->nlen, name);
	struct tnode *sec = &p->t->nodes[p->open[p->nopen - 1]];
	if (sec->len != tg->nlen || memcmp(p->s + sec->off, name, tg->nlen))
		return fail(p, tg->start,
			    "closing tag '%.*s' does not match section '%.*s'",
			    (int)tg->nlen, name, (int)sec->len, p->s + sec->off);
	sec->end = p->t->n;
	p->nopen--;
	return 0;
}

/* indent is where a standalone partial's line starts (else tg->start). */
static int handle_tag(struct parser *p, const struct tag *tg, size_t indent)
{
	struct tnode *nd;

	switch (tg->sigil) {
	case '#':
		open_section(p, TN_SECTION, tg);
		return 0;
	case '^':
		open_section(p, TN_INVERTED, tg);
		return 0;
	case '/':
		return close_section(p, tg);
	case '!':
		return 0;
	case '=':
		return set_delims(p, tg);
	case '>':
		nd = add_node(p->t, TN_PARTIAL, tg->name, tg->nlen);
		nd->ind_off = indent;
		nd->ind_len = tg->start - indent;
		return 0;
	case '&':
	case '{':
		add_node(p->t, TN_RAW, tg->name, tg->nlen);
		return 0;
	default:
		add_node(p->t, TN_VAR, tg->name, tg->nlen);
		return 0;
	}
}

static int parse_all(struct parser *p)
{
	while (p->pos < p->len) {
		const char *hit = memmem(p->s + p->pos, p->len - p->pos,
					 p->otag, p->olen);
		if (!hit)
			break;
		struct tag tg;
		size_t ls, le;
		if (read_tag(p, (size_t)(hit - p->s), &tg))
			return -1;
		int alone = standalone(p, &tg, &ls, &le);
		add_text(p, p->pos, alone ? ls : tg.start);
		if (handle_tag(p, &tg, alone ? ls : tg.start))
			return -1;
		p->pos = alone ? le : tg.end;
	}
	add_text(p, p->pos, p->len);
	if (p->nopen) {
		const struct tnode *sec = &p->t->nodes[p->open[p->nopen - 1]];
		return fail(p, sec->off, "unclosed section '%.*s'",
			    (int)sec->len, p->s + sec->off);
	}
	return 0;
}

struct template *template_parse(const char *src, size_t len, struct buf *err)
{
	struct template *t = xcalloc(1, sizeof(*t));

	t->src = xmalloc(len + 1);
	if (len)
		memcpy(t->src, src, len);
	t->src[len] = '\0';
	t->len = len;

	struct parser p = {
		.t = t, .s = t->src, .len = len,
		.otag = "{{", .olen = 2, .ctag = "}}", .clen = 2,
		.err = err,
	};
	int rc = parse_all(&p);
	free(p.open);
	if (rc) {
		template_free(t);
		return NULL;
	}
	return t;
}

void template_free(struct template *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t->src);
	free(t);
}

struct template *template_load_file(const char *path, struct buf *err)
{
	struct buf src = BUF_INIT, msg = BUF_INIT;
	struct template *t = NULL;

	if (fileio_read(path, &src)) {
		if (err)
			buf_printf(err, "%s: %s", path, strerror(errno));
	} else {
		t = template_parse(src.data ? src.data : "", src.len, &msg);
		if (!t && err)
			buf_printf(err, "%s: %s", path, buf_cstr(&msg));
	}
	buf_release(&src);
	buf_release(&msg);
	return t;
}
