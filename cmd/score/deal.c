/* SPDX-License-Identifier: MIT */
/* An investor's deal maths (see deal.h for the formulas); the mortgage is a
 * standard fixed-rate amortisation, the maximum offer the "70% rule". */
#include "deal.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

/* One assumption: its key in tenant.json, where it goes, its default and
 * the values it may take. */
struct deal_key {
	const char *name;
	size_t offset;
	double def, min, max;
	int whole;
};

#define KEY(name, def, min, max, whole) \
	{ #name, offsetof(struct deal_assumptions, name), def, min, max, whole }

static const struct deal_key keys[] = {
	KEY(down_payment_pct, 20, 0, 100, 0),
	KEY(interest_rate_pct, 7.0, 0, 100, 0),
	KEY(term_years, 30, 1, 50, 1),
	KEY(closing_costs_pct, 3, 0, 100, 0),
	KEY(property_tax_pct, 1.1, 0, 100, 0),
	KEY(insurance_pct, 0.35, 0, 100, 0),
	KEY(vacancy_pct, 5, 0, 100, 0),
	KEY(management_pct, 8, 0, 100, 0),
	KEY(repairs_pct, 5, 0, 100, 0),
	KEY(capex_pct, 5, 0, 100, 0),
	KEY(rehab_per_sqft, 25, 0, 1000, 0),
	KEY(mao_pct, 70, 0, 100, 0),
};
#define NKEYS (sizeof keys / sizeof keys[0])

static double *slot(struct deal_assumptions *a, const struct deal_key *k)
{
	return (double *)((char *)a + k->offset);
}

static double value(const struct deal_assumptions *a, const struct deal_key *k)
{
	return *(const double *)((const char *)a + k->offset);
}

static const struct deal_key *find_key(const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

void deal_defaults(struct deal_assumptions *a)
{
	for (size_t i = 0; i < NKEYS; i++)
		*slot(a, &keys[i]) = keys[i].def;
}

int deal_assumptions_load(json_t *deal, const char *file, struct deal_assumptions *a,
			  struct buf *err)
{
	struct deal_assumptions got;
	deal_defaults(&got);
	if (deal && !json_is_object(deal) && !json_is_null(deal)) {
		buf_printf(err, "%s: 'deal' must be an object, e.g. \"deal\": {\"down_payment_pct\": 20}",
			   file);
		return -1;
	}
	const char *name;
	json_t *v;
	json_object_foreach(deal, name, v) {
		const struct deal_key *k = find_key(name);
		if (!k) {
			buf_printf(err, "%s: 'deal.%s' is not a deal assumption (see score(1))", file, name);
			return -1;
		}
		if (json_is_null(v))
			continue;
		double x = json_number_value(v);
		if (!json_is_number(v) || x < k->min || x > k->max || (k->whole && x != floor(x))) {
			buf_printf(err, "%s: 'deal.%s' must be a %snumber from %g to %g", file, name,
				   k->whole ? "whole " : "", k->min, k->max);
			return -1;
		}
		*slot(&got, k) = x;
	}
	*a = got;
	return 0;
}

static int known(double x)
{
	return isfinite(x) && x > 0;
}

/* Whole dollars, halves away from zero. */
static double dollars(double x)
{
	return (double)llround(x);
}

static void set_dollars(json_t *obj, const char *key, double x)
{
	json_object_set_new(obj, key, json_integer((json_int_t)llround(x)));
}

/* A percentage to one decimal, without a "-0.0". */
static void set_pct(json_t *obj, const char *key, double x)
{
	double r = round(x * 10) / 10;
	json_object_set_new(obj, key, json_real(r == 0 ? 0 : r));
}

/* A number as it was given: 20 stays 20, 0.35 stays 0.35. */
static json_t *number(double x)
{
	return x == floor(x) && fabs(x) < 1e15 ? json_integer((json_int_t)x) : json_real(x);
}

static double mortgage(const struct deal_assumptions *a, double price)
{
	double loan = price - price * a->down_payment_pct / 100;
	double r = a->interest_rate_pct / 100 / 12, n = a->term_years * 12;
	if (r == 0)
		return dollars(loan / n);
	return dollars(loan * r / (1 - pow(1 + r, -n)));
}

static double noi(const struct deal_assumptions *a, double price, double rent, double tax)
{
	double gross = rent * 12;
	double collected = gross - gross * a->vacancy_pct / 100;
	return dollars(collected - collected * a->management_pct / 100
		       - gross * a->repairs_pct / 100 - gross * a->capex_pct / 100
		       - tax - price * a->insurance_pct / 100);
}

/* The rent's figures: noi, cap rate, cash flow and cash-on-cash. */
static void add_income(json_t *d, const struct deal_assumptions *a, const struct deal_input *in,
		       double tax, double monthly, double invested)
{
	double n = noi(a, in->price, in->rent_monthly, tax);
	double flow = n - 12 * monthly;
	set_dollars(d, "noi_annual", n);
	set_pct(d, "cap_rate_pct", n / in->price * 100);
	set_dollars(d, "cash_flow_monthly", flow / 12);
	if (invested > 0)
		set_pct(d, "cash_on_cash_pct", flow / invested * 100);
}

json_t *deal_assumptions_json(const struct deal_assumptions *a)
{
	json_t *obj = json_object();
	for (size_t i = 0; i < NKEYS; i++)
		json_object_set_new(obj, keys[i].name, number(value(a, &keys[i])));
	return obj;
}

json_t *deal_build(const struct deal_assumptions *a, json_t *assumptions,
		   const struct deal_input *in)
{
	if (!known(in->price))
		return NULL;
	int assessed = known(in->tax_annual);
	double tax = assessed ? in->tax_annual : dollars(in->price * a->property_tax_pct / 100);
	double monthly = mortgage(a, in->price);
	double invested = dollars(in->price * a->down_payment_pct / 100 +
				  in->price * a->closing_costs_pct / 100);
	json_t *d = json_object();
	set_dollars(d, "mortgage_monthly", monthly);
	set_dollars(d, "cash_invested", invested);
	if (known(in->rent_monthly))
		add_income(d, a, in, tax, monthly, invested);
	if (known(in->sqft) && known(in->arv)) {
		double rehab = dollars(in->sqft * a->rehab_per_sqft);
		set_dollars(d, "rehab_est", rehab);
		set_dollars(d, "mao", in->arv * a->mao_pct / 100 - rehab);
	}
	set_dollars(d, "tax_annual", tax);
	json_object_set_new(d, "tax_source", json_string(assessed ? "assessor" : "assumed"));
	if (assumptions)
		json_object_set(d, "assumptions", assumptions);
	else
		json_object_set_new(d, "assumptions", deal_assumptions_json(a));
	return d;
}
