#!/bin/sh
# SPDX-License-Identifier: MIT
# The test API server itself (tests/api-server.py, started through
# tests/api.sh), checked with curl and jq before discover relies on it: the
# OAuth2 token flow and its expiry, OData paging (every record once, in
# ModificationTimestamp,ListingKey order, across nextLinks), the tie-break
# filter, $select, $expand=Media, 400 for what it does not support, edits to
# the data file, the generic API's three paging shapes, the misbehaving
# endpoints, and the request log. Every loop here is bounded.
. "$(dirname "$0")/lib.sh"

. "$TEST_ROOT/tests/api.sh"
PROPS="$TESTDATA/api/properties.json"
ORDER='$orderby=ModificationTimestamp,ListingKey'
GT='$filter=ModificationTimestamp gt 2026-11-01T00:00:00Z'
GE='$filter=ModificationTimestamp ge 2026-11-01T00:00:00Z'
TIE="\$filter=(ModificationTimestamp gt 2026-11-10T12:00:00Z or (ModificationTimestamp eq 2026-11-10T12:00:00Z and ListingKey gt '3002111'))"
ACTIVE=" and StandardStatus eq 'Active'"

# odata TOKEN BASE [CURL ARGS...]: GET BASE/odata/Property (-G: the ARGS'
# --data-urlencode become the query), the body to body.json, the status on
# stdout.
odata() {
	_tok=$1 _base=$2
	shift 2
	rm -f body.json
	curl -sS -m 10 -g -G -o body.json -w '%{http_code}' -H "Authorization: Bearer $_tok" \
		"$@" "$_base/odata/Property"
}

# fetch_all TOKEN BASE [CURL ARGS...]: the first page as odata asks for it,
# then every @odata.nextLink (at most 30 pages): "KEY TIMESTAMP" a record on
# stdout, each page's size a line in pages, each nextLink a line in links.
fetch_all() {
	_tok=$1 _base=$2 _n=0
	shift 2
	: >pages
	: >links
	curl -sS -m 10 -g -G -H "Authorization: Bearer $_tok" "$@" "$_base/odata/Property" >page.json
	while :; do
		jq -r '.value[] | .ListingKey + " " + .ModificationTimestamp' page.json
		jq '.value | length' page.json >>pages
		_url=$(jq -r '."@odata.nextLink" // empty' page.json)
		_n=$((_n + 1))
		[ -n "$_url" ] && [ $_n -lt 30 ] || break
		echo "$_url" >>links
		curl -sS -m 10 -g -H "Authorization: Bearer $_tok" "$_url" >page.json
	done
	[ -z "$_url" ]
}

# code URL [CURL ARGS...]: the status of a GET, headers to hdr, body to body.
code() {
	_u=$1
	shift
	rm -f hdr body
	curl -sS -m 10 -g -D hdr -o body -w '%{http_code}' "$@" "$_u"
}

start_api one
ONE=$API_BASE
start_api short --token-ttl 1 --bearer fixed-token-123
SHORT=$API_BASE
start_api skip --paging skip --api-auth --bearer fixed
SKIP=$API_BASE
TOKEN=$(api_token "$ONE")

test_expect_success 'the servers are listening and gave a token' '
	test "$ONE" != "http://127.0.0.1:" || { cat one.err; false; }
	test "$SHORT" != "http://127.0.0.1:" || { cat short.err; false; }
	test "$SKIP" != "http://127.0.0.1:" || { cat skip.err; false; }
	test -n "$TOKEN" && test "$TOKEN" != null
'

test_expect_success 'without a good Bearer token /odata answers 401, WWW-Authenticate: Bearer' '
	test "$(code "$ONE/odata/Property")" = 401
	grep -i "^WWW-Authenticate: Bearer realm=" hdr
	jq -e ".error.code == \"Unauthorized\"" body
	test "$(code "$ONE/odata/Property" -H "Authorization: Bearer made-up")" = 401
	grep -i "^WWW-Authenticate: Bearer .*error=\"invalid_token\"" hdr
	test "$(code "$ONE/odata/Property" -u "$API_CLIENT_ID:$API_CLIENT_SECRET")" = 401
	test "$(code "$ONE/odata/Property" -H "Authorization: Bearer $TOKEN")" = 200
	grep -i "^Content-Type: application/json;odata.metadata=minimal" hdr
	grep -i "^OData-Version: 4.0" hdr
