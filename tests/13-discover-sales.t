#!/bin/sh
# SPDX-License-Identifier: MIT
# A county sales file as real ones are written (testdata/discover/
# county-sales.csv, in the layout of King County's kc_house_data): prices of
# a million or more in exponent form, dates as 20141013T000000, houses sold
# twice, columns no mapping names. Every valid row comes out, through
# discover --all | enrich | score; each sale is its own event; unmapped
# columns survive under "extra".
. "$(dirname "$0")/lib.sh"

T="$TESTDATA/discover"
CSV="$T/county-sales.csv"
MAP="$T/county-sales.map.json"
DB="$BIRDDOG_HOME/default/discover.db"

test_expect_success 'every valid row comes out; the 3 bad ones are rejected, saying why' '
	test_expect_code 65 discover --all -m "$MAP" "$CSV" >out 2>err
	cat >want <<-EOF
	discover: $CSV:25: '"'"'kingco:2487200875'"'"' was read before in this run with other values
	discover: $CSV:26: '"'"'sale_price'"'"' is out of range ('"'"'1e400'"'"')
	discover: $CSV:27: '"'"'sale_date'"'"' is not a date: day 30 is not in February 2014 ('"'"'20140230T000000'"'"')
	EOF
	grep -v "^discover: 26 in" err >got
	test_cmp want got
	test_grep "^discover: 26 in, 23 out, 3 rejected, " err
	test_line_count 23 out
	test_line_count 4 "$BIRDDOG_HOME/default/rejects/discover/county-sales.csv"
'

test_expect_success 'prices in exponent form are whole dollars; dates are YYYY-MM-DD' '
	jq -r "select(.id == \"kingco:7237550310\") | [.sale_price, .sale_date] | @tsv" out >got
	printf "1350000\t2014-10-16\n" >want && test_cmp want got
	jq -r "select(.event == \"sale\" and .id == \"kingco:6414100192\") | .sale_price" out >got
	echo 1225000 >want && test_cmp want got
	test "$(jq -r .sale_date out | grep -c "^20[0-9][0-9]-[01][0-9]-[0-3][0-9]$")" = 23
	! grep -q "e+00" out || false
'

test_expect_success 'a house sold twice gives two sales: the first new, the later one "sale"' '
	jq -c "select(.id == \"kingco:7129300520\") | [.event, .sale_date, .sale_price]" out >got
	cat >want <<-\EOF
	["new","2014-05-01",530000]
	["sale","2015-02-25",604000]
	EOF
	test_cmp want got
	test "$(sqlite3 "$DB" "SELECT count(*) FROM sales")" = 22
	test "$(sqlite3 "$DB" "SELECT count(*) FROM listings")" = 20
	test "$(sqlite3 "$DB" "SELECT sale_date FROM listings WHERE id = '"'"'kingco:7129300520'"'"'")" = 2015-02-25
	sqlite3 "$DB" "SELECT event, price FROM price_history WHERE listing_id = '"'"'kingco:6414100192'"'"' ORDER BY rowid" >got
	printf "new|395000\nsale|1225000\n" >want && test_cmp want got
'

test_expect_success 'the columns the mapping does not name are kept under "extra", as written' '
	head -n 1 out | jq -c .extra >got
	echo "{\"floors\":\"1.5\",\"waterfront\":\"0\",\"view\":\"0\",\"condition\":\"3\",\"grade\":\"7\",\"sqft_above\":\"4346\",\"sqft_basement\":\"0\",\"yr_renovated\":\"0\",\"sqft_living15\":\"4346\",\"sqft_lot15\":\"17258\"}" >want
	test_cmp want got
	test "$(jq -r "select(.extra | length == 10) | .id" out | wc -l)" = 23
'

test_expect_success '"extra": false in the mapping drops them' '
	jq ".extra = false" "$MAP" >noextra.json
	test_expect_code 65 discover --all --db noextra.db -m noextra.json "$CSV" >out2 2>/dev/null
	test_line_count 23 out2
	! grep -q "\"extra\"" out2 || false
	jq -c "del(.extra)" out >want && test_cmp want out2
'

