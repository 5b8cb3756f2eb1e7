#!/bin/sh
# SPDX-License-Identifier: MIT
# mailout killed mid-run, against a real SMTP server on 127.0.0.1
# (tests/smtp-server.py): 30 runs killed with SIGKILL at random moments, then
# runs to the end. Every message arrives at least once (none missing), each
# Message-ID that arrived twice is one whose row a kill left 'sending', and
# the outbox ends all 'sent'. SIGTERM and SIGINT stop a run cleanly (143,
# 130): what was sent is recorded, no row stays 'sending', and the next run
# sends the rest with no duplicate.
. "$(dirname "$0")/lib.sh"

. "$TEST_ROOT/tests/smtp.sh"
DATA="$BIRDDOG_HOME/default"
PKT="$TMP/packets"
KILLS=30
mkdir -p "$PKT"

# no_line PATTERN FILE: FILE has no line matching the extended regexp (a
# plain "! grep" does not stop a test under set -e).
no_line() {
	if grep -E -e "$1" "$2" >&2; then
		echo "^ lines matching '$1' in $2" >&2
		return 1
	fi
}

# arrived MAILDIR: how many messages the server stored.
arrived() {
	ls "$1/new" | wc -l
}

# 120 records, each with its own packet, for 3 buyers who take anything:
# 360 messages. The subject names the record.
awk -v pkt="$PKT" 'BEGIN {
	for (i = 1; i <= 120; i++) {
		t = sprintf("%s/k%03d.txt", pkt, i)
		h = sprintf("%s/k%03d.html", pkt, i)
		printf "Deal %d\nUnsubscribe: %%%%UNSUBSCRIBE_URL%%%%\n", i >t
		printf "<p>Deal %d <a href=\"%%%%UNSUBSCRIBE_URL%%%%\">unsubscribe</a></p>\n", i >h
		close(t)
		close(h)
		printf "{\"id\":\"k:%d\",\"address\":{\"zip\":\"89101\"},\"type\":\"single_family\",", i
		printf "\"price\":%d,\"packet\":{\"html\":\"%s\",\"text\":\"%s\",", 100000 + i, h, t
		printf "\"sha256\":\"%064x\",\"subject\":\"Deal k:%d\"}}\n", i, i
	}
}' >records.ndjson
head -n 10 records.ndjson >ten.ndjson
printf 'email,name,zips,types,max_price,min_score\n' >buyers.csv
printf 'ana@buyers.example,Ana,,,,\nbob@buyers.example,Bob,,,,\ncarol@buyers.example,Carol,,,,\n' >>buyers.csv

# mail-ids.py MAILDIR OUTBOX DUPS: parses every message the server stored
# (Python's email package) and checks it against the outbox rows
# ("MESSAGE-ID|RECIPIENT|RECORD-ID|STATUS" lines): prints a line for each
# row whose message never arrived, each message that matches no row or
# whose To or Subject is not its row's, each malformed Message-ID, and each
# Message-ID whose copies differ (To, Subject, Date, decoded bodies).
# Writes "MESSAGE-ID COPIES" lines for those that arrived more than once
# into DUPS.
cat >mail-ids.py <<\EOF
import collections
import email
import email.policy
import os
import re
import sys

maildir, outbox, dups = sys.argv[1:4]
rows = {}
with open(outbox) as f:
    for line in f:
        mid, rcpt, rid, status = line.rstrip("\n").split("|")
        rows[mid] = (rcpt, rid)
