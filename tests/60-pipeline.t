#!/bin/sh
# SPDX-License-Identifier: MIT
# The whole pipeline on testdata/: as a shell pipe written to files stage by
# stage, and through scripts/pipeline (lock, log, exit status); exact counts,
# packets, Maildir messages, idempotent re-runs, keys passed through.
. "$(dirname "$0")/lib.sh"

T="$TESTDATA"
PIPELINE="$TEST_ROOT/scripts/pipeline"
MAP="$T/discover/listings.map.json"
LISTINGS="$T/discover/listings.csv"
DAY2="$T/discover/listings-day2.csv"
BUYERS="$T/mailout/buyers.csv"
DATA="$BIRDDOG_HOME/default"

# missing PROG...: prints the programs not built yet.
missing() {
	for p in "$@"; do
		[ -x "$TEST_ROOT/build/bin/$p" ] || printf '%s ' "$p"
	done
}

# needs 'DESCRIPTION' 'PROG...' 'BODY': the test, or a skip naming what is missing.
needs() {
	m=$(missing $2)
	if [ -n "$m" ]; then
		test_skip "$1" "not built yet: $m"
	else
		test_expect_success "$1" "$3"
	fi
}

# count_files DIR: regular files in DIR (0 when it does not exist).
count_files() {
	if [ -d "$1" ]; then
		find "$1" -type f | wc -l | tr -d ' '
	else
		echo 0
	fi
}

# check_messages MAILDIR RECORDS: every message in MAILDIR/new parses as a
# MIME message with text and HTML parts, and the Message-IDs are exactly
# those of the outreach entries with status "written" in RECORDS.
check_messages() {
	"$PYTHON" - "$1" "$2" <<-\EOF
	import email, email.policy, json, os, sys
	maildir, records = sys.argv[1], sys.argv[2]
	want = set()
	for line in open(records, encoding="utf-8"):
	    for o in json.loads(line).get("outreach", []):
	        if o["status"] == "written":
	            want.add(o["message_id"])
	got = set()
	new = os.path.join(maildir, "new")
	for name in sorted(os.listdir(new)):
	    with open(os.path.join(new, name), "rb") as f:
	        raw = f.read()
	    m = email.message_from_bytes(raw, policy=email.policy.default)
	    for h in ("From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe"):
	        assert m[h], f"{name}: no {h}"
	    assert m.defects == [], f"{name}: {m.defects}"
	    assert m.get_content_type() == "multipart/alternative", name
	    parts = [p.get_content_type() for p in m.iter_parts()]
	    assert parts == ["text/plain", "text/html"], f"{name}: {parts}"
	    for p in m.iter_parts():
	        assert p.get_content().strip(), f"{name}: empty {p.get_content_type()}"
	    assert b"\r\n" in raw, f"{name}: no CRLF line endings"
	    got.add(m["Message-ID"])
	assert got == want, f"messages {sorted(got)} != outreach {sorted(want)}"
	print(len(got))
	EOF
}

needs 'parcels load (the fixture has two bad rows)' 'enrich' '
	test_expect_code 65 enrich --load-parcels "$T/enrich/parcels.csv" \
		--map "$T/enrich/parcels.map.json" >load.out 2>load.err || false
	test_cmp /dev/null load.out
	test_grep "20 parcels loaded, 0 updated, 2 rejected" load.err
	test "$(sqlite3 "$DATA/enrich.db" "SELECT count(*) FROM parcels")" = 20
'

# Stage by stage into files, as an operator would run them by hand.
needs 'discover: 23 listings of 25 rows, 2 rejected' 'discover' '
	test_expect_code 65 discover -m "$MAP" "$LISTINGS" >d.out 2>d.err || false
	test_line_count 23 d.out
	test_line_count 3 "$DATA/rejects/discover/listings.csv"
	test_grep "^discover: .*listings.csv:9: .price. is not a number" d.err
	test_grep "^discover: .*listings.csv:15: .source_id. is missing" d.err
	test_grep "^discover: 25 in, 23 out, 2 rejected," d.err
	test "$(grep -c "\"event\":\"new\"" d.out)" = 23
	test "$(sqlite3 "$DATA/discover.db" "SELECT count(*) FROM listings")" = 23
'

