#!/bin/sh
# SPDX-License-Identifier: MIT
# mailout --smtp against a real SMTP server on 127.0.0.1 (tests/smtp-server.py,
# aiosmtpd): every message arrives and parses, the envelope is right, a
# refused recipient fails alone (exit 69), credentials need TLS and are never
# printed, a refused connection stops at once (exit 69) leaving the rows to
# retry, and a later run with the server up sends them.
. "$(dirname "$0")/lib.sh"

. "$TEST_ROOT/tests/smtp.sh"
CHECK="$TESTDATA/mailout/check-mail.py"
BUYERS="$TESTDATA/mailout/buyers.csv"
DATA="$BIRDDOG_HOME/default"
PKT="$TMP/packets"
mkdir -p "$PKT"
. "$TESTDATA/mailout/fixtures.sh"
head -n 3 records.ndjson >sendable.ndjson

start_server one --reject eve@buyers.example
PORT=$(cat one.port)

test_expect_success 'the test SMTP server is listening' '
	test -n "$PORT" || { cat one.log; false; }
'

test_expect_success 'sends every message; each arrives whole and parses' '
	mailout --packets "$PKT" -b "$BUYERS" --smtp "smtp://127.0.0.1:$PORT" sendable.ndjson >out 2>err
	jq -r ".outreach[] | .status" out | sort | uniq -c | sed "s/^ *//" >got
	echo "6 sent" >want && test_cmp want got
	ls one/new >files && test_line_count 6 files
	"$PYTHON" "$CHECK" --ids ids one >report
	test_cmp "$TESTDATA/mailout/dry-run.report" report
	jq -r ".outreach[] | .to + \" \" + .message_id" out | sort >want.ids
	sort ids >got.ids && test_cmp want.ids got.ids
	test_grep "^mailout: 6 sent, 0 written, 0 skipped_duplicate, 0 suppressed, 0 failed$" err
'

test_expect_success 'the envelope: MAIL FROM the sender, RCPT TO the buyer' '
	sort one/envelopes >got
	cat >want <<-\EOF
	dana@desertsun.example ana@buyers.example
	dana@desertsun.example bob@buyers.example
	dana@desertsun.example bob@buyers.example
	dana@desertsun.example bob@buyers.example
	dana@desertsun.example carol@buyers.example
	dana@desertsun.example dave@buyers.example
	EOF
	test_cmp want got
'

test_expect_success 'the outbox says sent, once per packet and recipient' '
	sqlite3 "$DATA/mailout.db" "SELECT status, attempts, count(*) FROM outbox GROUP BY 1, 2" >got
	echo "sent|1|6" >want && test_cmp want got
'

test_expect_success 'a re-run sends nothing: skipped_duplicate' '
	mailout --packets "$PKT" -b "$BUYERS" --smtp "smtp://127.0.0.1:$PORT" sendable.ndjson >out 2>err
	jq -r ".outreach[] | .status" out | sort -u >got
	echo skipped_duplicate >want && test_cmp want got
	ls one/new >files && test_line_count 6 files
'

test_expect_success 'a refused recipient fails alone: error in the outbox, exit 69' '
	printf "email,name\neve@buyers.example,Eve\nfrank@buyers.example,Frank\n" >ef.csv
	head -n 1 records.ndjson >one.ndjson
	BIRDDOG_HOME="$TMP/home-ef" test_expect_code 69 \
		mailout --packets "$PKT" -b ef.csv --smtp "smtp://127.0.0.1:$PORT" one.ndjson >out 2>err
	jq -c ".outreach[] | [.to, .status]" out >got
	printf "[\"eve@buyers.example\",\"failed\"]\n[\"frank@buyers.example\",\"sent\"]\n" >want
	test_cmp want got
	test_grep "^mailout: one.ndjson:1: to .eve@buyers.example.: smtp://127.0.0.1:$PORT: .*550" err
	test_grep "^mailout: 1 sent, 0 written, 0 skipped_duplicate, 0 suppressed, 1 failed$" err
	sqlite3 "$TMP/home-ef/default/mailout.db" \
		"SELECT recipient, status, coalesce(error, '"'"''"'"') LIKE '"'"'%550%'"'"' FROM outbox ORDER BY 1" >got
	printf "eve@buyers.example|failed|1\nfrank@buyers.example|sent|0\n" >want
	test_cmp want got
	grep -c "^dana@desertsun.example frank@buyers.example$" one/envelopes >n
	echo 1 >want && test_cmp want n
	sqlite3 "$TMP/home-ef/default/mailout.db" "SELECT email, reason LIKE '"'"'bounce: %550 5.1.1%'"'"' FROM suppression" >got
	echo "eve@buyers.example|1" >want && test_cmp want got