copies = collections.defaultdict(list)
new = os.path.join(maildir, "new")
for name in sorted(os.listdir(new)):
    with open(os.path.join(new, name), "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    mid = str(m["Message-ID"])
    parts = {p.get_content_type(): p.get_content() for p in m.iter_parts()}
    copies[mid].append((m["To"].addresses[0].addr_spec, str(m["Subject"]), str(m["Date"]),
                        parts.get("text/plain"), parts.get("text/html")))
for mid in sorted(set(rows) - set(copies)):
    print("missing: %s to %s (%s)" % (mid, rows[mid][0], rows[mid][1]))
for mid in sorted(copies):
    to, subject = copies[mid][0][:2]
    if not re.fullmatch(r"<[0-9a-f]{32}@desertsun\.example>", mid):
        print("malformed Message-ID: %s" % mid)
    if mid not in rows:
        print("no outbox row: %s to %s" % (mid, to))
    elif (to, subject) != (rows[mid][0], "Deal " + rows[mid][1]):
        print("not its row's message: %s to %s, %s" % (mid, to, subject))
    if any(c != copies[mid][0] for c in copies[mid]):
        print("copies differ: %s" % mid)
with open(dups, "w") as f:
    for mid in sorted(copies):
        if len(copies[mid]) > 1:
            f.write("%s %d\n" % (mid, len(copies[mid])))
EOF

# The server waits a little before storing each message and answering 250,
# so that a run of 360 messages lasts about 1.5 s and random kills of 10 to
# 80 ms after the start land mid-run; a kill during that wait leaves a row
# 'sending' whose message never arrived.
start_server kill --delay 0.003
PORT=$(cat kill.port)
SMTP="smtp://127.0.0.1:$PORT"
awk -v n=$KILLS 'BEGIN { srand(42); for (i = 0; i < n; i++) printf "%.3f\n", 0.01 + rand() * 0.07 }' >delays

test_expect_success 'the test SMTP server is listening' '
	test -n "$PORT" || { cat kill.log; false; }
'

# Each killed run: exit 137 (or 0 when it ended first, counted in
# completed), at most one row 'sending' (the message in hand), whose
# Message-ID goes into window; its stderr says at most that rows a run
# died on will be sent again.
test_expect_success "$KILLS runs killed with SIGKILL at random moments" '
	: >window
	: >completed
	n=0
	for d in $(cat delays); do
		n=$((n + 1))
		mailout --packets "$PKT" -b buyers.csv --smtp "$SMTP" records.ndjson >out.$n 2>err.$n &
		pid=$!
		echo $pid >run.pid
		sleep $d
		kill -9 $pid 2>/dev/null || :
		rc=0
		wait $pid || rc=$?
		rm run.pid
		case $rc in
		137)
			grep -v "^mailout: [0-9]* messages* left .sending. by a run that died will be sent again" \
				err.$n >other || :
			test_cmp /dev/null other
			;;
		0)
			echo $n >>completed
			test_line_count 120 out.$n
			test_grep "^mailout: [0-9]* sent, 0 written, [0-9]* skipped_duplicate, 0 suppressed, 0 failed" err.$n
			;;
		*)
			echo "run $n exited $rc:"; cat err.$n; false
			;;
		esac
		if [ -f "$DATA/mailout.db" ] &&
		   [ -n "$(sqlite3 "$DATA/mailout.db" "SELECT name FROM sqlite_master WHERE name = '"'"'outbox'"'"'")" ]; then
			sqlite3 "$DATA/mailout.db" "SELECT message_id FROM outbox WHERE status = '"'"'sending'"'"'" >sending
			test "$(wc -l <sending)" -le 1
			cat sending >>window
		fi
	done
	test $n -eq $KILLS
'

