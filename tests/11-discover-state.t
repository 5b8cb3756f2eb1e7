#!/bin/sh
# SPDX-License-Identifier: MIT
# discover's state: new listings, price drops and rises, status changes and
# other updates between runs, the price history, and idempotent re-runs.
. "$(dirname "$0")/lib.sh"

T="$TESTDATA/discover"
DB="$BIRDDOG_HOME/default/discover.db"
cp "$T"/*.csv "$T"/*.json .

# sql QUERY: prints the rows of QUERY on the state database, '|' between columns.
sql() {
	$PYTHON -c '
import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
' "$DB" "$1"
}

test_expect_success 'day 1: every listing is new' '
	test_expect_code 65 discover -q -m listings.map.json listings.csv >day1 2>err
	test_cmp "$T/listings.out" day1
	test "$(sql "SELECT count(*) FROM listings")" = 23
	test "$(sql "SELECT count(*) FROM price_history WHERE event = '\''new'\''")" = 23
'

test_expect_success 'a re-run of a clean file writes nothing and exits 0' '
	test_expect_code 0 discover -q reso.csv >out 2>err
	test_line_count 8 out
	test_expect_code 0 discover reso.csv >out 2>err
	test_cmp /dev/null out
	test_grep "^discover: 8 in, 0 out, 0 rejected" err
'

test_expect_success 'day 2: exactly two price drops, a rise, a status change and a new listing' '
	BIRDDOG_NOW=2026-11-24T04:00:00Z
	export BIRDDOG_NOW
	test_expect_code 65 discover -q -m listings.map.json listings-day2.csv >day2 2>err
	test_cmp "$T/listings-day2.out" day2
	sed "s/listings.csv/listings-day2.csv/" "$T/listings.err" >expect
	test_cmp expect err
'

test_expect_success 'the state holds first and last seen, the new price and status' '
	cat >expect <<-\EOF
	lvmls:LV2401001|2026-11-23T04:00:00Z|2026-11-24T04:00:00Z|299000|Active
	lvmls:LV2401006|2026-11-23T04:00:00Z|2026-11-24T04:00:00Z|612500|Pending
	lvmls:LV2401026|2026-11-24T04:00:00Z|2026-11-24T04:00:00Z|449000|Active
	EOF
	sql "SELECT id, first_seen, last_seen, price, status FROM listings
	     WHERE id IN ('\''lvmls:LV2401001'\'', '\''lvmls:LV2401006'\'', '\''lvmls:LV2401026'\'')
	     ORDER BY id" >got
	test_cmp expect got
'

test_expect_success 'the price history has one row an event' '
	cat >expect <<-\EOF
	lvmls:LV2401001|2026-11-23T04:00:00Z|315000|Active|new
	lvmls:LV2401001|2026-11-24T04:00:00Z|299000|Active|price_drop
	lvmls:LV2401006|2026-11-23T04:00:00Z|612500|Active|new
	lvmls:LV2401006|2026-11-24T04:00:00Z|612500|Pending|status_change
	lvmls:LV2401014|2026-11-23T04:00:00Z|329000|Active|new
	lvmls:LV2401014|2026-11-24T04:00:00Z|339000|Active|price_up
	EOF
	sql "SELECT listing_id, seen_at, price, status, event FROM price_history
	     WHERE listing_id IN ('\''lvmls:LV2401001'\'', '\''lvmls:LV2401006'\'', '\''lvmls:LV2401014'\'')
	     ORDER BY listing_id, seen_at" >got
	test_cmp expect got
	test "$(sql "SELECT count(*) FROM price_history")" = 36
'

test_expect_success 'day 2 again writes nothing; with --all every row is unchanged' '
	BIRDDOG_NOW=2026-11-24T05:00:00Z
	export BIRDDOG_NOW
	test_expect_code 65 discover -q -m listings.map.json listings-day2.csv >out 2>err
	test_cmp /dev/null out
	test_expect_code 65 discover -q -a -m listings.map.json listings-day2.csv >out 2>err
	test_line_count 24 out
	test "$(grep -c "\"event\":\"unchanged\"" out)" = 24
	test "$(sql "SELECT count(*) FROM price_history")" = 36
	test "$(sql "SELECT last_seen FROM listings WHERE id = '\''lvmls:LV2401002'\''")" = 2026-11-24T05:00:00Z
'

test_expect_success 'other changes are "updated"; a price change wins over a status change' '
	sed -e "s/,Investor special\.$/,\"Investor special, tenant in place.\"/" \
	    -e "s/^LV2401002,\(.*\),\"\\\$189,900\",\(.*\),Active,/LV2401002,\1,\"\\\$185,000\",\2,Pending,/" \
	    listings-day2.csv >day3.csv
	BIRDDOG_NOW=2026-11-25T04:00:00Z
	export BIRDDOG_NOW
	test_expect_code 65 discover -q -m listings.map.json day3.csv >out 2>err
	test_line_count 2 out
	test_grep "^\{\"id\":\"lvmls:LV2401002\",.*\"event\":\"price_drop\",\"previous_price\":189900,.*\"price\":185000,.*\"status\":\"Pending\"" out
	test_grep "^\{\"id\":\"lvmls:LV2401005\",.*\"event\":\"updated\",\"address\".*\"description\":\"Investor special, tenant in place.\"\}$" out
'

test_expect_success 'a listing that loses its price is "updated", and gets it back as "updated"' '
	sed "s/^\(LV2401008,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,\)398000,/\1,/" day3.csv >day4.csv
	test_expect_code 65 discover -q -m listings.map.json day4.csv >out 2>err
	test_line_count 1 out
	test_grep "^\{\"id\":\"lvmls:LV2401008\",.*\"event\":\"updated\",\"address\"" out
	! grep -q "\"price\":" out || false
	test_expect_code 65 discover -q -m listings.map.json day3.csv >out 2>err
	test_line_count 1 out
	test_grep "\"event\":\"updated\",.*\"price\":398000," out
'

test_expect_success 'the same id twice in one run: skipped when equal, rejected when not' '
	{ cat reso.csv; sed -n 2p reso.csv | sed "s/,429000,/,419000,/"; sed -n 3p reso.csv; } >dup.csv
	test_expect_code 65 discover -q --db dup.db dup.csv >out 2>err
	test_line_count 8 out
	test "$(grep -c "\"event\":\"new\"" out)" = 8
	test_grep "\"id\":\"dup:3001245\",.*\"price\":429000," out
	printf "discover: dup.csv:10: '\''dup:3001245'\'' was read before in this run with other values\n" >expect
	test_cmp expect err
	cat >expect <<-\EOF
	ListingKey,ListPrice,BedroomsTotal,BathroomsTotalInteger,LivingArea,LotSizeSquareFeet,YearBuilt,UnparsedAddress,City,StateOrProvince,PostalCode,Latitude,Longitude,PropertyType,StandardStatus,PublicRemarks,reason
	3001245,419000,3,2,1680,6250,1999,1055 Whitney Ranch Dr,Henderson,NV,89014,36.0501,-115.0611,Residential,Active,"Single story, remodeled.",'"'"'dup:3001245'"'"' was read before in this run with other values
	EOF
	test_cmp expect "$BIRDDOG_HOME/default/rejects/discover/dup.csv"
	test_expect_code 65 discover -q --db dup.db dup.csv >out 2>err
	test_cmp /dev/null out
'

test_expect_success 'each tenant has its own state' '
	test_expect_code 0 discover -q -t other reso.csv >out 2>err
	test_line_count 8 out
	test -f "$BIRDDOG_HOME/other/discover.db"
	test_expect_code 0 discover -q -t other reso.csv >out 2>err
	test_cmp /dev/null out
'

test_done
