#!/bin/sh
# SPDX-License-Identifier: MIT
# discover's json and csv sources end to end against the test API server
# (tests/api-server.py) on 127.0.0.1: the RESO Web API with OAuth2 (records
# against the data file, what the server was asked, the cursor across runs,
# a price drop, ties on the timestamp across pages and runs, a token that
# expires), a generic JSON API in its three paging shapes, the misbehaving
# endpoints (each a reject, bounded in time, tries and bytes), CSV files by
# path and over HTTP, and --check. Every loop here is bounded.
. "$(dirname "$0")/lib.sh"
. "$TEST_ROOT/tests/api.sh"

# use_home NAME: BIRDDOG_HOME of its own (a listing another source gave
# keeps that source's id), and REJ its rejects directory.
use_home() {
	BIRDDOG_HOME="$TMP/home-$1"
	export BIRDDOG_HOME
	REJ="$BIRDDOG_HOME/default/rejects/discover"
}
use_home mls
UA="birddog/0.2 (+https://birddog.example/bot)"
RATE='{"per_second": 50, "burst": 50}'
export BIRDDOG_RESO_CLIENT_ID="$API_CLIENT_ID"
export BIRDDOG_RESO_CLIENT_SECRET="$API_CLIENT_SECRET"
export BIRDDOG_PORTAL_TOKEN=portal-token-4242
# Texts with a single quote, for the test bodies (which are single-quoted).
NOT_NUMBER="'price' is not a number"
NOT_HOSTS="not one of the source's \"hosts\""
CHECK_UA="'user_agent' must carry a contact URL"
BROWSER_UA="'user_agent' must name birddog's crawler, not a browser"

# reso_config BASE NAME [JQ]: testdata/sources/mls_reso.json for the server
# at BASE, named NAME, at 50 requests a second, then changed by JQ.
reso_config() {
	sed "s|@API@|$1|g" "$TESTDATA/sources/mls_reso.json" |
		jq --arg name "$2" --argjson rate "$RATE" ".name = \$name | .rate = \$rate | ${3:-.}"
}

# mark LOG: how many lines LOG has now; since LOG N: the lines after the Nth.
mark() {
	wc -l <"$1" | tr -d " "
}
since() {
	tail -n +"$(($2 + 1))" "$1"
}

# queries: the "query" of each /odata request of a log on stdin, decoded.
queries() {
	jq -r 'select(.path == "/odata/Property") | .query' |
		"$PYTHON" -c 'import sys, urllib.parse
for line in sys.stdin:
    print(urllib.parse.unquote(line.rstrip("\n")))'
}

# elapsed START: seconds since START (date +%s.%N).
elapsed() {
	echo "$1 $(date +%s.%N)" | awk '{ printf "%.3f\n", $2 - $1 }'
}

