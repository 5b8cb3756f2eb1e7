#!/bin/sh
# SPDX-License-Identifier: MIT
# Each program's own state file: the files and what is in them, the copy of
# a birddog 0.1 birddog.db, a lock held too long (a clear error naming the
# file and the process), emit-then-commit under kill -9 at random moments
# (nothing lost), and SIGTERM/SIGINT (a clean stop, 143/130).
. "$(dirname "$0")/lib.sh"

T="$TESTDATA"
MAP="$T/discover/listings.map.json"
DATA="$BIRDDOG_HOME/default"

# a fixed-seed list of N delays (seconds) between LOW and HIGH
delays() {
	awk -v n="$1" -v lo="$2" -v hi="$3" 'BEGIN { srand(42); for (i = 0; i < n; i++) printf "%.3f\n", lo + rand() * (hi - lo) }'
}

test_expect_success 'each program writes its own file and no other' '
	test_expect_code 65 enrich -q --load-parcels "$T/enrich/parcels.csv" --map "$T/enrich/parcels.map.json" 2>/dev/null
	ls "$DATA" | grep "\.db$" >files
	echo enrich.db >want && test_cmp want files
	test_expect_code 65 discover -q -m "$MAP" "$T/discover/listings.csv" >d.out 2>/dev/null
	enrich -q d.out >e.out
	score -q --min 60 e.out >s.out
	docgen -q s.out >p.out
	mailout -q -n -b "$T/mailout/buyers.csv" p.out >m.out
	ls "$DATA" | grep "\.db$" >files
	printf "discover.db\ndocgen.db\nenrich.db\nmailout.db\n" >want && test_cmp want files
	test "$(sqlite3 "$DATA/discover.db" "SELECT count(*) FROM listings")" = 23
	test "$(sqlite3 "$DATA/enrich.db" "SELECT count(*) FROM parcels")" = 20
	test "$(sqlite3 "$DATA/docgen.db" "SELECT count(*) FROM packets")" = 7
	test "$(sqlite3 "$DATA/mailout.db" "SELECT count(*) FROM outbox")" = 7
	for db in discover enrich docgen mailout; do
		test "$(sqlite3 "$DATA/$db.db" "PRAGMA journal_mode")" = wal
		printf "%s " "$db:" $(sqlite3 "$DATA/$db.db" \
			"SELECT name FROM sqlite_master WHERE type = '"'"'table'"'"' ORDER BY name")
		echo
	done >tables
	cat >want <<-\EOF
	discover: bodies crawls cursors host_budget http_cache listing_keys listing_sources listings page_out price_history robots sales 
	enrich: parcels rents sales 
	docgen: packets 
	mailout: outbox suppression 
	EOF
	test_cmp want tables
'

test_expect_success 'the files join with ATTACH, as birddog(7) shows' '
	(cd "$DATA" && sqlite3 mailout.db "ATTACH '"'"'discover.db'"'"' AS d" \
		"SELECT count(*) FROM outbox o JOIN d.listings l ON l.id = o.record_id") >n
	echo 7 >want && test_cmp want n
'

