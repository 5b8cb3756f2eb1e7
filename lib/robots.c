/* SPDX-License-Identifier: MIT */
/* robots.txt (RFC 9309): groups of rules parsed from the file, each rule's
 * pattern kept percent-normalised (2.2.2), and the longest-match lookup. */
#include "robots.h"

#include <string.h>

#include "buf.h"
#include "xalloc.h"

/* A rule's '*': normalised text has no control octets, so it cannot clash. */
#define WILD '\001'
#define PATH_STACK 3072

struct rule {
	size_t pat, patlen;     /* the normalised pattern, in strings */
	size_t weight;          /* its octets for the longest match, '$' counted */
	size_t text;            /* the line as written, in strings */
	int line;
	unsigned char allow, anchored;
};

struct group {
	size_t agent0, nagents; /* its product tokens, in agents */
	size_t rule0, nrules;   /* its rules, in rules */
	int star;               /* it has "User-agent: *" */
};

struct span {
	size_t off, len;
};

struct robots {
	struct buf strings;     /* every text the others point into by offset */
	struct rule *rules;
	struct group *groups;
	struct span *agents;
	size_t *sitemaps;
	size_t nrules, ngroups, nagents, nsitemaps;
	size_t caprules, capgroups, capagents, capsitemaps;
	int open_group;         /* the last group still takes user-agent lines */
	int deny_all;
};

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 8;
	return xrealloc(p, *cap * size);
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The product token at the start of s: its run of [A-Za-z_-] (2.2.1). */
static size_t token_len(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			 s[i] == '_' || s[i] == '-'))
		i++;
	return i;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)lower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Writes a rule's pattern s[0..n) to out (room for 3 * n) as it is matched
 * against a URL's path: '*' as WILD, octets outside US-ASCII percent-encoded
 * and the hex digits of a percent-encoding in upper case (RFC 9309 2.2.2);
 * nothing is decoded, so "/%62%61%7A" matches only "/%62%61%7A", as in the
 * RFC's reference implementation. Returns the length. */
static size_t normalize(const char *s, size_t n, char *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '*') {
			out[o++] = WILD;
		} else if (c == '%' && i + 2 < n && hex_value(s[i + 1]) >= 0 &&
			   hex_value(s[i + 2]) >= 0) {
			out[o++] = '%';
			out[o++] = hex[hex_value(s[i + 1])];
			out[o++] = hex[hex_value(s[i + 2])];
			i += 2;
		} else if (c >= 0x80) {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		} else {
			out[o++] = (char)c;
		}
	}
	return o;
}

static size_t add_string(struct robots *r, const char *s, size_t n)
{
	size_t off = r->strings.len;
	buf_add(&r->strings, s, n);
	buf_addc(&r->strings, '\0');
	return off;
}

static void user_agent(struct robots *r, const char *v, size_t n)
{
	if (!r->open_group) {
		r->groups = grow(r->groups, &r->capgroups, r->ngroups, sizeof *r->groups);
		r->groups[r->ngroups++] = (struct group){ r->nagents, 0, r->nrules, 0, 0 };
		r->open_group = 1;
	}
	struct group *g = &r->groups[r->ngroups - 1];
	size_t t = token_len(v, n);
	if (n && v[0] == '*' && (n == 1 || is_ws(v[1]))) {
		g->star = 1;
	} else if (t) {
		r->agents = grow(r->agents, &r->capagents, r->nagents, sizeof *r->agents);
		r->agents[r->nagents++] = (struct span){ add_string(r, v, t), t };
		g->nagents++;
	}
}

/* An allow or disallow line: text is the whole line, v its value. A value
 * that is empty or no path pattern ("/..."; "*..." accepted too) adds no
 * rule, but the line still closes the group's user-agent lines. */