'

test_expect_success 'the token endpoint: client credentials in the form body or Basic' '
	test "$(code "$ONE/oauth/token" -d grant_type=client_credentials \
		-d client_id=$API_CLIENT_ID -d client_secret=$API_CLIENT_SECRET -d scope=api)" = 200
	jq -e ".token_type == \"Bearer\" and .expires_in == 3600 and .scope == \"api\"
		and (.access_token | length > 20)" body
	grep -i "^Cache-Control: no-store" hdr
	test "$(code "$ONE/oauth/token" -u "$API_CLIENT_ID:$API_CLIENT_SECRET" \
		-d grant_type=client_credentials)" = 200
	tok=$(jq -r .access_token body)
	test "$(code "$ONE/odata/Property" -H "Authorization: Bearer $tok")" = 200
	test "$(code "$ONE/oauth/token" -u "$API_CLIENT_ID:wrong" -d grant_type=client_credentials)" = 401
	jq -e ".error == \"invalid_client\"" body
	grep -i "^WWW-Authenticate: Basic" hdr
	test "$(code "$ONE/oauth/token" -d grant_type=client_credentials \
		-d client_id=$API_CLIENT_ID -d client_secret=wrong)" = 401
	test "$(code "$ONE/oauth/token" -u "$API_CLIENT_ID:$API_CLIENT_SECRET" -d grant_type=password)" = 400
	jq -e ".error == \"unsupported_grant_type\"" body
	test "$(code "$ONE/oauth/token")" = 405
	grep -i "^Allow: POST" hdr
'

test_expect_success 'a token from --token-ttl 1 expires: 200, then 401 after 2 s; --bearer stays good' '
	tok=$(api_token "$SHORT")
	test "$(code "$SHORT/oauth/token" -u "$API_CLIENT_ID:$API_CLIENT_SECRET" \
		-d grant_type=client_credentials)" = 200
	jq -e ".expires_in == 1" body
	test "$(code "$SHORT/odata/Property" -H "Authorization: Bearer $tok")" = 200
	sleep 2
	test "$(code "$SHORT/odata/Property" -H "Authorization: Bearer $tok")" = 401
	grep -i "error_description=\"the token has expired\"" hdr
	test "$(code "$SHORT/odata/Property" -H "Authorization: Bearer fixed-token-123")" = 200
'

test_expect_success 'the data: 25 Property records, unique keys, ties on three timestamps' '
	test "$(jq length "$PROPS")" = 25
	test "$(jq -r ".[].ListingKey" "$PROPS" | sort -u | wc -l)" = 25
	jq -r "group_by(.ModificationTimestamp)[] | select(length > 1)
		| .[0].ModificationTimestamp + \" \" + (length | tostring)" "$PROPS" >got
	printf "%s\n" "2026-11-10T12:00:00Z 4" "2026-11-15T08:30:00.250Z 2" "2026-11-20T17:45:00Z 3" >want
	test_cmp want got
	test "$(jq length "$TESTDATA/api/listings.json")" = 12
'

test_expect_success 'paging: every record once, in (ModificationTimestamp, ListingKey) order' '
	fetch_all "$TOKEN" "$ONE" --data-urlencode "$GT" --data-urlencode "$ORDER" >got
	jq -r "map(select(.ModificationTimestamp > \"2026-11-01T00:00:00Z\"))
		| sort_by(.ModificationTimestamp, .ListingKey)[]
		| .ListingKey + \" \" + .ModificationTimestamp" "$PROPS" >want
	test_line_count 21 want
	test_cmp want got
	printf "10\n10\n1\n" >want && test_cmp want pages
	test_line_count 2 links
	grep -v "^$ONE/odata/Property?.*\\\$skiptoken=" links && false
	grep -F "%20gt%20" links
	fetch_all "$TOKEN" "$ONE" --data-urlencode "\$top=7" >got
	jq -r "sort_by(.ListingKey)[] | .ListingKey + \" \" + .ModificationTimestamp" "$PROPS" >want
	test_cmp want got
	printf "7\n7\n7\n4\n" >want && test_cmp want pages
'