test_expect_success 'a birddog.db of birddog 0.1 is copied into each new file, once' '
	old="$TMP/old/default"
	mkdir -p "$old"
	sqlite3 "$old/birddog.db" <"$T/state/birddog-0.1.sql"
	export BIRDDOG_HOME="$TMP/old"
	test_expect_code 65 discover -m "$MAP" "$T/discover/listings.csv" >d.out 2>d.err
	test_grep "^discover: .$old/discover.db. is new: copied 2 rows of listings, 3 rows of price_history from .$old/birddog.db.$" d.err
	test "$(sqlite3 "$old/discover.db" "SELECT count(*) FROM listings")" = 25
	test "$(sqlite3 "$old/discover.db" "SELECT group_concat(event) FROM price_history WHERE listing_id = '"'"'old:2'"'"'")" = new,price_drop
	enrich d.out >e.out 2>e.err
	test_grep "^enrich: .$old/enrich.db. is new: copied 1 row of parcels from" e.err
	test "$(sqlite3 "$old/enrich.db" "SELECT owner_name FROM parcels")" = "OLD OWNER"
	score -q e.out >s.out
	docgen s.out >p.out 2>p.err
	test_grep "^docgen: .$old/docgen.db. is new: copied 1 row of packets from" p.err
	test "$(sqlite3 "$old/docgen.db" "SELECT count(*) FROM packets")" = 24
	mailout -n -b "$T/mailout/buyers.csv" p.out >m.out 2>m.err
	test_grep "^mailout: .$old/mailout.db. is new: copied 2 rows of outbox, 1 row of suppression from" m.err
	# 0.1 retried its failed rows: they are queued now; failed is final
	sqlite3 "$old/mailout.db" "SELECT recipient, status FROM outbox WHERE record_id = '"'"'old:1'"'"' ORDER BY 1" >got
	printf "ana@buyers.example|sent\nbob@buyers.example|queued\n" >want && test_cmp want got
	test "$(sqlite3 "$old/mailout.db" "SELECT email FROM suppression")" = eve@buyers.example
	test "$(sqlite3 "$old/mailout.db" "PRAGMA user_version")" = 2
	# the second run copies nothing again
	discover -q -m "$MAP" "$T/discover/listings.csv" >/dev/null 2>d2.err || true
	! grep "is new" d2.err || false
	test "$(sqlite3 "$old/discover.db" "SELECT count(*) FROM listings")" = 25
'

test_expect_success '--db names another file, and nothing is copied into it' '
	export BIRDDOG_HOME="$TMP/old"
	test_expect_code 65 discover --db "$TMP/mine.db" -m "$MAP" "$T/discover/listings.csv" >out 2>err
	! grep "is new" err || false
	test "$(sqlite3 "$TMP/mine.db" "SELECT count(*) FROM listings")" = 23
'

test_expect_success 'a lock held too long: exit 74 naming the file and the process, in bounded time' '
	export BIRDDOG_HOME="$TMP/locked"
	test_expect_code 65 discover -q -m "$MAP" "$T/discover/listings.csv" >/dev/null 2>&1
	db="$TMP/locked/default/discover.db"
	{ echo "BEGIN IMMEDIATE;"; echo "UPDATE listings SET price = price;"; sleep 6; echo "COMMIT;"; } |
		sqlite3 "$db" &
	holder=$!
	sleep 1
	start=$(date +%s)
	BIRDDOG_BUSY_TIMEOUT=1 test_expect_code 74 discover -m "$MAP" --all "$T/discover/listings.csv" >out 2>err
	test $(($(date +%s) - start)) -le 4
	test_grep "^discover: updating state: $db: database is locked: process [0-9]+ \(sqlite3\) holds its write lock; gave up after 1 s \(\\\$BIRDDOG_BUSY_TIMEOUT sets the wait\)$" err
	test_cmp /dev/null out
	wait $holder
'

# killed NAME TIMES LOW HIGH CMD...: runs CMD TIMES times, each killed with
# SIGKILL after a delay, and appends the complete lines each run wrote to
# NAME.out (a killed run may end in a part of a line, which a reader of the
# pipe would reject); prints how many runs were killed before they finished.
killed() {
	name=$1 times=$2 lo=$3 hi=$4
	shift 4
	n=0 i=0
	for d in $(delays "$times" "$lo" "$hi"); do
		i=$((i + 1))
		"$@" >"$name.$i" 2>>"$name.err" &
		pid=$!
		sleep "$d"
		kill -9 "$pid" 2>/dev/null && n=$((n + 1))
		wait "$pid" 2>/dev/null || true
		"$PYTHON" -c "import sys; d = open(sys.argv[1], \"rb\").read(); sys.stdout.buffer.write(d[:d.rfind(b\"\\n\") + 1])" \
			"$name.$i" >>"$name.out"
	done
	echo "$n"
}

