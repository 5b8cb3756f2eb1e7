#!/bin/sh
# SPDX-License-Identifier: MIT
# enrich --load-sales, --load-rents and the market figures from them, on a
# hand-made map (testdata/enrich/sales.ndjson: each sale's "note" says where
# it lies from its subject and how it differs): which comps come back and in
# what order, never the record itself nor a sale on or after its as-of date;
# the widening radius, the ZIP fallback, an estimate worked out by hand, ZIP
# median and trend, the prior sale, rents; loads from NDJSON and from a
# county CSV through its map, reloads, bad lines, --comps 0, --check.
. "$(dirname "$0")/lib.sh"

T="$TESTDATA/enrich"
SALES="$T/sales.ndjson"
SUBJECTS="$T/sales-subjects.ndjson"
DB="$BIRDDOG_HOME/default/enrich.db"

# market ID FILE: the market object of record ID in FILE, compact.
market() {
	jq -c --arg id "$1" 'select(.id == $id) | .market' "$2"
}

# comp_ids ID FILE: the ids of record ID's comps, one line.
comp_ids() {
	jq -r --arg id "$1" 'select(.id == $id) | [.market.comps[].id] | join(" ")' "$2"
}

test_expect_success 'setup: the fixture sales load: 31, none rejected' '
	enrich --load-sales "$SALES" >out 2>err
	test_cmp /dev/null out
	echo "enrich: 31 sales loaded, 0 updated, 0 rejected" >want
	test_cmp want err
	test "$(sqlite3 "$DB" "SELECT count(*) FROM sales")" = 31
	sqlite3 "$DB" "SELECT id, sale_date, sale_day, price, address_key, zip, beds, baths, sqft,
		lot_sqft, year_built FROM sales WHERE id = '"'"'t:x-same-address'"'"'" >got
	echo "t:x-same-address|2015-01-10|16445|390000|100 MAIN ST||98101|98101|3|2.0|2000|5000|1990" >want
	test_cmp want got
'

test_expect_success 'the comps of A: the six most similar, in order, exactly' '
	enrich "$SUBJECTS" >out 2>err
	test_grep "^enrich: 5 in, 5 out, 0 rejected, " err
	market t:subject-a out | jq -c "[.as_of, .comps_count, .comps_basis, .comps_radius_mi]" >got
	echo "[\"2015-06-15\",6,\"radius\",0.5]" >want
	test_cmp want got
	market t:subject-a out | jq -c ".comps[]" >got
	cat >want <<-\EOF
	{"id":"t:s01","price":400000,"sale_date":"2015-03-17","distance_mi":0.1,"sqft":2000,"ppsf":200,"similarity":0.64}
	{"id":"t:s02","price":410000,"sale_date":"2015-03-17","distance_mi":0.2,"sqft":2000,"ppsf":205,"similarity":0.524}
	{"id":"t:s08","price":360000,"sale_date":"2014-06-15","distance_mi":0.05,"sqft":2000,"ppsf":180,"similarity":0.333}
	{"id":"t:s04","price":462000,"sale_date":"2015-03-17","distance_mi":0.3,"sqft":2200,"ppsf":210,"similarity":0.266}
	{"id":"t:s03","price":420000,"sale_date":"2015-03-17","distance_mi":0.1,"sqft":2000,"ppsf":210,"similarity":0.235}
	{"id":"t:s06","price":430000,"sale_date":"2015-03-17","distance_mi":0.2,"sqft":2000,"ppsf":215,"similarity":0.193}
	EOF
	test_cmp want got
'

test_expect_success 'never the record itself, its address, its as-of day or later, nor past 365 days' '
	comp_ids t:subject-a out >got
	for x in t:subject-a t:x-same-address t:x-asof t:x-after t:x-old; do
		! grep -q -w "$x" got || { echo "$x is a comp of A" >&2; false; }
	done
	# the same sales nearer than every comp, and alike, once they are allowed:
	# a listing as of the day after A (BIRDDOG_NOW), with another id and no address
	BIRDDOG_NOW=2015-06-16T04:00:00Z enrich -q "$SUBJECTS" >later 2>err
	test_cmp /dev/null err
	market t:listing-f later | jq -r .as_of >got
	echo 2015-06-16 >want
	test_cmp want got
	echo "t:subject-a t:x-asof t:x-same-address t:s01 t:s02 t:subject-a" >want
	comp_ids t:listing-f later >got
	test_cmp want got