test_expect_success 'paging with --paging skip: $skip in nextLink, the same records' '
	fetch_all fixed "$SKIP" --data-urlencode "$GT" --data-urlencode "$ORDER" >got
	grep -F "\$skip=10" links
	grep -F "\$skip=20" links
	! grep -F skiptoken links || false
	fetch_all "$TOKEN" "$ONE" --data-urlencode "$GT" --data-urlencode "$ORDER" >want
	test_cmp want got
'

test_expect_success 'the tie-break filter returns only the records after (ts, key)' '
	fetch_all "$TOKEN" "$ONE" --data-urlencode "$TIE" --data-urlencode "$ORDER" \
		--data-urlencode "\$top=200" | cut -d" " -f1 | paste -s -d " " - >got
	echo "3002116 3002124 3002107 3002121 3002110 3002125 3002108 3002114 3002112 3002118 3002123" >want
	test_cmp want got
	fetch_all "$TOKEN" "$ONE" --data-urlencode "$TIE$ACTIVE" --data-urlencode "$ORDER" \
		| cut -d" " -f1 | paste -s -d " " - >got
	echo "3002124 3002107 3002110 3002125 3002114 3002112 3002118" >want
	test_cmp want got
'

test_expect_success 'gt excludes the record at the boundary, ge includes it; fractions and offsets compare' '
	test "$(odata "$TOKEN" "$ONE" --data-urlencode "$GE" --data-urlencode "$ORDER" --data-urlencode "\$top=1")" = 200
	test "$(jq -r ".value[0].ListingKey" body.json)" = 3002109
	test "$(odata "$TOKEN" "$ONE" --data-urlencode "$GT" --data-urlencode "$ORDER" --data-urlencode "\$top=1")" = 200
	test "$(jq -r ".value[0].ListingKey" body.json)" = 3002101
	odata "$TOKEN" "$ONE" --data-urlencode "\$filter=ModificationTimestamp eq 2026-11-15T09:30:00.25+01:00" \
		--data-urlencode "$ORDER" >/dev/null
	test "$(jq -c "[.value[].ListingKey]" body.json)" = "[\"3002110\",\"3002125\"]"
	odata "$TOKEN" "$ONE" --data-urlencode "\$filter=ModificationTimestamp gt 2026-11-05T14:22:31.123Z and ModificationTimestamp lt 2026-11-06T09:00:00Z" >/dev/null
	test "$(jq ".value | length" body.json)" = 0
	odata "$TOKEN" "$ONE" --data-urlencode "\$count=true" --data-urlencode "$GT" >/dev/null
	jq -e ".\"@odata.count\" == 21 and (.value | length) == 10" body.json
	jq -e ".\"@odata.context\" == \"$ONE/odata/\$metadata#Property\"" body.json
'

test_expect_success '$select limits the fields; an unknown one is a 400' '
	test "$(odata "$TOKEN" "$ONE" --data-urlencode "\$select=ListingKey,ListPrice,ListingURL" --data-urlencode "\$top=200")" = 200
	jq -e "(.value | length) == 25 and all(.value[]; keys == [\"ListPrice\", \"ListingKey\", \"ListingURL\"])" body.json
	jq -e ".value[] | select(.ListingKey == \"3002117\") | .ListingURL == null" body.json
	test "$(odata "$TOKEN" "$ONE" --data-urlencode "\$select=ListingKey,Bogus")" = 400
	jq -e ".error.code == \"BadRequest\" and .error.target == \"\$select\" and (.error.message | test(\"Bogus\"))" body.json
'

test_expect_success '$expand=Media adds Media (as stored, Order not sorted); without it there is none' '
	odata "$TOKEN" "$ONE" --data-urlencode "\$expand=Media" --data-urlencode "\$top=200" >/dev/null
	jq -e "all(.value[]; .Media | type == \"array\")" body.json
	test "$(jq -c ".value[] | select(.ListingKey == \"3002102\") | [.Media[].Order]" body.json)" = "[3,1,2]"
	jq -r ".value[] | select(.ListingKey == \"3002101\") | .Media[0].MediaURL" body.json >got
	echo https://photos.example.com/3002101/1.jpg >want && test_cmp want got
	odata "$TOKEN" "$ONE" --data-urlencode "\$top=200" >/dev/null
	jq -e "all(.value[]; has(\"Media\") | not)" body.json
	odata "$TOKEN" "$ONE" --data-urlencode "\$select=ListingKey" --data-urlencode "\$expand=Media" >/dev/null
	jq -e "all(.value[]; keys == [\"ListingKey\", \"Media\"])" body.json
