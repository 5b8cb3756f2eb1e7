#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/pipeline at scale: 10,000 generated listings through all five stages
# within a time limit, every count checked against an independent computation;
# a re-run that adds nothing; two tenants at once; enrich run by hand and a
# parcel reload during a run. Each stage has its own state file, so none waits
# for another; a hang here fails the test under its timeout.
. "$(dirname "$0")/lib.sh"

PIPELINE="$TEST_ROOT/scripts/pipeline"
GEN="$TEST_ROOT/scripts/gen-listings"
MAP="$TESTDATA/discover/listings.map.json"
PMAP="$TESTDATA/enrich/parcels.map.json"
N=10000
MIN=70
# every run must finish well within this many seconds (one takes about 2 s
# on a 2-core machine)
LIMIT=60

# A configuration for each tenant: the fixture's.
mkdir "$TMP/cfg"
for t in T A B U V; do
	cp -R "$TESTDATA/config/default" "$TMP/cfg/$t"
done
export BIRDDOG_CONFIG="$TMP/cfg"
CARD="$BIRDDOG_CONFIG/T/scorecard.json"

# Buyers whose buy boxes take different subsets (the listings are a quarter
# each single_family, condo, townhouse and land); nobody wants 89117.
cat >buyers.csv <<-\EOF
	email,name,zips,types,max_price,min_score
	cheap@buyers.example,Carla Cheap,,,200000,
	flip@buyers.example,Fred Flipper,89101;89104,single_family;townhouse,300000,
	condo@buyers.example,"Connie ""Condo"" Cruz",,condo,,85
	land@buyers.example,Lance Land,89102;89108;89121,land,250000,90
	none@buyers.example,Nina Nobody,89117,,,
EOF
# Tenant B's own buyers, at another domain.
cat >buyers-b.csv <<-\EOF
	email,name,zips,types,max_price,min_score
	house@b.example,Hank House,,single_family,,
	cheap@b.example,Carl Cheap,,,200000,
	top@b.example,Tess Top,89121,,,80
EOF

# run_pipeline NAME TENANT BUYERS CSV: scripts/pipeline for TENANT under the
# time limit, into NAME.out and NAME.err, its exit status into NAME.status.
run_pipeline() {
	rp=0
	timeout -k 5 "$LIMIT" "$PIPELINE" -t "$2" --map "$MAP" --min "$MIN" \
		--buyers "$3" -n "$4" >"$1.out" 2>"$1.err" || rp=$?
	echo "$rp" >"$1.status"
}

# expect_ok NAME TENANT: the run NAME exited 0 with nothing on stderr, or
# what it said and its log are shown.
expect_ok() {
	st=$(cat "$1.status")
	case $st in
	0) ;;
	124|137)
		echo "pipeline '$1' of tenant $2 did not finish within $LIMIT s (hung?); its stderr and log:" >&2
		cat "$1.err" "$BIRDDOG_HOME/$2/pipeline.log" >&2
		return 1 ;;
	*)
		echo "pipeline '$1' of tenant $2 exited $st; its stderr and log:" >&2
		cat "$1.err" "$BIRDDOG_HOME/$2/pipeline.log" >&2
		return 1 ;;
	esac
	test_cmp /dev/null "$1.err"
}

# run_log TENANT K: the lines of the Kth run in TENANT's pipeline.log.
run_log() {
	awk -v k="$2" '/ \[pipeline\] start tenant /{ n++ } n == k' "$BIRDDOG_HOME/$1/pipeline.log"
}

# check_log LOG TENANT IN DISCOVERED SCORED WRITTEN DUPLICATES: the summary
# line of every stage, once each, and the end line.
check_log() {
	test_grep "\[discover\] discover: $3 in, $4 out, 0 rejected," "$1"
	test_grep "\[enrich\] enrich: $4 in, $4 out, 0 rejected," "$1"
	test_grep "\[score\] score: $4 in, $5 out, 0 rejected," "$1"
	test_grep "\[docgen\] docgen: $5 in, $5 out, 0 rejected," "$1"
	test_grep "\[mailout\] mailout: $5 in, $5 out, 0 rejected," "$1"
	test_grep "\[mailout\] mailout: 0 sent, $6 written, $7 skipped_duplicate, 0 suppressed, 0 failed$" "$1"
	test_grep "\[pipeline\] [0-9TZ-]+.ndjson: enrich=0 score=0 docgen=0 mailout=0$" "$1"
	test_grep "\[pipeline\] end tenant .$2., exit 0$" "$1"
	test "$(grep -c -E "\] (discover|enrich|score|docgen|mailout): [0-9]+ in, " "$1")" = 5
	test "$(grep -c -E "\] (discover|enrich|score|docgen|mailout): ready: " "$1")" = 5
	# nothing else: no warnings, no waits for a lock
	ok="\] (discover|enrich|score|docgen|mailout): ([0-9]+ (in|sent), |ready: )|\[pipeline\] ((start|end) tenant |[0-9TZ-]+.ndjson: )"
	test "$(grep -c -v -E "$ok" "$1")" = 0 || { grep -v -E "$ok" "$1" >&2; false; }
}

