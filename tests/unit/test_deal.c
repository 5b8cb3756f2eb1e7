/* SPDX-License-Identifier: MIT */
/* score's deal maths against sums done by hand (the working is in the
 * comments), and tenant.json's "deal" assumptions refused with the key named. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "deal.h"
#include "tap.h"

#define NONE LLONG_MIN

/* A whole-dollar member, or NONE when absent or not an integer. */
static long long dollars(json_t *d, const char *key)
{
	json_t *v = json_object_get(d, key);
	return json_is_integer(v) ? (long long)json_integer_value(v) : NONE;
}

/* A percentage member in tenths (6.9 is 69), or NONE when absent or not a real. */
static long long tenths(json_t *d, const char *key)
{
	json_t *v = json_object_get(d, key);
	return json_is_real(v) ? llround(json_real_value(v) * 10) : NONE;
}

static const char *text(json_t *d, const char *key)
{
	return json_string_value(json_object_get(d, key));
}

/* Loads the "deal" object written as text; the result of deal_assumptions_load. */
static int load(const char *json, struct deal_assumptions *a, struct buf *err)
{
	json_error_t jerr;
	json_t *j = json_loads(json, JSON_DECODE_ANY, &jerr);
	if (!j)
		return printf("# bad test JSON: %s\n", jerr.text), -2;
	buf_reset(err);
	int rc = deal_assumptions_load(j, "tenant.json", a, err);
	json_decref(j);
	return rc;
}

/* json is refused with exactly want as the message. */
static void refused(const char *json, const char *want, const char *what)
{
	struct buf err = BUF_INIT;
	struct deal_assumptions a;
	deal_defaults(&a);
	char name[200];
	snprintf(name, sizeof name, "%s: refused", what);
	check_int(load(json, &a, &err), -1, name);
	snprintf(name, sizeof name, "%s: the message", what);
	check_str(buf_cstr(&err), want, name);
	buf_release(&err);
}

/* Defaults; price 200,000, rent 1,800, 1,500 sq ft, arv 260,000 (deal.h's example).
 *   loan = 200,000 - 40,000 = 160,000; r = 0.07/12; n = 360
 *   mortgage = 160,000 * r / (1 - (1+r)^-360) = 1,064.48 -> 1,064
 *   cash_invested = 40,000 down + 6,000 closing = 46,000
 *   gross 21,600; vacancy 5% 1,080; collected 20,520; management 8% of it
 *   1,641.60; repairs 5% 1,080; capex 5% 1,080; insurance 0.35% 700 */
static void test_defaults(void)
{
	struct deal_assumptions a;
	deal_defaults(&a);
	struct deal_input in = { 200000, 1800, NAN, 1500, 260000 };
	json_t *d = deal_build(&a, NULL, &in);
	check(d != NULL, "defaults: a deal");
	check_int(dollars(d, "mortgage_monthly"), 1064, "defaults: mortgage");
	check_int(dollars(d, "cash_invested"), 46000, "defaults: cash invested");
	/* tax assumed 1.1% = 2,200; noi = 20,520 - 1,641.60 - 1,080 - 1,080 -
	 * 2,200 - 700 = 13,818.40 -> 13,818 */
	check_int(dollars(d, "noi_annual"), 13818, "defaults: noi");
	/* 13,818 / 200,000 = 6.909% */
	check_int(tenths(d, "cap_rate_pct"), 69, "defaults: cap rate");
	/* 13,818 - 12 * 1,064 = 1,050 a year; 87.50 a month -> 88 */
	check_int(dollars(d, "cash_flow_monthly"), 88, "defaults: cash flow, a half rounded up");
	/* 1,050 / 46,000 = 2.28% */
	check_int(tenths(d, "cash_on_cash_pct"), 23, "defaults: cash on cash");
	/* 1,500 * 25 = 37,500; 70% of 260,000 = 182,000; 182,000 - 37,500 */
	check_int(dollars(d, "rehab_est"), 37500, "defaults: rehab");
	check_int(dollars(d, "mao"), 144500, "defaults: mao");
	json_t *as = json_object_get(d, "assumptions");
	check_str(text(d, "tax_source"), "assumed", "defaults: the tax is assumed");
	check_int(dollars(d, "tax_annual"), 2200, "defaults: the assumed tax echoed");
	check_int(dollars(as, "term_years"), 30, "defaults: term echoed as given");
	check(json_is_real(json_object_get(as, "insurance_pct")) &&
	      json_real_value(json_object_get(as, "insurance_pct")) == 0.35,
	      "defaults: insurance 0.35 echoed");
	check_int(json_object_size(as), 12, "defaults: the twelve assumptions");
	check_int(json_object_size(d), 11, "defaults: eight figures, the tax, its source, the assumptions");
	json_decref(d);
}