needs 'enrich: 23 in, 23 out, 16 joined to a parcel, 22 with features' 'discover enrich' '
	# two keys of our own, spelled as no serialiser would write them
	sed "s/^{/{\"zz_num\":1.50e2,\"zz_txt\":\"caf\\\\u00e9\",/" d.out >d.mine
	test_expect_code 0 enrich d.mine >e.out 2>e.err || false
	test_line_count 23 e.out
	test_grep "^enrich: 23 in, 23 out, 0 rejected," e.err
	test "$(grep -c "\"assessor\":{" e.out)" = 16
	test "$(grep -c "\"owner\":{" e.out)" = 16
	# the vacant land has neither living area nor year built
	test "$(grep -c "\"features\":{" e.out)" = 22
'

needs 'score --min 60: 7 of 23' 'discover enrich score' '
	test_expect_code 0 score --min 60 e.out >s.out 2>s.err || false
	test_line_count 7 s.out
	test_grep "^score: 23 in, 7 out, 0 rejected," s.err
'

needs 'docgen: 7 packets, HTML and text' 'discover enrich score docgen' '
	test_expect_code 0 docgen s.out >p.out 2>p.err || false
	test_line_count 7 p.out
	test_grep "^docgen: 7 in, 7 out, 0 rejected," p.err
	test "$(ls "$DATA/packets" | grep -c "\.html$")" = 7
	test "$(ls "$DATA/packets" | grep -c "\.txt$")" = 7
	test "$(sqlite3 "$DATA/docgen.db" "SELECT count(*) FROM packets")" = 7
'

needs 'mailout: 7 messages written into the Maildir' 'discover enrich score docgen mailout' '
	test_expect_code 0 mailout --buyers "$BUYERS" --dry-run --maildir md \
		p.out >m.out 2>m.err || false
	test_line_count 7 m.out
	test_grep "^mailout: 7 in, 7 out, 0 rejected," m.err
	test_grep "^mailout: 0 sent, 7 written, 0 skipped_duplicate, 0 suppressed, 0 failed" m.err
	test "$(count_files md/new)" = 7
	test "$(count_files md/tmp)" = 0
	test "$(check_messages md m.out)" = 7
'

needs 'our own keys pass through every stage byte for byte' 'discover enrich score docgen mailout' '
	test "$(grep -c "^{\"zz_num\":1.50e2,\"zz_txt\":\"caf\\\\u00e9\",\"id\":" m.out)" = 7
	# every key discover wrote, but the address enrich normalises, is unchanged
	"$PYTHON" - d.out m.out <<-\EOF
	import json, sys
	before = {r["id"]: r for r in map(json.loads, open(sys.argv[1]))}
	for line in open(sys.argv[2]):
	    r = json.loads(line)
	    for k, v in before[r["id"]].items():
	        if k != "address":
	            assert r[k] == v, (r["id"], k, r[k], v)
	    for k in ("assessor", "features", "score", "packet", "outreach"):
	        assert k in r, (r["id"], k)
	EOF
'

needs 'the same records again: no packet rewritten, no message written' 'discover enrich score docgen mailout' '
	ls -i --full-time "$DATA/packets" >packets.before
	sqlite3 "$DATA/docgen.db" "SELECT id, sha256, updated_at FROM packets ORDER BY id" >table.before
	test_expect_code 0 docgen s.out >p2.out 2>p2.err || false
	test_cmp p.out p2.out
	ls -i --full-time "$DATA/packets" >packets.after
	test_cmp packets.before packets.after
	sqlite3 "$DATA/docgen.db" "SELECT id, sha256, updated_at FROM packets ORDER BY id" >table.after
	test_cmp table.before table.after
	test_expect_code 0 mailout --buyers "$BUYERS" --dry-run --maildir md \
		p2.out >m2.out 2>m2.err || false
	test_line_count 7 m2.out
	test_grep "^mailout: 0 sent, 0 written, 7 skipped_duplicate, 0 suppressed, 0 failed" m2.err
	test "$(count_files md/new)" = 7
	test "$(grep -c "\"status\":\"skipped_duplicate\"" m2.out)" = 7
'

needs 'discover again: 0 new listings' 'discover' '
	test_expect_code 65 discover -m "$MAP" "$LISTINGS" >d2.out 2>d2.err || false
	test_cmp /dev/null d2.out
	test_grep "^discover: 25 in, 0 out, 2 rejected," d2.err
	test "$(sqlite3 "$DATA/discover.db" "SELECT count(*) FROM listings")" = 23
'

# The same through scripts/pipeline, in a data directory of its own.
P="$TMP/phome"

# pipeline_run OUT: runs scripts/pipeline on LISTINGS with the Maildir pmd.
pipeline_run() {
	BIRDDOG_HOME="$P" "$PIPELINE" --min 60 --map "$MAP" --buyers "$BUYERS" \
		--maildir "$TMP/pmd" "${2:-$LISTINGS}" >"$1.out" 2>"$1.err"
}