# The runs after the kills: the first ends (exit 0), sending again the row
# the last kill left 'sending', if any, and every message not yet sent.
test_expect_success 'then a run sends the rest and ends (at most 20 tries)' '
	sqlite3 "$DATA/mailout.db" "SELECT count(*) FROM outbox WHERE status = '"'"'sent'"'"'" >before
	sqlite3 "$DATA/mailout.db" "SELECT count(*) FROM outbox WHERE status = '"'"'sending'"'"'" >left
	n=0
	rc=1
	while [ $rc -ne 0 ] && [ $n -lt 20 ]; do
		n=$((n + 1))
		rc=0
		timeout 60 mailout --packets "$PKT" -b buyers.csv --smtp "$SMTP" records.ndjson >out 2>err || rc=$?
	done
	test $rc -eq 0 && test $n -eq 1 || { echo "$n runs, the last exited $rc:"; cat err; false; }
	jq -r ".outreach[] | .status" out | sort | uniq -c | sed "s/^ *//" >got
	sent=$((360 - $(cat before)))
	{ [ $sent -eq 0 ] || echo "$sent sent"; [ $sent -eq 360 ] || echo "$((360 - sent)) skipped_duplicate"; } >want
	test_cmp want got
	test_line_count 120 out
	again=
	if [ "$(cat left)" -gt 0 ]; then
		again=" \\($(cat left) sent again after a run died\\)"
		test_grep "^mailout: $(cat left) messages* left .sending. by a run that died will be sent again .* with the same Message-ID$" err
	fi
	test_grep "^mailout: $sent sent, 0 written, $((360 - sent)) skipped_duplicate, 0 suppressed, 0 failed$again$" err
'

test_expect_success 'the outbox: 360 rows, all sent, 360 distinct Message-IDs' '
	sqlite3 "$DATA/mailout.db" "SELECT status, count(*), count(DISTINCT message_id) FROM outbox GROUP BY 1" >got
	echo "sent|360|360" >want && test_cmp want got
'

test_expect_success 'none missing: every message arrived, whole and to its buyer' '
	sqlite3 "$DATA/mailout.db" "SELECT message_id, recipient, record_id, status FROM outbox" >outbox
	"$PYTHON" mail-ids.py kill outbox dups >problems
	test_cmp /dev/null problems
'

# A Message-ID may arrive once more for each kill that left its row
# 'sending' (its message arrived, the run died before recording it): no
# more, and no other Message-ID twice.
test_expect_success 'duplicates only from rows a kill left sending, at most one a kill' '
	awk "NR == FNR { w[\$0]++; next } \$2 - 1 > w[\$1] { print \$1, \$2, \"copies, left sending\", w[\$1] + 0, \"times\" }" \
		window dups >bad
	test_cmp /dev/null bad
	test "$(awk "{ d += \$2 - 1 } END { print d + 0 }" dups)" -le $(($(wc -l <window)))
	test $(($(wc -l <window))) -le $KILLS
'

echo "# kills: $KILLS, completed before kill: $(wc -l <completed)," \
	"left sending: $(wc -l <window)," \
	"duplicates: $(awk '{ d += $2 - 1 } END { print d + 0 }' dups)," \
	"missing: $(grep -c '^missing' problems)," \
	"messages arrived: $(arrived kill)"

stop_server kill