/* The same with the assessor's tax of 1,890 instead of 2,200 assumed:
 *   noi = 13,818.40 + 2,200 - 1,890 = 14,128.40 -> 14,128; cap 7.06%
 *   14,128 - 12,768 = 1,360 a year; 113.33 -> 113 a month; 1,360 / 46,000 = 2.96% */
static void test_assessor_tax(void)
{
	struct deal_assumptions a;
	deal_defaults(&a);
	struct deal_input in = { 200000, 1800, 1890, 1500, 260000 };
	json_t *d = deal_build(&a, NULL, &in);
	check_int(dollars(d, "noi_annual"), 14128, "assessor tax: noi");
	check_int(tenths(d, "cap_rate_pct"), 71, "assessor tax: cap rate");
	check_int(dollars(d, "cash_flow_monthly"), 113, "assessor tax: cash flow");
	check_int(tenths(d, "cash_on_cash_pct"), 30, "assessor tax: cash on cash");
	check_str(text(d, "tax_source"), "assessor", "assessor tax: its source");
	check_int(dollars(d, "tax_annual"), 1890, "assessor tax: echoed");
	json_decref(d);

	/* A tax of 2,188: noi = 13,818.40 + 12 = 13,830.40 -> 13,830;
	 * 13,830 - 12,768 = 1,062 a year; 88.50 -> 89 a month (away from zero,
	 * not to the even 88) */
	in.tax_annual = 2188;
	d = deal_build(&a, NULL, &in);
	check_int(dollars(d, "cash_flow_monthly"), 89, "assessor tax: a half away from zero");
	json_decref(d);
}

/* The tenant's own: price 100,000, rent 1,200, 1,000 sq ft, arv 150,000.
 *   loan 75,000; r = 0.005; n = 180; mortgage 632.89 -> 633
 *   cash_invested = 25,000 + 2,000 = 27,000
 *   gross 14,400; vacancy 10% 1,440; collected 12,960; management 10% 1,296;
 *   repairs and capex 0; tax 1% 1,000; insurance 0.5% 500
 *   noi = 12,960 - 1,296 - 1,000 - 500 = 10,164; cap 10.164%
 *   10,164 - 12 * 633 = 2,568 a year; 214 a month; 2,568 / 27,000 = 9.51%
 *   rehab 1,000 * 40 = 40,000; mao = 75% of 150,000 - 40,000 = 72,500 */
static void test_tenant_assumptions(void)
{
	struct deal_assumptions a;
	struct buf err = BUF_INIT;
	int rc = load("{\"down_payment_pct\": 25, \"interest_rate_pct\": 6, \"term_years\": 15,"
		      " \"closing_costs_pct\": 2, \"property_tax_pct\": 1, \"insurance_pct\": 0.5,"
		      " \"vacancy_pct\": 10, \"management_pct\": 10, \"repairs_pct\": 0,"
		      " \"capex_pct\": 0, \"rehab_per_sqft\": 40, \"mao_pct\": 75}", &a, &err);
	check_int(rc, 0, "tenant's: loads");
	check_str(buf_cstr(&err), "", "tenant's: no message");
	struct deal_input in = { 100000, 1200, NAN, 1000, 150000 };
	json_t *d = deal_build(&a, NULL, &in);
	check_int(dollars(d, "mortgage_monthly"), 633, "tenant's: mortgage");
	check_int(dollars(d, "cash_invested"), 27000, "tenant's: cash invested");
	check_int(dollars(d, "noi_annual"), 10164, "tenant's: noi");
	check_int(tenths(d, "cap_rate_pct"), 102, "tenant's: cap rate");
	check_int(dollars(d, "cash_flow_monthly"), 214, "tenant's: cash flow");
	check_int(tenths(d, "cash_on_cash_pct"), 95, "tenant's: cash on cash");
	check_int(dollars(d, "rehab_est"), 40000, "tenant's: rehab");
	check_int(dollars(d, "mao"), 72500, "tenant's: mao");
	check_int(dollars(json_object_get(d, "assumptions"), "vacancy_pct"), 10,
		  "tenant's: vacancy echoed");
	json_decref(d);
	buf_release(&err);
}