test_expect_success 'pipeline --help and a usage error' '
	test_expect_code 0 "$PIPELINE" --help >help.out 2>help.err || false
	test_cmp /dev/null help.err
	test_grep "^usage: pipeline " help.out
	test_expect_code 64 "$PIPELINE" --no-such >bad.out 2>bad.err || false
	test_grep "try .pipeline --help." bad.err
	test_expect_code 64 "$PIPELINE" --min 60 "$LISTINGS" >bad.out 2>bad.err || false
	test_grep "buyers" bad.err
	test_expect_code 66 "$PIPELINE" --buyers "$BUYERS" no-such.csv >bad.out 2>bad.err || false
	test_grep "no-such.csv" bad.err
	test ! -e "$BIRDDOG_HOME/default/pipeline.log"
'

ALL='discover enrich score docgen mailout'
needs 'pipeline: 7 records, 7 packets, 7 messages; exits 65 for the bad rows' "$ALL" '
	BIRDDOG_HOME="$P" enrich -q --load-parcels "$T/enrich/parcels.csv" \
		--map "$T/enrich/parcels.map.json" 2>/dev/null || test $? -eq 65
	test_expect_code 65 pipeline_run run1 || false
	test_line_count 7 run1.out
	test_grep "^pipeline: some records were rejected; see .*rejects. and .*pipeline.log.$" run1.err
	log="$P/default/pipeline.log"
	test_grep "\[discover\] discover: 25 in, 23 out, 2 rejected," "$log"
	test_grep "\[enrich\] enrich: 23 in, 23 out, 0 rejected," "$log"
	test_grep "\[score\] score: 23 in, 7 out, 0 rejected," "$log"
	test_grep "\[docgen\] docgen: 7 in, 7 out, 0 rejected," "$log"
	test_grep "\[mailout\] mailout: 7 in, 7 out, 0 rejected," "$log"
	test_grep "\[pipeline\] [0-9T]+Z-[0-9]+.ndjson: enrich=0 score=0 docgen=0 mailout=0$" "$log"
	test_grep "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z \[pipeline\] end tenant .default., exit 65$" "$log"
	# every stage checked what it would load first
	for p in discover enrich score docgen mailout; do
		test_grep "\[$p\] $p: ready: " "$log"
	done
	# every stage went through what discover found: the spool is empty
	test -z "$(ls "$P/default/spool")"
	test "$(ls "$P/default/packets" | grep -c "\.html$")" = 7
	test "$(count_files "$TMP/pmd/new")" = 7
	test "$(check_messages "$TMP/pmd" run1.out)" = 7
	# the plain pipe gave the same records, but for the two keys we added
	sed "s/^{\"zz_num\":1.50e2,\"zz_txt\":\"caf\\\\u00e9\",/{/" m.out |
		sed "s/\"message_id\":\"<[^>]*>\"/MID/g; s#$DATA#DATA#g" >pipe.norm
	sed "s/\"message_id\":\"<[^>]*>\"/MID/g; s#$P/default#DATA#g" run1.out >run1.norm
	test_cmp pipe.norm run1.norm
'

needs 'pipeline again: 0 new listings, 0 packets, 0 messages' "$ALL" '
	ls -i --full-time "$P/default/packets" >before
	test_expect_code 65 pipeline_run run2 || false
	test_cmp /dev/null run2.out
	test_grep "\[discover\] discover: 25 in, 0 out, 2 rejected," "$P/default/pipeline.log"
	ls -i --full-time "$P/default/packets" >after
	test_cmp before after
	test "$(count_files "$TMP/pmd/new")" = 7
	test "$(sqlite3 "$P/default/discover.db" "SELECT count(*) FROM listings")" = 23
	test "$(sqlite3 "$P/default/mailout.db" "SELECT count(*) FROM outbox")" = 7
'

needs 'pipeline the next day: the price drop is mailed again, nothing else' "$ALL" '
	BIRDDOG_NOW=2026-11-24T04:00:00Z
	export BIRDDOG_NOW
	test_expect_code 65 pipeline_run run3 "$DAY2" || false
	test_grep "\[discover\] discover: 26 in, 5 out, 2 rejected," "$P/default/pipeline.log"
	test_line_count 1 run3.out
	test_grep "^\{\"id\":\"lvmls:LV2401001\",.*\"event\":\"price_drop\",\"previous_price\":315000," run3.out
	test "$(count_files "$TMP/pmd/new")" = 8
	test "$(ls "$P/default/packets" | grep -c "\.html$")" = 7
'

