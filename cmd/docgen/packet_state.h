/* SPDX-License-Identifier: MIT */
/* The packets table: which memo (sha256 of its bodies, and where its files
 * are) docgen last wrote for each record id, so unchanged ones are skipped. */
#ifndef BIRDDOG_PACKET_STATE_H
#define BIRDDOG_PACKET_STATE_H

#include "buf.h"

struct store;
struct store_schema;

/* The tables of docgen.db (for cli_open_store). */
extern const struct store_schema packet_state_schema;
struct packet_state;

/* Prepares the statements on s (borrowed: it must outlive the result).
 * NULL with a message in err on failure. Free with packet_state_free. */
struct packet_state *packet_state_new(struct store *s, struct buf *err);
void packet_state_free(struct packet_state *ps);

/* 1 when id's row has this sha256 and these two paths, 0 when not (or no
 * row), -1 on a database error (message in packet_state_errmsg). */
int packet_state_same(struct packet_state *ps, const char *id, const char *sha256,
		      const char *html_path, const char *text_path);

/* Inserts or replaces id's row. 0, or -1 on a database error. */
int packet_state_put(struct packet_state *ps, const char *id, const char *sha256,
		     const char *html_path, const char *text_path, const char *updated_at);

/* The last database error (borrowed). */
const char *packet_state_errmsg(struct packet_state *ps);

#endif
