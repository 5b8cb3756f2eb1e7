/* SPDX-License-Identifier: MIT */
/* discover's own: its options and run, shared by main.c (options, state,
 * summary) and discover_read.c (a CSV file's header and rows). */
#ifndef BIRDDOG_DISCOVER_H
#define BIRDDOG_DISCOVER_H

#include "buf.h"
#include "cli.h"
#include "clock.h"
#include "listing.h"

struct discover_opts {
	struct cli_common common;
	const char *map;
	const char *source;
	int reso;
	int all;
	int preview;
	int offline;            /* --offline: the HTTP cache, no network */
	const char *try_url;    /* --try URL */
	const char **sources;   /* -s FILE..., and --sources DIR's */
	size_t nsources;
	const char *sources_dir;
	const char *robots;     /* --robots FILE */
	const char *agent;      /* --agent UA */
};

struct discover {
	const struct discover_opts *o;
	struct csvmap *map;
	struct store *store;
	struct listing_state *state;
	struct web_state *web;          /* for fetched sources */
	struct listing_sources *sources;
	struct reject *rej;
	struct listing rec;
	struct buf out, why, row;
	char seen_at[CLOCK_RFC3339_LEN];
	char source[65];
	const char *file;               /* the current input, for messages */
	const char *force_source;       /* a csv source's name, over -S and the map's */
	const char *force_file;         /* and its URL, for messages */
	unsigned long in, written, rejected;
	int status;
	int show_progress;
	double last_progress;
};

/* Reads path (its header, then, unless --check, its rows), writing the
 * records that are news and storing the sightings; problems set d->status. */
void discover_file(struct discover *d, const char *path);

struct source;
/* --try URL: fetches the page (with source s's rules, or the structured
 * extractors alone when s is NULL) into a copy of the state, and writes
 * the record it makes, and on stderr where each field came from. */
void try_url(struct discover *d, const struct source *s, const char *url);

/* Stores the sighting of l (encoded, its id set) by source and writes the
 * record when it is news, or with --all. sources (a JSON array's text, or
 * NULL) lists the sources of a listing several list; news (listing_sources.h)
 * says it is listed again after it was delisted, or listed by another
 * source now: news even when unchanged. 0; 1 when the listing
 * was read before in this run with other values (the reason in d->why);
 * -1 on a state error (d->status set). */
int discover_emit(struct discover *d, struct listing *l, const char *source,
		  const char *sources, int news);

/* Writes l's record with event (listing_state.h's), previous the price
 * before a price event; unchanged ones only with --all. */
void discover_write(struct discover *d, const struct listing *l, int event, long long previous,
		    const char *sources);

#endif