static void rule(struct robots *r, int allow, const char *v, size_t n,
		 const char *text, size_t textlen, int line)
{
	if (!r->ngroups)
		return;         /* before any user-agent line: in no group */
	r->open_group = 0;
	if (!n || (v[0] != '/' && v[0] != '*'))
		return;
	struct rule ru = { .allow = (unsigned char)allow, .line = line };
	if (v[n - 1] == '$')
		ru.anchored = 1, n--;
	ru.text = add_string(r, text, textlen);
	buf_grow(&r->strings, 3 * n);
	ru.pat = r->strings.len;
	ru.patlen = normalize(v, n, r->strings.data + r->strings.len);
	r->strings.len += ru.patlen;
	buf_addc(&r->strings, '\0');
	ru.weight = ru.patlen + ru.anchored;
	r->rules = grow(r->rules, &r->caprules, r->nrules, sizeof *r->rules);
	r->rules[r->nrules++] = ru;
	r->groups[r->ngroups - 1].nrules++;
	/* As the reference implementation does: allowing a directory's
	 * index.htm(l) allows the directory ("/dir/" and nothing below it). */
	const char *slash = memrchr(v, '/', n + ru.anchored);
	size_t dir = slash ? (size_t)(slash - v) + 1 : 0;
	if (allow && slash && n + ru.anchored - dir >= 9 && memcmp(slash, "/index.htm", 10) == 0) {
		char pat[dir + 1];
		memcpy(pat, v, dir);
		pat[dir] = '$';
		rule(r, 1, pat, dir + 1, text, textlen, line);
	}
}

/* Whether the key starts with one of words, without case (the reference
 * implementation's reading, frequent misspellings included). */
static int key_is(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++) {
		size_t k = strlen(*words), i = 0;
		while (i < k && i < n && lower((unsigned char)s[i]) == (*words)[i])
			i++;
		if (i == k)
			return 1;
	}
	return 0;
}

static void parse_line(struct robots *r, const char *s, size_t n, int line)
{
	static const char *const agent_keys[] = { "user-agent", "useragent", "user agent", NULL };
	static const char *const allow_keys[] = { "allow", NULL };
	static const char *const disallow_keys[] = { "disallow", "dissallow", "dissalow",
						     "disalow", "diasllow", "disallaw", NULL };
	static const char *const sitemap_keys[] = { "sitemap", "site-map", NULL };
	const char *hash = memchr(s, '#', n);
	if (hash)
		n = (size_t)(hash - s);
	while (n && is_ws(*s))
		s++, n--;
	while (n && is_ws(s[n - 1]))
		n--;
	const char *sep = memchr(s, ':', n);
	if (!sep) {
		/* "disallow /x": white space for the colon, when the line is
		 * exactly two words. */
		sep = s;
		while (sep < s + n && !is_ws(*sep))
			sep++;
		const char *v = sep;
		while (v < s + n && is_ws(*v))
			v++;
		if (sep == s + n || memchr(v, ' ', (size_t)(s + n - v)) ||
		    memchr(v, '\t', (size_t)(s + n - v)))
			return;
	}
	size_t keylen = (size_t)(sep - s);
	while (keylen && is_ws(s[keylen - 1]))
		keylen--;
	const char *v = sep + 1;
	size_t vlen = n - (size_t)(v - s);
	while (vlen && is_ws(*v))
		v++, vlen--;
	if (key_is(s, keylen, agent_keys))
		user_agent(r, v, vlen);
	else if (key_is(s, keylen, disallow_keys))
		rule(r, 0, v, vlen, s, n, line);
	else if (key_is(s, keylen, allow_keys))
		rule(r, 1, v, vlen, s, n, line);
	else if (key_is(s, keylen, sitemap_keys) && vlen) {
		r->sitemaps = grow(r->sitemaps, &r->capsitemaps, r->nsitemaps, sizeof *r->sitemaps);
		r->sitemaps[r->nsitemaps++] = add_string(r, v, vlen);
	}
}

static struct robots *robots_new(void)
{
	struct robots *r = xcalloc(1, sizeof *r);
	buf_init(&r->strings);
	return r;
}

struct robots *robots_parse(const char *text, size_t len)
{
	struct robots *r = robots_new();
	const char *p = text, *end = text + (len > ROBOTS_MAX_BYTES ? ROBOTS_MAX_BYTES : len);
	/* The line the cap cuts is not the line as written: it goes. */
	int cut = len > ROBOTS_MAX_BYTES && end[0] != '\n' && end[0] != '\r';
	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	for (int line = 1; p < end; line++) {
		const char *eol = p;
		while (eol < end && *eol != '\n' && *eol != '\r')
			eol++;
		if (eol == end && cut)
			break;
		/* Longer lines are read as far as the reference implementation
		 * reads them. */
		size_t len = (size_t)(eol - p);
		parse_line(r, p, len > ROBOTS_MAX_LINE ? ROBOTS_MAX_LINE : len, line);
		if (eol + 1 < end && eol[0] == '\r' && eol[1] == '\n')
			eol++;
		p = eol + 1;
	}
	r->open_group = 0;
	return r;
}

