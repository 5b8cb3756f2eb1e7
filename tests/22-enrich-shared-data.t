#!/bin/sh
# SPDX-License-Identifier: MIT
# enrich on real public data from ../shared/data: the 985 Sacramento street
# addresses normalised, and the Ames parcel ids loaded as a parcel file.
. "$(dirname "$0")/lib.sh"

SAC="$SHARED_DATA/sales/sacramento-2008.csv"
AMES="$SHARED_DATA/sales/ames-2006-2010.csv"

# sac_ndjson: the Sacramento sales as listing records (the file has CR-only
# line endings and no final newline, which Python's csv module reads).
sac_ndjson() {
	"$PYTHON" -c '
import csv, json, sys
with open(sys.argv[1], newline="") as f:
    for i, r in enumerate(csv.DictReader(f), 1):
        rec = {"id": "sac:%d" % i, "source": "sac", "source_id": str(i),
               "address": {"line": r["street"], "unit": None, "city": r["city"],
                           "state": r["state"], "zip": r["zip"]},
               "price": int(r["price"]), "sqft": int(r["sq__ft"]), "type": r["type"]}
        print(json.dumps(rec, separators=(",", ":")))
' "$SAC"
}

if have_shared_data; then
	test_expect_success 'the 985 Sacramento addresses all pass and get upper-case keys' '
		sac_ndjson >sac.ndjson
		test_line_count 985 sac.ndjson
		enrich --reject rej.ndjson sac.ndjson >out 2>err
		test_grep "^enrich: 985 in, 985 out, 0 rejected, " err
		test_line_count 1 err
		test ! -e rej.ndjson
		jq -r ".address.key" out >keys
		test_line_count 985 keys
		test_must_fail grep -q "^null$" keys
		tr "a-z" "A-Z" <keys >upper
		test_cmp upper keys
		jq -r ".address | [.line, .city, .state] | @tsv" out >parts
		tr "a-z" "A-Z" <parts >upper
		test_cmp upper parts
	'

	test_expect_success 'Sacramento units move out of the line into the unit' '
		jq -r "select(.source_id == \"1\" or .address.unit != null) | .address.key" out >units
		test_grep "^3526 HIGH ST\|\|95838$" units
		test_grep "^11150 TRINITY RIVER DR\|UNIT 114\|95670$" units
		test_grep "^207 ORANGE BLOSSOM CIR\|UNIT C\|95630$" units
		test_must_fail grep -q " UNIT [^|]*|UNIT" units
	'

	test_expect_success 'price per square foot where the area is known (sq__ft 0 is not)' '
		jq -r "select(.sqft > 0 and .price > 0) | .id" out | wc -l >want
		jq -r "select(.features.price_per_sqft) | .id" out | wc -l >got
		test_cmp want got
		test "$(cat got)" -gt 700
	'

	test_expect_success 'the Ames parcel ids load with their leading zeros (82 columns, names with spaces)' '
		printf "{\"columns\":{\"apn\":\"PID\",\"sqft\":\"Gr Liv Area\",\"year_built\":\"Year Built\",\"market_value\":\"SalePrice\"}}\n" >ames.json
		enrich --db ames.db --load-parcels "$AMES" --map ames.json >out 2>err
		test_grep "^enrich: 2930 parcels loaded, 0 updated, 0 rejected$" err
		test "$(sqlite3 ames.db "SELECT count(*) FROM parcels WHERE apn LIKE '"'"'0%'"'"'")" -gt 0
		test "$(sqlite3 ames.db "SELECT market_value, sqft, year_built FROM parcels WHERE apn = '"'"'0526301100'"'"'")" = "215000|1656|1960"
	'
else
	test_skip 'the 985 Sacramento addresses all pass and get upper-case keys' "../shared/data absent"
	test_skip 'Sacramento units move out of the line into the unit' "../shared/data absent"
	test_skip 'price per square foot where the area is known (sq__ft 0 is not)' "../shared/data absent"
	test_skip 'the Ames parcel ids load with their leading zeros (82 columns, names with spaces)' "../shared/data absent"
fi

test_done