'

test_expect_success 'a listing without sale_date is as of BIRDDOG_NOW: nothing within 36 months of 2026' '
	market t:listing-f out >got
	echo "{\"as_of\":\"2026-11-23\",\"comps\":[],\"comps_count\":0,\"comps_basis\":\"radius\",\"comps_radius_mi\":5}" >want
	test_cmp want got
'

test_expect_success 'the radius widens until it finds enough: 2 miles for B, 5 and 36 months for D' '
	market t:subject-b out | jq -c "[.comps_radius_mi, [.comps[] | [.id, .distance_mi]]]" >got
	echo "[2,[[\"t:b1\",0.3],[\"t:b2\",0.4],[\"t:b3\",0.8],[\"t:b4\",0.9],[\"t:b5\",1.5],[\"t:b6\",1.8]]]" >want
	test_cmp want got
	market t:subject-d out | jq -c "[.comps_radius_mi, .comps_count, [.comps[] | [.id, .sale_date, .distance_mi]]]" >got
	echo "[5,3,[[\"t:d1\",\"2013-03-01\",1],[\"t:d2\",\"2012-01-15\",0.3],[\"t:d3\",\"2011-07-01\",0.5]]]" >want
	test_cmp want got
'

test_expect_success 'without coordinates, the ZIP: 12 months, then 36; no distance, no radius' '
	market t:subject-e out | jq -c "[.comps_basis, .comps_radius_mi, [.comps[] | [.id, .distance_mi, .similarity]]]" >got
	echo "[\"zip\",null,[[\"t:e1\",null,0.872],[\"t:e3\",null,0.488],[\"t:e2\",null,0.251],[\"t:e4\",null,0.166]]]" >want
	test_cmp want got
'

test_expect_success 'comps_ppsf and comps_value of D, worked out by hand (no trend: too few sales)' '
	market t:subject-d out | jq -c "[.comps_ppsf, .comps_value, [.comps[].similarity], .zip_trend_pct]" >got
	"$PYTHON" - "$SALES" >want <<-\EOF
	import datetime, json, math, sys
	day = lambda s: datetime.date.fromisoformat(s).toordinal()
	r = lambda x, p: math.floor(x * 10 ** p + 0.5) / 10 ** p   # as C rounds
	def miles(a, b, c, d):
	    k = math.pi / 180
	    s1, s2 = math.sin((c - a) * k / 2), math.sin((d - b) * k / 2)
	    return 2 * 3958.8 * math.asin(math.sqrt(s1 * s1 + math.cos(a * k) * math.cos(c * k) * s2 * s2))
	subject = dict(lat=47.5, lon=-122.1, beds=3, baths=2, sqft=1500, lot_sqft=6000, year_built=1980)
	sales = {s["id"]: s for s in map(json.loads, open(sys.argv[1]))}
	num = den = 0
	sims = []
	for c in ("t:d1", "t:d2", "t:d3"):
	    s = sales[c]
	    months = (day("2013-06-15") - day(s["sale_date"])) / 30.44
	    d = (miles(47.5, -122.1, s["lat"], s["lon"]) / 0.5
	         + abs(math.log(s["sqft"] / 1500)) / 0.2 + abs(s["beds"] - 3) + abs(s["baths"] - 2)
	         + abs(math.log(s["lot_sqft"] / 6000)) / 0.5 + abs(s["year_built"] - 1980) / 15
	         + months / 12)
	    w = math.exp(-d)
	    num += w * s["sale_price"] / s["sqft"] * (s["sqft"] / 1500) ** 0.25
	    den += w
	    sims.append(r(w, 3))
	ppsf = num / den
	print(json.dumps([r(ppsf, 1), math.floor(ppsf * 1500 + 0.5), sims, None],
	                 separators=(",", ":")).replace(".0,", ",").replace(".0]", "]"))
	EOF
	test_cmp want got