'

test_expect_success 'a permanent refusal is final: the next run neither retries nor fails' '
	BIRDDOG_HOME="$TMP/home-ef" test_expect_code 0 \
		mailout --packets "$PKT" -b ef.csv --smtp "smtp://127.0.0.1:$PORT" one.ndjson >out 2>err
	jq -c ".outreach[] | [.to, .status]" out >got
	printf "[\"eve@buyers.example\",\"suppressed\"]\n[\"frank@buyers.example\",\"skipped_duplicate\"]\n" >want
	test_cmp want got
	test "$(grep -c "eve@buyers.example" one/envelopes)" = 0
'

test_expect_success 'a password needs TLS; credentials never reach stderr' '
	BIRDDOG_HOME="$TMP/home-auth" BIRDDOG_SMTP_USER=dana BIRDDOG_SMTP_PASSWORD=s3cret-pw \
		test_expect_code 69 mailout --packets "$PKT" -b "$BUYERS" --smtp "smtp://127.0.0.1:$PORT" \
		sendable.ndjson >out 2>err
	test_cmp /dev/null out
	test_grep "to .ana@buyers.example.: smtp://127.0.0.1:$PORT: .*; stopping" err
	! grep -e s3cret-pw -e dana: err || false
	ls one/new >files && test_line_count 7 files
'

stop_server one

start_server picky --data-reply "spam@buyers.example=554 5.7.1 message refused as spam" \
	--data-reply "late@buyers.example=550 5.1.1 <late@buyers.example>: no such user here" \
	--defer slow@buyers.example
PICKY=$(cat picky.port)

test_expect_success 'refusals: 5xx to the message is final; a bad mailbox is suppressed; 4xx is retried' '
	printf "email\nspam@buyers.example\nlate@buyers.example\nslow@buyers.example\nfrank@buyers.example\n" >picky.csv
	head -n 1 records.ndjson >one.ndjson
	BIRDDOG_HOME="$TMP/home-picky" test_expect_code 69 \
		mailout --packets "$PKT" -b picky.csv --smtp "smtp://127.0.0.1:$PICKY" one.ndjson >out 2>err
	jq -c ".outreach[] | [.to, .status]" out >got
	cat >want <<-\EOF
	["spam@buyers.example","failed"]
	["late@buyers.example","failed"]
	["slow@buyers.example","deferred"]
	["frank@buyers.example","sent"]
	EOF
	test_cmp want got
	test_grep "^mailout: one.ndjson:1: to .spam@buyers.example.: smtp://127.0.0.1:$PICKY: the message refused: 554 5.7.1 message refused as spam; not retried$" err
	test_grep "^mailout: one.ndjson:1: to .late@buyers.example.: smtp://127.0.0.1:$PICKY: the message refused: 550 5.1.1 <late@buyers.example>: no such user here; not retried, the address is suppressed$" err
	test_grep "^mailout: one.ndjson:1: to .slow@buyers.example.: smtp://127.0.0.1:$PICKY: RCPT TO refused: 451 4.3.0 <slow@buyers.example>: try again later, says the test server; queued for the next run$" err
	test_grep "^mailout: 1 sent, 0 written, 0 skipped_duplicate, 0 suppressed, 2 failed, 1 deferred$" err
	db="$TMP/home-picky/default/mailout.db"
	sqlite3 "$db" "SELECT recipient, status FROM outbox ORDER BY 1" >got
	printf "frank@buyers.example|sent\nlate@buyers.example|failed\nslow@buyers.example|queued\nspam@buyers.example|failed\n" >want
	test_cmp want got
	sqlite3 "$db" "SELECT email FROM suppression" >got
	echo late@buyers.example >want && test_cmp want got
	test "$(ls picky/new | wc -l)" = 1
