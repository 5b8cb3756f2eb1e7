/* SPDX-License-Identifier: MIT */
/* Which sources list which listing, in discover.db (listing_sources,
 * listing_keys): the same house from two sources is one listing, known by
 * the first one's id, recognised by its normalised address, unit and ZIP;
 * and a listing that a complete crawl of every source listing it no longer
 * finds is delisted, once. */
#ifndef BIRDDOG_LISTING_SOURCES_H
#define BIRDDOG_LISTING_SOURCES_H

#include "buf.h"

struct store;
struct listing_sources;

struct listing_sources *listing_sources_new(struct store *s, struct buf *err);
void listing_sources_free(struct listing_sources *ls);

/* The id of source's listing source_id, whose address key (address.h's
 * LINE|UNIT|ZIP, NULL when unknown) is key: the one it had, else the one
 * another source's listing at that address has, else "SOURCE:SOURCE_ID".
 * Records the sighting by crawl n. Sets *news to LISTING_RELISTED when
 * the listing had been delisted, LISTING_JOINED when this source lists a
 * listing another source listed first, else 0; and sources to the JSON
 * list of the listing's sources when there are several (else empty). 0,
 * or -1 on a database error. */
enum { LISTING_RELISTED_NEWS = 1, LISTING_JOINED_NEWS = 2 };
int listing_sources_identify(struct listing_sources *ls, const char *source,
			     const char *source_id, const char *url, const char *key, long crawl,
			     struct buf *id, struct buf *sources, int *news);

/* A sighting of a listing by a source that is not its first (the listing
 * is known by another source's id): compared with this source's own last
 * sighting, not the other's, so that two sources that disagree do not
 * make news of each other. Sets *event (listing_state.h's: new, a price
 * change, a status change, updated or unchanged) and *previous for price
 * events. 0 or -1. */
int listing_sources_observe(struct listing_sources *ls, const char *source,
			    const char *source_id, const long long *price, const char *status,
			    const char *content_hash, int *event, long long *previous);

/* A listing an unchanged page still shows: seen by crawl n of source.
 * Returns 1 when it had been delisted (it is listed again: its last
 * record, "HEAD\nBODY", is in record and the price history has a
 * 'relisted' row at seen_at), 0, or -1. */
int listing_sources_seen(struct listing_sources *ls, const char *source, const char *id,
			 long crawl, const char *seen_at, struct buf *record);

/* After a complete crawl n of source: its listings that crawl did not
 * see are marked delisted; fn is called for each that no source lists any
 * more, with its last record ("HEAD\nBODY"), and its price history gets a
 * 'delisted' row at seen_at. Returns how many fn got, or -1. */
long listing_sources_sweep(struct listing_sources *ls, const char *source, long crawl,
			   const char *seen_at,
			   void (*fn)(void *ctx, const char *id, const char *record), void *ctx);

#endif
