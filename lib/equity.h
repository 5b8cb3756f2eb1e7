/* SPDX-License-Identifier: MIT */
/* The loan birddog assumes for an owner's equity, shared by enrich, which
 * estimates it, and docgen, whose memo states the assumption. */
#ifndef BIRDDOG_EQUITY_H
#define BIRDDOG_EQUITY_H

/*
 * The equity assumption (also in enrich(1)): nothing is known about loans,
 * so the owner is taken to have bought at last_sale_price with an 80% loan,
 * 30-year fixed at 6.5%, paid as scheduled, one payment per whole month
 * from last_sale_date to now. equity_est = value - remaining balance,
 * clamped at 0, where value is the assessor's market_value, else the list
 * price; no other liens are known. After 360 months the loan is paid off.
 * A last sale price of 0 (a transfer, not a sale) gives no estimate.
 */
#define EQUITY_LOAN_TO_VALUE 0.80
#define EQUITY_LOAN_RATE 0.065
#define EQUITY_LOAN_MONTHS 360

#endif