'

cat >bad-queries <<\EOF
$filter=contains(City,'Reno')
$filter=ModificationTimestamp gt '2026-11-01T00:00:00Z'
$filter=ModificationTimestamp gt 2026-11-01
$filter=City in ('Reno','Sparks')
$filter=ListPrice add 1 gt 2
$filter=Bogus eq 1
$filter=ListPrice gt 'cheap'
$filter=(ListPrice gt 1
$filter=ListPrice gt 1 AND City eq 'Reno'
$filter=
$orderby=Bogus
$orderby=ListPrice sideways
$top=201
$top=-1
$skip=x
$expand=Office
$search=pool
$skiptoken=garbage
EOF

test_expect_success 'what the server does not support is a 400 with an OData error' '
	n=0
	while IFS= read -r q; do
		n=$((n + 1))
		c=$(odata "$TOKEN" "$ONE" --data-urlencode "$q")
		[ "$c" = 400 ] || { echo "$c for $q"; cat body.json; false; }
		jq -e ".error.code == \"BadRequest\" and (.error.message | length > 0)" body.json >/dev/null
	done <bad-queries
	test "$n" = 18
	test "$(curl -sS -m 10 -g -o body.json -w "%{http_code}" -H "Authorization: Bearer $TOKEN" \
		"$ONE/odata/Property?\$filter=ModificationTimestamp%20gt%202026-11-01T00:00:00+00:00")" = 400
	jq -e ".error.target == \"\$filter\"" body.json
	test "$(curl -sS -m 10 -g -o body.json -w "%{http_code}" -H "Authorization: Bearer $TOKEN" \
		"$ONE/odata/Property?\$filter=ModificationTimestamp%20gt%202026-11-01T00:00:00%2B00:00")" = 200
	test "$(jq ".value | length" body.json)" = 10
	test "$(code "$ONE/odata/Member" -H "Authorization: Bearer $TOKEN")" = 404
'

test_expect_success 'edits to the data file are seen (new inode, or rewritten in place)' '
	jq ".[0].ListPrice = 111111 | .[0].ModificationTimestamp = \"2026-11-22T00:00:00Z\"" \
		one.properties.json >edit.json
	mv edit.json one.properties.json
	odata "$TOKEN" "$ONE" --data-urlencode "\$filter=ModificationTimestamp gt 2026-11-21T00:00:00Z" >/dev/null
	jq -e "[.value[] | [.ListingKey, .ListPrice]] == [[\"3002101\", 111111]]" body.json
	jq ".[0].ListPrice = 222222" one.properties.json >edit.json
	cat edit.json >one.properties.json
	odata "$TOKEN" "$ONE" --data-urlencode "\$filter=ListPrice eq 222222" >/dev/null
	jq -e "[.value[].ListingKey] == [\"3002101\"]" body.json
	echo "{not json" >one.properties.json
	test "$(odata "$TOKEN" "$ONE" --data-urlencode "\$filter=ListPrice eq 222222")" = 200
	jq -e "[.value[].ListingKey] == [\"3002101\"]" body.json
	grep "keeping the old" one.err
	cp "$PROPS" one.properties.json
	odata "$TOKEN" "$ONE" --data-urlencode "\$filter=ListPrice eq 222222" >/dev/null
	jq -e ".value == []" body.json
'

test_expect_success 'ETag and Last-Modified: a matching If-None-Match gets a 304' '
	test "$(code "$ONE/api/array")" = 200
	etag=$(sed -n "s/^ETag: *//Ip" hdr | tr -d "\r")
	test -n "$etag"
	grep -i "^Last-Modified: " hdr
	test "$(code "$ONE/api/array" -H "If-None-Match: $etag")" = 304
	test ! -s body
	test "$(code "$ONE/api/array" -H "If-None-Match: \"other\"")" = 200
	test "$(code "$ONE/api/array" -H "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT")" = 304
	test "$(code "$ONE/api/array" -H "If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT")" = 200
'

