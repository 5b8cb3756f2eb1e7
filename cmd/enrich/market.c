/* SPDX-License-Identifier: MIT */
/* A record's market members (see market.h): the sales book, the ZIP
 * figures and the rents read on first use, then one comps search, two
 * cached look-ups and a few numbers a record, put into a jansson object. */
#include "market.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "comps.h"
#include "daynum.h"
#include "parcel_state.h"
#include "rent_table.h"
#include "sale_book.h"
#include "xalloc.h"
#include "zip_stats.h"

struct market {
	struct store *store;
	struct parcel_state *parcels;
	int k;
	int loaded;
	struct sale_book *book;         /* NULL when no sale is loaded */
	struct zip_stats *zips;
	struct rent_table *rents;       /* NULL when no rent is loaded */
	struct comps comps;             /* one record's, reused */
};

/* The members a run with sales loaded computes: an earlier run's are
 * dropped first, so that one no longer computed does not linger. */
static const char *const from_sales[] = {
	"as_of", "comps", "comps_count", "comps_basis", "comps_radius_mi", "comps_ppsf",
	"comps_value", "zip_median_ppsf", "zip_median_basis", "zip_sales", "zip_trend_pct",
	"trend_basis", "prior_sale",
};

struct market *market_new(struct store *store, struct parcel_state *parcels, int comps)
{
	struct market *m = xcalloc(1, sizeof *m);
	m->store = store;
	m->parcels = parcels;
	m->k = comps;
	return m;
}

void market_free(struct market *m)
{
	if (!m)
		return;
	zip_stats_free(m->zips);
	sale_book_free(m->book);
	rent_table_free(m->rents);
	free(m);
}

static int load(struct market *m, struct buf *err)
{
	m->loaded = 1;
	if (!(m->book = sale_book_load(m->store, err)) || !(m->rents = rent_table_load(m->store, err)))
		return -1;
	if (sale_book_count(m->book) == 0) {
		sale_book_free(m->book);
		m->book = NULL;
	} else {
		m->zips = zip_stats_new(m->book);
	}
	if (rent_table_count(m->rents) == 0) {
		rent_table_free(m->rents);
		m->rents = NULL;
	}
	return 0;
}

/* x to places decimals, without a "-0.0". */
static json_t *decimal(double x, int places)
{
	double scale = places == 1 ? 10 : places == 2 ? 100 : 1000;
	double r = round(x * scale) / scale;
	return json_real(r == 0 ? 0 : r);
}

static json_t *date_json(long day)
{
	char text[DAYNUM_TEXT_LEN];
	daynum_format(day, text);
	return json_string(text);
}

static json_t *comp_json(const struct sale_book *b, const struct comp *c)
{
	json_t *o = json_object();
	const struct sale_entry *e = c->e;
	json_object_set_new(o, "id", json_string(sale_book_id(b, e)));
	json_object_set_new(o, "price", json_integer(e->price));
	json_object_set_new(o, "sale_date", date_json(e->day));
	json_object_set_new(o, "distance_mi", isnan(c->miles) ? json_null() : decimal(c->miles, 2));
	if (!isnan(e->ln_sqft)) {
		json_object_set_new(o, "sqft", json_integer((json_int_t)llround(e->sqft)));
		json_object_set_new(o, "ppsf", decimal((double)e->price / e->sqft, 1));
	}
	json_object_set_new(o, "similarity", decimal(exp(-c->d), 3));
	return o;
}

static void subject_of(const struct market_subject *in, struct comps_subject *s)
{
	sale_property_init(&s->who, in->id, in->key);
	s->lat = in->lat, s->lon = in->lon;
	s->zip = sale_book_zip_number(in->zip);
	s->beds = in->beds, s->baths = in->baths, s->sqft = in->sqft > 0 ? in->sqft : NAN;
	s->lot_sqft = in->lot_sqft > 0 ? in->lot_sqft : NAN;
	s->year_built = in->year_built > 0 ? in->year_built : NAN;
	s->as_of = in->as_of;
	comps_subject_logs(s);
}