# The records the RESO source $src should write, from a Property data file.
RESO_WANT='map(select(.StandardStatus != "Withdrawn"))
	| sort_by(.ModificationTimestamp, .ListingKey)[]
	| {id: ($src + ":" + .ListingKey), price: .ListPrice, beds: .BedroomsTotal,
	   line: .UnparsedAddress, city: .City, zip: .PostalCode,
	   photos: ((.Media // []) | sort_by(.Order) | map(.MediaURL) | if . == [] then null else . end),
	   url: .ListingURL}'
RESO_GOT='{id, price, beds, line: .address.line, city: .address.city, zip: .address.zip,
	photos, url}'
# The last record of a Property data file the source takes: "TIMESTAMP KEY".
RESO_LAST='map(select(.StandardStatus != "Withdrawn")) | sort_by(.ModificationTimestamp, .ListingKey)
	| last | .ModificationTimestamp + " " + .ListingKey'

# The records of the generic API (testdata/api/listings.json) but the rental.
PORTAL_WANT='.[] | select(.id != "A-10")
	| {id: ("portal:" + .id), url,
	   price: (.list_price | if type == "number" then . else gsub("[$,]"; "") | tonumber end),
	   beds, baths, line: .address.street, unit: .address.unit, city: .address.city,
	   lot_sqft: (.lot | if . == null then null
		elif test(" ac$") then sub(" ac$"; "") | tonumber * 43560 | round
		else gsub("[^0-9.]"; "") | tonumber end),
	   photos: (if .photos == [] then null else .photos end),
	   type: ({"Single Family": "single_family", "Condo": "condo",
		   "Townhouse": "townhouse"}[.type] // .type)}'
PORTAL_GOT='{id, url, price, beds, baths, line: .address.line, unit: .address.unit,
	city: .address.city, lot_sqft, photos, type}'

start_api mls
MLS=$API_BASE
reso_config "$MLS" mls >mls.json

# 1. The RESO preset with OAuth2 client credentials

test_expect_success 'the servers started' '
	test "$MLS" != "http://127.0.0.1:" || { cat mls.err; false; }
'

test_expect_success 'RESO: every record once, Withdrawn left out, fields as in the data, oldest first' '
	test_expect_code 0 discover -s mls.json >out1 2>err1
	cp mls.log run1.log
	test_line_count 24 out1
	jq -c --arg src mls "$RESO_WANT" mls.properties.json >want
	jq -c "$RESO_GOT" out1 >got
	test_cmp want got
	jq -e -s "all(.[]; .event == \"new\" and .source == \"mls\")" out1
	! grep -F 3002108 out1 || false
	test_grep "^discover: mls: 3 fetched, 0 not modified, 0 unchanged, 0 failed, .*; complete$" err1
	test_grep "^discover: 24 in, 24 out, 0 rejected" err1
	test_line_count 2 err1
'

test_expect_success 'RESO: one token request (HTTP Basic), then a Bearer token on every /odata request' '
	jq -r "[.method, .path, .status, .auth] | map(tostring) | join(\" \")" run1.log >got
	printf "%s\n" "POST /oauth/token 200 basic" "GET /odata/Property 200 bearer" \
		"GET /odata/Property 200 bearer" "GET /odata/Property 200 bearer" >want
	test_cmp want got
	test "$(jq -r "select(.path == \"/odata/Property\") | .token" run1.log | sort -u | wc -l)" = 1
	jq -e -s "(.[1:] | all(.token | type == \"string\" and length > 20))
		and all(.user_agent == \"$UA\") and .[0].token == null" run1.log
'

test_expect_success 'RESO: the query: the config filter, $orderby, $top, $select, $expand=Media' '
	queries <run1.log >q
	sed -n 1p q | tr "&" "\n" >first
	test_grep "^\\\$filter=\\(StandardStatus ne .Withdrawn.\\)$" first
	test_grep "^\\\$orderby=ModificationTimestamp,ListingKey$" first
	test_grep "^\\\$top=10$" first
	test_grep "^\\\$expand=Media$" first
	test_grep "^\\\$select=ListingKey,ModificationTimestamp,.*ListPrice" first
	sed -n "s/^\\\$select=//p" first | tr "," "\n" >fields
	for f in ListingKey ModificationTimestamp UnparsedAddress City PostalCode ListPrice \
		BedroomsTotal ListingURL; do
		grep -x "$f" fields || { echo "no $f in \$select"; false; }
	done
	! grep -e "\\\$skiptoken" -e "ModificationTimestamp gt" first || false
'

test_expect_success 'RESO: each next page is the @odata.nextLink of the one before; the last has none' '
	jq -r "select(.path == \"/odata/Property\") | .query" run1.log >raw
	test_line_count 3 raw
	tok=$(api_token "$MLS")
	i=1
	while [ $i -le 3 ]; do
		curl -sS -m 10 -g -H "Authorization: Bearer $tok" \
			"$MLS/odata/Property?$(sed -n ${i}p raw)" >page$i.json
		i=$((i + 1))
	done
	jq -r ".\"@odata.nextLink\"" page1.json >got
	echo "$MLS/odata/Property?$(sed -n 2p raw)" >want
	test_cmp want got
	jq -r ".\"@odata.nextLink\"" page2.json >got
	echo "$MLS/odata/Property?$(sed -n 3p raw)" >want
	test_cmp want got
	jq -e "has(\"@odata.nextLink\") | not" page3.json
	jq -r ".value[].ListingKey" page1.json page2.json page3.json >keys
	jq -r ".id | ltrimstr(\"mls:\")" out1 >ids
	test_cmp keys ids
'

test_expect_success 'RESO: a second run asks only after the cursor and writes nothing' '
	n=$(mark mls.log)
	test_expect_code 0 discover -s mls.json >out2 2>err2
	test_cmp /dev/null out2
	test_grep "^discover: 0 in, 0 out, 0 rejected" err2
	since mls.log "$n" >run2.log
	test "$(jq -r .path run2.log | paste -s -d " " -)" = "/oauth/token /odata/Property"
	set -- $(jq -r "$RESO_LAST" mls.properties.json)
	queries <run2.log | tr "&" "\n" | grep "^\\\$filter=" >got
	echo "\$filter=(ModificationTimestamp gt $1 or (ModificationTimestamp eq $1 and ListingKey gt '"'"'$2'"'"')) and (StandardStatus ne '"'"'Withdrawn'"'"')" >want
	test_cmp want got
'

test_expect_success 'RESO: a lower price with a later timestamp: that record alone, a price_drop' '
	jq "map(if .ListingKey == \"3002106\" then .ListPrice = 499000
		| .ModificationTimestamp = \"2026-11-22T10:00:00Z\" else . end)" \
		mls.properties.json >edit.json
	mv edit.json mls.properties.json
	n=$(mark mls.log)
	test_expect_code 0 discover -s mls.json >out3 2>err3
	test_line_count 1 out3
	jq -e ".id == \"mls:3002106\" and .event == \"price_drop\" and .previous_price == 549900
		and .price == 499000 and .url == \"https://mls.example.com/l/2611006\"" out3
	since mls.log "$n" | queries | grep -F "ListingKey gt '"'"'3002123'"'"'"
	n=$(mark mls.log)
	test_expect_code 0 discover -s mls.json >out4 2>err4
	test_cmp /dev/null out4
	since mls.log "$n" | queries |
		grep -F "(ModificationTimestamp gt 2026-11-22T10:00:00Z or (ModificationTimestamp eq 2026-11-22T10:00:00Z and ListingKey gt '"'"'3002106'"'"'))"
'

# The 24 records in order; four share 2026-11-10T12:00:00Z (the 13th to
# the 16th). With "top": 7 the 14th ends page 2 and the 15th begins page 3;
# with "top": 5 and "limits": {"pages": 3} a run stops after the 15th, and
# the next run begins with the 16th. (With "top": 10, as in mls_reso.json,
# no group of ties of this data straddles a page boundary.)
SAME_TS='map(select(.StandardStatus != "Withdrawn")) | sort_by(.ModificationTimestamp, .ListingKey)
	| .[$i - 1].ModificationTimestamp == .[$i].ModificationTimestamp'
start_api tie
TIE=$API_BASE
reso_config "$TIE" tie '.top = 7' >tie.json
reso_config "$TIE" tie2 '.top = 5 | .limits.pages = 3' >tie2a.json
reso_config "$TIE" tie2 '.top = 5' >tie2b.json

test_expect_success 'RESO: records sharing a timestamp across a page boundary: none lost, none repeated' '
	jq -e --argjson i 14 "$SAME_TS" tie.properties.json
	use_home tie
	test_expect_code 0 discover -s tie.json >tie-out 2>tie.err
	jq -r --arg src tie "$RESO_WANT | .id" tie.properties.json >want
	jq -r .id tie-out >got
	test_cmp want got
	jq -r "select(.path == \"/odata/Property\") | .query" tie.log >raw
	test_line_count 4 raw
	test "$(grep -c skiptoken raw)" = 3
'

test_expect_success 'RESO: a run stopped among records sharing a timestamp: the next run goes on after the last one' '
	jq -e --argjson i 15 "$SAME_TS" tie.properties.json
	use_home tie2
	n=$(mark tie.log)
	test_expect_code 0 discover -s tie2a.json >tie-a 2>tie-a.err
	test_grep "^discover: tie2: stopped after limits.pages" tie-a.err
	test_line_count 15 tie-a
	test_expect_code 0 discover -s tie2b.json >tie-b 2>tie-b.err
	test_line_count 9 tie-b
	cat tie-a tie-b | jq -r .id >got
	jq -r --arg src tie2 "$RESO_WANT | .id" tie.properties.json >want
	test_cmp want got
	k=$(sed -n 15p tie-a | jq -r .source_id)
	since tie.log "$n" | queries | grep -F "ModificationTimestamp eq 2026-11-10T12:00:00Z and ListingKey gt '"'"'$k'"'"'"
'

# 2. Credentials: missing, wrong, and a token that expires

test_expect_success 'a missing environment variable: exit 78 naming it, and no request' '
	n=$(mark mls.log)
	unset BIRDDOG_RESO_CLIENT_SECRET
	test_expect_code 78 discover -s mls.json >out 2>err-noenv
	test_cmp /dev/null out
	test_grep "^discover: mls.json: the environment variable BIRDDOG_RESO_CLIENT_SECRET is not set" err-noenv
	test "$(mark mls.log)" = "$n"
'

test_expect_success 'a wrong client secret: exit 78 naming the token endpoint and the variables, not the secret' '
	n=$(mark mls.log)
	export BIRDDOG_RESO_CLIENT_SECRET=wr0ng-Secret-97
	test_expect_code 78 discover -s mls.json >out 2>err-secret
	test_cmp /dev/null out
	test_grep "^discover: mls.json: no access token: the token endpoint $MLS/oauth/token answered HTTP 401" err-secret
	test_grep "check BIRDDOG_RESO_CLIENT_ID and BIRDDOG_RESO_CLIENT_SECRET$" err-secret
	! grep -e wr0ng -e "$API_CLIENT_SECRET" err-secret || false
	! grep -a -e wr0ng -e "$API_CLIENT_SECRET" "$BIRDDOG_HOME/default/discover.db" || false
	since mls.log "$n" >run.log
	jq -r "[.method, .path, .status, .auth] | map(tostring) | join(\" \")" run.log >got
	echo "POST /oauth/token 401 basic" >want
	test_cmp want got
'

test_expect_success 'a run stopped for its credentials does not say limits.pages stopped it' '
	test -s err-noenv && test -s err-secret
	! grep -F "limits.pages" err-noenv err-secret || false
'

start_api short --token-ttl 1
SHORT=$API_BASE
use_home short
reso_config "$SHORT" short '.top = 5 | .rate = {"per_second": 2, "burst": 1}' >short.json

test_expect_success 'a token that expires during the run is renewed; no /odata request fails' '
	test_expect_code 0 discover -s short.json >out-short 2>err-short
	test_line_count 24 out-short
	jq -c --arg src short "$RESO_WANT | .id" short.properties.json >want
	jq -c .id out-short >got
	test_cmp want got
	test "$(jq -r "select(.path == \"/odata/Property\") | .status" short.log | paste -s -d " " -)" = \
		"200 200 200 200 200"
	test "$(grep -c "\"/oauth/token\"" short.log)" -gt 1
	jq -e -s "[.[] | select(.path == \"/oauth/token\") | .status] | all(. == 200)" short.log
	jq -e -s "(map(select(.path == \"/odata/Property\")) | last | .t) - .[0].t > 1.5" short.log
'

# 3. A generic JSON API with a bearer token from the environment

start_api portal --api-auth --bearer "$BIRDDOG_PORTAL_TOKEN"
PORTAL=$API_BASE
use_home portal
sed "s|@API@|$PORTAL|g" "$TESTDATA/sources/portal_api.json" | jq --argjson rate "$RATE" '.rate = $rate' >portal.json
jq --argjson rate "$RATE" '.name = "portal_page" | del(.next) | .page = {"param": "page", "start": 1}' \
	portal.json >portal_page.json
jq --arg url "$PORTAL/api/offset" '.name = "portal_offset" | .url = $url | .items = "items"
	| del(.next) | .offset = {"param": "offset", "limit_param": "limit", "limit": 4}' \
	portal.json >portal_offset.json
jq --arg url "$PORTAL/api/array" '.name = "portal_array" | .url = $url | del(.items) | del(.next)' \
	portal.json >portal_array.json
jq '.name = "portal_items" | .items = ""' portal_array.json >portal_items.json

test_expect_success 'json: the listings by "next" links, the rental a reject, exit 65' '
	test_expect_code 65 discover -s portal.json >out-p 2>err-p
	jq -c "$PORTAL_WANT" "$TESTDATA/api/listings.json" >want
	jq -c "$PORTAL_GOT" out-p >got
	test_cmp want got
	test_grep "^discover: portal: $PORTAL/api/listings\\?page=2 \\(item 5\\): " err-p
	grep -F "$NOT_NUMBER" err-p
	test_grep "^discover: 12 in, 11 out, 1 rejected" err-p
	test_line_count 1 "$REJ/portal.ndjson"
	jq -e --arg why "$NOT_NUMBER" ".source == \"portal\" and .url == \"$PORTAL/api/listings?page=2 (item 5)\"
		and (.reason | startswith(\$why))" "$REJ/portal.ndjson"
	jq -r "[.path, .query, .status, .auth, .token] | map(tostring) | join(\" \")" portal.log >got
	printf "%s\n" "/api/listings  200 bearer $BIRDDOG_PORTAL_TOKEN" \
		"/api/listings page=2 200 bearer $BIRDDOG_PORTAL_TOKEN" \
		"/api/listings page=3 200 bearer $BIRDDOG_PORTAL_TOKEN" >want
	test_cmp want got
'

test_expect_success 'json: photos as listed, lot sizes in acres made square feet' '
	jq -e -s "map({key: .id, value: .}) | from_entries
		| .\"portal:A-2\".lot_sqft == 21780 and .\"portal:A-6\".lot_sqft == 10890
		and .\"portal:A-7\".lot_sqft == 91476 and .\"portal:A-1\".lot_sqft == 5663
		and .\"portal:A-2\".photos == [\"https://img.homes.example/A-2/1.jpg\",
			\"https://img.homes.example/A-2/2.jpg\", \"https://img.homes.example/A-2/3.jpg\"]
		and (.\"portal:A-4\" | has(\"photos\") | not) and .\"portal:A-4\".price == 189900
		and .\"portal:A-5\".price == 315000" out-p
'

test_expect_success 'json: a second run writes nothing, asks conditionally, does not grow the reject file' '
	cp "$REJ/portal.ndjson" rej-before
	n=$(mark portal.log)
	test_expect_code 65 discover -s portal.json >out-p2 2>err-p2
	test_cmp /dev/null out-p2
	test_cmp rej-before "$REJ/portal.ndjson"
	test_grep "^discover: portal: 0 fetched, 3 not modified," err-p2
	since portal.log "$n" >run.log
	jq -e -s "length == 3 and all(.status == 304 and (.if_none_match | type == \"string\"))" run.log
'

test_expect_success 'json: a missing bearer variable is exit 78 naming it, and no request' '
	n=$(mark portal.log)
	unset BIRDDOG_PORTAL_TOKEN
	test_expect_code 78 discover -s portal.json >out 2>err
	test_cmp /dev/null out
	test_grep "^discover: portal.json: the environment variable BIRDDOG_PORTAL_TOKEN is not set" err
	test "$(mark portal.log)" = "$n"
'

test_expect_success 'json: page=N paging, until an empty page' '
	n=$(mark portal.log)
	use_home page
	test_expect_code 65 discover -s portal_page.json >out 2>err
	jq -c "$PORTAL_WANT | .id |= sub(\"^portal:\"; \"portal_page:\")" "$TESTDATA/api/listings.json" >want
	jq -c "$PORTAL_GOT" out >got
	test_cmp want got
	since portal.log "$n" | jq -r .query | paste -s -d " " - >got
	echo "page=1 page=2 page=3 page=4" >want
	test_cmp want got
	test_line_count 1 "$REJ/portal_page.ndjson"
	grep -F "$NOT_NUMBER" "$REJ/portal_page.ndjson"
'

test_expect_success 'json: offset and limit paging, until an empty page' '
	n=$(mark portal.log)
	use_home offset
	test_expect_code 65 discover -s portal_offset.json >out 2>err
	jq -r "$PORTAL_WANT | .id | sub(\"^portal:\"; \"portal_offset:\")" "$TESTDATA/api/listings.json" >want
	jq -r .id out >got
	test_cmp want got
	since portal.log "$n" | jq -r ".path + \"?\" + .query" | paste -s -d " " - >got
	echo "/api/offset?offset=0&limit=4 /api/offset?offset=4&limit=4 /api/offset?offset=8&limit=4 /api/offset?offset=12&limit=4" >want
	test_cmp want got
	test_grep "offset=8&limit=4 \\(item 2\\)" err
'

test_expect_success 'json: a top-level array (no "items"), one request' '
	n=$(mark portal.log)
	use_home array
	test_expect_code 65 discover -s portal_array.json >out 2>err
	jq -r "$PORTAL_WANT | .id | sub(\"^portal:\"; \"portal_array:\")" "$TESTDATA/api/listings.json" >want
	jq -r .id out >got
	test_cmp want got
	test "$(since portal.log "$n" | jq -r .path)" = /api/array
'

test_expect_success 'json: "items": "" is the top-level array too (birddog-source(5))' '
	use_home items
	test_expect_code 65 discover -s portal_items.json >out 2>err || { cat err; false; }
	jq -r "$PORTAL_WANT | .id | sub(\"^portal:\"; \"portal_items:\")" "$TESTDATA/api/listings.json" >want
	jq -r .id out >got
	test_cmp want got
'

# 4. Misbehaving endpoints: each the url of a source

start_api bad
BAD=$API_BASE
use_home bad

# bad_config NAME PATH: a json source whose first page is BAD/PATH.
bad_config() {
	jq -n --arg name "$1" --arg url "$BAD$2" --arg ua "$UA" --argjson rate "$RATE" \
		'{name: $name, kind: "json", url: $url, items: "items",
		  fields: {source_id: "id", price: "list_price"}, user_agent: $ua, rate: $rate,
		  limits: {timeout: 2, tries: 3, bytes: 1048576}}' >"$1.json"
}
bad_config f429 "/flaky/429?n=2"
bad_config f429date /flaky/429-date
bad_config f500 "/flaky/500?n=1"
bad_config slow "/slow?s=5"
bad_config loop /loop
bad_config huge /huge
bad_config reset /reset
bad_config wrongtype /wrongtype
bad_config badjson /badjson
bad_config redirect "/redirect?to=http://other.invalid/"

# reject_line NAME URL: the reject file of NAME is one line for URL; its
# reason on stdout.
reject_line() {
	test_line_count 1 "$REJ/$1.ndjson" &&
		jq -e --arg src "$1" --arg url "$2" '.source == $src and .url == $url' "$REJ/$1.ndjson" >/dev/null &&
		jq -r .reason "$REJ/$1.ndjson"
}

test_expect_success '/slow?s=5 with a timeout of 2 s: a reject after 3 tries, in bounded time' '
	start=$(date +%s.%N)
	test_expect_code 65 discover -s slow.json >out 2>err
	took=$(elapsed "$start")
	test_cmp /dev/null out
	awk -v t="$took" "BEGIN { exit !(t >= 5.5 && t < 15) }" || { echo "took $took s"; false; }
	reject_line slow "$BAD/slow?s=5" >why
	test_grep "timed out.*\\(after 3 tries\\)$" why
	test_grep "^discover: slow: $BAD/slow\\?s=5: .*timed out" err
	test_grep "^discover: slow: 0 fetched, .*1 failed, .*incomplete" err
'

test_expect_success '/flaky/429?n=2: Retry-After: 1 honoured twice, then the page; exit 0' '
	test_expect_code 0 discover -s f429.json >out 2>err
	test_cmp /dev/null out
	jq -s -c "map(select(.path == \"/flaky/429\")) | [.[].status]" bad.log >got
	echo "[429,429,200]" >want
	test_cmp want got
	jq -e -s "map(select(.path == \"/flaky/429\")) | (.[1].t - .[0].t) >= 0.9 and (.[2].t - .[1].t) >= 0.9" bad.log
	test_grep "^discover: f429: 1 fetched, 0 not modified, 0 unchanged, 0 failed,.*; complete$" err
	test ! -s "$REJ/f429.ndjson"
'

test_expect_success '/flaky/429-date: a Retry-After date honoured; exit 0' '
	test_expect_code 0 discover -s f429date.json >out 2>err
	jq -s -c "map(select(.path == \"/flaky/429-date\")) | [.[].status]" bad.log >got
	echo "[429,200]" >want
	test_cmp want got
	jq -e -s "map(select(.path == \"/flaky/429-date\")) | (.[1].t - .[0].t) >= 0.9" bad.log
	test_grep "^discover: f429date: 1 fetched, .* 0 failed,.*; complete$" err
	test ! -s "$REJ/f429date.ndjson"
'

test_expect_success '/flaky/500?n=1: retried, then the page; exit 0' '
	test_expect_code 0 discover -s f500.json >out 2>err
	jq -s -c "map(select(.path == \"/flaky/500\")) | [.[].status]" bad.log >got
	echo "[500,200]" >want
	test_cmp want got
	test_grep "^discover: f500: 1 fetched, .* 0 failed,.*; complete$" err
	test ! -s "$REJ/f500.ndjson"
'

test_expect_success '/loop: the redirects are bounded (limits.redirects 5), then a reject' '
	test_expect_code 65 discover -s loop.json >out 2>err
	test_cmp /dev/null out
	test "$(jq -r "select(.path | test(\"^/loop\")) | .path" bad.log | wc -l)" = 6
	reject_line loop "$BAD/loop" | grep -F "more than 5 redirects"
'

test_expect_success '/huge: over limits.bytes is a reject, and the 50 MB are not read' '
	start=$(date +%s.%N)
	if [ -x /usr/bin/time ]; then
		test_expect_code 65 /usr/bin/time -o huge.rss -f %M discover -s huge.json >out 2>err
		rss=$(tail -n 1 huge.rss)
		[ "$rss" -lt 40000 ] || { echo "max RSS $rss kB"; false; }
	else
		test_expect_code 65 discover -s huge.json >out 2>err
	fi
	took=$(elapsed "$start")
	awk -v t="$took" "BEGIN { exit !(t < 5) }" || { echo "took $took s"; false; }
	test_cmp /dev/null out
	reject_line huge "$BAD/huge" | grep -F "limits.bytes"
	test_grep "^discover: huge: $BAD/huge: .*over 1048576 bytes \\(limits.bytes\\)" err
'

test_expect_success '/reset: a reject after 3 tries' '
	test_expect_code 65 discover -s reset.json >out 2>err
	test "$(jq -r "select(.path == \"/reset\") | .path" bad.log | wc -l)" = 3
	reject_line reset "$BAD/reset" >why
	test_grep "[Rr]eset.*\\(after 3 tries\\)$" why
'

test_expect_success '/wrongtype and /badjson: rejects that say why' '
	test_expect_code 65 discover -s wrongtype.json >out 2>err
	test_cmp /dev/null out
	reject_line wrongtype "$BAD/wrongtype" >why
	test_grep "^not JSON: its type is .text/html" why
	test_expect_code 65 discover -s badjson.json >out 2>err
	test_cmp /dev/null out
	reject_line badjson "$BAD/badjson" >why
	test_grep "^invalid JSON \\(line 1" why
'

test_expect_success '/redirect to another host: refused, nothing asked beyond the redirect' '
	n=$(mark bad.log)
	test_expect_code 65 discover -s redirect.json >out 2>err
	test_cmp /dev/null out
	reject_line redirect "$BAD/redirect?to=http://other.invalid/" >why
	grep -F "$NOT_HOSTS" why
	grep -F "redirected to http://other.invalid/" why
	since bad.log "$n" | jq -r ".path + \"?\" + .query" >got
	echo "/redirect?to=http://other.invalid/" >want
	test_cmp want got
'

test_expect_success '/slow: the server saw exactly 3 tries' '
	i=0
	while [ "$(grep -c "\"/slow\"" bad.log)" -lt 3 ] && [ $i -lt 80 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	test "$(grep -c "\"/slow\"" bad.log)" = 3
'

# 5. CSV sources

use_home csv
mkdir -p csv/sources csv/discover
cp "$TESTDATA/sources/lvmls_csv.json" csv/sources/
cp "$TESTDATA/discover/listings.csv" "$TESTDATA/discover/listings.map.json" csv/discover/
CSVURL="file://$TMP/csv/sources/../discover/listings.csv"

test_expect_success 'csv by path: the 23 records of the file, 2 rejected rows with a reason column' '
	test_expect_code 65 discover -s csv/sources/lvmls_csv.json >out-c 2>err-c
	test_cmp "$TESTDATA/discover/listings.out" out-c
	test_cmp "$TESTDATA/discover/listings.rej" "$REJ/lvmls.csv"
	head -n 1 "$REJ/lvmls.csv" | grep ",reason$"
	grep -F "discover: $CSVURL:9: $NOT_NUMBER (" err-c
	grep -F "discover: $CSVURL:15: " err-c
	test_grep "^discover: lvmls: 1 fetched, 0 not modified, 0 unchanged, 0 failed,.*; complete$" err-c
	test_grep "^discover: 25 in, 23 out, 2 rejected" err-c
'

test_expect_success 'csv by path: the same file is not read again' '
	test_expect_code 0 discover -s csv/sources/lvmls_csv.json >out 2>err
	test_cmp /dev/null out
	test_grep "^discover: lvmls: 0 fetched, 0 not modified, 1 unchanged, 0 failed" err
	test_grep "^discover: 0 in, 0 out, 0 rejected" err
	test_cmp "$TESTDATA/discover/listings.rej" "$REJ/lvmls.csv"
'

test_expect_success 'csv by path: a row added, that row alone comes out' '
	printf "\n%s\n" "LV2409999,77 New Row Way,,Las Vegas,NV,89101,250000,3,2,1400,5000,1999,Residential,Active,36.1,-115.1,https://mls.example.com/l/LV2409999,Fresh row." \
		>>csv/discover/listings.csv
	test_expect_code 65 discover -s csv/sources/lvmls_csv.json >out 2>err
	test_line_count 1 out
	jq -e ".id == \"lvmls:LV2409999\" and .event == \"new\" and .price == 250000
		and .address.line == \"77 New Row Way\"" out
	test_cmp "$TESTDATA/discover/listings.rej" "$REJ/lvmls.csv"
'

if [ -x "${NGINX:-/usr/sbin/nginx}" ]; then
	. "$TEST_ROOT/tests/site.sh"
	start_site web
	cp "$TESTDATA/discover/listings.csv" "$TMP/web/root/"
	cp "$TESTDATA/discover/listings.map.json" .
	jq -n --arg url "$BASE/listings.csv" --arg ua "$UA" --argjson rate "$RATE" \
		'{name: "webcsv", kind: "csv", url: $url, map: "listings.map.json",
		  user_agent: $ua, rate: $rate}' >webcsv.json
	test_expect_success 'csv over http: the same records; the next run gets a 304 and writes nothing' '
		test_expect_code 65 discover -s webcsv.json >out 2>err
		sed "s/lvmls/webcsv/g" "$TESTDATA/discover/listings.out" >want
		test_cmp want out
		grep -F "discover: $BASE/listings.csv:9: $NOT_NUMBER (" err
		test_expect_code 0 discover -s webcsv.json >out2 2>err2
		test_cmp /dev/null out2
		test_grep "^discover: webcsv: 0 fetched, 1 not modified," err2
		site_log web | cut -f 2,3,4,6 | grep -v "	curl/" >got
		printf "GET\t/listings.csv\t200\t%s\nGET\t/listings.csv\t304\t%s\n" "$UA" "$UA" >want
		test_cmp want got
	'
	stop_site web
else
	test_skip 'csv over http' 'nginx is not installed'
fi

# 6. --check

jq '.bogus = 1' mls.json >unknown.json
jq '.limits.retries = 3' mls.json >unknown2.json
jq '.user_agent = "birddog/0.2"' mls.json >nocontact.json
jq '.user_agent = "Mozilla/5.0 (compatible; +https://birddog.example/bot)"' mls.json >mozilla.json
jq 'del(.auth.client_secret_env)' mls.json >noauthvar.json
jq -n --arg start "$MLS/" --arg ua "$UA" \
	'{name: "site", kind: "html", start: [$start], user_agent: $ua, detail_pattern: "/homes/",
	  fields: {price: "//span[@class=\"price\""}}' >badxpath.json
jq -n --arg start "$MLS/" --arg ua "$UA" \
	'{name: "site", kind: "html", start: [$start], user_agent: $ua, detail_pattern: "/homes/",
	  fields: {price: {xpath: "//span", pattern: "(?<v>[0-9"}}}' >badpattern.json

