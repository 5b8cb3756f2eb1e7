/* SPDX-License-Identifier: MIT */
/* docgen's template set (see docgen_templates.h): each file is parsed once by
 * template.c and scanned here, with the Mustache spec's tag and set-delimiter
 * rules, for the partials it names and the top-level names it looks up. */
#include "docgen_templates.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "paths.h"
#include "template.h"
#include "xalloc.h"

struct partial {
	char *name;
	struct buf src;
};

struct docgen_templates {
	char *dir;
	struct template *part[DOCGEN_NPARTS];
	struct partial *partials;
	size_t npartials, cap_partials;
	char **names;
	size_t nnames, cap_names;
};

static const char *const part_file[DOCGEN_NPARTS] = {
	"memo.html.mustache", "memo.txt.mustache", "subject.mustache",
};

int docgen_partial_name_valid(const char *name, size_t len)
{
	if (len == 0 || len > 64)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* template.c says "line N: message"; diagnostics say "file:N: message". */
static void syntax_error(const char *path, const char *msg, struct buf *err)
{
	long line;
	int used = 0;
	if (sscanf(msg, "line %ld: %n", &line, &used) == 1 && used > 0)
		buf_printf(err, "%s:%ld: %s", path, line, msg + used);
	else
		buf_printf(err, "%s: %s", path, msg);
}

/* Reads and parses DIR/file; the source stays in src. NULL on error. */
static struct template *load(const char *dir, const char *file, struct buf *src, struct buf *err)
{
	char *path = paths_join(dir, file);
	struct buf msg = BUF_INIT;
	struct template *t = NULL;
	if (fileio_read(path, src) < 0)
		buf_printf(err, "cannot read template '%s': %s", path, strerror(errno));
	else if (!(t = template_parse(buf_cstr(src), src->len, &msg)))
		syntax_error(path, buf_cstr(&msg), err);
	buf_release(&msg);
	free(path);
	return t;
}

static void add_name(struct docgen_templates *ts, const char *name, size_t len)
{
	const char *dot = memchr(name, '.', len);
	size_t n = dot ? (size_t)(dot - name) : len;
	if (n == 0)
		return;
	for (size_t i = 0; i < ts->nnames; i++)
		if (strlen(ts->names[i]) == n && memcmp(ts->names[i], name, n) == 0)
			return;
	if (ts->nnames == ts->cap_names) {
		ts->cap_names = ts->cap_names ? 2 * ts->cap_names : 32;
		ts->names = xrealloc(ts->names, ts->cap_names * sizeof *ts->names);
	}
	ts->names[ts->nnames++] = xstrndup(name, n);
}

static void add_partial(struct docgen_templates *ts, const char *name, size_t len)
{
	for (size_t i = 0; i < ts->npartials; i++)
		if (strlen(ts->partials[i].name) == len && memcmp(ts->partials[i].name, name, len) == 0)
			return;
	if (ts->npartials == ts->cap_partials) {
		ts->cap_partials = ts->cap_partials ? 2 * ts->cap_partials : 8;
		ts->partials = xrealloc(ts->partials, ts->cap_partials * sizeof *ts->partials);
	}
	struct partial *p = &ts->partials[ts->npartials++];
	p->name = xstrndup(name, len);
	buf_init(&p->src);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

struct scan {
	const char *s;
	size_t len;
	const char *otag, *ctag;
	size_t olen, clen;
};

/* The closing delimiter at or after i, preceded by pre when pre is set. */
static size_t find_close(const struct scan *sc, size_t i, char pre)
{
	for (size_t j = i;;) {
		const char *hit = memmem(sc->s + j, sc->len - j, sc->ctag, sc->clen);
		if (!hit)
			return (size_t)-1;
		size_t k = (size_t)(hit - sc->s);
		if (!pre || (k > i && sc->s[k - 1] == pre))
			return k;
		j = k + 1;
	}
}

/* "{{=<% %>=}}" content, already trimmed: the new delimiters. */
static void set_delims(struct scan *sc, const char *s, size_t n)
{
	const char *end = s + n, *o = s;
	while (s < end && !is_space(*s))
		s++;
	sc->otag = o;
	sc->olen = (size_t)(s - o);
	while (s < end && is_space(*s))
		s++;
	sc->ctag = s;
	sc->clen = (size_t)(end - s);
}

static long line_at(const char *s, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

/* One tag's sigil and trimmed content: name the partial or the value it uses. */
static int scan_tag(struct docgen_templates *ts, struct scan *sc, char sigil, size_t at,
		    size_t i, size_t k, const char *path, struct buf *err)
{
	const char *s = sc->s;
	while (i < k && is_space(s[i]))
		i++;
	while (k > i && is_space(s[k - 1]))
		k--;
	if (sigil == '!' || sigil == '/')
		return 0;
	if (sigil == '=') {
		set_delims(sc, s + i, k - i);
	} else if (sigil == '>') {
		if (!docgen_partial_name_valid(s + i, k - i)) {
			buf_printf(err, "%s:%ld: partial name '%.*s' is not made of [A-Za-z0-9_-]",
				   path, line_at(s, at), (int)(k - i), s + i);
			return -1;
		}
		add_partial(ts, s + i, k - i);
	} else if (!(k - i == 1 && s[i] == '.')) {
		add_name(ts, s + i, k - i);
	}
	return 0;
}

/* Walks the tags of a source template.c has already accepted. */
static int scan(struct docgen_templates *ts, const struct buf *src, const char *file,
		struct buf *err)
{
	struct scan sc = { buf_cstr(src), src->len, "{{", "}}", 2, 2 };
	char *path = paths_join(ts->dir, file);
	int rc = 0;
	for (size_t pos = 0; rc == 0 && pos < sc.len;) {
		const char *hit = memmem(sc.s + pos, sc.len - pos, sc.otag, sc.olen);
		if (!hit)
			break;
		size_t at = (size_t)(hit - sc.s), i = at + sc.olen;
		char sigil = 0, pre = 0;
		if (i < sc.len && sc.s[i] && strchr("#^/!>&{=", sc.s[i])) {
			sigil = sc.s[i++];
			pre = sigil == '{' ? '}' : sigil == '=' ? '=' : 0;
		}
		size_t k = find_close(&sc, i, pre);
		if (k == (size_t)-1)
			break;
		pos = k + sc.clen;
		rc = scan_tag(ts, &sc, sigil, at, i, pre ? k - 1 : k, path, err);
	}
	free(path);
	return rc;
}

static int load_partials(struct docgen_templates *ts, struct buf *err)
{
	/* Scanning a partial may add more; npartials grows as we go. */
	for (size_t i = 0; i < ts->npartials; i++) {
		struct buf file = BUF_INIT;
		buf_printf(&file, "%s.mustache", ts->partials[i].name);
		struct template *t = load(ts->dir, buf_cstr(&file), &ts->partials[i].src, err);
		int rc = t ? scan(ts, &ts->partials[i].src, buf_cstr(&file), err) : -1;
		template_free(t);
		buf_release(&file);
		if (rc < 0)
			return -1;
	}
	return 0;
}

struct docgen_templates *docgen_templates_load(const char *dir, struct buf *err)
{
	struct docgen_templates *ts = xcalloc(1, sizeof *ts);
	ts->dir = xstrdup(dir);
	for (int p = 0; p < DOCGEN_NPARTS; p++) {
		struct buf src = BUF_INIT;
		ts->part[p] = load(dir, part_file[p], &src, err);
		int rc = ts->part[p] ? scan(ts, &src, part_file[p], err) : -1;
		buf_release(&src);
		if (rc < 0) {
			docgen_templates_free(ts);
			return NULL;
		}
	}
	if (load_partials(ts, err) < 0) {
		docgen_templates_free(ts);
		return NULL;
	}
	return ts;
}

void docgen_templates_free(struct docgen_templates *ts)
{
	if (!ts)
		return;
	for (int p = 0; p < DOCGEN_NPARTS; p++)
		template_free(ts->part[p]);
	for (size_t i = 0; i < ts->npartials; i++) {
		free(ts->partials[i].name);
		buf_release(&ts->partials[i].src);
	}
	for (size_t i = 0; i < ts->nnames; i++)
		free(ts->names[i]);
	free(ts->partials);
	free(ts->names);
	free(ts->dir);
	free(ts);
}

const char *const *docgen_templates_names(const struct docgen_templates *ts, size_t *n)
{
	*n = ts->nnames;
	return (const char *const *)ts->names;
}

static int partial_source(void *ctx, const char *name, struct buf *out)
{
	const struct docgen_templates *ts = ctx;
	for (size_t i = 0; i < ts->npartials; i++)
		if (strcmp(ts->partials[i].name, name) == 0) {
			buf_add(out, ts->partials[i].src.data, ts->partials[i].src.len);
			return 0;
		}
	return -1;
}

int docgen_templates_render(const struct docgen_templates *ts, enum docgen_part part,
			    json_t *view, struct buf *out, struct buf *err)
{
	return template_render(ts->part[part], view, partial_source, (void *)ts, out, err);
}