'

test_expect_success 'refusals: the next run retries only the deferred message' '
	BIRDDOG_HOME="$TMP/home-picky" test_expect_code 69 \
		mailout --packets "$PKT" -b picky.csv --smtp "smtp://127.0.0.1:$PICKY" one.ndjson >out 2>err
	jq -c ".outreach[] | [.to, .status]" out >got
	cat >want <<-\EOF
	["spam@buyers.example","skipped_failed"]
	["late@buyers.example","suppressed"]
	["slow@buyers.example","deferred"]
	["frank@buyers.example","skipped_duplicate"]
	EOF
	test_cmp want got
	test "$(sqlite3 "$TMP/home-picky/default/mailout.db" "SELECT attempts FROM outbox WHERE recipient = '"'"'slow@buyers.example'"'"'")" = 2
	test "$(sqlite3 "$TMP/home-picky/default/mailout.db" "SELECT attempts FROM outbox WHERE recipient = '"'"'spam@buyers.example'"'"'")" = 1
'

stop_server picky

test_expect_success 'a refused connection exits 69 at once; the rows stay retryable' '
	start=$(date +%s)
	BIRDDOG_HOME="$TMP/home-down" test_expect_code 69 \
		mailout --packets "$PKT" -b "$BUYERS" --smtp "smtp://127.0.0.1:$PORT" sendable.ndjson >out 2>err
	test $(($(date +%s) - start)) -lt 5
	test_cmp /dev/null out
	test_grep "^mailout: sendable.ndjson:1: to .ana@buyers.example.: smtp://127.0.0.1:$PORT: .*; stopping: this message and the rest of the input are left for the next run$" err
	test_grep "^mailout: 0 sent, 0 written, 0 skipped_duplicate, 0 suppressed, 0 failed, 1 deferred$" err
	sqlite3 "$TMP/home-down/default/mailout.db" "SELECT recipient, status, attempts FROM outbox" >got
	echo "ana@buyers.example|queued|1" >want && test_cmp want got
'

start_server two
PORT2=$(cat two.port)

test_expect_success 'a later run with the server up ($BIRDDOG_SMTP_URL) sends them all' '
	mid=$(sqlite3 "$TMP/home-down/default/mailout.db" "SELECT message_id FROM outbox")
	BIRDDOG_HOME="$TMP/home-down" BIRDDOG_SMTP_URL="smtp://127.0.0.1:$PORT2" \
		mailout --packets "$PKT" -b "$BUYERS" sendable.ndjson >out 2>err
	jq -r ".outreach[] | .status" out | sort -u >got
	echo sent >want && test_cmp want got
	test "$(head -n 1 out | jq -r ".outreach[0].message_id")" = "$mid"
	"$PYTHON" "$CHECK" two >report
	test_cmp "$TESTDATA/mailout/dry-run.report" report
	sqlite3 "$TMP/home-down/default/mailout.db" "SELECT status, attempts, count(*) FROM outbox GROUP BY 1, 2" >got
	printf "sent|1|5\nsent|2|1\n" >want && test_cmp want got
'

stop_server two

test_expect_success 'the servers stopped on SIGTERM and logged no error' '
	! kill -0 "$(cat one.stopped)" 2>/dev/null || false
	! kill -0 "$(cat two.stopped)" 2>/dev/null || false
	! kill -0 "$(cat picky.stopped)" 2>/dev/null || false
	! grep -i -e error -e traceback one.log two.log picky.log || false
'

test_done
