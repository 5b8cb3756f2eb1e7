#!/bin/sh
# SPDX-License-Identifier: MIT
# Comparable sales at scale: 20,000 generated sales loaded from a pipe, then
# 10,000 records (one in ten a loaded sale itself, one in twenty without
# coordinates) through enrich in a pipe: every record out, no comp ever on
# or after its record's as-of date or the record itself, the figures where
# they belong, and the same comps as an independent Python implementation
# (scripts/bench-peer-comps.py) picks.
. "$(dirname "$0")/lib.sh"

NSALES=20000
NREC=10000
# a run takes well under a second on a 2-core machine
LIMIT=60

# gen KIND N: deterministic NDJSON: "sales" sold from 2014-05-01 over 13
# months (some resold), or "records" of the same county sold in the last 12
# months; 60 ZIPs with their own price levels around a core.
gen() {
	"$PYTHON" - "$1" "$2" <<-\EOF
	import datetime, json, math, random, sys
	kind, n = sys.argv[1], int(sys.argv[2])
	z = random.Random(5)
	zips = [("%05d" % (98001 + i), 47.6 + 0.3 * z.uniform(-1, 1), -122.2 + 0.4 * z.uniform(-1, 1),
	         150 + 300 * z.random()) for i in range(60)]
	r = random.Random(11 if kind == "sales" else 12)
	start = datetime.date(2014, 5, 1)
	out, sold = sys.stdout, []
	for i in range(n):
	    zp, lat0, lon0, level = r.choice(zips)
	    day = r.randrange(0, 395) if kind == "sales" else r.randrange(30, 395)
	    h = {"id": "g:%d" % i if kind == "sales" else "g:r%d" % i,
	         "address": {"line": None, "unit": None, "city": None, "state": None, "zip": zp},
	         "lat": round(r.gauss(lat0, 0.02), 5), "lon": round(r.gauss(lon0, 0.03), 5),
	         "beds": r.randint(1, 6), "baths": r.choice([1, 1.5, 2, 2.5, 3]),
	         "sqft": int(r.lognormvariate(7.5, 0.35)), "lot_sqft": int(r.lognormvariate(8.8, 0.6)),
	         "year_built": r.randint(1900, 2014)}
	    if kind == "sales" and sold and r.random() < 0.05:
	        h, day = dict(r.choice(sold)), min(395, day + 200)
	    if kind == "records" and i % 20 == 0:
	        del h["lat"], h["lon"]
	    h["sale_date"] = (start + datetime.timedelta(days=day)).isoformat()
	    h["sale_price"] = int(h["sqft"] * level * (1 + 0.1 * day / 365) * r.lognormvariate(0, 0.15))
	    if kind == "sales":
	        sold.append(h)
	    out.write(json.dumps(h, separators=(",", ":")) + "\n")
	EOF
}

test_expect_success 'setup: 20,000 generated sales loaded from a pipe' '
	gen sales $NSALES >sales.ndjson
	gen sales $NSALES | timeout $LIMIT enrich --load-sales - >out 2>err
	test_cmp /dev/null out
	test_grep "^enrich: $NSALES sales loaded, [0-9]+ updated, 0 rejected$" err
	want=$(jq -r "[.id, .sale_date] | @tsv" sales.ndjson | sort -u | wc -l)
	test "$(sqlite3 "$BIRDDOG_HOME/default/enrich.db" "SELECT count(*) FROM sales")" = "$want"
'

test_expect_success '10,000 records through enrich in a pipe, all out, none rejected' '
	{ gen records $((NREC - NREC / 10)); awk "NR % 10 == 0" sales.ndjson | head -n $((NREC / 10)); } |
		timeout $LIMIT enrich >out 2>err
	test_grep "^enrich: $NREC in, $NREC out, 0 rejected, " err
	test_line_count 1 err
	test_line_count $NREC out
'

test_expect_success 'no comp is on or after its record'"'"'s as-of date, none is the record itself' '
	jq -c "select(.market.as_of != .sale_date) | .id" out >bad
	test_line_count 0 bad
	jq -c ".id as \$id | .market as \$m | \$m.comps[]? | select(.sale_date >= \$m.as_of or .id == \$id)
		| [\$id, .id, .sale_date]" out >bad
	test_line_count 0 bad
	# the records that are loaded sales themselves: their own sale was there to be wrong
	test "$(jq -r "select(.id | startswith(\"g:r\") | not) | .id" out | wc -l)" = $((NREC / 10))
	jq -c "select(.market.comps_count != (.market.comps | length) or .market.comps_count > 6)
		| .id" out >bad
	test_line_count 0 bad
'

test_expect_success 'the figures where they belong: radius with coordinates, ZIP without, ZIP trends' '
	jq -r "[(.lat != null), .market.comps_basis, (.market.comps_radius_mi != null)] | @tsv" out |
		sort | uniq -c | awk "{ print \$2, \$3, \$4 }" >got
	printf "false zip false\ntrue radius true\n" >want
	test_cmp want got
	test "$(jq -r "select(.market.trend_basis == \"zip\") | .id" out | wc -l)" -gt $((NREC / 2))
	test "$(jq -r "select(.market.zip_median_basis == \"sales\") | .id" out | wc -l)" -gt $((NREC / 2))
	test "$(jq -r "select(.market.comps_count == 6 and .market.comps_value > 0) | .id" out | wc -l)" -gt $((NREC * 9 / 10))
'

if "$PYTHON" -c "import numpy, scipy.spatial" 2>/dev/null; then
	test_expect_success 'the same comps, in the same order, as the Python implementation' '
		head -n 2000 out | jq -c "del(.market)" >first.ndjson
		"$PYTHON" "$TEST_ROOT/scripts/bench-peer-comps.py" "$BIRDDOG_HOME/default/enrich.db" 6 \
			2026-11-23 <first.ndjson >python.out
		head -n 2000 out | jq -c "[.id, .market.comps_basis, .market.comps_radius_mi, [.market.comps[].id]]" >want
		jq -c "[.id, .market.comps_basis, .market.comps_radius_mi, [.market.comps[].id]]" python.out >got
		test_cmp want got
	'
else
	test_skip 'the same comps, in the same order, as the Python implementation' \
		'no scipy for /usr/bin/python3 (apt-get install python3-scipy)'
fi

test_done
