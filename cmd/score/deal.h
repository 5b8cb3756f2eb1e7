/* SPDX-License-Identifier: MIT */
/* An investor's deal maths for a listing: the mortgage, the cash put in,
 * net operating income, cap rate, cash flow, cash-on-cash return and the
 * 70% rule's maximum offer, from the tenant's assumptions in tenant.json. */
#ifndef BIRDDOG_DEAL_H
#define BIRDDOG_DEAL_H

#include <jansson.h>

#include "buf.h"

/*
 * The formulas (also in score(1)). Percentages are divided by 100 before
 * use; "round" is to the nearest whole dollar, halves away from zero.
 *
 *   loan             = price - price * down_payment_pct
 *   mortgage_monthly = round(loan * r / (1 - (1 + r)^-n)),
 *                      r = interest_rate_pct / 12, n = term_years * 12;
 *                      round(loan / n) when r is 0
 *   cash_invested    = round(price * down_payment_pct + price * closing_costs_pct)
 *
 * With a monthly rent:
 *   gross            = rent_monthly * 12
 *   collected        = gross - gross * vacancy_pct
 *   tax              = the record's assessor tax when known (tax_source
 *                      "assessor"), else round(price * property_tax_pct)
 *                      ("assumed")
 *   noi_annual       = round(collected - collected * management_pct
 *                            - gross * repairs_pct - gross * capex_pct
 *                            - tax - price * insurance_pct)
 *   cap_rate_pct     = noi_annual / price * 100, to one decimal
 *   cash_flow        = noi_annual - 12 * mortgage_monthly   (a year's)
 *   cash_flow_monthly = round(cash_flow / 12)
 *   cash_on_cash_pct = cash_flow / cash_invested * 100, to one decimal
 *                      (none when nothing is invested)
 *
 * With the living area and an after-repair value (arv):
 *   rehab_est        = round(sqft * rehab_per_sqft)
 *   mao              = round(arv * mao_pct - rehab_est)  (may be negative)
 *
 * Each figure after the mortgage is computed from the rounded figures the
 * record shows, so the sums can be redone from the record itself.
 *
 * Example, with the defaults: price 200,000, rent 1,800, no assessor tax,
 * 1,500 sq ft, arv 260,000.
 *   loan 160,000; r = 0.07/12; n = 360; mortgage 1,064.48 -> 1,064
 *   cash_invested = 40,000 + 6,000 = 46,000
 *   gross 21,600; vacancy 1,080; collected 20,520; management 1,641.60;
 *   repairs 1,080; capex 1,080; tax 2,200 (assumed); insurance 700
 *   noi = 20,520 - 1,641.60 - 1,080 - 1,080 - 2,200 - 700 = 13,818.40 -> 13,818
 *   cap_rate = 13,818 / 200,000 = 6.9%
 *   cash_flow = 13,818 - 12,768 = 1,050 a year; 87.50 -> 88 a month
 *   cash_on_cash = 1,050 / 46,000 = 2.3%
 *   rehab_est = 37,500; mao = 182,000 - 37,500 = 144,500
 */
struct deal_assumptions {
	double down_payment_pct;    /* of the price; default 20 */
	double interest_rate_pct;   /* fixed, annual; 7 */
	double term_years;          /* a whole number; 30 */
	double closing_costs_pct;   /* of the price, paid in cash; 3 */
	double property_tax_pct;    /* of the price a year, without an assessor tax; 1.1 */
	double insurance_pct;       /* of the price a year; 0.35 */
	double vacancy_pct;         /* of the rent; 5 */
	double management_pct;      /* of the rent collected; 8 */
	double repairs_pct;         /* of the rent; 5 */
	double capex_pct;           /* of the rent; 5 */
	double rehab_per_sqft;      /* dollars per sq ft of living area; 25 */
	double mao_pct;             /* of the after-repair value; 70 */
};

void deal_defaults(struct deal_assumptions *a);

/* Reads tenant.json's "deal" object into a: every key optional (absent or
 * null gives the default). deal may be NULL or JSON null: the defaults.
 * Returns -1, with a untouched and "FILE: 'deal.vacancy_pct' must be a
 * number from 0 to 100" (the key and its range) or "FILE: 'deal.x' is not
 * a deal assumption" in err, when deal is not an object or holds a bad
 * value or an unknown key. Percentages are 0-100, term_years a whole
 * number from 1 to 50, rehab_per_sqft 0-1000. */
int deal_assumptions_load(json_t *deal, const char *file, struct deal_assumptions *a,
			  struct buf *err);

/* What the maths is done on; each is NAN (or 0 or less) when unknown. */
struct deal_input {
	double price;          /* the asking price */
	double rent_monthly;   /* the market rent */
	double tax_annual;     /* the assessor's property tax */
	double sqft;           /* living area */
	double arv;            /* after-repair value: the valuation estimate */
};

/* The "assumptions" object: the twelve values of a, the same for every
 * record, so a caller making many deals makes it once (a new reference). */
json_t *deal_assumptions_json(const struct deal_assumptions *a);

/* Returns a new "deal" object (the caller owns the reference), or NULL
 * when the price is unknown. It holds mortgage_monthly and cash_invested;
 * with a rent, noi_annual, cap_rate_pct, cash_flow_monthly and
 * cash_on_cash_pct; with sqft and arv, rehab_est and mao; and always
 * tax_annual (the tax a year used, in dollars), tax_source ("assessor" or
 * "assumed") and "assumptions": shared (a reference taken) when not NULL,
 * else made. Dollars are whole, percentages have one decimal. */
json_t *deal_build(const struct deal_assumptions *a, json_t *assumptions,
		   const struct deal_input *in);

#endif
