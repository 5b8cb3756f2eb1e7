#!/bin/sh
# SPDX-License-Identifier: MIT
# discover on real public data beside the repository (../shared/data):
# Sacramento 2008 sales (CR line endings, no id column) and the Ames housing
# data (a byte-order mark, "NA" for missing, ids with leading zeros).
. "$(dirname "$0")/lib.sh"

T="$TESTDATA/discover"
SAC="$SHARED_DATA/sales/sacramento-2008.csv"
AMES="$SHARED_DATA/sales/ames-2006-2010.csv"

if ! have_shared_data; then
	test_skip 'Sacramento and Ames sales through discover' "../shared/data absent"
	test_done
	exit
fi

test_expect_success 'Sacramento: CR-only lines, 985 rows, 4 repeated addresses' '
	test_expect_code 65 discover -m "$T/sacramento.map.json" "$SAC" >sac 2>err
	test_line_count 981 sac
	test "$(grep -c "\"event\":\"new\"" sac)" = 981
	test_line_count 2 err
	test_grep "^discover: 985 in, 981 out, 1 rejected, " err
'

test_expect_success 'Sacramento: a repeated address with another price is rejected, the same row skipped' '
	id=$(printf "%s" "1223 lamberton cir|95838" | sha256sum | cut -c1-16)
	echo "discover: $SAC:396: '\''sacramento:$id'\'' was read before in this run with other values" >expect
	head -n 1 err >got
	test_cmp expect got
	echo "1223 LAMBERTON CIR,SACRAMENTO,95838,CA,3,2,1370,Residential,Mon May 19 00:00:00 EDT 2008,155500,38.646677,-121.437573,'"'"'sacramento:$id'"'"' was read before in this run with other values" >expect
	sed -n 2p "$BIRDDOG_HOME/default/rejects/discover/sacramento-2008.csv" >got
	test_cmp expect got
	test_line_count 2 "$BIRDDOG_HOME/default/rejects/discover/sacramento-2008.csv"
	test_grep "\"line\":\"1223 LAMBERTON CIR\",.*\"sale_price\":155435\}" sac
	test "$(grep -c "\"line\":\"4734 14TH AVE\"" sac)" = 1
'

test_expect_success 'Sacramento: exact records, first and last, ids from address and ZIP' '
	id=$(printf "%s" "3526 high st|95838" | sha256sum | cut -c1-16)
	cat >expect <<-EOF
	{"id":"sacramento:$id","source":"sacramento","source_id":"$id","seen_at":"2026-11-23T04:00:00Z","event":"new","address":{"line":"3526 HIGH ST","unit":null,"city":"SACRAMENTO","state":"CA","zip":"95838"},"lat":38.631913,"lon":-121.434879,"beds":2,"baths":1,"sqft":836,"type":"single_family","sale_date":"2008-05-21","sale_price":59222}
	EOF
	head -n 1 sac >got
	test_cmp expect got
	id=$(printf "%s" "3882 yellowstone ln|95762" | sha256sum | cut -c1-16)
	cat >expect <<-EOF
	{"id":"sacramento:$id","source":"sacramento","source_id":"$id","seen_at":"2026-11-23T04:00:00Z","event":"new","address":{"line":"3882 YELLOWSTONE LN","unit":null,"city":"EL DORADO HILLS","state":"CA","zip":"95762"},"lat":38.655245,"lon":-121.075915,"beds":3,"baths":2,"sqft":1362,"type":"single_family","sale_date":"2008-05-15","sale_price":235738}
	EOF
	tail -n 1 sac >got
	test_cmp expect got
'

