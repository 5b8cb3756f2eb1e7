/* SPDX-License-Identifier: MIT */
/* One NDJSON record: validated and indexed by jscan, values parsed lazily by
 * jansson, output written by splicing the stage's keys into the input bytes. */
#include "record.h"

#include <math.h>
#include <string.h>

#include "jbuild.h"
#include "jout.h"
#include "jscan.h"
#include "xalloc.h"

struct slot {
	json_t *parsed;     /* cached parse of the input value */
	json_t *replaced;   /* value set by the stage */
};

struct added {
	const char *key;
	json_t *value;
};

struct record {
	const char *line;
	size_t len, open, close;
	struct jscan_member *members;
	size_t cap, count;
	struct slot *slots;
	size_t slot_cap;
	struct added *added;
	size_t n_added, added_cap;
};

struct record *record_new(void)
{
	return xcalloc(1, sizeof(struct record));
}

static void clear_values(struct record *r)
{
	for (size_t i = 0; i < r->count; i++) {
		json_decref(r->slots[i].parsed);
		json_decref(r->slots[i].replaced);
		r->slots[i].parsed = r->slots[i].replaced = NULL;
	}
	for (size_t i = 0; i < r->n_added; i++)
		json_decref(r->added[i].value);
	r->n_added = 0;
	r->count = 0;
}

void record_clear(struct record *r)
{
	clear_values(r);
}

void record_free(struct record *r)
{
	if (!r)
		return;
	clear_values(r);
	free(r->members);
	free(r->slots);
	free(r->added);
	free(r);
}

/* A value slot for each member the parse can hold. */
static void grow_slots(struct record *r)
{
	if (r->slot_cap < r->cap) {
		r->slots = xrealloc(r->slots, r->cap * sizeof *r->slots);
		memset(r->slots, 0, r->cap * sizeof *r->slots);
		r->slot_cap = r->cap;
	}
}

int record_parse(struct record *r, const char *line, size_t len, struct buf *why)
{
	struct jscan_error err;
	clear_values(r);
	r->line = line;
	r->len = len;
	enum jscan_result res = jscan_object(line, len, &r->members, &r->cap, &r->count,
					     &r->open, &r->close, &err);
	if (res != JSCAN_OK) {
		r->count = 0;
		if (res == JSCAN_INVALID)
			buf_printf(why, "invalid JSON at column %zu: %s", err.column, err.msg);
		else
			buf_adds(why, err.msg);
		return -1;
	}
	grow_slots(r);
	return 0;
}

/* The saved index: open, close, count, then each member with its key and
 * value as offsets into the line. */
struct saved_member {
	size_t key, key_len, val, val_len;
	uint32_t hash;
	int key_escaped;
};

void record_index_save(const struct record *r, struct buf *out)
{
	size_t head[3] = { r->open, r->close, r->count };
	buf_add(out, (const char *)head, sizeof head);
	for (size_t i = 0; i < r->count; i++) {
		const struct jscan_member *m = &r->members[i];
		struct saved_member s = { (size_t)(m->key - r->line), m->key_len,
					  (size_t)(m->val - r->line), m->val_len, m->hash,
					  m->key_escaped };
		buf_add(out, (const char *)&s, sizeof s);
	}
}

void record_reparse(struct record *r, const char *line, size_t len, const char *index)
{
	size_t head[3];
	clear_values(r);
	memcpy(head, index, sizeof head);
	r->line = line, r->len = len, r->open = head[0], r->close = head[1];
	if (r->cap < head[2]) {
		r->cap = head[2];
		r->members = xrealloc(r->members, r->cap * sizeof *r->members);
	}
	r->count = head[2];
	index += sizeof head;
	for (size_t i = 0; i < r->count; i++) {
		struct saved_member s;
		memcpy(&s, index + i * sizeof s, sizeof s);
		r->members[i] = (struct jscan_member){ line + s.key, s.key_len, line + s.val,
						       s.val_len, s.hash, s.key_escaped };
	}
	grow_slots(r);
}

static long find(const struct record *r, const char *key)
{
	size_t n = strlen(key);
	uint32_t h = jscan_hash(key, n);
	for (size_t i = r->count; i-- > 0;) {
		const struct jscan_member *m = &r->members[i];
		if (m->hash == h && jscan_key_is(m, key, n))
			return (long)i;
	}
	return -1;
}

json_t *record_get(struct record *r, const char *key)
{
	long i = find(r, key);
	if (i < 0)
		return NULL;
	struct slot *s = &r->slots[i];
	if (s->replaced)
		return s->replaced;
	if (!s->parsed) {
		const struct jscan_member *m = &r->members[i];
		s->parsed = jbuild_value(m->val, m->val_len);
	}
	return s->parsed;
}

const char *record_get_string(struct record *r, const char *key)
{
	return json_string_value(record_get(r, key));
}

int record_get_number(struct record *r, const char *key, double *out)
{
	json_t *v = record_get(r, key);
	if (!json_is_number(v))
		return 0;
	*out = json_number_value(v);
	return 1;
}

double record_path_number(struct record *r, const char *path)
{
	json_t *v = record_get_path(r, path);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

json_t *record_get_path(struct record *r, const char *path)
{
	char top[128];
	const char *dot = strchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	if (n >= sizeof top)
		return NULL;
	memcpy(top, path, n);
	top[n] = '\0';
	json_t *v = record_get(r, top);
	while (v && dot) {
		const char *part = dot + 1;
		dot = strchr(part, '.');
		n = dot ? (size_t)(dot - part) : strlen(part);
		v = json_is_object(v) ? json_object_getn(v, part, n) : NULL;
	}
	return v;
}

const char *record_get_raw(struct record *r, const char *key, size_t *len)
{
	long i = find(r, key);
	if (i < 0)
		return NULL;
	*len = r->members[i].val_len;
	return r->members[i].val;
}

void record_set(struct record *r, const char *key, json_t *value)
{
	long i = find(r, key);
	if (i >= 0) {
		json_decref(r->slots[i].replaced);
		r->slots[i].replaced = value;
		return;
	}
	for (size_t k = 0; k < r->n_added; k++)
		if (strcmp(r->added[k].key, key) == 0) {
			json_decref(r->added[k].value);
			r->added[k].value = value;
			return;
		}
	if (r->n_added == r->added_cap) {
		r->added_cap = r->added_cap ? r->added_cap * 2 : 8;
		r->added = xrealloc(r->added, r->added_cap * sizeof *r->added);
	}
	r->added[r->n_added].key = key;
	r->added[r->n_added].value = value;
	r->n_added++;
}

void record_write(struct record *r, struct buf *out)
{
	const char *from = r->line + r->open;
	for (size_t i = 0; i < r->count; i++) {
		const struct jscan_member *m = &r->members[i];
		if (!r->slots[i].replaced)
			continue;
		buf_add(out, from, (size_t)(m->val - from));
		jout_value(out, r->slots[i].replaced);
		from = m->val + m->val_len;
	}
	buf_add(out, from, (size_t)(r->line + r->close - from));
	for (size_t k = 0; k < r->n_added; k++) {
		if (r->count || k)
			buf_addc(out, ',');
		buf_addc(out, '"');
		buf_adds(out, r->added[k].key);
		buf_add(out, "\":", 2);
		jout_value(out, r->added[k].value);
	}
	buf_add(out, "}\n", 2);
}