# same EXPECTED ACTUAL: the files are equal, or the first lines of the diff
# are shown (they are long records).
same() {
	diff -u "$1" "$2" >"$2.diff" || {
		head -n 12 "$2.diff" | cut -c1-240 >&2
		echo "... $(grep -c "^[-+][^-+]" "$2.diff") lines differ" >&2
		return 1
	}
}

# sql TENANT DB QUERY
sql() {
	sqlite3 "$BIRDDOG_HOME/$1/$2.db" "$3"
}

# count_files DIR: regular files in DIR (0 when it does not exist).
count_files() {
	if [ -d "$1" ]; then
		find "$1" -type f | wc -l | tr -d ' '
	else
		echo 0
	fi
}

# norm FILE TENANT: FILE without the tenant's data directory and Message-IDs.
norm() {
	sed "s#$BIRDDOG_HOME/$2/#DATA/#g; s/\"message_id\":\"<[^>]*>\"/MID/g" "$1"
}

# check_mail OUT BUYERS TENANT PAIRS: computes from the records in OUT (their
# address.zip, type, price and score.value) and the BUYERS CSV which
# (record, buyer) pairs match, and checks that exactly those are in OUT's
# outreach (all "written"), in the outbox and in the Maildir (To and
# Message-ID of each message). Prints the number of pairs; writes "COUNT
# EMAIL" for each buyer into PAIRS.
check_mail() {
	"$PYTHON" - "$@" "$BIRDDOG_HOME/$3" <<-\EOF
	import csv, email.parser, email.utils, json, os, sqlite3, sys
	out, buyers_csv, _, pairs, data = sys.argv[1:6]
	def split(s):
	    return {x for x in (s or "").split(";") if x}
	buyers = []
	with open(buyers_csv, newline="", encoding="utf-8") as f:
	    for b in csv.DictReader(f):
	        buyers.append((b["email"].lower(), split(b["zips"]), split(b["types"]),
	                       int(b["max_price"]) if b["max_price"] else None,
	                       int(b["min_score"]) if b["min_score"] else None))
	def number(v):
	    return isinstance(v, (int, float)) and not isinstance(v, bool)
	def wants(b, r):
	    _, zips, types, max_price, min_score = b
	    if zips and (r.get("address") or {}).get("zip") not in zips:
	        return False
	    if types and r.get("type") not in types:
	        return False
	    if max_price is not None and not (number(r.get("price")) and r["price"] <= max_price):
	        return False
	    score = (r.get("score") or {}).get("value")
	    if min_score is not None and not (number(score) and score >= min_score):
	        return False
	    return True
	want, got, mids = set(), set(), {}
	per = {b[0]: 0 for b in buyers}
	for line in open(out, encoding="utf-8"):
	    r = json.loads(line)
	    mine = {b[0] for b in buyers if wants(b, r)}
	    for e in mine:
	        want.add((r["id"], e))
	        per[e] += 1
	    if not mine:
	        assert "outreach" not in r, f"{r['id']}: outreach but no buyer wants it"
	    for o in r.get("outreach", []):
	        assert o["status"] == "written", f"{r['id']}: {o}"
	        got.add((r["id"], o["to"].lower()))
	        assert o["message_id"] not in mids, f"{r['id']}: Message-ID {o['message_id']} twice"
	        mids[o["message_id"]] = (r["id"], o["to"].lower())
	assert got == want, f"outreach: missing {sorted(want - got)[:5]}, extra {sorted(got - want)[:5]}"
	db = sqlite3.connect(f"file:{data}/mailout.db?mode=ro", uri=True)
	rows = db.execute("SELECT record_id, recipient, message_id, status FROM outbox").fetchall()
	bad = [r for r in rows if r[3] != "written"]
	assert not bad, f"outbox rows not written: {bad[:5]}"
	outbox = {m: (rid, rcpt.lower()) for rid, rcpt, m, _ in rows}
	assert len(outbox) == len(rows), "outbox: a Message-ID twice"
	assert outbox == mids, f"outbox {len(outbox)} rows != outreach {len(mids)} entries"
	maildir = {}
	parser = email.parser.BytesHeaderParser()
	new = os.path.join(data, "maildir", "new")
	for name in os.listdir(new):
	    with open(os.path.join(new, name), "rb") as f:
	        h = parser.parse(f)
	    assert h["Message-ID"] not in maildir, f"{name}: Message-ID twice"
	    maildir[h["Message-ID"]] = email.utils.parseaddr(h["To"])[1].lower()
	assert maildir == {m: to for m, (_, to) in mids.items()}, \
	    f"Maildir {len(maildir)} messages != outreach {len(mids)} entries"
	left = os.listdir(os.path.join(data, "maildir", "tmp"))
	assert not left, f"left in maildir/tmp: {left[:5]}"
	with open(pairs, "w") as f:
	    for e, n in per.items():
	        print(n, e, file=f)
	print(len(want))
	EOF
}