/* No interest: 160,000 / 120 months = 1,333.33 -> 1,333.
 *   noi 13,818 (as by default); 13,818 - 15,996 = -2,178 a year;
 *   -181.50 a month -> -182 (halves away from zero); -2,178 / 46,000 = -4.73% */
static void test_zero_rate(void)
{
	struct deal_assumptions a;
	struct buf err = BUF_INIT;
	check_int(load("{\"interest_rate_pct\": 0, \"term_years\": 10}", &a, &err), 0,
		  "zero rate: loads");
	struct deal_input in = { 200000, 1800, NAN, NAN, NAN };
	json_t *d = deal_build(&a, NULL, &in);
	check_int(dollars(d, "mortgage_monthly"), 1333, "zero rate: the loan over the months");
	check_int(dollars(d, "cash_flow_monthly"), -182, "zero rate: a negative half rounded down");
	check_int(tenths(d, "cash_on_cash_pct"), -47, "zero rate: cash on cash");
	json_decref(d);
	buf_release(&err);
}

/* Rent 1,200 by default: gross 14,400; vacancy 720; collected 13,680;
 *   management 1,094.40; repairs 720; capex 720; tax 2,200; insurance 700
 *   noi = 13,680 - 1,094.40 - 720 - 720 - 2,200 - 700 = 8,245.60 -> 8,246
 *   cap 4.12%; 8,246 - 12,768 = -4,522; -376.83 -> -377; -4,522 / 46,000 = -9.83% */
static void test_losing(void)
{
	struct deal_assumptions a;
	deal_defaults(&a);
	struct deal_input in = { 200000, 1200, NAN, NAN, NAN };
	json_t *d = deal_build(&a, NULL, &in);
	check_int(dollars(d, "noi_annual"), 8246, "losing: noi");
	check_int(tenths(d, "cap_rate_pct"), 41, "losing: cap rate");
	check_int(dollars(d, "cash_flow_monthly"), -377, "losing: cash flow");
	check_int(tenths(d, "cash_on_cash_pct"), -98, "losing: cash on cash");
	json_decref(d);
}

/* Nothing down and no closing costs: the whole 200,000 borrowed,
 * 200,000 * r / (1 - (1+r)^-360) = 1,330.60 -> 1,331; no return on nothing. */
static void test_nothing_invested(void)
{
	struct deal_assumptions a;
	struct buf err = BUF_INIT;
	check_int(load("{\"down_payment_pct\": 0, \"closing_costs_pct\": 0}", &a, &err), 0,
		  "nothing invested: loads");
	struct deal_input in = { 200000, 1800, NAN, NAN, NAN };
	json_t *d = deal_build(&a, NULL, &in);
	check_int(dollars(d, "mortgage_monthly"), 1331, "nothing invested: mortgage");
	check_int(dollars(d, "cash_invested"), 0, "nothing invested: cash invested");
	check(json_object_get(d, "cash_flow_monthly") != NULL, "nothing invested: a cash flow");
	check(json_object_get(d, "cash_on_cash_pct") == NULL, "nothing invested: no cash on cash");
	json_decref(d);
	buf_release(&err);
}

