#!/bin/sh
# SPDX-License-Identifier: MIT
# discover crawling a real web server: the fixture site (testdata/site)
# served by nginx on 127.0.0.1. The records against the site's expected
# values for each way a page writes a listing (JSON-LD, embedded JSON,
# markup), what the server saw (robots.txt first and obeyed, the source's
# user agent, its rate, conditional GETs the second time, nothing outside
# the source's hosts), change detection across runs (a price cut, a listing
# gone, one back), the same house from two sources, limits, --offline,
# --try, --robots, and pages built by JavaScript when Chromium is there.
. "$(dirname "$0")/lib.sh"
. "$TEST_ROOT/tests/site.sh"

if [ ! -x "${NGINX:-/usr/sbin/nginx}" ]; then
	test_skip "crawling the fixture site" "nginx is not installed (scripts/install-deps)"
	test_done
	exit 0
fi

start_site web
site_sources web
SRC="$TMP/web/sources"
ROOT="$TMP/web/root"
EXPECTED="$ROOT/expected.json"

# crawl NAME HOME [OPTIONS...]: discover on source NAME with its own home.
crawl() {
	name=$1 home=$2
	shift 2
	BIRDDOG_HOME="$home" discover "$@" -s "$SRC/$name.json"
}

# compare OUT: each record of OUT against expected.json's values for its
# page; prints the differences (none when they agree).
compare() {
	jq -c --slurpfile exp "$EXPECTED" '
		. as $r | ($r.url | sub("^http://[^/]*"; "")) as $p | ($exp[0][$p] // {}) as $e |
		["source_id", "url", "address", "price", "beds", "baths", "sqft", "lot_sqft",
		 "year_built", "type", "lat", "lon", "photos", "description", "list_date", "status"]
		| map(select(($r[.] // null) != ($e[.] // null)) | {k: ., got: $r[.], want: $e[.]})
		| select(length > 0) | {page: $p, diff: .}' "$1"
}

# later FILE...: sets FILEs' modification time a minute ahead, so that the
# server's validators (ETag and Last-Modified, made of it) change even when
# a test edits a file in the second it was copied.
later() {
	touch -d "@$(($(date +%s) + 60 + ${later_n:-0}))" "$@"
	later_n=$((${later_n:-0} + 60))
}

# pages OUT: the paths of OUT's records, sorted, on one line.
pages() {
	jq -r '.url | sub("^http://[^/]*"; "")' "$1" | sort | tr '\n' ' '
}

test_expect_success 'JSON-LD alone: the 8 listings written so, each value as expected' '
	test_expect_code 65 crawl site_jsonld "$TMP/h1" >out 2>err
	test "$(pages out)" = "/homes/101.html /homes/102.html /homes/103.html /homes/104.html /homes/110.html /homes/112.html /homes/113.html /private/open-house.html "
	compare out >diff
	test_cmp /dev/null diff
	test "$(jq -r ".provenance.fields | del(.url) | [.[]] | unique | join(\",\")" out | sort -u)" = jsonld
	jq -e "select(.provenance.sha256 | test(\"^[0-9a-f]{64}$\") | not)" out >bad || :
	test_cmp /dev/null bad
	test_grep "^discover: site_jsonld: 17 fetched, 0 not modified, 0 unchanged, 0 failed, 2 left out by robots.txt, 0 past the limits; complete$" err
'

test_expect_success 'a bad page is a reject with its URL and reason; the crawl goes on' '
	rej="$TMP/h1/default/rejects/discover/site_jsonld.ndjson"
	jq -r "[(.url | sub(\"^http://[^/]*\"; \"\")), .reason] | @tsv" "$rej" | sort >got
	test_grep "^/homes/107.html	invalid JSON-LD \(line [0-9]+ of its block" got
	test_grep "^/homes/199.html	HTTP 404$" got
	test_grep "^/homes/108.html	no listing on the page" got
	test "$(jq -r .source "$rej" | sort -u)" = site_jsonld
	test_grep "^discover: site_jsonld: .*/homes/199.html: HTTP 404$" err
'

test_expect_success 'the server saw robots.txt first, the source'\''s user agent, nothing disallowed' '
	site_log web | grep -v "	curl/" >log
	head -n 1 log | cut -f3 >first
	echo /robots.txt >want
	test_cmp want first
	cut -f6 log | sort -u >agents
	echo "birddog/0.2 (+https://birddog.example/bot)" >want
	test_cmp want agents
	! cut -f3 log | grep -e "^/private/secret" -e "draft" -e "sort=" -e "^/img/" -e "^/fsbo/"
	test "$(cut -f3 log | sort | uniq -d | wc -l)" -eq 0
'

test_expect_success 'again: conditional GETs, all 304, nothing written, the reject file the same' '
	cp "$TMP/h1/default/rejects/discover/site_jsonld.ndjson" rej.before
	: >"$TMP/web/access.log"
	test_expect_code 65 crawl site_jsonld "$TMP/h1" >out 2>err
	test_line_count 0 out
	site_log web >log
	test "$(awk -F "\t" "\$3 != \"/robots.txt\" && \$4 == 200" log | wc -l)" -eq 0
	test "$(awk -F "\t" "\$4 == 304 && \$7 != \"\"" log | wc -l)" -eq 17
	test_grep "17 not modified" err
	test_cmp rej.before "$TMP/h1/default/rejects/discover/site_jsonld.ndjson"
'

test_expect_success 'XPath rules, patterns and embedded JSON: 14 listings, each as expected' '
	test_expect_code 65 crawl site_xpath "$TMP/h2" >out 2>err
	test "$(pages out)" = "/homes/101.html /homes/102.html /homes/103.html /homes/104.html /homes/105.html /homes/106.html /homes/107.html /homes/108.html /homes/109.html /homes/110.html /homes/111.html /homes/112.html /homes/113.html /private/open-house.html "
	compare out >diff
	test_cmp /dev/null diff
	jq -r "select(.source_id == \"106\") | .provenance.fields.price" out >how
	echo embedded >want
	test_cmp want how
	jq -r "select(.source_id == \"108\") | [.provenance.fields.beds, .provenance.fields.price] | join(\" \")" out >how
	echo "pattern xpath" >want
	test_cmp want how
'

test_expect_success 'Latin-1 pages, by <meta> and by the HTTP header, are read as such' '
	jq -r "select(.source_id == \"109\" or .source_id == \"110\") | .address.line, .description" out >latin
	iconv -f UTF-8 -t UTF-8 latin >/dev/null
	grep -q "$(printf "\\303\\261")" latin
	! grep -q "$(printf "\\357\\277\\275")" latin
'

test_expect_success 'a sitemap (and a sitemap index) finds the pages, 114 among them' '
	test_expect_code 65 crawl site_sitemap "$TMP/h3" >out 2>err
	test "$(pages out)" = "/homes/101.html /homes/102.html /homes/103.html /homes/104.html /homes/105.html /homes/106.html /homes/107.html /homes/108.html /homes/109.html /homes/110.html /homes/111.html /homes/112.html /homes/113.html /homes/114.html "
	compare out >diff
	test_cmp /dev/null diff
	test_expect_code 65 crawl site_sitemap_index "$TMP/h4" >out2 2>err2
	test "$(pages out2)" = "$(pages out)"
'

test_expect_success 'the sitemap'\''s lastmod: an unchanged page is not asked for again' '
	: >"$TMP/web/access.log"
	test_expect_code 65 crawl site_sitemap "$TMP/h3" >out 2>err
	test_line_count 0 out
	site_log web >log
	! cut -f3 log | grep "^/homes/1[01][0-9].html$"
	test_grep "0 fetched, " err
'

test_expect_success 'changes: a price cut, a listing gone (delisted, once), then back' '
	crawl site_jsonld "$TMP/h5" >out 2>err || test $? -eq 65
	cp "$ROOT/homes/101.html" 101.orig
	cp "$ROOT/search/index.html" index.orig
	sed -i "s/\"price\": *\"\\{0,1\\}1495000\"\\{0,1\\}/\"price\": 1389000/" "$ROOT/homes/101.html"
	grep -q 1389000 "$ROOT/homes/101.html"
	grep -v "homes/102.html" index.orig >"$ROOT/search/index.html"
	later "$ROOT/homes/101.html" "$ROOT/search/index.html"
	crawl site_jsonld "$TMP/h5" >out 2>err || test $? -eq 65
	jq -c "[.source_id, .event, .price, .previous_price]" out | sort >got
	printf "%s\n" "[\"101\",\"price_drop\",1389000,1495000]" "[\"102\",\"delisted\",849000,null]" >want
	test_cmp want got
	crawl site_jsonld "$TMP/h5" >out 2>err || test $? -eq 65
	test_line_count 0 out
	cp index.orig "$ROOT/search/index.html"
	later "$ROOT/search/index.html"
	crawl site_jsonld "$TMP/h5" >out 2>err || test $? -eq 65
	cp 101.orig "$ROOT/homes/101.html"
	later "$ROOT/homes/101.html"
	jq -c "[.source_id, .event]" out >got
	echo "[\"102\",\"relisted\"]" >want
	test_cmp want got
	test "$(sqlite3 "$TMP/h5/default/discover.db" "SELECT event FROM price_history WHERE listing_id = '\''site_jsonld:102'\'' ORDER BY rowid")" = "$(printf "new\ndelisted\nrelisted")"
'

test_expect_success 'an incomplete crawl (a page failing) takes nothing as delisted' '
	crawl site_jsonld "$TMP/h6" >out 2>err || test $? -eq 65
	mv "$ROOT/homes/103.html" 103.html
	mv "$ROOT/search/page-3.html" page-3.html
	printf "not found here\n" >/dev/null
	crawl site_jsonld "$TMP/h6" --reject "$TMP/rej6" >out 2>err || test $? -eq 65
	mv 103.html "$ROOT/homes/103.html"
	mv page-3.html "$ROOT/search/page-3.html"
	test_grep "^discover: site_jsonld: .*page-3.html: HTTP 404$" err
	jq -c "[.source_id, .event]" out >got
	test_line_count 0 got
'

test_expect_success 'the same house from two sources is one listing, both sources named' '
	BIRDDOG_HOME="$TMP/h7" discover -s "$SRC/site_jsonld.json" -s "$SRC/fsbo.json" >out 2>err ||
		test $? -eq 65
	jq -c "select(.source == \"fsbo\") | [.id, .source_id, .sources]" out >got
	grep -q "\"site_jsonld:112\",\"owner-12\",\[\"site_jsonld\",\"fsbo\"\]" got
	test "$(jq -r "select(.source == \"fsbo\") | .id" out | sort | tr "\n" " ")" = "fsbo:owner-14 site_jsonld:112 "
	test "$(sqlite3 "$TMP/h7/default/discover.db" "SELECT count(*) FROM listing_sources WHERE id = '\''site_jsonld:112'\''")" = 2
'

test_expect_success 'limits: pages cut the crawl short, which is then incomplete' '
	jq ".limits.pages = 4" "$SRC/site_jsonld.json" >"$SRC/small.json"
	BIRDDOG_HOME="$TMP/h8" discover -s "$SRC/small.json" >out 2>err || test $? -eq 65
	test_grep "past the limits; incomplete \(nothing taken as delisted\)$" err
	test "$(wc -l <out)" -le 3
	jq ".limits.seconds = 1 | .rate = {\"per_second\": 4, \"burst\": 1}" "$SRC/site_jsonld.json" \
		>"$SRC/brief.json"
	BIRDDOG_HOME="$TMP/h8b" discover -s "$SRC/brief.json" >out 2>err || test $? -eq 65
	test_grep "[1-9][0-9]* past the limits; incomplete" err
	test "$(wc -l <out)" -le 4
	jq ".limits.bytes = 4096" "$SRC/site_jsonld.json" >"$SRC/tiny.json"
	test_expect_code 65 env BIRDDOG_HOME="$TMP/h9" discover -s "$SRC/tiny.json" >out 2>err
	test_grep "the body is over 4096 bytes \(limits.bytes\)" err
'

test_expect_success 'the rate: requests to the host spaced by per_second' '
	jq ".rate = {\"per_second\": 10, \"burst\": 1, \"connections\": 2} | .concurrency = 4" \
		"$SRC/site_jsonld.json" >"$SRC/slow.json"
	: >"$TMP/web/access.log"
	BIRDDOG_HOME="$TMP/h10" discover -q -s "$SRC/slow.json" >out 2>err || test $? -eq 65
	site_log web | cut -f1 | sort -n >times
	test "$(wc -l <times)" -ge 15
	awk "NR > 1 && \$1 - prev < 0.085 { bad++ } { prev = \$1 } END { exit bad > 0 }" times
'

test_expect_success 'two runs at once share the host'\''s budget through discover.db' '
	jq ".rate = {\"per_second\": 10, \"burst\": 1, \"connections\": 2}" \
		"$SRC/site_xpath.json" >"$SRC/shared.json"
	: >"$TMP/web/access.log"
	(BIRDDOG_HOME="$TMP/h11" discover -q -s "$SRC/slow.json" >o1 2>e1 || :) &
	a=$!
	BIRDDOG_HOME="$TMP/h11" discover -q -s "$SRC/shared.json" >o2 2>e2 || :
	wait "$a"
	site_log web | cut -f1 | sort -n >times
	test "$(wc -l <times)" -ge 30
	# one budget for both: no two requests closer than 1/10 s (a little slack
	# for the server'\''s own timing)
	awk "NR > 1 && \$1 - prev < 0.08 { bad++ } { prev = \$1 } END { exit bad > 0 }" times
	test "$(wc -l <o1)" -eq 8
	test "$(wc -l <o2)" -eq 14
'

test_expect_success 'a crawl to replay' '
	crawl site_xpath "$TMP/h12" >online 2>err || test $? -eq 65
	test_line_count 14 online
'

stop_site web

test_expect_success '--offline: with the site stopped, the cache alone gives the same records' '
	BIRDDOG_HOME="$TMP/h12" discover --offline --all -s "$SRC/site_xpath.json" >offline 2>err || test $? -eq 65
	jq -c "del(.seen_at, .event)" online | sort >a
	jq -c "del(.seen_at, .event)" offline | sort >b
	test_cmp a b
	BIRDDOG_HOME="$TMP/h13" discover --offline -s "$SRC/site_xpath.json" >none 2>err || :
	test_line_count 0 none
	test_grep "not in the cache \(--offline\)" err
'

start_site web
site_sources web

test_expect_success '--try: the record and where each field came from; nothing kept' '
	BIRDDOG_HOME="$TMP/h14" discover --try "$BASE/homes/108.html" -s "$SRC/site_xpath.json" >rec 2>how
	test "$(jq -r .price rec)" = 1250000
	test_grep "^price +\\\$1,250,000 +xpath //span\[@class=.price.\]$" how
	test_grep "^beds +3 +pattern //span\[@class=.beds.\]$" how
	BIRDDOG_HOME="$TMP/h14" discover --try "$BASE/homes/101.html" >rec 2>how
	test "$(jq -r .source_id rec)" = 101
	test_grep "^address.line +742 Acequia Madre +jsonld$" how
	test ! -e "$TMP/h14"
	test_expect_code 69 discover --try "$BASE/private/secret.html" >rec 2>how
	test_grep "robots.txt disallows it" how
'

test_expect_success '--robots: each URL allowed or not, and the rule that says so' '
	test_expect_code 0 discover --robots "$ROOT/robots.txt" --agent "birddog/0.2" \
		"$BASE/private/secret.html" "$BASE/private/open-house.html" "$BASE/homes/101.html" \
		"$BASE/homes/116-draft" >verdicts
	cut -f2 verdicts >got
	printf "%s\n" disallowed allowed allowed disallowed >want
	test_cmp want got
	test_grep "	disallowed	line [0-9]+: Disallow: /homes/\*draft\\\$$" verdicts
	test_expect_code 65 discover --robots "$ROOT/robots.txt" --agent birddog "not a url" >v 2>e
	test_grep "is not a URL" e
'

test_expect_success '--check: the configs load; no request made' '
	: >"$TMP/web/access.log"
	discover --check -s "$SRC/site_xpath.json" -s "$SRC/fsbo.json" 2>err
	test_grep "^discover: ready: 2 sources \(site_xpath, fsbo\) load$" err
	site_log web >log
	test_line_count 0 log
	jq ".fields.price = \"//span[\"" "$SRC/site_xpath.json" >"$SRC/bad.json"
	test_expect_code 78 discover --check -s "$SRC/bad.json" 2>err
	test_grep "bad.json: .fields.price.: the XPath" err
	jq ".user_agent = \"Mozilla/5.0 (X11) (+https://x.example)\"" "$SRC/site_xpath.json" >"$SRC/moz.json"
	test_expect_code 78 discover --check -s "$SRC/moz.json" 2>err
	test_grep "not a browser" err
'

test_expect_success 'a page cannot make discover read a file: no file:// link, no redirect to one' '
	cat >"$ROOT/search/trap.html" <<-EOF
	<html><body>
	<article class="listing-card"><a class="card-link" href="file:///etc/hostname">x</a></article>
	<article class="listing-card"><a class="card-link" href="/homes/moved.html">y</a></article>
	</body></html>
	EOF
	jq ".start = [\"$BASE/search/trap.html\"] | .name = \"trap\"" "$SRC/site_jsonld.json" >"$SRC/trap.json"
	BIRDDOG_HOME="$TMP/h17" discover -s "$SRC/trap.json" >out 2>err || test $? -eq 65
	test_line_count 0 out
	test_grep "moved.html: redirected to file:///etc/hostname: a redirect goes only to http and https URLs" err
	! grep -q "$(cat /etc/hostname 2>/dev/null || echo no-such-host-name)" out
'

test_expect_success 'a start page outside "hosts" is a config error, not an empty complete crawl' '
	jq ".hosts = [\"other.invalid\"]" "$SRC/site_jsonld.json" >"$SRC/away.json"
	test_expect_code 78 env BIRDDOG_HOME="$TMP/h18" discover -s "$SRC/away.json" >out 2>err
	test_grep "away.json: .hosts. does not name the host of" err
'

if command -v chromium >/dev/null 2>&1 || [ -n "${BIRDDOG_CHROMIUM:-}" ]; then
	test_expect_success 'render: pages built by JavaScript, through headless Chromium' '
		BIRDDOG_HOME="$TMP/h15" discover -s "$SRC/site_render.json" >out 2>err
		jq -c "[.source_id, .price, .beds, .address.line]" out >got
		printf "%s\n" "[\"js-1\",1050000,3,\"12 Canyon Rd\"]" "[\"js-2\",612500,2,\"48 Calle Loma\"]" >want
		test_cmp want got
	'
else
	test_skip 'render: pages built by JavaScript' 'chromium is not installed (scripts/install-deps)'
fi

test_expect_success 'render without Chromium: says what to install; 69; the other sources run' '
	test_expect_code 69 env BIRDDOG_CHROMIUM=/nonexistent BIRDDOG_HOME="$TMP/h16" \
		discover -s "$SRC/site_render.json" -s "$SRC/fsbo.json" >out 2>err
	test_grep "BIRDDOG_CHROMIUM" err
	test "$(jq -r .source out | sort -u)" = fsbo
'

test_done