needs 'a second pipeline while the first holds the lock exits 75' "$ALL" '
	L="$TMP/lhome"
	mkfifo fifo
	BIRDDOG_HOME="$L" "$PIPELINE" --map "$MAP" --buyers "$BUYERS" --maildir lmd \
		fifo >first.out 2>first.err &
	first=$!
	# discover blocks on the FIFO once the first run has the lock and logged
	i=0
	until grep -q "start tenant" "$L/default/pipeline.log" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt 100 ] || break
		sleep 0.1
	done
	got=0
	BIRDDOG_HOME="$L" "$PIPELINE" --map "$MAP" --buyers "$BUYERS" --maildir lmd \
		"$LISTINGS" >second.out 2>second.err || got=$?
	# never leave the first run blocked on the FIFO, whatever happened
	timeout 30 sh -c "cat \"\$1\" >fifo" sh "$LISTINGS" || :
	status=0
	wait "$first" || status=$?
	test "$i" -lt 100
	test "$got" = 75
	test_cmp /dev/null second.out
	test_grep "^pipeline: .*pipeline.lock. is held by another run" second.err
	test "$status" = 65
	test "$(grep -c "start tenant" "$L/default/pipeline.log")" = 1
	test_line_count 3 "$L/default/rejects/discover/fifo.csv"
'

needs 'pipeline on sources: -s, and the tenant'\''s CONFIGDIR/sources by default' "$ALL" '
	S="$TMP/src-home"
	BIRDDOG_HOME="$S" enrich -q --load-parcels "$T/enrich/parcels.csv" \
		--map "$T/enrich/parcels.map.json" 2>/dev/null || test $? -eq 65
	BIRDDOG_HOME="$S" test_expect_code 65 "$PIPELINE" -s "$T/sources/lvmls_csv.json" \
		--buyers "$BUYERS" --maildir "$TMP/smd" >s1.out 2>s1.err || false
	test_line_count 7 s1.out
	test "$(jq -r .source s1.out | sort -u)" = lvmls
	test_grep "\[discover\] discover: ready: 1 source \(lvmls\) load" "$S/default/pipeline.log"
	# with no files and no -s: the tenant'\''s own sources
	mkdir -p "$TMP/conf/default/sources"
	cp -r "$T/config/default/." "$TMP/conf/default/"
	sed "s#\"\.\./#\"$T/#g" "$T/sources/lvmls_csv.json" >"$TMP/conf/default/sources/lvmls_csv.json"
	BIRDDOG_CONFIG="$TMP/conf" BIRDDOG_HOME="$TMP/src-home2" test_expect_code 65 "$PIPELINE" \
		--buyers "$BUYERS" --maildir "$TMP/smd2" --min 0 >s2.out 2>s2.err || false
	test_line_count 23 s2.out
	test_expect_code 64 "$PIPELINE" -s "$T/sources/lvmls_csv.json" --buyers "$BUYERS" -n \
		"$LISTINGS" 2>s3.err
	test_grep "not both" s3.err
'

needs 'a broken configuration stops the pipeline before discover reads anything' "$ALL" '
	F="$TMP/fhome"
	mkdir cfg
	cp -R "$BIRDDOG_CONFIG/default" cfg/
	echo "{ not json" >cfg/default/scorecard.json
	got=0
	BIRDDOG_CONFIG="$TMP/cfg" BIRDDOG_HOME="$F" "$PIPELINE" --map "$MAP" \
		--buyers "$BUYERS" --maildir fmd "$LISTINGS" >f.out 2>f.err || got=$?
	test "$got" = 78
	test_cmp /dev/null f.out
	test_grep "^pipeline: .score. failed with status 78 its check$" f.err
	test_grep "^pipeline: it said: score: .*cfg/default/scorecard.json:1:" f.err
	test_grep "\[score\] score: .*scorecard.json" "$F/default/pipeline.log"
	# nothing was read: discover has marked no listing as seen
	test ! -e "$F/default/discover.db"
	# fixed, the next run finds everything
	cp "$BIRDDOG_CONFIG/default/scorecard.json" cfg/default/scorecard.json
	BIRDDOG_CONFIG="$TMP/cfg" BIRDDOG_HOME="$F" "$PIPELINE" --map "$MAP" \
		--buyers "$BUYERS" --maildir fmd "$LISTINGS" >f.out 2>f.err || got=$?
	test "$got" = 65
	test "$(sqlite3 "$F/default/discover.db" "SELECT count(*) FROM listings")" = 23
	test_grep "\[enrich\] enrich: 23 in, 23 out, 0 rejected," "$F/default/pipeline.log"
'

test_done
