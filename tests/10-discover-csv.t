#!/bin/sh
# SPDX-License-Identifier: MIT
# discover: CSV files in, NDJSON listing records out; quoting, line endings,
# numbers, rejects with their lines, mappings, options and exit statuses.
. "$(dirname "$0")/lib.sh"

T="$TESTDATA/discover"
# rej NAME: the reject file of the input NAME.csv (its header and a reason column)
rej() {
	echo "$BIRDDOG_HOME/default/rejects/discover/$1.csv"
}
cp "$T"/*.csv "$T"/*.json .

test_expect_success 'the sample listings: exact records, rejects named with their lines, exit 65' '
	test_expect_code 65 discover -q -m listings.map.json listings.csv >out 2>err
	test_cmp "$T/listings.out" out
	test_cmp "$T/listings.err" err
	test_cmp "$T/listings.rej" "$(rej listings)"
'

test_expect_success 'quoted commas, doubled quotes, embedded newlines and collapsed spaces come through' '
	test_grep "\"description\":\"Walk to Fremont Street, the Arts District, and downtown.\"" out
	test_grep "\"description\":\"Seller says \\\\\"bring all offers\\\\\" this week.\"" out
	test_grep "\"description\":\"Sun City Summerlin.\\\\nGolf course view" out
	test_grep "\"line\":\"123 north main street\",\"unit\":\"Apt 4\"" out
	test_grep "\"line\":\"4580 E Sahara Ave\",\"unit\":\"Unit 210\"" out
	test_grep "\"unit\":\"#12\"" out
	test_grep "\"id\":\"lvmls:LV2401002\".*\"price\":189900," out
	test_grep "\"id\":\"lvmls:LV2401003\".*\"price\":224500," out
	test_grep "\"id\":\"lvmls:LV2401004\".*\"baths\":2.5," out
'

test_expect_success 'every record is one valid JSON object with the keys in order' '
	$PYTHON -c "
import json, sys
order = [\"id\",\"source\",\"source_id\",\"url\",\"seen_at\",\"event\",\"previous_price\",
         \"address\",\"lat\",\"lon\",\"price\",\"beds\",\"baths\",\"sqft\",\"lot_sqft\",
         \"year_built\",\"type\",\"status\",\"description\"]
for line in open(\"out\"):
    r = json.loads(line)
    keys = [k for k in order if k in r]
    assert list(r) == keys, list(r)
    assert list(r[\"address\"]) == [\"line\",\"unit\",\"city\",\"state\",\"zip\"]
"
'

test_expect_success 'the last row has no line break and is still read' '
	test_grep "\"id\":\"lvmls:LV2401025\".*\"description\":\"Rancho Circle area\"" out
'

test_expect_success 'the same file again writes nothing and the same rejects' '
	test_expect_code 65 discover -q -m listings.map.json listings.csv >out2 2>err2
	test_cmp /dev/null out2
	test_cmp "$T/listings.err" err2
'

test_expect_success '--all writes every row, unchanged ones as such' '
	test_expect_code 65 discover -q -a -m listings.map.json listings.csv >all 2>err3
	sed "s/\"event\":\"new\"/\"event\":\"unchanged\"/" "$T/listings.out" >expect
	test_cmp expect all
'

test_expect_success 'the summary line counts rows in, records out and rejects' '
	test_expect_code 65 discover --db other.db -m listings.map.json listings.csv >out4 2>err4
	test_line_count 3 err4
	test_grep "^discover: 25 in, 23 out, 2 rejected, [0-9.]+ s, [0-9]+ records/s$" err4
'

test_expect_success 'RESO column names with CR LF line endings, the built-in mapping' '
	test_expect_code 0 discover -q reso.csv >out 2>err
	test_cmp "$T/reso.out" out
	test_cmp /dev/null err
	test_expect_code 0 discover -q --reso reso.csv >out 2>err
	test_cmp /dev/null out
	test_cmp /dev/null err
'

test_expect_success 'a file read twice under another source name is new again' '
	test_expect_code 0 discover -q -S clark reso.csv >out 2>err
	test_line_count 8 out
	test_grep "^\{\"id\":\"clark:3001245\",\"source\":\"clark\",\"source_id\":\"3001245\"," out
	test_cmp /dev/null err
'

test_expect_success 'standard input is "-", named <stdin> in messages, source "stdin"' '
	test_expect_code 65 discover -q --db stdin.db -m listings.map.json - <listings.csv >out 2>err
	test_line_count 23 out
	test_grep "^\{\"id\":\"lvmls:LV2401001\"" out
	sed "s/^discover: listings.csv:/discover: <stdin>:/" "$T/listings.err" >expect
	test_cmp expect err
	test_expect_code 0 discover -q --db stdin.db - <reso.csv >out 2>err
	test_grep "^\{\"id\":\"stdin:3001245\"" out
'

test_expect_success 'bad rows: wrong field count, out of range, not a number, bad quoting, bad UTF-8' '
	test_expect_code 65 discover -q -m listings.map.json bad-rows.csv >out 2>err
	test_cmp "$T/bad-rows.out" out
	test_cmp "$T/bad-rows.err" err
	test_cmp "$T/bad-rows.rej" "$(rej bad-rows)"
'

test_expect_success '--reject names the reject file' '
	test_expect_code 65 discover -q --db r.db --reject r/rej.csv -m listings.map.json listings.csv >out 2>err
	test_cmp "$T/listings.rej" r/rej.csv
'

test_expect_success 'a bad row is not appended again when the same file is read again' '
	test_expect_code 65 discover -q --db r2.db --reject r/rej.csv -m listings.map.json listings.csv >out 2>err
	test_cmp "$T/listings.rej" r/rej.csv
	test_line_count 2 err
	test_expect_code 65 discover -q --db r3.db --all --reject r/rej.csv -m listings.map.json bad-rows.csv listings.csv >out 2>err
	test "$(grep -c "LV2401007" r/rej.csv)" = 1
'

test_expect_success 'a reject file fixed and fed again goes through (its reason column kept under extra)' '
	sed "s/,call,/,289000,/; s/^,500 Fremont/LV2409999,500 Fremont/" "$T/listings.rej" >fixed.csv
	test_expect_code 0 discover -q --db fixed.db -m listings.map.json fixed.csv >out 2>err
	test_cmp /dev/null err
	test_line_count 2 out
	test "$(jq -r .extra.reason out | head -n 1)" = "'"'"'price'"'"' is not a number ('"'"'call'"'"')"
'

test_expect_success 'a header-only file writes nothing and exits 0' '
	head -n 1 listings.csv >empty.csv
	test_expect_code 0 discover -q -m listings.map.json empty.csv >out 2>err
	test_cmp /dev/null out
	test_cmp /dev/null err
'

test_expect_success 'an empty file is nothing to read, not a rejection' '
	: >zero.csv
	test_expect_code 0 discover -m listings.map.json zero.csv >out 2>err
	test_cmp /dev/null out
	cat >expect <<-\EOF
	discover: zero.csv: empty: no header, no rows
	EOF
	grep -v "^discover: 0 in" err >got
	test_cmp expect got
	test_grep "^discover: 0 in, 0 out, 0 rejected," err
	test ! -e "$(rej zero)"
'

test_expect_success 'a missing file exits 66 with a message, the other files are read' '
	test_expect_code 66 discover -q --db m.db nosuch.csv reso.csv >out 2>err
	echo "discover: nosuch.csv: No such file or directory" >expect
	test_cmp expect err
	test_line_count 8 out
'

test_expect_success 'a 2 MB single-field line is rejected, not a crash' '
	head -n 1 listings.csv >long.csv
	$PYTHON -c "import sys; sys.stdout.write(\"x\" * 2000000 + \"\\n\")" >>long.csv
	sed -n 2p listings.csv >>long.csv
	test_expect_code 65 discover -q --db long.db -m listings.map.json long.csv >out 2>err
	echo "discover: long.csv:2: row has 1 field, the header has 18" >expect
	test_cmp expect err
	test_line_count 1 out
	test "$(sed -n 2p "$(rej long)" | tr -cd x | wc -c)" -eq 2000000
	sed -n 2p "$(rej long)" | grep -q "^x*,,,,,,,,,,,,,,,,,,\"row has 1 field, the header has 18\"$"
'

test_expect_success 'a row longer than --max-line is rejected whole and reading goes on' '
	rm -f "$(rej long)"
	test_expect_code 65 discover -q --db long2.db --max-line 100000 -m listings.map.json long.csv >out 2>err
	echo "discover: long.csv:2: row longer than 100000 bytes" >expect
	test_cmp expect err
	test_line_count 1 out
	{ sed -n 1p long.csv | sed "s/$/,reason/"; sed -n 2p long.csv; } >expect
	test_cmp expect "$(rej long)"
'

test_expect_success 'a NUL byte in a field rejects the row, naming the field; reading goes on' '
	printf "{\"source\":\"n\",\"columns\":{\"source_id\":\"id\",\"address.line\":\"Address\"}}" >nul.json
	printf "id,Address\nN1,1 Main St\nN2,2 Ma\000in St\n\"N\000x\",\"3 Elm St\"\nN4,4 Oak St\n" >nul.csv
	test_expect_code 65 discover -q --db nul.db -m nul.json nul.csv >out 2>err
	cat >expect <<-EOF
	{"id":"n:N1","source":"n","source_id":"N1","seen_at":"2026-11-23T04:00:00Z","event":"new","address":{"line":"1 Main St","unit":null,"city":null,"state":null,"zip":null}}
	{"id":"n:N4","source":"n","source_id":"N4","seen_at":"2026-11-23T04:00:00Z","event":"new","address":{"line":"4 Oak St","unit":null,"city":null,"state":null,"zip":null}}
	EOF
	test_cmp expect out
	cat >expect <<-EOF
	discover: nul.csv:3: field 2 ('\''Address'\'') contains a NUL byte
	discover: nul.csv:4: field 1 ('\''id'\'') contains a NUL byte
	EOF
	test_cmp expect err
	printf "id,Address,reason\nN2,2 Ma\000in St\n\"N\000x\",\"3 Elm St\"\n" >expect
	cmp expect "$(rej nul)"
'

test_expect_success 'a NUL byte in the header is an error: the file is not read' '
	printf "id,Addr\000ess\nN1,1 Main St\n" >nulhead.csv
	test_expect_code 65 discover -q --db nulhead.db -m nul.json nulhead.csv >out 2>err
	test_cmp /dev/null out
	echo "discover: nulhead.csv:1: field 2 contains a NUL byte" >expect
	test_cmp expect err
	test ! -e "$(rej nulhead)"
'

test_expect_success 'a mapping with an unknown field is a config error (78)' '
	printf "{\"columns\":{\"source_id\":\"mls_id\",\"prise\":\"list_price\"}}\n" >bad.map.json
	test_expect_code 78 discover -q -m bad.map.json listings.csv >out 2>err
	test_cmp /dev/null out
	echo "discover: bad.map.json: '\''columns'\'': unknown field '\''prise'\'' (the fields are listed in discover(1))" >expect
	test_cmp expect err
'

test_expect_success 'a mapped column missing from the header is a config error naming the file' '
	printf "{\"columns\":{\"source_id\":\"mls_id\",\"price\":\"asking\"}}\n" >bad2.map.json
	test_expect_code 78 discover -q -m bad2.map.json listings.csv >out 2>err
	test_cmp /dev/null out
	echo "discover: listings.csv: column '\''asking'\'' (for '\''price'\'' in bad2.map.json) is not in the header; the header has mls_id,address,unit,city,state,zip,list_price,beds,baths,sqft,lot_sqft,year_built,property_type,status,lat,lon,url,remarks; name those columns in the map (see discover(1))" >expect
	test_cmp expect err
'

test_expect_success 'two columns with the same name are a config error naming both' '
	printf "{\"source\":\"d\",\"columns\":{\"source_id\":\"id\",\"price\":\"Price\"}}" >dup.json
	printf "id,Address,Price,a,b,c,Price\nD1,1 Main St,100,,,,200\n" >dup.csv
	test_expect_code 78 discover -q --db dup.db -m dup.json dup.csv >out 2>err
	test_cmp /dev/null out
	echo "discover: dup.csv: columns 3 and 7 are both named '\''Price'\''" >expect
	test_cmp expect err
'

test_expect_success 'a repeated column is an error even when the mapping does not read it' '
	printf "id,Notes,Price,Notes\nD1,x,100,y\n" >dup2.csv
	test_expect_code 78 discover -q --db dup.db -m dup.json dup2.csv >out 2>err
	test_cmp /dev/null out
	echo "discover: dup2.csv: columns 2 and 4 are both named '\''Notes'\''" >expect
	test_cmp expect err
'

test_expect_success 'empty column names may repeat, and names differing in case are not the same' '
	printf "id,,price,Price,\nD1,,1,100,\n" >dup3.csv
	test_expect_code 0 discover -q --db dup3.db -m dup.json dup3.csv >out 2>err
	test_cmp /dev/null err
	test_grep "^\{\"id\":\"d:D1\",.*\"price\":100,\"extra\":\{\"price\":\"1\"\}\}$" out
'

test_expect_success 'RESO files need ListingKey' '
	test_expect_code 78 discover -q listings.csv >out 2>err
	test_grep "column .ListingKey. \(for .source_id. in the built-in RESO mapping\) is not in the header; the header has mls_id,address,.*; this is not a RESO export: write a column map and give it with --map FILE" err
'

test_expect_success 'other bad mappings: not JSON, no id, both ids, bad source, bad lists' '
	printf "{\"columns\": {\n" >m1.json
	test_expect_code 78 discover -m m1.json reso.csv >out 2>err
	test_grep "^discover: m1.json:2:" err
	printf "{\"columns\":{\"price\":\"ListPrice\"}}" >m2.json
	test_expect_code 78 discover -m m2.json reso.csv >out 2>err
	test_grep "no .source_id. column and no .id_from. fields" err
	printf "{\"columns\":{\"source_id\":\"ListingKey\",\"address.line\":\"City\"},\"id_from\":[\"address.line\"]}" >m3.json
	test_expect_code 78 discover -m m3.json reso.csv >out 2>err
	test_grep "exclude each other" err
	printf "{\"source\":\"Bad Name\",\"columns\":{\"source_id\":\"ListingKey\"}}" >m4.json
	test_expect_code 78 discover -m m4.json reso.csv >out 2>err
	test_grep "source. must be" err
	printf "{\"columns\":{\"source_id\":\"ListingKey\"},\"missing\":\"NA\"}" >m5.json
	test_expect_code 78 discover -m m5.json reso.csv >out 2>err
	test_grep "missing. must be a list of strings" err
	printf "{\"columns\":{\"source_id\":\"ListingKey\"},\"extras\":1}" >m6.json
	test_expect_code 78 discover -m m6.json reso.csv >out 2>err
	test_grep "unknown key .extras." err
	test_expect_code 78 discover -m nosuch.json reso.csv >out 2>err
	test_grep "^discover: nosuch.json: No such file or directory$" err
	test_cmp /dev/null out
'

test_expect_success 'id_from makes the id from a hash of the normalised fields' '
	printf "{\"source\":\"h\",\"columns\":{\"address.line\":\"address\",\"address.zip\":\"zip\"},\"id_from\":[\"address.line\",\"address.zip\"]}" >h.json
	test_expect_code 0 discover -q --db h.db -m h.json listings.csv >out 2>err
	test_line_count 25 out
	id=$(printf "%s" "123 north main street|89101" | sha256sum | cut -c1-16)
	test_grep "^\{\"id\":\"h:$id\",\"source\":\"h\",\"source_id\":\"$id\"," out
	id=$(printf "%s" "4580 e sahara ave|89104" | sha256sum | cut -c1-16)
	test_grep "^\{\"id\":\"h:$id\"," out
'

test_expect_success 'usage errors exit 64' '
	test_expect_code 64 discover --frobnicate listings.csv >out 2>err
	test_grep "try .discover --help." err
	test_expect_code 64 discover >out 2>err
	test_grep "nothing to read: give CSV FILEs" err
	test_expect_code 64 discover --reso -m listings.map.json listings.csv >out 2>err
	test_grep "exclude each other" err
	test_expect_code 64 discover -S "Bad-Name" reso.csv >out 2>err
	test_grep "invalid source name" err
	test_cmp /dev/null out
'

test_expect_success '--help lists every option' '
	test_expect_code 0 discover --help >out 2>err
	test_cmp /dev/null err
	for opt in -m, --map -S, --source -a, --all --reso -t, --tenant --db --reject --max-line \
		-q, --quiet -h, --help --version; do
		grep -q -e " $opt " out || { echo "missing $opt" >&2; false; }
	done
'

test_done
