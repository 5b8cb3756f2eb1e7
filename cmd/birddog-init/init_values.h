/* SPDX-License-Identifier: MIT */
/* The values of the tenant.json birddog-init writes, one per key, and the
 * rules they must pass: birddog-init's own (required values, the https
 * unsubscribe URL, no example identity), then tenant_load_file's. */
#ifndef BIRDDOG_INIT_VALUES_H
#define BIRDDOG_INIT_VALUES_H

#include <jansson.h>

#include "buf.h"
#include "tenant.h"

enum init_field {
	INIT_COMPANY, INIT_SENDER_NAME, INIT_SENDER_EMAIL, INIT_REPLY_TO, INIT_POSTAL_ADDRESS,
	INIT_PHONE, INIT_WEBSITE, INIT_UNSUBSCRIBE_EMAIL, INIT_UNSUBSCRIBE_URL,
	INIT_COLOR_PRIMARY, INIT_COLOR_ACCENT, INIT_NFIELDS
};

/* A key of tenant.json, the option that gives it and the question that asks
 * for it. Static strings. */
struct init_field_info {
	const char *key;        /* dotted: "sender.email" */
	const char *option;     /* "--sender-email" */
	const char *question;   /* "Sender's email address" */
	int required;
	int is_email;
};
extern const struct init_field_info init_fields[INIT_NFIELDS];

/* value[] is borrowed (from argv or a loaded tenant) unless an answer set it
 * (init_values_set), which the struct then owns. NULL or "" is absent. */
struct init_values {
	const char *value[INIT_NFIELDS];
	char *owned[INIT_NFIELDS];
	int share_owner_name;        /* -1 when not given */
	int allow_example_domain;
	struct tenant example;       /* the installed example; example.found 0 when none */
};

void init_values_init(struct init_values *v);
void init_values_release(struct init_values *v);
/* Takes answer (malloc'd, may be NULL) as field f's value. */
void init_values_set(struct init_values *v, enum init_field f, char *answer);
/* Borrows every field of a loaded tenant's json (which must outlive v). */
void init_values_from_tenant(struct init_values *v, const struct tenant *t);
/* Loads the installed example tenant.json (paths_share_dir) for the
 * identity rules; none at all is no error. */
void init_values_load_example(struct init_values *v);

/* birddog-init's rules for field f: 0, or -1 with the reason in err,
 * naming the key. */
int init_values_check_field(const struct init_values *v, enum init_field f, struct buf *err);
/* The first field of v failing its rule, or -1 when every one passes. */
int init_values_check(const struct init_values *v, struct buf *err);

/* The tenant.json object: a copy of base (NULL, or the tenant.json --force
 * updates, so that keys birddog-init does not know are kept), the values
 * given set and those absent removed, the branding's defaults and
 * share_owner_name (false unless given). NULL with the reason in err (a
 * value that is not UTF-8). The caller owns the result. */
json_t *init_values_json(const struct init_values *v, json_t *base, struct buf *err);
/* The programs' own rules (tenant_from_json) on draft. 0, or -1 with the
 * reason in err, naming path as the file (NULL: no file). */
int init_values_validate(json_t *draft, const char *path, struct buf *err);

#endif