# signal_run SIGNAL NAME SERVER-NAME: a run over ten.ndjson (30 messages)
# against a slow server, stopped by SIGNAL 30 ms after the third message
# arrived: some 30 ms into the server's wait for the fourth; its exit status
# in NAME.rc, outputs in NAME.out and NAME.err.
signal_run() {
	port=$(cat "$3.port")
	# env: a background job of a script starts with SIGINT ignored, which
	# mailout (rightly) keeps ignoring.
	BIRDDOG_HOME="$TMP/home-$2" timeout -s KILL 60 env --default-signal=INT mailout --packets "$PKT" -b buyers.csv \
		--smtp "smtp://127.0.0.1:$port" ten.ndjson >"$2.out" 2>"$2.err" &
	tpid=$!
	i=0
	while [ "$(arrived "$3")" -lt 3 ] && [ $i -lt 1000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	sleep 0.03
	kill -"$1" "$(pgrep -P $tpid)"
	rc=0
	wait $tpid || rc=$?
	echo $rc >"$2.rc"
}

# signal_checks SIGNAL NAME SERVER-NAME STATUS: the stopped run recorded
# exactly what arrived, left no row 'sending' and wrote only the records
# it finished; the next run sends the rest, each message once.
signal_checks() {
	db="$TMP/home-$2/default/mailout.db"
	echo "$4" >want && test_cmp want "$2.rc"
	test_grep "stopped by $1" "$2.err"
	n=$(arrived "$3")
	test "$n" -lt 30
	deferred=
	! grep -q "stopped by $1 before the message to" "$2.err" || deferred=", 1 deferred"
	test_grep "^mailout: $n sent, 0 written, 0 skipped_duplicate, 0 suppressed, 0 failed$deferred$" "$2.err"
	sqlite3 "$db" "SELECT count(*) FROM outbox WHERE status = 'sent'" >got
	echo "$n" >want && test_cmp want got
	sqlite3 "$db" "SELECT count(*) FROM outbox WHERE status NOT IN ('sent', 'queued')" >got
	echo 0 >want && test_cmp want got
	# The records written are the ones whose 3 messages went before the stop.
	lines=$(wc -l <"$2.out")
	test $((3 * lines)) -le "$n" && test "$n" -le $((3 * lines + 3))
	jq -r ".outreach[] | .status" "$2.out" | sort -u >got
	{ [ "$lines" -eq 0 ] || echo sent; } >want && test_cmp want got
	# The message in hand: finished (sent), or abandoned before its data
	# was complete (queued with the reason, not arrived).
	sqlite3 "$db" "SELECT status, attempts, error LIKE '%abandoned%' FROM outbox WHERE status <> 'sent'" >got
	if grep -q "stopped by $1 before the message to" "$2.err"; then
		echo "queued|1|1" >want && test_cmp want got
	else
		test_cmp /dev/null got
	fi
	BIRDDOG_HOME="$TMP/home-$2" timeout 60 mailout --packets "$PKT" -b buyers.csv \
		--smtp "smtp://127.0.0.1:$(cat "$3.port")" ten.ndjson >out 2>err
	test_grep "^mailout: $((30 - n)) sent, 0 written, $n skipped_duplicate, 0 suppressed, 0 failed$" err
	no_line "sent again" err
	test_line_count 10 out
	sqlite3 "$db" "SELECT message_id, recipient, record_id, status FROM outbox" >outbox
	sqlite3 "$db" "SELECT status, count(*) FROM outbox GROUP BY 1" >got
	echo "sent|30" >want && test_cmp want got
	"$PYTHON" mail-ids.py "$3" outbox dups >problems
	test_cmp /dev/null problems
	test_cmp /dev/null dups
	test "$(arrived "$3")" -eq 30
}

# SIGTERM while the server takes its time to answer a message's data (the
# run should finish that message); SIGINT while it takes its time to answer
# RCPT TO (the run should abandon that message). Either is right when a
# loaded machine makes the signal land elsewhere; the TAP comments say
# which it was.
start_server term --delay 0.1
start_server int --rcpt-delay 0.1

test_expect_success 'SIGTERM: exit 143, all recorded; the next run sends the rest once' '
	signal_run TERM term term
	signal_checks SIGTERM term term 143
'

test_expect_success 'SIGINT: exit 130, all recorded; the next run sends the rest once' '
	signal_run INT int int
	signal_checks SIGINT int int 130
'

echo "# SIGTERM: $(sed -n "s/.*\(stopped by SIGTERM [a-z]* the message\).*/\1 in hand/p" term.err)"
echo "# SIGINT: $(sed -n "s/.*\(stopped by SIGINT [a-z]* the message\).*/\1 in hand/p" int.err)"

stop_server term
stop_server int

test_expect_success 'the servers stopped on SIGTERM and logged no error' '
	for s in kill term int; do
		if kill -0 "$(cat $s.stopped)" 2>/dev/null; then echo "$s still runs"; false; fi
	done
	cat kill.log term.log int.log >logs
	no_line "[Ee][Rr][Rr][Oo][Rr]|[Tt]raceback" logs
'

test_done