'

test_expect_success 'the ZIP median: from the sales (A: 11 in the 365 days before June), else the assessor' '
	market t:subject-a out | jq -c "[.zip_median_ppsf, .zip_median_basis, .zip_sales]" >got
	jq -r "select(.address.zip == \"98101\" and .sale_date >= \"2014-06-01\" and .sale_date < \"2015-06-01\")
		| .sale_price / .sqft" "$SALES" | sort -n >ppsf
	test_line_count 11 ppsf
	echo "[$(sed -n 6p ppsf),\"sales\",11]" >want
	test_cmp want got
	# discount_pct uses that median: A sold at 240 a sq ft, 20% above it
	jq -r "select(.id == \"t:subject-a\") | .features.discount_pct" out >got
	echo -20 >want
	test_cmp want got
	# E has 3 sales in its ZIP and no parcels: no median at all
	market t:subject-e out | jq -c "[.zip_median_ppsf, .zip_median_basis, .zip_sales]" >got
	echo "[null,null,null]" >want
	test_cmp want got
	# a Las Vegas listing: no sales in 89102, the parcels median of tests/21
	test_expect_code 65 enrich -q --load-parcels "$T/parcels.csv" --map "$T/parcels.map.json" 2>/dev/null
	head -n 1 "$T/listings.ndjson" >lv.ndjson
	enrich -q lv.ndjson >lv.out
	jq -c ".market | [.zip_median_ppsf, .zip_median_basis, .zip_sales, .comps_count]" lv.out >got
	echo "[177.6,\"assessor\",null,0]" >want
	test_cmp want got
'

test_expect_success 'the trend: least squares over all the sales (too few in one ZIP), as worked out' '
	market t:subject-a out | jq -c "[.zip_trend_pct, .trend_basis]" >got
	"$PYTHON" - "$SALES" >want <<-\EOF
	import datetime, json, math, sys
	day = lambda s: datetime.date.fromisoformat(s).toordinal()
	pts = [(day(s["sale_date"]), math.log(s["sale_price"] / s["sqft"])) for s in map(json.loads, open(sys.argv[1]))
	       if "2014-06-01" <= s["sale_date"] < "2015-06-01"]
	assert len(pts) == 21
	mx, my = sum(x for x, _ in pts) / 21, sum(y for _, y in pts) / 21
	b = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
	print(json.dumps([math.floor(1000 * (math.exp(365 * b) - 1) + 0.5) / 10, "county"], separators=(",", ":")))
	EOF
	test_cmp want got
	test "$(cat want)" = "[18.9,\"county\"]"
'

test_expect_success 'prior_sale: the latest earlier sale of the same id or address' '
	market t:subject-a out | jq -c .prior_sale >got
	echo "{\"price\":390000,\"sale_date\":\"2015-01-10\",\"months\":5.1}" >want
	test_cmp want got
	market t:subject-b out | jq -c .prior_sale >got
	echo null >want
	test_cmp want got
'

test_expect_success 'enriching its own output again changes nothing' '
	enrich -q out >again 2>err
	test_cmp /dev/null err
	test_cmp out again
'

test_expect_success '--comps 0: no comps, the other figures stay; --comps 2: two' '
	enrich -q --comps 0 "$SUBJECTS" >none 2>err
	test_cmp /dev/null err
	market t:subject-a none | jq -c "keys_unsorted" >got
	echo "[\"as_of\",\"zip_median_ppsf\",\"zip_median_basis\",\"zip_sales\",\"zip_trend_pct\",\"trend_basis\",\"prior_sale\"]" >want
	test_cmp want got
	# and a run without comps drops those of an earlier run
	enrich -q --comps 0 out >none2 2>err
	test_cmp none none2
	enrich -q --comps 2 "$SUBJECTS" >two 2>err
	echo "t:s01 t:s02" >want
	comp_ids t:subject-a two >got
	test_cmp want got
	test_expect_code 64 enrich --comps 51 "$SUBJECTS" >out2 2>err
	test_grep "comps" err
