/* SPDX-License-Identifier: MIT */
/* The tenant's identity from CONFIGDIR/tenant.json: company, sender, postal
 * address and branding, validated before it reaches a header or HTML. */
#ifndef BIRDDOG_TENANT_H
#define BIRDDOG_TENANT_H

#include <jansson.h>

#include "buf.h"

/* Strings are borrowed from json, which the struct owns (tenant_release).
 * Absent optional values are NULL, except the defaults noted. */
struct tenant {
	json_t *json;             /* the whole file, for templates ({} when none) */
	char *path;               /* the file read (owned) */
	int found;                /* 0 when the file does not exist */
	const char *company;      /* default "birddog" */
	const char *sender_name;
	const char *sender_email;
	const char *reply_to;
	const char *postal_address;
	const char *phone;
	const char *website;
	const char *unsubscribe_email;
	const char *unsubscribe_url;
	const char *color_primary;  /* "#rrggbb" or "#rgb"; default "#1d4e89" */
	const char *color_accent;   /* default "#f2a541" */
	int share_owner_name;       /* memos may name the owner of record; default 0 */
};

/* 1 when u is a URL birddog puts in a header or an href: "https://" (or,
 * unless https_only, "http://") and a host, printable ASCII without spaces,
 * quotes, angle brackets or any of \ ^ ` { | }. */
int tenant_url_valid(const char *u, int https_only);

/* Loads tenant name's tenant.json. A missing file gives the defaults and
 * returns 0; a malformed or invalid one returns -1 with the reason in err. */
int tenant_load(const char *name, struct tenant *t, struct buf *err);
/* Same, from an explicit file. */
int tenant_load_file(const char *path, struct tenant *t, struct buf *err);
/* Same, from a JSON object not yet written to path (path only names it in
 * messages); the tenant holds a reference to json. */
int tenant_from_json(json_t *json, const char *path, struct tenant *t, struct buf *err);
void tenant_release(struct tenant *t);

#endif