test_expect_success 'generic API: page=N with a relative next link, offset/limit, a top-level array' '
	url="$ONE/api/listings?page=1" n=0
	: >ids
	: >nexts
	while [ -n "$url" ] && [ $n -lt 10 ]; do
		curl -sS -m 10 "$url" >p.json
		jq -r ".data.items[].id" p.json >>ids
		nxt=$(jq -r ".links.next // empty" p.json)
		echo "$nxt" >>nexts
		url=${nxt:+$ONE$nxt}
		n=$((n + 1))
	done
	test "$n" = 3
	jq -r ".[].id" "$TESTDATA/api/listings.json" >want && test_cmp want ids
	printf "/api/listings?page=2\n/api/listings?page=3\n\n" >want && test_cmp want nexts
	curl -sS -m 10 "$ONE/api/listings?page=4" | jq -e ".data.items == [] and .links.next == null"
	test "$(code "$ONE/api/listings?page=0")" = 400
	curl -sS -m 10 "$ONE/api/offset?offset=10&limit=5" | jq -e "(.items | map(.id)) == [\"A-11\", \"A-12\"] and .total == 12"
	curl -sS -m 10 "$ONE/api/offset?offset=0&limit=500" | jq -e "(.items | length) == 12"
	curl -sS -m 10 "$ONE/api/offset" | jq -e "(.items | length) == 5"
	curl -sS -m 10 "$ONE/api/array" | jq -e "type == \"array\" and length == 12 and .[0].list_price == \"\$289,000\""
	test "$(code "$SKIP/api/array")" = 401
	test "$(code "$SKIP/api/array" -H "Authorization: Bearer fixed")" = 200
'

test_expect_success '/flaky/429?n=2: 429 with Retry-After: 1 twice, then 200' '
	for i in 1 2 3 4; do code "$ONE/flaky/429?n=2" >>codes; echo >>codes; done
	printf "429\n429\n200\n200\n" >want && test_cmp want codes
	jq -e ".items == []" body
	test "$(code "$ONE/flaky/429?n=2&other=1")" = 429
	grep -i "^Retry-After: 1$(printf "\r")\$" hdr
	test "$(code "$ONE/flaky/429-date")" = 429
	ra=$(sed -n "s/^Retry-After: *//Ip" hdr | tr -d "\r")
	ahead=$(( $(date -d "$ra" +%s) - $(date +%s) ))
	[ "$ahead" -ge 1 ] && [ "$ahead" -le 3 ]
	test "$(code "$ONE/flaky/429-date")" = 200
	test "$(code "$ONE/flaky/500?n=1")" = 500
	test "$(code "$ONE/flaky/500?n=1")" = 200
'

test_expect_success '/huge: Content-Length 52428800, --max-filesize refuses it, all of it arrives' '
	curl -sS -m 10 -I "$ONE/huge" | tr -d "\r" >hdr
	grep -i "^Content-Length: 52428800$" hdr
	grep -i "^Content-Type: application/json$" hdr
	test_expect_code 63 curl -sS -m 10 --max-filesize 1048576 -o /dev/null "$ONE/huge"
	test "$(curl -sS -m 30 -o /dev/null -w "%{size_download}" "$ONE/huge")" = 52428800
'

test_expect_success '/reset: the connection is reset with no answer' '
	rc=0
	curl -sS -m 10 "$ONE/reset" >out 2>err || rc=$?
	case $rc in 52|56) ;; *) echo "curl exit $rc"; false ;; esac
	test ! -s out
'

test_expect_success '/slow: curl -m 1 times out, and another request is answered meanwhile' '
	curl -sS -m 8 "$ONE/slow?s=2" >slow.out &
	bg=$!
	sleep 0.3
	curl -sS -m 1 "$ONE/api/array" | jq -e "length == 12"
	kill -0 $bg
	test_expect_code 28 curl -sS -m 1 "$ONE/slow?s=3"
	wait $bg
	jq -e ".slept == 2" slow.out
'

test_expect_success 'redirects: /loop to /loop2 and back; /redirect?to= goes anywhere' '
	test_expect_code 47 curl -sS -m 10 -L --max-redirs 5 -o /dev/null "$ONE/loop"
	test "$(code "$ONE/loop")" = 302
	grep "^Location: /loop2" hdr
	test "$(code "$ONE/loop2")" = 302
	grep "^Location: $ONE/loop" hdr
	test "$(code "$ONE/redirect?to=http://elsewhere.example:8080/x%3Fy")" = 302
	grep "^Location: http://elsewhere.example:8080/x?y" hdr
	test "$(code "$ONE/redirect")" = 400