# check_scores ENRICHED OUT: the records of OUT, with their scores, are those
# of ENRICHED that the Python peer of score (scripts/bench-peer-score.py)
# scores at least MIN, in order.
check_scores() {
	"$PYTHON" "$TEST_ROOT/scripts/bench-peer-score.py" "$CARD" <"$1" >peer.ndjson
	jq -r --argjson min "$MIN" 'select(.score.value >= $min) | "\(.id) \(.score.value)"' \
		peer.ndjson >scores.want
	jq -r '"\(.id) \(.score.value)"' "$2" >scores.got
	same scores.want scores.got
}

test_expect_success "$N listings, parcels for two in three, loaded for each tenant" '
	"$GEN" "$N" --csv --types >listings.csv
	"$GEN" "$N" --parcels >parcels.csv
	test_line_count $((N + 1)) listings.csv
	P=$(($(wc -l <parcels.csv) - 1))
	test "$P" = $((N - N / 3))
	for t in T A U V; do
		test_expect_code 0 enrich -t "$t" --load-parcels parcels.csv --map "$PMAP" \
			>load.out 2>load.err || false
		test_cmp /dev/null load.out
		test_grep "^enrich: $P parcels loaded, 0 updated, 0 rejected$" load.err
		test "$(sql "$t" enrich "SELECT count(*) FROM parcels")" = "$P"
	done
	# tenant B: its own owners, so any parcel of the others would show
	sed "s/,OWNER \([0-9]*\),/,B-OWNER \1,/" parcels.csv >parcels-b.csv
	test "$(grep -c ",B-OWNER " parcels-b.csv)" = "$P"
	test_expect_code 0 enrich -t B --load-parcels parcels-b.csv --map "$PMAP" \
		>load.out 2>load.err || false
	test_grep "^enrich: $P parcels loaded, 0 updated, 0 rejected$" load.err
'

test_expect_success "pipeline: $N listings within $LIMIT s, every count right" '
	run_pipeline run1 T buyers.csv listings.csv
	expect_ok run1 T
	K=$(wc -l <run1.out)
	# --min $MIN passes a few thousand of them
	test "$K" -ge 1000
	test "$K" -le 5000
	# what score passed, checked against the Python scorecard on the same
	# records: enrich by hand on what discover writes, as its --preview shows
	# without touching the state (every listing, as they were new)
	discover -t T --preview --all -q -m "$TESTDATA/discover/listings.map.json" listings.csv |
		sed "s/\"event\":\"unchanged\"/\"event\":\"new\"/" >discovered.ndjson
	test_line_count "$N" discovered.ndjson
	test -z "$(ls "$BIRDDOG_HOME/T/spool")"
	test_expect_code 0 enrich -t T discovered.ndjson >enriched.ndjson 2>enriched.err || false
	test_line_count "$N" enriched.ndjson
	check_scores enriched.ndjson run1.out
	# the matching (record, buyer) pairs, computed from the records and buyers.csv
	PAIRS=$(check_mail run1.out buyers.csv T run1.pairs)
	run_log T 1 >run1.log
	check_log run1.log T "$N" "$N" "$K" "$PAIRS" 0
	# each buyer got a different share, one none
	test_grep "^0 none@" run1.pairs
	test "$(sort -n -u -k1,1 run1.pairs | wc -l)" = 5
	test "$(awk -v k="$K" "\$1 > 0 && \$1 < k" run1.pairs | wc -l)" = 4
	test "$(sql T discover "SELECT count(*) FROM listings")" = "$N"
	test "$(sql T discover "SELECT count(*) FROM price_history")" = "$N"
	test "$(sql T docgen "SELECT count(*) FROM packets")" = "$K"
	test "$(sql T mailout "SELECT count(*) FROM outbox")" = "$PAIRS"
	test "$(sql T mailout "SELECT count(*) FROM outbox WHERE status = '\''written'\''")" = "$PAIRS"
	test "$(ls "$BIRDDOG_HOME/T/packets" | grep -c "\.html$")" = "$K"
	test "$(ls "$BIRDDOG_HOME/T/packets" | grep -c "\.txt$")" = "$K"
	test "$(count_files "$BIRDDOG_HOME/T/packets")" = $((2 * K))
	test "$(count_files "$BIRDDOG_HOME/T/maildir/new")" = "$PAIRS"
	echo "$K $PAIRS" >run1.counts
