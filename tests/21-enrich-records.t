#!/bin/sh
# SPDX-License-Identifier: MIT
# enrich over records: exact output for the fixture listings, the parcel join
# by address and by APN, unmatched records, rejects, the record layer.
. "$(dirname "$0")/lib.sh"

T="$TESTDATA/enrich"

test_expect_success 'setup: the fixture parcels are loaded' '
	test_expect_code 65 enrich -q --load-parcels "$T/parcels.csv" --map "$T/parcels.map.json" \
		>out 2>err
	test_line_count 2 err
'

test_expect_success 'enriches the fixture listings exactly' '
	enrich "$T/listings.ndjson" >out 2>err
	test_cmp "$T/listings.out" out
	test_line_count 1 err
	test_grep "^enrich: 23 in, 23 out, 0 rejected, " err
'

test_expect_success 'reads standard input; -q prints nothing on stderr' '
	enrich -q <"$T/listings.ndjson" >out 2>err
	test_cmp "$T/listings.out" out
	test_cmp /dev/null err
'

test_expect_success 'running again over its own output changes nothing' '
	enrich -q "$T/listings.out" >out 2>err
	test_cmp "$T/listings.out" out
	test_cmp /dev/null err
'

test_expect_success 'listings written differently join their parcels by address' '
	jq -r "select(.assessor) | [.id, .assessor.apn] | @tsv" "$T/listings.out" >got
	test_line_count 16 got
	test_grep "^lvmls:LV2401002	139-34-510-017$" got
	test_grep "^lvmls:LV2401003	163-01-310-012$" got
	test_grep "^lvmls:LV2401011	163-07-101-009$" got
'

test_expect_success 'owners: absentee and out of state from the mailing address' '
	jq -r "select(.owner) | [.id, .owner.absentee, .owner.out_of_state] | @tsv" \
		"$T/listings.out" >got
	test_grep "^lvmls:LV2401001	true	false$" got
	test_grep "^lvmls:LV2401002	false	false$" got
	test_grep "^lvmls:LV2401004	false	false$" got
	test_grep "^lvmls:LV2401005	true	true$" got
	test_grep "^lvmls:LV2401008	true	false$" got
'

test_expect_success 'unmatched records pass through with no assessor or owner' '
	jq -c "select(.assessor | not)" "$T/listings.out" >unmatched
	jq -r .id unmatched >ids
	printf "lvmls:LV24010%s\n" 09 10 12 16 20 22 25 >want
	test_cmp want ids
	test_must_fail grep -q "\"owner\"" unmatched
	jq -c "del(.address, .market, .features)" unmatched >got
	grep -F -f ids "$T/listings.ndjson" | jq -c "del(.address)" >want
	test_cmp want got
'

test_expect_success 'market: the ZIP median of market value per square foot' '
	jq -r "[.address.zip, .market.zip_median_ppsf] | @tsv" "$T/listings.out" | sort -u >got
	test_grep "^89104	218.3$" got
	test_grep "^89102	177.6$" got
	test_grep "^89139	$" got
'

test_expect_success 'features: the equity assumption, worked out independently' '
	jq -c "select(.id == \"lvmls:LV2401001\" or .id == \"lvmls:LV2401004\"
		or .id == \"lvmls:LV2401005\") | .features" "$T/listings.out" >got
	"$PYTHON" -c "
def bal(price, months):
    loan, r = price * 0.8, 0.065 / 12
    if months >= 360: return 0
    pay = loan * r / (1 - (1 + r) ** -360)
    g = (1 + r) ** months
    return loan * g - pay * (g - 1) / r
for value, price, months in ((280000, 160000, 269), (550000, 189000, 380), (145000, 200000, 40)):
    e = max(0, value - bal(price, months))
    print(round(e), round(e / value * 100, 1))
" >want
	jq -r "[.equity_est, .equity_pct] | @tsv" got | tr "\t" " " | sed "s/ \([0-9]*\)$/ \1.0/" >got.eq
	test_cmp want got.eq