test_expect_success 'nothing is lost through discover --all | enrich | score' '
	enrich out >e.out 2>e.err
	score e.out >s.out 2>s.err
	test_grep "^enrich: 23 in, 23 out, 0 rejected," e.err
	test_grep "^score: 23 in, 23 out, 0 rejected," s.err
	jq -r .id out >ids.in && jq -r .id s.out >ids.out && test_cmp ids.in ids.out
	# a sold record without an asking price gets its price per square foot from the sale
	test "$(jq -r "select(.id == \"kingco:7237550310\") | .features.price_per_sqft" s.out)" = \
		"$(jq -rn "1350000 / $(jq -r "select(.id == \"kingco:7237550310\") | .sqft" out) * 10 | round / 10")"
'

test_expect_success 'a second run: nothing new; with --all every sale comes out unchanged' '
	test_expect_code 65 discover -m "$MAP" "$CSV" >again 2>/dev/null
	test_cmp /dev/null again
	test_expect_code 65 discover --all -m "$MAP" "$CSV" >all 2>/dev/null
	test_line_count 23 all
	test "$(jq -r .event all | sort -u)" = unchanged
	test "$(sqlite3 "$DB" "SELECT count(*) FROM sales")" = 22
'

test_expect_success 'a later file: a new sale of a known house is a "sale", a correction "updated"' '
	{ head -n 1 "$CSV"
	  echo "7129300520,\"20160301T000000\",7.15e+005,5,3.75,4346,17258,\"1.5\",0,0,3,7,4346,0,1965,0,\"98178\",47.7130,-122.348,4346,17258"
	  echo "5631500400,\"20140707T000000\",539000,4,2.25,3238,7160,\"2\",0,0,3,7,3238,0,1901,0,\"98028\",47.6990,-122.449,3238,7160"
	} >later.csv
	discover -m "$MAP" later.csv >later.out 2>later.err
	jq -c "[.id, .event, .sale_date, .sale_price]" later.out >got
	cat >want <<-\EOF
	["kingco:7129300520","sale","2016-03-01",715000]
	["kingco:5631500400","updated","2014-07-07",539000]
	EOF
	test_cmp want got
	test "$(sqlite3 "$DB" "SELECT count(*) FROM sales")" = 23
'

test_expect_success 'RESO: close and listing dates, a whole address in UnparsedAddress taken apart' '
	cat >reso-sold.csv <<-\EOF
	ListingKey,UnparsedAddress,City,StateOrProvince,PostalCode,ListPrice,ClosePrice,CloseDate,ListingContractDate,OnMarketDate,ModificationTimestamp,StandardStatus,HOAFee
	R1,"1234 S Martin Luther King Dr, Chicago, IL 60637",,,,1.5e+005,148000,2024-03-15,,02/01/2024,2024-03-16T10:00:00-05:00,Closed,85
	R2,"500 N State St Apt 3, Chicago, Illinois 60654-1234",,,,310000,,,2024-05-02,2024-05-04,,Active,
	R3,100 Kansas Ave,Topeka,KS,66603,99000,,,,,,Active,
	EOF
	discover -q --db reso.db reso-sold.csv >reso.out 2>reso.err
	test_cmp /dev/null reso.err
	jq -c "[.id, .address, .price, .sale_price, .sale_date, .list_date, .status_date, .extra]" reso.out >got
	cat >want <<-\EOF
	["reso_sold:R1",{"line":"1234 S MARTIN LUTHER KING DR","unit":null,"city":"CHICAGO","state":"IL","zip":"60637"},150000,148000,"2024-03-15","2024-02-01","2024-03-16T15:00:00Z",{"HOAFee":"85"}]
	["reso_sold:R2",{"line":"500 N STATE ST APT 3","unit":null,"city":"CHICAGO","state":"IL","zip":"60654-1234"},310000,null,null,"2024-05-02",null,null]
	["reso_sold:R3",{"line":"100 Kansas Ave","unit":null,"city":"Topeka","state":"KS","zip":"66603"},99000,null,null,null,null,null]
	EOF
	test_cmp want got
	test "$(jq -r .event reso.out | tr "\n" " ")" = "new new new "
	enrich -q --db reso-enrich.db reso.out >reso.e
	jq -r .address.key reso.e >keys
	printf "1234 S MARTIN LUTHER KING DR||60637\n500 N STATE ST|APT 3|60654\n100 KANSAS AVE||66603\n" >want
	test_cmp want keys
'

test_done