'
{ read K PAIRS <run1.counts; } 2>/dev/null || K=x PAIRS=x

test_expect_success 'pipeline again on the same input: nothing new' '
	ls -i --full-time "$BIRDDOG_HOME/T/packets" >packets.before
	sql T docgen "SELECT * FROM packets ORDER BY id" >docgen.before
	sql T mailout "SELECT * FROM outbox ORDER BY id" >outbox.before
	run_pipeline run2 T buyers.csv listings.csv
	expect_ok run2 T
	same /dev/null run2.out
	run_log T 2 >run2.log
	check_log run2.log T "$N" 0 0 0 0
	test "$(count_files "$BIRDDOG_HOME/T/maildir/new")" = "$PAIRS"
	sql T mailout "SELECT * FROM outbox ORDER BY id" >outbox.after
	test_cmp outbox.before outbox.after
	sql T docgen "SELECT * FROM packets ORDER BY id" >docgen.after
	test_cmp docgen.before docgen.after
	ls -i --full-time "$BIRDDOG_HOME/T/packets" >packets.after
	test_cmp packets.before packets.after
	test "$(sql T discover "SELECT count(*) FROM listings")" = "$N"
	test "$(sql T discover "SELECT count(*) FROM price_history")" = "$N"
'

test_expect_success 'two tenants at once: both complete, neither sees the other' '
	# B: the first 6000 listings under other ids, its own parcels and buyers
	NB=6000
	head -n $((NB + 1)) listings.csv | sed "2,\$s/^B/C/" >listings-b.csv
	run_pipeline a A buyers.csv listings.csv &
	pa=$!
	run_pipeline b B buyers-b.csv listings-b.csv &
	pb=$!
	wait "$pa" || :
	wait "$pb" || :
	expect_ok a A
	expect_ok b B
	# A had what T had: the same records, packets and messages
	norm run1.out T >run1.norm
	norm a.out A >a.norm
	same run1.norm a.norm
	check_mail a.out buyers.csv A a.pairs >a.count
	test "$(cat a.count)" = "$PAIRS"
	run_log A 1 >a.log
	check_log a.log A "$N" "$N" "$K" "$PAIRS" 0
	# B passed what T passed among its listings, under its own ids
	sed -n "s/^{\"id\":\"lvmls:B\([0-9]*\)\".*/\1/p" run1.out | awk "\$1 < $NB" >b.want
	sed -n "s/^{\"id\":\"lvmls:C\([0-9]*\)\".*/\1/p" b.out >b.got
	test_cmp b.want b.got
	KB=$(wc -l <b.out)
	PB=$(check_mail b.out buyers-b.csv B b.pairs)
	run_log B 1 >b.log
	check_log b.log B "$NB" "$NB" "$KB" "$PB" 0
	test "$(awk "\$1 > 0 && \$1 < $KB" b.pairs | wc -l)" = 3
	# each tenant has only its own listings, owners, packets, buyers and log
	test "$(sql A discover "SELECT count(*) FROM listings WHERE id LIKE '\''lvmls:B%'\''")" = "$N"
	test "$(sql A discover "SELECT count(*) FROM listings")" = "$N"
	test "$(sql B discover "SELECT count(*) FROM listings WHERE id LIKE '\''lvmls:C%'\''")" = "$NB"
	test "$(sql B discover "SELECT count(*) FROM listings")" = "$NB"
	test "$(grep -c "\"owner\":{\"name\":\"B-OWNER " a.out)" = 0
	test "$(grep -c "\"owner\":{\"name\":\"OWNER " b.out)" = 0
	test "$(grep -c "\"owner\":{\"name\":\"B-OWNER " b.out)" = "$(grep -c "\"assessor\":{" b.out)"
	test "$(grep -c "\"assessor\":{" b.out)" -gt 0
	test "$(ls "$BIRDDOG_HOME/A/packets" | grep -c -v "^lvmls-B")" = 0
	test "$(ls "$BIRDDOG_HOME/B/packets" | grep -c -v "^lvmls-C")" = 0
	test "$(count_files "$BIRDDOG_HOME/B/packets")" = $((2 * KB))
	test "$(sql A mailout "SELECT count(*) FROM outbox WHERE recipient NOT LIKE '\''%@buyers.example'\''")" = 0
	test "$(sql B mailout "SELECT count(*) FROM outbox WHERE recipient NOT LIKE '\''%@b.example'\''")" = 0
	test "$(sql B mailout "SELECT count(*) FROM outbox")" = "$PB"
	test "$(grep -c "start tenant" "$BIRDDOG_HOME/A/pipeline.log")" = 1
	test "$(grep -c "start tenant" "$BIRDDOG_HOME/B/pipeline.log")" = 1
	test "$(grep -c "start tenant .A." "$BIRDDOG_HOME/A/pipeline.log")" = 1