'

test_expect_success 'edge cases: APN joins, no address, rejects with reasons' '
	cp "$T/cases.ndjson" cases.ndjson
	test_expect_code 65 enrich --reject rej.ndjson cases.ndjson >out 2>err
	test_cmp "$T/cases.out" out
	grep -v "^enrich: 13 in, 7 out, 6 rejected, " err >got.err
	test_cmp "$T/cases.err" got.err
	test_line_count 7 err
	sed -n "7,12p" cases.ndjson >want.rej
	test_cmp want.rej rej.ndjson
'

test_expect_success 'a top-level apn or assessor.apn joins where the address would not' '
	enrich -q --reject rej2.ndjson "$T/cases.ndjson" >out 2>err || :
	jq -r "select(.id == \"t:apn\" or .id == \"t:assessor-apn\") | .assessor.apn" out >got
	printf "162-21-515-120\n163-07-101-009\n" >want
	test_cmp want got
'

test_expect_success 'unknown keys survive byte for byte' '
	enrich -q --reject rej3.ndjson "$T/cases.ndjson" >out 2>err || :
	line=$(grep "t:unknown-keys" out)
	case $line in
	*"\"id\":\"t:unknown-keys\",  \"x\" : [1, 2.50, {\"y\":\"\\u00e9\\\"q\"}] ,\"address\":{"*) ;;
	*) echo "changed: $line" >&2; false ;;
	esac
	case $line in
	*"\"market\":{\"comps\":[{\"id\":\"c1\",\"price\":300000}],\"zip_median_ppsf\":218.3},\"z\":1e3,"*) ;;
	*) echo "changed: $line" >&2; false ;;
	esac
'

test_expect_success 'without loaded parcels: addresses and features only' '
	enrich -q --db empty.db "$T/listings.ndjson" >out 2>err
	test_cmp /dev/null err
	test_line_count 23 out
	test_must_fail grep -q "\"assessor\"\|\"owner\"\|\"market\"" out
	jq -r ".address.key" out | head -n 2 >got
	printf "1420 W CHARLESTON BLVD||89102\n123 N MAIN ST|APT 4|89101\n" >want
	test_cmp want got
'

test_expect_success 'malformed JSON lines are rejected whole, the rest go on' '
	printf "{\"id\":\"a\",\"price\":1}\n{\"id\":\"b\",\n{\"id\":\"c\",\"id\":\"d\"}\n\"str\"\n{\"id\":\"e\"}\n" >bad.ndjson
	test_expect_code 65 enrich --reject bad.rej bad.ndjson >out 2>err
	jq -r .id out >ids
	printf "a\ne\n" >want
	test_cmp want ids
	test_grep "^enrich: bad.ndjson:2: invalid JSON" err
	test_grep "^enrich: bad.ndjson:3: duplicate key" err
	test_grep "^enrich: bad.ndjson:4: top-level value is not an object" err
	test_grep "^enrich: 5 in, 2 out, 3 rejected, " err
	test_line_count 3 bad.rej
'

test_expect_success 'empty input: no output, exit 0' '
	enrich </dev/null >out 2>err
	test_cmp /dev/null out
	test_grep "^enrich: 0 in, 0 out, 0 rejected, " err
'

test_expect_success 'a missing input file exits 66 after the others' '
	test_expect_code 66 enrich -q nosuch.ndjson "$T/listings.ndjson" >out 2>err
	test_cmp "$T/listings.out" out
	test_grep "^enrich: nosuch.ndjson: No such file or directory$" err
'

test_expect_success '--help prints the usage on stdout and exits 0' '
	enrich --help >out 2>err
	test_cmp /dev/null err
	test_grep "^usage: enrich \[OPTIONS\] \[FILE...\]$" out
	test_grep "^       enrich --load-parcels CSV --map MAP" out
	test_grep "^  -q, --quiet " out
'

test_done