/* What is not known is not invented. */
static void test_missing(void)
{
	struct deal_assumptions a;
	deal_defaults(&a);
	static const char *const income[] = {
		"noi_annual", "cap_rate_pct", "cash_flow_monthly", "cash_on_cash_pct"
	};
	struct deal_input no_rent = { 200000, NAN, NAN, 1500, 260000 };
	json_t *d = deal_build(&a, NULL, &no_rent);
	for (size_t i = 0; i < 4; i++) {
		char name[80];
		snprintf(name, sizeof name, "no rent: no %s", income[i]);
		check(d && !json_object_get(d, income[i]), name);
	}
	check_int(dollars(d, "mortgage_monthly"), 1064, "no rent: the mortgage still");
	check_int(dollars(d, "mao"), 144500, "no rent: the mao still");
	json_decref(d);

	struct deal_input zero_rent = { 200000, 0, NAN, NAN, NAN };
	d = deal_build(&a, NULL, &zero_rent);
	check(d && !json_object_get(d, "noi_annual"), "a rent of 0 is no rent");
	json_decref(d);

	struct deal_input no_arv = { 200000, 1800, NAN, 1500, NAN };
	d = deal_build(&a, NULL, &no_arv);
	check(d && !json_object_get(d, "mao") && !json_object_get(d, "rehab_est"),
	      "no arv: no rehab or mao");
	check_int(dollars(d, "noi_annual"), 13818, "no arv: the noi still");
	json_decref(d);

	struct deal_input no_sqft = { 200000, 1800, NAN, NAN, 260000 };
	d = deal_build(&a, NULL, &no_sqft);
	check(d && !json_object_get(d, "mao") && !json_object_get(d, "rehab_est"),
	      "no sqft: no rehab or mao");
	json_decref(d);

	struct deal_input no_price = { NAN, 1800, 1890, 1500, 260000 };
	d = deal_build(&a, NULL, &no_price);
	check(d == NULL, "no price: no deal");
	json_decref(d);
	no_price.price = 0;
	d = deal_build(&a, NULL, &no_price);
	check(d == NULL, "a price of 0: no deal");
	json_decref(d);
}

static void test_load(void)
{
	struct deal_assumptions a, d;
	struct buf err = BUF_INIT;
	deal_defaults(&d);
	memset(&a, 0, sizeof a);
	check_int(deal_assumptions_load(NULL, "tenant.json", &a, &err), 0, "no deal object: loads");
	check(memcmp(&a, &d, sizeof a) == 0, "no deal object: the defaults");
	memset(&a, 0, sizeof a);
	check_int(load("{\"vacancy_pct\": null, \"mao_pct\": 65.5}", &a, &err), 0, "null: loads");
	check(a.vacancy_pct == 5 && a.mao_pct == 65.5 && a.capex_pct == 5,
	      "null is the default, a value is taken");
	check_int(load("{\"repairs_pct\": 100, \"interest_rate_pct\": 0, \"term_years\": 1}",
		       &a, &err), 0, "the ends of the ranges load");

	a.vacancy_pct = 7;
	check_int(load("{\"vacancy_pct\": 10, \"capex_pct\": -1}", &a, &err), -1, "a bad value");
	check(a.vacancy_pct == 7, "a bad value leaves the assumptions as they were");

	refused("{\"vacancy_pct\": -1}",
		"tenant.json: 'deal.vacancy_pct' must be a number from 0 to 100", "negative");
	refused("{\"down_payment_pct\": 100.5}",
		"tenant.json: 'deal.down_payment_pct' must be a number from 0 to 100", "over 100");
	refused("{\"interest_rate_pct\": \"7%\"}",
		"tenant.json: 'deal.interest_rate_pct' must be a number from 0 to 100", "a string");
	refused("{\"capex_pct\": true}",
		"tenant.json: 'deal.capex_pct' must be a number from 0 to 100", "a boolean");
	refused("{\"vacancy\": 5}",
		"tenant.json: 'deal.vacancy' is not a deal assumption (see score(1))", "an unknown key");
	refused("{\"term_years\": 30.5}",
		"tenant.json: 'deal.term_years' must be a whole number from 1 to 50", "a part year");
	refused("{\"term_years\": 0}",
		"tenant.json: 'deal.term_years' must be a whole number from 1 to 50", "no term");
	refused("{\"rehab_per_sqft\": 1001}",
		"tenant.json: 'deal.rehab_per_sqft' must be a number from 0 to 1000", "rehab too dear");
	refused("[20]",
		"tenant.json: 'deal' must be an object, e.g. \"deal\": {\"down_payment_pct\": 20}",
		"deal not an object");
	buf_release(&err);
}

int main(void)
{
	test_defaults();
	test_assessor_tax();
	test_tenant_assumptions();
	test_zero_rate();
	test_losing();
	test_nothing_invested();
	test_missing();
	test_load();
	return tap_done();
}