test_expect_success 'Sacramento: implausible prices kept, zeros and "Unkown" mean absent, sale dates read' '
	test_grep "\"line\":\"3720 VISTA DE MADERA\",.*\"beds\":3,\"baths\":3,\"type\":\"single_family\",\"sale_date\":\"2008-05-16\",\"sale_price\":1551\}$" sac
	test_grep "\"line\":\"11150 TRINITY RIVER DR Unit 114\",.*\"type\":\"condo\",.*\"sale_price\":94905" sac
	! grep -q -e "\"sqft\":0," -e "\"beds\":0," -e "Unkown" -e "EDT 2008" -e "\"extra\"" sac || false
	# "Wed May 21 00:00:00 EDT 2008" and the other days of that week, as dates
	jq -r .sale_date sac | sort | uniq -c | awk "{ print \$2, \$1 }" >days
	test "$(cut -d" " -f1 days | tr "\n" " ")" = "2008-05-15 2008-05-16 2008-05-19 2008-05-20 2008-05-21 "
	test "$(awk "{ n += \$2 } END { print n }" days)" = 981
	test "$(grep -c "\"type\":\"multi_family\"" sac)" = 13
'

test_expect_success 'Sacramento: the second run writes nothing and rejects the same row' '
	test_expect_code 65 discover -q -m "$T/sacramento.map.json" "$SAC" >out 2>err2
	test_cmp /dev/null out
	head -n 1 err >expect
	test_cmp expect err2
'

test_expect_success 'Ames: byte-order mark skipped, 2930 rows, PIDs keep their leading zero' '
	test_expect_code 0 discover -q -m "$T/ames.map.json" "$AMES" >ames 2>err
	test_cmp /dev/null err
	test_line_count 2930 ames
	cat >expect <<-\EOF
	{"id":"ames:0526301100","source":"ames","source_id":"0526301100","seen_at":"2026-11-23T04:00:00Z","event":"new","address":{"line":null,"unit":null,"city":null,"state":null,"zip":null},"beds":3,"sqft":1656,"lot_sqft":31770,"year_built":1960,"type":"single_family","sale_price":215000}
	EOF
	head -n 1 ames >got
	test_cmp expect got
	test "$(grep -c "^{\"id\":\"ames:0" ames)" -gt 1000
'

test_expect_success 'Ames: "NA" is absent (106 rows have a misc feature), types mapped' '
	test "$(grep -c "\"description\":" ames)" = 106
	! grep -q "\"NA\"" ames || false
	test "$(grep -c "\"description\":\"Shed\"" ames)" = 95
	test "$(grep -c "\"type\":\"townhouse\"" ames)" = 334
'

test_expect_success 'Ames: the columns a mapping does not name are kept under "extra"' '
	jq ".extra = true" "$T/ames.map.json" >ames-extra.json
	test_expect_code 0 discover -q --db extra.db -m ames-extra.json "$AMES" >amesx 2>err
	test_cmp /dev/null err
	test_line_count 2930 amesx
	# 82 columns: 8 mapped, "Order" and 73 others kept where not empty or NA
	head -n 1 amesx | jq -r ".extra | keys | length" >n
	test "$(cat n)" -ge 60
	head -n 1 amesx | jq -r ".extra[\"MS Zoning\"], .extra[\"Mo Sold\"], .extra[\"Yr Sold\"], .extra[\"Lot Frontage\"]" >got
	printf "RL\n5\n2010\n141\n" >want && test_cmp want got
	! jq -e "select(.extra | to_entries | any(.value == \"NA\" or .value == \"\"))" amesx >/dev/null || false
	! jq -e "select(.extra.PID or .extra.SalePrice)" amesx >/dev/null || false
	# the same records as without "extra" but for it
	jq -c "del(.extra)" amesx >stripped
	test_cmp ames stripped
'

test_expect_success 'a file given twice in one run (under -S) adds nothing the second time' '
	test_expect_code 65 discover -q --db twice.db -S sales -m "$T/sacramento.map.json" "$SAC" "$SAC" >twice 2>err
	test_line_count 981 twice
	test_grep "^\{\"id\":\"sales:" twice
	test_line_count 2 err
'

test_done