'

test_expect_success 'a record whose sale_date is not a date is rejected, saying why' '
	printf "{\"id\":\"t:bad-date\",\"sale_date\":\"06/15/2015\",\"lat\":47.6,\"lon\":-122.3}\n" >bad.ndjson
	test_expect_code 65 enrich --reject bad.rej bad.ndjson >got 2>err
	test_cmp /dev/null got
	test_grep "^enrich: bad.ndjson:1: '"'"'sale_date'"'"' is not a date \(YYYY-MM-DD\)$" err
	test_cmp bad.ndjson bad.rej
'

test_expect_success 'reloading the same file replaces its sales: the same count, the same rows' '
	sqlite3 "$DB" "SELECT * FROM sales ORDER BY id, sale_date" | cut -d"|" -f1-13 >before
	enrich --load-sales "$SALES" >out 2>err
	echo "enrich: 31 sales loaded, 31 updated, 0 rejected" >want
	test_cmp want err
	sqlite3 "$DB" "SELECT * FROM sales ORDER BY id, sale_date" | cut -d"|" -f1-13 >after
	test_cmp before after
	test_line_count 31 after
'

test_expect_success 'a changed price replaces the sale of that id and date; a new date adds one' '
	grep "\"t:s01\"" "$SALES" | sed "s/\"sale_price\":400000/\"sale_price\":401000/" >changed.ndjson
	grep "\"t:s02\"" "$SALES" | sed "s/2015-03-17/2015-03-18/" >>changed.ndjson
	enrich --load-sales changed.ndjson >out 2>err
	echo "enrich: 2 sales loaded, 1 updated, 0 rejected" >want
	test_cmp want err
	sqlite3 "$DB" "SELECT id, sale_date, price FROM sales WHERE id IN ('"'"'t:s01'"'"', '"'"'t:s02'"'"') ORDER BY 1, 2" >got
	printf "t:s01|2015-03-17|401000\nt:s02|2015-03-17|410000\nt:s02|2015-03-18|410000\n" >want
	test_cmp want got
	enrich -q "$SUBJECTS" >out2
	market t:subject-a out2 | jq -c ".comps[0] | [.id, .price]" >got
	echo "[\"t:s01\",401000]" >want
	test_cmp want got
'

