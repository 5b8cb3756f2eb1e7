#!/bin/sh
# SPDX-License-Identifier: MIT
# enrich --load-parcels: a county CSV into the parcels table through a column
# map; counts, idempotent reloads, bad rows with their lines, line endings.
. "$(dirname "$0")/lib.sh"

CSV="$TESTDATA/enrich/parcels.csv"
MAP="$TESTDATA/enrich/parcels.map.json"
DB="$BIRDDOG_HOME/default/enrich.db"

# dump DB: the table in APN order, every column but the file it came from.
dump() {
	sqlite3 -separator '|' "$1" "SELECT apn, address_key, line, unit, city, state, zip,
		owner_name, mail_line, mail_unit, mail_city, mail_state, mail_zip, mail_key,
		assessed_value, market_value, land_value, tax_annual, last_sale_date,
		last_sale_price, sqft, year_built, loaded_at FROM parcels ORDER BY apn"
}

test_expect_success 'loads the fixture: 20 parcels, the 2 bad rows rejected with their lines' '
	cp "$CSV" parcels.csv
	test_expect_code 65 enrich --load-parcels parcels.csv --map "$MAP" >out 2>err
	test_cmp /dev/null out
	cat >want.err <<-\EOF
	enrich: parcels.csv:22: '"'"'APN'"'"' is empty
	enrich: parcels.csv:23: '"'"'MARKET_VAL'"'"' is not a number
	enrich: 20 parcels loaded, 0 updated, 2 rejected
	EOF
	test_cmp want.err err
	{ sed -n "1s/$/,reason/p" "$CSV"
	  sed -n "22s/$/,'"'"'APN'"'"' is empty/p" "$CSV"
	  sed -n "23s/$/,'"'"'MARKET_VAL'"'"' is not a number/p" "$CSV"; } >want.rej
	test_cmp want.rej "$BIRDDOG_HOME/default/rejects/enrich-parcels/parcels.csv"
	# the same file again: the same rows are not appended again
	test_expect_code 65 enrich -q --load-parcels parcels.csv --map "$MAP" >out 2>err
	test_cmp want.rej "$BIRDDOG_HOME/default/rejects/enrich-parcels/parcels.csv"
'

test_expect_success 'the table is plain SQL for the sqlite3 CLI' '
	test "$(sqlite3 "$DB" "SELECT count(*) FROM parcels")" = 20
	sqlite3 -separator "|" "$DB" "SELECT apn, address_key, owner_name, mail_key, mail_state,
		market_value, last_sale_date, last_sale_price FROM parcels
		WHERE apn IN ('"'"'139-34-510-017'"'"', '"'"'163-01-310-012'"'"') ORDER BY apn" >got
	cat >want <<-\EOF
	139-34-510-017|123 N MAIN ST|APT 4|89101|O'"'"'BRIEN, PATRICK|123 N MAIN ST|APT 4|89101|NV|170000|2016-03-15|98000
	163-01-310-012|2750 S RAINBOW BLVD|# 12|89146|CHEN HOLDINGS LLC|800 WILSHIRE BLVD|STE 200|90017|CA|200000|2019-05-02|185000
	EOF
	test_cmp want got
	sqlite3 "$DB" "SELECT apn FROM parcels WHERE address_key = '"'"'1624 PALM ST||89104'"'"'" >got
	echo 162-01-413-006 >want
	test_cmp want got
	sqlite3 "$DB" "EXPLAIN QUERY PLAN SELECT apn FROM parcels WHERE address_key = '"'"'x'"'"'" >plan
	test_grep "USING (COVERING )?INDEX parcels_address_key" plan
'

test_expect_success 'unknown values are NULL: no sale, and 0 for sqft and year built' '
	sqlite3 "$DB" "SELECT quote(last_sale_date), quote(last_sale_price), quote(sqft),
		quote(year_built), land_value FROM parcels WHERE apn = '"'"'179-19-301-010'"'"'" >got
	echo "NULL|NULL|NULL|NULL|108000" >want
	test_cmp want got
'

test_expect_success 'loading the same file again updates in place and changes nothing' '
	dump "$DB" >before
	test_expect_code 65 enrich --load-parcels "$CSV" --map "$MAP" >out 2>err
	test_grep "^enrich: 20 parcels loaded, 20 updated, 2 rejected$" err
	dump "$DB" >after
	test_cmp before after
	test_line_count 20 after
'