test_expect_success 'discover under kill -9: every listing comes out at least once' '
	export BIRDDOG_HOME="$TMP/kill-d"
	"$PYTHON" "$TEST_ROOT/scripts/gen-listings" 60000 --csv >big.csv
	n=$(killed kd 12 0.02 0.25 discover -q -m "$MAP" big.csv)
	echo "# discover: $n of 12 runs killed mid-way" >&2
	test "$n" -ge 6
	discover -q -m "$MAP" big.csv >>kd.out
	jq -r .id kd.out | sort -u >ids
	test_line_count 60000 ids
	test "$(sqlite3 "$TMP/kill-d/default/discover.db" "SELECT count(*) FROM listings")" = 60000
	discover -q -m "$MAP" big.csv >again.out
	test_cmp /dev/null again.out
'

test_expect_success 'docgen under kill -9: every record comes out with its memo' '
	export BIRDDOG_HOME="$TMP/kill-g"
	"$PYTHON" "$TEST_ROOT/scripts/gen-listings" 4000 >in.ndjson
	score -q in.ndjson >scored.ndjson
	n=$(killed kg 10 0.05 0.4 docgen -q -o "$TMP/memos" scored.ndjson)
	echo "# docgen: $n of 10 runs killed mid-way" >&2
	test "$n" -ge 5
	docgen -q -o "$TMP/memos" scored.ndjson >>kg.out
	jq -r .id kg.out | sort -u >ids
	test_line_count 4000 ids
	test "$(sqlite3 "$TMP/kill-g/default/docgen.db" "SELECT count(*) FROM packets")" = 4000
	# every packet row names files that exist and hold what the row says
	sqlite3 "$TMP/kill-g/default/docgen.db" "SELECT html_path, text_path FROM packets" | tr "|" "\n" >files
	while read -r f; do test -s "$f" || { echo "missing $f"; exit 1; }; done <files
	tail -n 1 kg.out | jq -r ".packet.html, .packet.text" | xargs cat | sha256sum | cut -c1-64 >sum
	test "$(tail -n 1 kg.out | jq -r .packet.sha256)" = "$(cat sum)"
'

test_expect_success 'SIGTERM: discover stops cleanly, exit 143, what it wrote is committed' '
	export BIRDDOG_HOME="$TMP/term-d"
	mkfifo slow.fifo
	{ head -n 2001 big.csv; sleep 2; tail -n +2002 big.csv; } >slow.fifo &
	feeder=$!
	discover -m "$MAP" slow.fifo >t.out 2>t.err &
	pid=$!
	sleep 1
	kill -TERM $pid
	test_expect_code 143 wait $pid
	kill $feeder 2>/dev/null || true
	test_grep "^discover: slow.fifo: stopped by SIGTERM; the rows read before are written and committed$" t.err
	test_line_count 2000 t.out
	test "$(sqlite3 "$TMP/term-d/default/discover.db" "SELECT count(*) FROM listings")" = 2000
'

test_expect_success 'SIGINT: a waiting stage stops at once, exit 130, state committed' '
	export BIRDDOG_HOME="$TMP/int-g"
	mkfifo slow2.fifo
	{ head -n 300 scored.ndjson; sleep 5; } >slow2.fifo &
	feeder=$!
	# env: a background job of a script starts with SIGINT ignored
	env --default-signal=INT docgen -o "$TMP/memos2" slow2.fifo >i.out 2>i.err &
	pid=$!
	sleep 1.5
	kill -INT $pid
	test_expect_code 130 wait $pid
	kill $feeder 2>/dev/null || true
	test_grep "^docgen: slow2.fifo:300: stopped by SIGINT; what was read before is written and committed$" i.err
	test_line_count 300 i.out
	test "$(sqlite3 "$TMP/int-g/default/docgen.db" "SELECT count(*) FROM packets")" = 300
'

test_done
