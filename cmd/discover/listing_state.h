/* SPDX-License-Identifier: MIT */
/* The listings discover(1) has seen and their price history, in discover.db
 * (tables listings and price_history): what changed since a listing was
 * last seen, as one event. */
#ifndef BIRDDOG_LISTING_STATE_H
#define BIRDDOG_LISTING_STATE_H

#include "buf.h"

struct store;
struct store_schema;

/* The tables of discover.db (for cli_open_store). */
extern const struct store_schema listing_state_schema;
struct listing_state;

enum listing_event {
	LISTING_NEW,
	LISTING_PRICE_DROP,
	LISTING_PRICE_UP,
	LISTING_STATUS_CHANGE,
	LISTING_UPDATED,
	LISTING_SALE,      /* a sale not seen before of a property seen before */
	LISTING_UNCHANGED,
	LISTING_CONFLICT,  /* seen earlier in this run with other content: not stored */
	LISTING_ALSO,      /* seen earlier in this run from another source: not stored */
	LISTING_DELISTED,  /* gone from a complete crawl of every source that listed it */
	LISTING_RELISTED   /* listed again after that */
};

/* "new", "price_drop", ...; static. */
const char *listing_event_name(enum listing_event e);

/* One sighting; every pointer is borrowed for the call. */
struct listing_seen {
	const char *id, *source, *source_id;
	const char *seen_at;          /* RFC 3339 */
	const long long *price;       /* NULL when the listing has none */
	const char *status;           /* NULL when absent */
	const char *content_hash;
	const char *sale_date;        /* YYYY-MM-DD of a sold record, else NULL */
	const long long *sale_price;  /* NULL when absent */
	const char *record;           /* the record's keys but seen_at and event, as
				       * "HEAD\nBODY" (listing_encode's), or NULL */
};

/* Prepares the statements on the store (borrowed; it must outlive the state)
 * and picks a token for this run. NULL with a message in err. Free with
 * listing_state_free. */
struct listing_state *listing_state_new(struct store *s, struct buf *err);
void listing_state_free(struct listing_state *ls);

/* Compares a sighting with the last one of the same id, stores it (and the
 * event, unless unchanged, in price_history) and sets *event, and
 * *previous_price for price events. A price change wins over a status
 * change, which wins over other changes. An id seen before in the same run
 * (the same state) is unchanged when its content is the same, else a
 * conflict, and then nothing is stored.
 * A sold record (sale_date set) is one sale: compared with the sale of the
 * same id and date; a sale not seen before is new (or LISTING_SALE when the
 * id was seen before), so a property sold twice gives two events, and the
 * listing row keeps the latest sale. Returns 0, or -1 (store_errmsg). */
int listing_state_observe(struct listing_state *ls, const struct listing_seen *in,
			  enum listing_event *event, long long *previous_price);

#endif