test_expect_success 'a changed row replaces the parcel of its APN' '
	head -n 1 "$CSV" >changed.csv
	grep "^162-01-413-007," "$CSV" | sed "s/BECKER HANS/BECKER GRETA/" >>changed.csv
	printf "999-99-999-999,1 NEW ST,,LAS VEGAS,89101,NEW OWNER,,,,,1,2,3,4,,,,\n" >>changed.csv
	enrich --load-parcels changed.csv --map "$MAP" >out 2>err
	test_grep "^enrich: 2 parcels loaded, 1 updated, 0 rejected$" err
	test "$(sqlite3 "$DB" "SELECT owner_name FROM parcels WHERE apn = '"'"'162-01-413-007'"'"'")" = "BECKER GRETA"
	test "$(sqlite3 "$DB" "SELECT count(*) FROM parcels")" = 21
'

test_expect_success 'CR, CRLF and a byte-order mark load the same table, lines counted alike' '
	test_expect_code 65 enrich -q --db lf.db --reject lf.rej --load-parcels "$CSV" --map "$MAP" >out 2>lf.err
	test_line_count 2 lf.err
	tr "\n" "\r" <"$CSV" >cr.csv
	sed "s/\$/$(printf "\r")/" "$CSV" >crlf.csv
	{ printf "\357\273\277"; cat crlf.csv; } >bom.csv
	for f in cr crlf bom; do
		test_expect_code 65 enrich -q --db $f.db --reject $f.rej --load-parcels $f.csv \
			--map "$MAP" >out 2>$f.err
		printf "enrich: %s.csv:22: '"'"'APN'"'"' is empty\n" $f >want
		printf "enrich: %s.csv:23: '"'"'MARKET_VAL'"'"' is not a number\n" $f >>want
		test_cmp want $f.err
		test_line_count 3 $f.rej
		dump lf.db | cut -d"|" -f1-22 >want.dump
		dump $f.db | cut -d"|" -f1-22 >got.dump
		test_cmp want.dump got.dump
	done
'

test_expect_success 'line numbers stay right past quoted newlines and long files' '
	awk "BEGIN {
		printf \"APN,OWNER,MV,D\r\n\"
		for (i = 1; i <= 3000; i++) printf \"A-%d,OWNER %d,%d,2020-01-02\r\n\", i, i, i * 1000
		printf \"Q-1,\\\"TWO\r\nLINES\\\",5,\r\n\"
		printf \"B-1,bad money,12x,\r\nC-1,bad date,1,2020-02-30\r\n\"
		printf \"D-1,bad\\\"quote,1,\r\nE-1,short,1\r\nF-1,ok,1,01/31/2020\"
	}" >long.csv
	printf "{\"columns\":{\"apn\":\"APN\",\"owner.name\":\"OWNER\",\"market_value\":\"MV\",\"last_sale_date\":\"D\"}}\n" >long.json
	test_expect_code 65 enrich --db long.db --reject long.rej --load-parcels long.csv --map long.json >out 2>err
	cat >want <<-\EOF
	enrich: long.csv:3004: '"'"'MV'"'"' is not a number
	enrich: long.csv:3005: '"'"'D'"'"' is not a date: day 30 is not in February 2020
	enrich: long.csv:3006: malformed quoting (RFC 4180)
	enrich: long.csv:3007: the row has 3 fields, the header 4
	enrich: 3002 parcels loaded, 0 updated, 4 rejected
	EOF
	test_cmp want err
	cat >want.rej <<-\EOF
	APN,OWNER,MV,D,reason
	B-1,bad money,12x,,'"'"'MV'"'"' is not a number
	C-1,bad date,1,2020-02-30,'"'"'D'"'"' is not a date: day 30 is not in February 2020
	D-1,bad"quote,1,
	E-1,short,1,,"the row has 3 fields, the header 4"
	EOF
	test_cmp want.rej long.rej
	test "$(sqlite3 long.db "SELECT last_sale_date FROM parcels WHERE apn = '"'"'F-1'"'"'")" = 2020-01-31
	test "$(sqlite3 long.db "SELECT market_value FROM parcels WHERE apn = '"'"'A-3000'"'"'")" = 3000000
'

test_expect_success 'APNs of other characters and money in other forms' '
	printf "APN,MV,TAX\n12#4,1,1\n,1,1\n 5-6 ,\"\$315,000\",1890.49\n7-8,-5,1\n" >odd.csv
	printf "{\"columns\":{\"apn\":\"APN\",\"market_value\":\"MV\",\"tax_annual\":\"TAX\"}}\n" >odd.json
	test_expect_code 65 enrich --db odd.db --reject odd.rej --load-parcels odd.csv --map odd.json >out 2>err
	cat >want <<-\EOF
	enrich: odd.csv:2: '"'"'APN'"'"' is not a parcel number
	enrich: odd.csv:3: '"'"'APN'"'"' is empty
	enrich: odd.csv:5: '"'"'MV'"'"' is not a number
	enrich: 1 parcels loaded, 0 updated, 3 rejected
	EOF
	test_cmp want err
	test "$(sqlite3 odd.db "SELECT apn, market_value, tax_annual FROM parcels")" = "5-6|315000|1890"