static void add_comps(struct market *m, json_t *mk, const struct comps_subject *s, double trend)
{
	struct comps *c = &m->comps;
	struct comps_estimate est;
	comps_find(m->book, s, m->k, c);
	if (c->basis == COMPS_NONE)
		return;
	json_t *list = json_array();
	for (int i = 0; i < c->n; i++)
		json_array_append_new(list, comp_json(m->book, &c->c[i]));
	json_object_set_new(mk, "comps", list);
	json_object_set_new(mk, "comps_count", json_integer(c->n));
	json_object_set_new(mk, "comps_basis", json_string(c->basis == COMPS_RADIUS ? "radius" : "zip"));
	if (c->basis == COMPS_RADIUS)
		json_object_set_new(mk, "comps_radius_mi", json_real(c->radius));
	comps_estimate(c, s, trend, &est);
	if (!isnan(est.ppsf))
		json_object_set_new(mk, "comps_ppsf", decimal(est.ppsf, 1));
	if (!isnan(est.value))
		json_object_set_new(mk, "comps_value", json_integer((json_int_t)llround(est.value)));
}

/* The ZIP median, from the sales or else the assessor: 1 when set, 0
 * when neither gives one, -1 on a database error. */
static int add_zip(struct market *m, json_t *mk, const struct market_subject *in,
		   const struct zip_figures *f, double *median)
{
	if (f && !isnan(f->median_ppsf)) {
		*median = f->median_ppsf;
		json_object_set_new(mk, "zip_median_ppsf", decimal(*median, 1));
		json_object_set_new(mk, "zip_median_basis", json_string("sales"));
		json_object_set_new(mk, "zip_sales", json_integer(f->sales));
		return 1;
	}
	int rc = parcel_state_zip_median(m->parcels, in->assessor_zip, median);
	if (rc != 1) {
		*median = NAN;
		return rc;
	}
	json_object_set_new(mk, "zip_median_ppsf", decimal(*median, 1));
	if (m->book)
		json_object_set_new(mk, "zip_median_basis", json_string("assessor"));
	return 1;
}

static void add_trend(json_t *mk, const struct zip_figures *f)
{
	if (isnan(f->trend))
		return;
	json_object_set_new(mk, "zip_trend_pct", decimal(100 * f->trend, 1));
	json_object_set_new(mk, "trend_basis", json_string(f->trend_zip ? "zip" : "county"));
}

static void add_prior(struct market *m, json_t *mk, const struct comps_subject *s)
{
	const struct sale_entry *prior = sale_book_prior(m->book, &s->who, s->as_of);
	if (!prior)
		return;
	json_t *p = json_object();
	json_object_set_new(p, "price", json_integer(prior->price));
	json_object_set_new(p, "sale_date", date_json(prior->day));
	json_object_set_new(p, "months",
			    decimal((double)(s->as_of - prior->day) / COMPS_DAYS_PER_MONTH, 1));
	json_object_set_new(mk, "prior_sale", p);
}

/* rent_est, when rents are loaded; 1 when that changed mk. */
static int add_rent(struct market *m, json_t *mk, const struct market_subject *s)
{
	if (!m->rents)
		return 0;
	int changed = json_object_del(mk, "rent_est") == 0;
	long long rent = rent_table_find(m->rents, sale_book_zip_number(s->zip), s->beds);
	if (rent < 0)
		return changed;
	json_object_set_new(mk, "rent_est", json_integer(rent));
	return 1;
}

/* The sales' members up to the comps, and the ZIP's figures; the old ones
 * dropped first. */
static const struct zip_figures *add_sales(struct market *m, json_t *mk,
					   const struct market_subject *in,
					   struct comps_subject *s)
{
	for (size_t i = 0; i < sizeof from_sales / sizeof *from_sales; i++)
		json_object_del(mk, from_sales[i]);
	subject_of(in, s);
	const struct zip_figures *f = zip_stats_get(m->zips, s->zip, daynum_month_start(s->as_of));
	json_object_set_new(mk, "as_of", date_json(s->as_of));
	if (m->k > 0)
		add_comps(m, mk, s, f->trend);
	return f;
}

int market_add(struct market *m, struct record *rec, const struct market_subject *s,
	       double *zip_median, struct buf *err)
{
	*zip_median = NAN;
	if (!m->loaded && load(m, err) < 0)
		return -1;
	json_t *old = record_get(rec, "market");
	json_t *mk = json_is_object(old) ? json_copy(old) : json_object();
	struct comps_subject cs;
	const struct zip_figures *f = m->book ? add_sales(m, mk, s, &cs) : NULL;
	int rc = add_zip(m, mk, s, f, zip_median);
	if (rc < 0) {
		buf_printf(err, "reading parcels: %s", parcel_state_errmsg(m->parcels));
		json_decref(mk);
		return -1;
	}
	if (f) {
		add_trend(mk, f);
		add_prior(m, mk, &cs);
	}
	/* An untouched market object keeps its bytes: it is not set again. */
	if (add_rent(m, mk, s) || rc == 1 || f)
		record_set(rec, "market", mk);
	else
		json_decref(mk);
	return 0;
}