struct robots *robots_allow_all(void)
{
	return robots_new();
}

struct robots *robots_disallow_all(void)
{
	struct robots *r = robots_new();
	r->deny_all = 1;
	return r;
}

void robots_free(struct robots *r)
{
	if (!r)
		return;
	buf_release(&r->strings);
	free(r->rules);
	free(r->groups);
	free(r->agents);
	free(r->sitemaps);
	free(r);
}

/* Whether p[0..m) (WILD for '*') matches the start of s[0..n), or all of it
 * when anchored. Backtracking only to the last WILD: O(m * n) at worst. */
static int pattern_match(const char *p, size_t m, int anchored, const char *s, size_t n)
{
	size_t i = 0, j = 0, star = 0, mark = 0;
	int have_star = 0;
	for (;;) {
		if (i == m && (!anchored || j == n))
			return 1;
		if (i < m && p[i] == WILD) {
			star = ++i, mark = j, have_star = 1;
		} else if (i < m && j < n && p[i] == s[j]) {
			i++, j++;
		} else if (have_star && mark < n) {
			i = star, j = ++mark;
		} else {
			return 0;
		}
	}
}

static int group_names(const struct robots *r, const struct group *g, const char *agent, size_t n)
{
	for (size_t i = g->agent0; i < g->agent0 + g->nagents; i++) {
		const char *a = r->strings.data + r->agents[i].off;
		size_t k = 0;
		if (r->agents[i].len != n)
			continue;
		while (k < n && lower((unsigned char)a[k]) == lower((unsigned char)agent[k]))
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

/* The deciding rule for the normalised path s among the groups that apply. */
static const struct rule *best_rule(const struct robots *r, const char *agent,
				    const char *s, size_t n)
{
	size_t alen = token_len(agent, strlen(agent));
	int named = 0;
	for (size_t g = 0; g < r->ngroups && !named; g++)
		named = alen && group_names(r, &r->groups[g], agent, alen);
	const struct rule *best = NULL;
	for (size_t g = 0; g < r->ngroups; g++) {
		const struct group *gr = &r->groups[g];
		if (named ? !group_names(r, gr, agent, alen) : !gr->star)
			continue;
		for (size_t i = gr->rule0; i < gr->rule0 + gr->nrules; i++) {
			const struct rule *ru = &r->rules[i];
			if (best && (ru->weight < best->weight ||
				     (ru->weight == best->weight && (best->allow || !ru->allow))))
				continue;
			if (pattern_match(r->strings.data + ru->pat, ru->patlen, ru->anchored, s, n))
				best = ru;
		}
	}
	return best;
}

int robots_allowed(const struct robots *r, const char *agent, const char *path, int *line)
{
	char stack[PATH_STACK];
	size_t len = strlen(path), n = 0;
	char *s = len + 2 > sizeof stack ? xmalloc(len + 2) : stack;
	if (path[0] != '/')
		s[n++] = '/';
	memcpy(s + n, path, len);
	n += len;
	const struct rule *best = NULL;
	int robots_txt = n == 11 && memcmp(s, "/robots.txt", 11) == 0;
	if (!robots_txt && !r->deny_all)
		best = best_rule(r, agent, s, n);
	if (s != stack)
		free(s);
	if (line)
		*line = best ? best->line : 0;
	if (robots_txt)
		return 1;
	return r->deny_all ? 0 : !best || best->allow;
}

const char *robots_rule_text(const struct robots *r, int line)
{
	size_t lo = 0, hi = r->nrules;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->rules[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nrules && r->rules[lo].line == line ? r->strings.data + r->rules[lo].text : NULL;
}

size_t robots_sitemap_count(const struct robots *r)
{
	return r->nsitemaps;
}

const char *robots_sitemap(const struct robots *r, size_t i)
{
	return i < r->nsitemaps ? r->strings.data + r->sitemaps[i] : NULL;
}
