/* SPDX-License-Identifier: MIT */
/* A listing's sighting stored in discover.db and, when it is news, written
 * on standard output (see discover.h): shared by every kind of input. */
#include "discover.h"

#include <stdio.h>
#include <sysexits.h>

#include "diag.h"
#include "listing_sources.h"
#include "listing_state.h"
#include "store.h"

int discover_emit(struct discover *d, struct listing *l, const char *source,
		  const char *sources, int news)
{
	long long price = l->num[LF_PRICE], sold = l->num[LF_SALE_PRICE], previous = 0;
	struct buf record = BUF_INIT;
	buf_add(&record, l->head.data, l->head.len);
	buf_addc(&record, '\n');
	buf_add(&record, l->body.data, l->body.len);
	struct listing_seen seen = {
		.id = l->id.data, .source = source,
		.source_id = listing_text(l, LF_SOURCE_ID), .seen_at = d->seen_at,
		.price = listing_has(l, LF_PRICE) ? &price : NULL,
		.status = listing_text(l, LF_STATUS),
		.sale_date = listing_text(l, LF_SALE_DATE),
		.sale_price = listing_has(l, LF_SALE_PRICE) ? &sold : NULL,
		.record = record.data,
	};
	char hash[17];
	enum listing_event ev;
	snprintf(hash, sizeof hash, "%016llx", (unsigned long long)l->hash);
	seen.content_hash = hash;
	int rc = store_batch_tick(d->store) < 0 ||
		 listing_state_observe(d->state, &seen, &ev, &previous) < 0;
	buf_release(&record);
	if (rc) {
		diag_error("updating state: %s", store_errmsg(d->store));
		d->status = EX_IOERR;
		return -1;
	}
	if (ev == LISTING_CONFLICT) {
		buf_adds(&d->why, "'");
		for (const char *p = l->id.data; *p; p++)
			buf_addc(&d->why, (unsigned char)*p < 0x20 ? '?' : *p);
		buf_adds(&d->why, "' was read before in this run with other values");
		return 1;
	}
	if ((news & LISTING_RELISTED_NEWS) && (ev == LISTING_UNCHANGED || ev == LISTING_UPDATED))
		ev = LISTING_RELISTED;
	/* Another source lists it now: the record with its sources is news. */
	if ((news & LISTING_JOINED_NEWS) && (ev == LISTING_UNCHANGED || ev == LISTING_ALSO))
		ev = LISTING_UPDATED;
	discover_write(d, l, ev == LISTING_ALSO ? LISTING_UNCHANGED : ev, previous, sources);
	return 0;
}

void discover_write(struct discover *d, const struct listing *l, int event, long long previous,
		    const char *sources)
{
	if (event == LISTING_UNCHANGED && !d->o->all)
		return;
	int priced = event == LISTING_PRICE_DROP || event == LISTING_PRICE_UP;
	buf_reset(&d->out);
	listing_write(l, &d->out, d->seen_at, listing_event_name(event), priced ? &previous : NULL,
		      sources);
	fwrite(d->out.data, 1, d->out.len, stdout);
	d->written++;
}
