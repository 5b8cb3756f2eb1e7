/* SPDX-License-Identifier: MIT */
/* Ratio studies written out (see study_json.h). */
#include "study_json.h"

#include <math.h>

static void put(json_t *o, const char *key, double v, double scale)
{
	if (isfinite(v))
		json_object_set_new(o, key, json_real(round(v * scale) / scale));
}

json_t *study_json(const struct ratio_study *rs)
{
	json_t *o = json_object();
	json_object_set_new(o, "n", json_integer((json_int_t)rs->n));
	put(o, "mdape_pct", 100 * rs->mdape, 100);
	put(o, "within10_pct", 100 * rs->within10, 10);
	put(o, "within20_pct", 100 * rs->within20, 10);
	put(o, "median_ratio", rs->median_ratio, 10000);
	put(o, "cod", rs->cod, 100);
	put(o, "prd", rs->prd, 10000);
	put(o, "prb", rs->prb, 10000);
	put(o, "prb_low", rs->prb_low, 10000);
	put(o, "prb_high", rs->prb_high, 10000);
	return o;
}

void study_heading(struct buf *out, const char *first, int w)
{
	buf_printf(out, "%-*s %7s %7s %7s %7s %7s %6s %6s %7s  %s\n", w, first, "sales",
		   "MdAPE", "w/in10", "w/in20", "median", "COD", "PRD", "PRB", "PRB 95%");
}

void study_row(struct buf *out, const char *first, int w, const struct ratio_study *rs)
{
	buf_printf(out, "%-*s %7zu %6.2f%% %6.1f%% %6.1f%% %7.4f %6.2f %6.3f %7.4f  ", w, first,
		   rs->n, 100 * rs->mdape, 100 * rs->within10, 100 * rs->within20, rs->median_ratio, rs->cod, rs->prd,
		   rs->prb);
	if (isfinite(rs->prb_low))
		buf_printf(out, "%.4f..%.4f\n", rs->prb_low, rs->prb_high);
	else
		buf_adds(out, "-\n");
}