'

test_expect_success 'a mapped column missing from the header stops the load, a config error (78)' '
	printf "{\"columns\":{\"apn\":\"APN\",\"owner.name\":\"NO_SUCH\"}}\n" >nosuch.json
	test_expect_code 78 enrich --db x.db --load-parcels "$CSV" --map nosuch.json >out 2>err
	test_grep "^enrich: .*parcels.csv:1: no column '"'"'NO_SUCH'"'"' \(mapped to '"'"'owner.name'"'"'\) in the header$" err
	test "$(sqlite3 x.db "SELECT count(*) FROM parcels")" = 0
'

test_expect_success 'bad maps exit 78 and name the problem' '
	printf "{\"columns\":{\"apn\":\"APN\",\"bogus\":\"X\"}}\n" >m1.json
	printf "{\"columns\":{\"owner.name\":\"OWNER\"}}\n" >m2.json
	printf "{\"columns\":{\"apn\":3}}\n" >m3.json
	printf "{\"columns\":\n" >m4.json
	for m in m1 m2 m3 m4 missing; do
		test_expect_code 78 enrich --db x.db --load-parcels "$CSV" --map $m.json >out 2>$m.err
		test_cmp /dev/null out
	done
	test_grep "^enrich: m1.json: '"'"'columns.bogus'"'"' is not a parcel field$" m1.err
	test_grep "^enrich: m2.json: '"'"'columns.apn'"'"' is required$" m2.err
	test_grep "^enrich: m3.json: '"'"'columns.apn'"'"' must be a column name$" m3.err
	test_grep "^enrich: m4.json:2:" m4.err
	test_grep "^enrich: missing.json: " missing.err
'

test_expect_success 'usage errors exit 64' '
	test_expect_code 64 enrich --load-parcels "$CSV" >out 2>err
	test_grep "needs '"'"'--map'"'"'" err
	test_expect_code 64 enrich --map "$MAP" </dev/null >out 2>err
	test_grep "only for '"'"'--load-parcels'"'"'" err
	test_expect_code 64 enrich --load-parcels "$CSV" --map "$MAP" extra.ndjson >out 2>err
	test_grep "takes no FILE operands" err
'

test_expect_success 'a missing CSV exits 66; an empty one loads nothing, no error' '
	test_expect_code 66 enrich --db x.db --load-parcels nosuch.csv --map "$MAP" >out 2>err
	test_grep "^enrich: nosuch.csv: No such file or directory$" err
	: >empty.csv
	test_expect_code 0 enrich --db x.db --load-parcels empty.csv --map "$MAP" >out 2>err
	test_grep "^enrich: 0 parcels loaded, 0 updated, 0 rejected$" err
'

test_expect_success '--check: the map fits the file; --preview counts and loads nothing' '
	test_expect_code 0 enrich --db pv.db --check --load-parcels "$CSV" --map "$MAP" >out 2>err
	test_cmp /dev/null out
	test_grep "^enrich: ready: .*parcels.csv. fits the map" err
	test ! -e pv.db
	test_expect_code 78 enrich --db pv.db --check --load-parcels "$CSV" --map nosuch.json >out 2>err
	test_grep "no column .NO_SUCH. .*in the header; the header is: APN,SITUS_ADDR," err
	test_expect_code 65 enrich --db pv.db --reject pv.rej --preview --load-parcels "$CSV" --map "$MAP" >out 2>err
	test_grep "^enrich: 20 parcels would be loaded, 0 updated, 2 rejected \(a preview: nothing was loaded\)$" err
	test ! -e pv.db && test ! -e pv.rej
'

test_expect_success 'a row longer than --max-line is rejected whole, the rest load' '
	cp "$CSV" long-row.csv
	awk "BEGIN { printf \"L-1,\"; for (i = 0; i < 500; i++) printf \"x\"; print \",,LAS VEGAS,89101\" }" >>long-row.csv
	test_expect_code 65 enrich --db lr.db --reject lr.rej --max-line 200 --load-parcels long-row.csv --map "$MAP" >out 2>err
	test_grep "^enrich: long-row.csv:24: row longer than 200 bytes$" err
	test_grep "^enrich: 20 parcels loaded, 0 updated, 3 rejected$" err
	tail -n 1 long-row.csv >want
	tail -n 1 lr.rej >got
	test_cmp want got
'

test_expect_success 'loading reads no records from standard input' '
	printf "not json\n" >junk
	test_expect_code 65 enrich --db y.db --reject y.rej --load-parcels "$CSV" --map "$MAP" <junk >out 2>err
	test_cmp /dev/null out
	test_must_fail grep -q "invalid JSON\| in, " err
	test_line_count 3 y.rej
'

test_done