'

# during TENANT 'COMMAND' RUNS: starts the pipeline for TENANT on listings.csv
# through a FIFO, runs COMMAND once while discover waits for the FIFO's
# writer, then feeds the FIFO and runs COMMAND RUNS-1 times more, 0.3 s
# apart, while the records go through. COMMAND gets the run's number as $1
# and writes its own files. Never leaves the pipeline blocked on the FIFO.
during() {
	rm -f fifo
	mkfifo fifo
	run_pipeline "$1" "$1" buyers.csv fifo &
	pid=$!
	i=0
	until grep -q "start tenant" "$BIRDDOG_HOME/$1/pipeline.log" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt 100 ] || break
		sleep 0.1
	done
	eval "$2" 1
	timeout 30 sh -c "cat \"\$1\" >fifo" sh listings.csv &
	feeder=$!
	overlap=0
	n=2
	while [ "$n" -le "$3" ]; do
		eval "$2" "$n"
		! kill -0 "$pid" 2>/dev/null || overlap=$((overlap + 1))
		n=$((n + 1))
		sleep 0.3
	done
	wait "$feeder" || :
	wait "$pid" || :
	echo "$overlap of $(($3 - 1)) runs ended while the records went through"
	test "$i" -lt 100
}

# hand N: enrich by hand on tenant U, into hand.N.{out,err,status}.
hand() {
	hs=0
	timeout 30 enrich -t U hand.in >"hand.$1.out" 2>"hand.$1.err" || hs=$?
	echo "$hs" >"hand.$1.status"
}

test_expect_success 'enrich by hand on the same tenant during a pipeline run' '
	head -n 2000 discovered.ndjson >hand.in
	head -n 2000 enriched.ndjson >hand.want
	during U hand 6
	expect_ok U U
	norm U.out U >u.norm
	same run1.norm u.norm
	run_log U 1 >u.log
	check_log u.log U "$N" "$N" "$K" "$PAIRS" 0
	test "$(count_files "$BIRDDOG_HOME/U/maildir/new")" = "$PAIRS"
	for n in 1 2 3 4 5 6; do
		test "$(cat hand.$n.status)" = 0 || { cat hand.$n.err >&2; false; }
		same hand.want hand.$n.out
		test_line_count 1 hand.$n.err
		test_grep "^enrich: 2000 in, 2000 out, 0 rejected," hand.$n.err
	done
'

# reload N: the county file loaded again by hand on tenant V.
reload() {
	rs=0
	timeout 30 enrich -t V --load-parcels parcels.csv --map "$PMAP" \
		>"reload.$1.out" 2>"reload.$1.err" || rs=$?
	echo "$rs" >"reload.$1.status"
}

test_expect_success 'the parcels loaded again by hand during a pipeline run' '
	during V reload 4
	expect_ok V V
	norm V.out V >v.norm
	same run1.norm v.norm
	run_log V 1 >v.log
	check_log v.log V "$N" "$N" "$K" "$PAIRS" 0
	P=$(($(wc -l <parcels.csv) - 1))
	for n in 1 2 3 4; do
		test "$(cat reload.$n.status)" = 0 || { cat reload.$n.err >&2; false; }
		test_cmp /dev/null reload.$n.out
		test_grep "^enrich: $P parcels loaded, $P updated, 0 rejected$" reload.$n.err
	done
	test "$(sql V enrich "SELECT count(*) FROM parcels")" = "$P"
'

test_done