'

test_expect_success '/wrongtype is HTML, /badjson is not JSON' '
	test "$(code "$ONE/wrongtype")" = 200
	grep -i "^Content-Type: text/html" hdr
	grep "^<html>" body || grep "<html>" body
	test "$(code "$ONE/badjson")" = 200
	grep -i "^Content-Type: application/json" hdr
	! jq . body >/dev/null 2>&1 || false
'

test_expect_success 'keep-alive: two requests on one connection' '
	curl -sS -m 10 -o /dev/null -o /dev/null -w "%{num_connects}\n" -H "Authorization: Bearer $TOKEN" \
		"$ONE/odata/Property" "$ONE/api/array" >got
	printf "1\n0\n" >want && test_cmp want got
'

start_api logt
LOGT=$API_BASE
UA="birddog/0.2 (+https://acme-homes.example/bot)"

test_expect_success 'the request log: one line per request, with every field' '
	curl -sS -m 10 -o /dev/null -A "$UA" -H "Accept-Encoding: gzip" "$LOGT/api/array?x=1"
	tok=$(curl -sS -m 10 -u "$API_CLIENT_ID:$API_CLIENT_SECRET" -d grant_type=client_credentials \
		"$LOGT/oauth/token" | jq -r .access_token)
	curl -sS -m 10 -o /dev/null -H "Authorization: Bearer $tok" -H "If-None-Match: \"e1\"" \
		-H "If-Modified-Since: Sun, 01 Nov 2026 00:00:00 GMT" "$LOGT/odata/Property?\$top=1"
	curl -sS -m 10 -o /dev/null "$LOGT/odata/Property"
	curl -sS -m 10 -o /dev/null "$LOGT/no/such"
	curl -sS -m 10 "$LOGT/reset" 2>/dev/null || :
	curl -sS -m 10 -o /dev/null "$LOGT/flaky/429?n=1"
	curl -sS -m 10 -o /dev/null "$LOGT/flaky/429?n=1"
	test_line_count 8 logt.log
	jq -s -e "all(.[]; keys_unsorted == [\"t\", \"method\", \"path\", \"query\", \"status\", \"auth\",
		\"token\", \"if_none_match\", \"if_modified_since\", \"user_agent\", \"accept_encoding\",
		\"hit\", \"tokens_issued\"] and (.t | type) == \"number\")" logt.log
	jq -r "[.method, .path, .query, .status, .auth, .hit, .tokens_issued] | map(tostring) | join(\" \")" logt.log >got
	cat >want <<-\EOF
	GET /api/array x=1 200 null 1 0
	POST /oauth/token  200 basic 1 1
	GET /odata/Property $top=1 200 bearer 1 1
	GET /odata/Property  401 null 1 1
	GET /no/such  404 null 1 1
	GET /reset  null null 1 1
	GET /flaky/429 n=1 429 null 1 1
	GET /flaky/429 n=1 200 null 2 1
	EOF
	test_cmp want got
	sed -n 1p logt.log | jq -e ".user_agent == \"$UA\" and .accept_encoding == \"gzip\" and .token == null
		and .if_none_match == null"
	sed -n 2p logt.log | jq -e ".token == null"
	sed -n 3p logt.log | jq -e ".token == \"$tok\" and .if_none_match == \"\\\"e1\\\"\"
		and .if_modified_since == \"Sun, 01 Nov 2026 00:00:00 GMT\""
'

start_api brief --timeout 1
BRIEF=$API_BASE
stop_api one
stop_api logt

test_expect_success 'servers stop on SIGTERM and after --timeout, with nothing on stderr' '
	! kill -0 "$(cat one.stopped)" 2>/dev/null || false
	! kill -0 "$(cat logt.stopped)" 2>/dev/null || false
	rc=0 i=0
	while [ $i -lt 50 ]; do
		rc=0
		curl -sS -m 2 -o /dev/null "$BRIEF/" 2>/dev/null || rc=$?
		[ $rc = 7 ] && break
		sleep 0.1
		i=$((i + 1))
	done
	test $rc = 7
	grep -v "keeping the old" one.err && false
	! grep -i -e traceback -e error short.err skip.err logt.err brief.err || false
'

stop_api short
stop_api skip
stop_api brief
test_done