test_expect_success 'lines that are not sales: FILE:LINE and why, whole to the reject file, exit 65' '
	cat >mixed.ndjson <<-\EOF
	{"id":"m:ok","sale_date":"2015-01-02","sale_price":250000,"lat":47.61,"lon":-122.31}
	{"id":"m:no-price","sale_date":"2015-01-02"}
	{"id":"m:zero","sale_date":"2015-01-02","sale_price":0}
	{"id":"m:bad-date","sale_date":"2015-02-30","sale_price":250000}
	{"id":"m:no-date","sale_price":250000}
	{"id":"m:lat","sale_date":"2015-01-02","sale_price":250000,"lat":95,"lon":-122}
	{"id":"m:sqft","sale_date":"2015-01-02","sale_price":250000,"sqft":"big"}
	{"sale_date":"2015-01-02","sale_price":250000}
	{"id":"m:json",
	{"id":"m:ok2","sale_date":"2015-01-03","sale_price":260000,"lat":0,"lon":0,"sqft":0}
	EOF
	test_expect_code 65 enrich --db m.db --load-sales mixed.ndjson >out 2>err
	test_cmp /dev/null out
	cat >want <<-\EOF
	enrich: mixed.ndjson:2: '"'"'sale_price'"'"' is missing: not a sold record
	enrich: mixed.ndjson:3: '"'"'sale_price'"'"' is not above 0: not a sale
	enrich: mixed.ndjson:4: '"'"'sale_date'"'"' is not a date (YYYY-MM-DD)
	enrich: mixed.ndjson:5: '"'"'sale_date'"'"' is missing: not a sold record
	enrich: mixed.ndjson:6: '"'"'lat'"'"' must be a number from -90 to 90
	enrich: mixed.ndjson:7: '"'"'sqft'"'"' must be a number from 0 up
	enrich: mixed.ndjson:8: '"'"'id'"'"' is missing
	enrich: mixed.ndjson:9: invalid JSON at column 16: unexpected end of input
	enrich: 2 sales loaded, 0 updated, 8 rejected
	EOF
	test_cmp want err
	sed -n "2,9p" mixed.ndjson >want.rej
	test_cmp want.rej "$BIRDDOG_HOME/default/rejects/enrich-sales.ndjson"
	# 0,0 is no position, 0 sq ft is unknown
	sqlite3 m.db "SELECT id, quote(lat), quote(lon), quote(sqft) FROM sales ORDER BY id" >got
	printf "m:ok|47.61|-122.31|NULL\nm:ok2|NULL|NULL|NULL\n" >want
	test_cmp want got
	# the same bad lines again are not appended again
	test_expect_code 65 enrich -q --db m.db --load-sales mixed.ndjson 2>/dev/null
	test_cmp want.rej "$BIRDDOG_HOME/default/rejects/enrich-sales.ndjson"
'

test_expect_success 'a county CSV through its map: ids and dates as discover makes them, bad rows rejected' '
	CSV="$TESTDATA/discover/county-sales.csv"
	MAP="$TESTDATA/discover/county-sales.map.json"
	test_expect_code 65 enrich --db kc.db --load-sales "$CSV" --map "$MAP" >out 2>err
	test_cmp /dev/null out
	cat >want <<-EOF
	enrich: $CSV:26: '"'"'sale_price'"'"' is out of range ('"'"'1e400'"'"')
	enrich: $CSV:27: '"'"'sale_date'"'"' is not a date: day 30 is not in February 2014 ('"'"'20140230T000000'"'"')
	enrich: 24 sales loaded, 2 updated, 2 rejected
	EOF
	test_cmp want err
	test_line_count 3 "$BIRDDOG_HOME/default/rejects/enrich-sales/county-sales.csv"
	test_grep "^id,date,price,.*,reason$" "$BIRDDOG_HOME/default/rejects/enrich-sales/county-sales.csv"
	sqlite3 kc.db "SELECT count(*), count(DISTINCT id) FROM sales" >got
	echo "22|20" >want
	test_cmp want got
	sqlite3 kc.db "SELECT id, sale_date, price, zip, lat, lon, beds, baths, sqft, lot_sqft, year_built
		FROM sales WHERE id = '"'"'kingco:6414100192'"'"' ORDER BY sale_date" >got
	cat >want <<-\EOF
	kingco:6414100192|2014-06-04|395000|98125|47.382|-122.427|6|2.5|2748|8100|1957
	kingco:6414100192|2015-04-10|1225000|98125|47.382|-122.427|6|2.5|2748|8100|1957
	EOF
	test_cmp want got
	# the later row of a repeated (id, date) wins
	test "$(sqlite3 kc.db "SELECT price FROM sales WHERE id = '"'"'kingco:2487200875'"'"'")" = 548000
'

test_expect_success 'discover piped into enrich --load-sales - loads the same sales' '
	CSV="$TESTDATA/discover/county-sales.csv"
	MAP="$TESTDATA/discover/county-sales.map.json"
	discover -q --db d.db --all -m "$MAP" "$CSV" 2>/dev/null >sold.ndjson || :
	enrich --db kc2.db --load-sales - <sold.ndjson >out 2>err
	# discover --all writes the row repeated as it was (line 24) twice
	echo "enrich: 23 sales loaded, 1 updated, 0 rejected" >want
	test_cmp want err
	q="SELECT id, sale_date, price, zip, lat, lon, beds, baths, sqft, lot_sqft, year_built FROM sales ORDER BY 1, 2"
	sqlite3 kc.db "$q" | grep -v "^kingco:2487200875|" >want
	sqlite3 kc2.db "$q" | grep -v "^kingco:2487200875|" >got
	test_cmp want got
'

test_expect_success '--preview counts and checks, and loads and rejects nothing' '
	test_expect_code 65 enrich --db pv.db --preview --load-sales mixed.ndjson >out 2>err
	test_grep "^enrich: 2 sales would be loaded, 0 updated, 8 rejected \(a preview: nothing was loaded\)$" err
	test "$(sqlite3 pv.db "SELECT count(*) FROM sales" 2>/dev/null || echo 0)" = 0
'

test_expect_success 'rents: the CSV, exact by beds, else any beds, else none; bad rows rejected' '
	test_expect_code 65 enrich --load-rents "$T/rents.csv" >out 2>err
	cat >want <<-EOF
	enrich: $T/rents.csv:6: '"'"'beds'"'"' is not a whole number, empty or '"'"'*'"'"'
	enrich: $T/rents.csv:7: '"'"'rent'"'"' is not an amount above 0 (dollars a month)
	enrich: 4 rents loaded, 0 updated, 2 rejected
	EOF
	test_cmp want err
	test_line_count 3 "$BIRDDOG_HOME/default/rejects/enrich-rents/rents.csv"
	sqlite3 "$DB" "SELECT zip, beds, rent FROM rents ORDER BY 1, 2" >got
	printf "98101|-1|2000\n98101|3|2400\n98103|-1|1900\n98103|2|1700\n" >want
	test_cmp want got
	enrich -q "$SUBJECTS" >out
	jq -c "[.id, .market.rent_est]" out >got
	cat >want <<-\EOF
	["t:subject-a",2400]
	["t:subject-b",1900]
	["t:subject-d",null]
	["t:subject-e",null]
	["t:listing-f",null]
	EOF
	test_cmp want got
	jq -c ".beds = 4" "$SUBJECTS" | enrich -q | jq -c "select(.id == \"t:subject-a\") | .market.rent_est" >got
	echo 2000 >want
	test_cmp want got
	# without rents loaded, never a rent
	enrich -q --db norent.db "$SUBJECTS" >out
	test_must_fail grep -q rent_est out
'

test_expect_success 'a rents file without the columns: exit 78, naming the missing one' '
	printf "zip,bedrooms,rent\n98101,3,2000\n" >cols.csv
	test_expect_code 78 enrich --db c.db --load-rents cols.csv >out 2>err
	test_grep "^enrich: cols.csv:1: no column '"'"'beds'"'"' in the header \(a rents file has the columns zip,beds,rent\)$" err
	test_expect_code 78 enrich --db c.db --check --load-rents cols.csv >out 2>err
	test_expect_code 78 enrich --db c.db --check --load-sales "$SALES" --map "$T/parcels.map.json" >out 2>err
'

test_expect_success '--check counts the sales and rents; a load is checked before it runs' '
	enrich --check >out 2>err
	test_cmp /dev/null out
	test_grep "; comps and ZIP figures from 32 sales; rents from 4 rows$" err
	enrich --db empty.db --check 2>err
	test_grep "no sales loaded \(enrich --load-sales FILE\), so no comps; no rents loaded .*: records will get addresses and features only$" err
	enrich --check --load-sales "$TESTDATA/discover/county-sales.csv" \
		--map "$TESTDATA/discover/county-sales.map.json" 2>err
	test_grep "^enrich: ready: .*county-sales.csv. fits the map" err
	enrich --check --load-sales "$SALES" 2>err
	test_grep "^enrich: ready: .*sales.ndjson. will be read as NDJSON sold records$" err
	test_expect_code 66 enrich --check --load-sales nosuch.ndjson 2>err
'

test_expect_success 'usage errors: one load at a time, --map for a CSV load, no FILE operands' '
	test_expect_code 64 enrich --load-sales "$SALES" --load-rents "$T/rents.csv" 2>err
	test_grep "one of" err
	test_expect_code 64 enrich --load-rents "$T/rents.csv" --map x.json 2>err
	test_expect_code 64 enrich --load-sales "$SALES" other.ndjson 2>err
	test_grep "reads no records" err
'

test_done