test_expect_success '--check: the sources load, no request is made' '
	n=$(mark mls.log)
	test_expect_code 0 discover --check -s mls.json >out 2>err
	test_cmp /dev/null out
	echo "discover: ready: 1 source (mls) load" >want
	test_cmp want err
	sleep 0.2
	test "$(mark mls.log)" = "$n"
'

test_expect_success '--check: each bad config is exit 78 naming the file and the key' '
	n=$(mark mls.log)
	for c in "unknown:unknown key .bogus." "unknown2:unknown key .limits.retries." \
		"nocontact:$CHECK_UA" "mozilla:$BROWSER_UA" \
		"noauthvar:.auth.: \"token_url\" needs \"client_id_env\" and \"client_secret_env\"" \
		"badxpath:.fields.price.: the XPath .* does not compile" \
		"badpattern:.fields.price.: the pattern .* does not compile"; do
		f=${c%%:*} why=${c#*:}
		test_expect_code 78 discover --check -s $f.json >out 2>err
		test_cmp /dev/null out
		test_line_count 1 err
		test_grep "^discover: $f.json: $why" err
	done
	test "$(mark mls.log)" = "$n"
'

stop_api mls
stop_api tie
stop_api short
stop_api portal
stop_api bad

test_expect_success 'the servers had nothing to say on stderr' '
	! grep -i -e traceback -e error mls.err tie.err short.err portal.err bad.err || false
'
test_done
