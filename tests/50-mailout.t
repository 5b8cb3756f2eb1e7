#!/bin/sh
# SPDX-License-Identifier: MIT
# mailout --dry-run: messages written into a Maildir and parsed back with
# Python's email package (headers, RFC 2047 names and subjects, MIME parts,
# quoted-printable bodies, unsubscribe links), header injection, the outbox
# (no second email on a re-run, interrupted rows), suppression, buy-box
# matching, and the config, buyers-file and record errors.
. "$(dirname "$0")/lib.sh"

unset BIRDDOG_SMTP_URL BIRDDOG_SMTP_USER BIRDDOG_SMTP_PASSWORD
CHECK="$TESTDATA/mailout/check-mail.py"
BUYERS="$TESTDATA/mailout/buyers.csv"
DATA="$BIRDDOG_HOME/default"
MAILDIR="$DATA/maildir"
PKT="$DATA/packets"
URL=https://desertsun.example/unsubscribe
mkdir -p "$PKT"

. "$TESTDATA/mailout/fixtures.sh"

test_expect_success 'dry run: one message per matching buyer, outreach on each record' '
	test_expect_code 65 mailout -b "$BUYERS" records.ndjson >out 2>err
	jq -r "[.id, ((.outreach // []) | map(.to + \" \" + .status) | join(\", \"))] | join(\": \")" out >got
	cat >want <<-\EOF
	t:1: ana@buyers.example written, bob@buyers.example written
	t:2: bob@buyers.example written, carol@buyers.example written
	t:3: bob@buyers.example written, dave@buyers.example written
	EOF
	test_cmp want got
	ls "$MAILDIR/new" >files
	test_line_count 6 files
	test -z "$(ls "$MAILDIR/tmp")"
	cat >want.err <<-EOF
	mailout: records.ndjson:4: no '"'"'packet'"'"' object (run docgen first)
	mailout: 4 in, 3 out, 1 rejected, X
	mailout: 0 sent, 6 written, 0 skipped_duplicate, 0 suppressed, 0 failed
	EOF
	sed "s/\(in, 3 out, 1 rejected, \).*/\1X/" err >got.err
	test_cmp want.err got.err
	sed -n 4p records.ndjson >want.rej
	test_cmp want.rej "$DATA/rejects/mailout.ndjson"
'

test_expect_success 'every other key of the record passes through byte for byte' '
	head -n 3 records.ndjson >in3
	sed "s/,\"outreach\":\[[^]]*\]}$/}/" out >stripped
	test_cmp in3 stripped
	jq -r ".outreach[].message_id" out | grep -c "^<[0-9a-f]\{32\}@desertsun\.example>$" >n
	echo 6 >want.n && test_cmp want.n n
'

test_expect_success 'the messages parse: headers, parts, unsubscribe links, line format' '
	"$PYTHON" "$CHECK" --bodies . --ids ids "$MAILDIR" >report
	test_cmp "$TESTDATA/mailout/dry-run.report" report
'

test_expect_success 'outreach message ids are the messages'"'"' Message-IDs' '
	"$PYTHON" "$CHECK" --ids ids "$MAILDIR" >/dev/null
	jq -r ".outreach[] | .to + \" \" + .message_id" out | sort >want.ids
	sort ids >got.ids
	test_cmp want.ids got.ids
'

test_expect_success 'quoted-printable bodies decode back exactly, the URL put in' '
	"$PYTHON" "$CHECK" --bodies . "$MAILDIR" >/dev/null
	sed "s|%%UNSUBSCRIBE_URL%%|$URL?e=ana%40buyers.example|g" "$PKT/t1.txt" >want.text
	test_cmp want.text ana@buyers.example.text
	sed "s|%%UNSUBSCRIBE_URL%%|$URL?e=ana%40buyers.example|g" "$PKT/t1.html" >want.html
	test_cmp want.html ana@buyers.example.html
'

test_expect_success 'non-ASCII names and subjects are RFC 2047 words that decode exactly' '
	f=$(grep -l "^To: .*<ana@buyers.example>" "$MAILDIR"/new/*)
	grep "^To: =?UTF-8?B?" "$f" >/dev/null
	grep "^Subject: =?UTF-8?B?.*?=.$" "$f" >/dev/null
	grep "^ =?UTF-8?B?.*?=.$" "$f" >/dev/null
	"$PYTHON" "$CHECK" "$MAILDIR" | sed -n "/^== ana@/,/^==/p" >ana
	test_grep "^Subject: Ganga en Peñalosa — 3 recámaras, jardín y cochera — puntuación 87/100 ✓$" ana
	test_grep "^Display-Name: '"'"'Ana García'"'"'$" ana
'

test_expect_success 'CR and LF in a subject do not make a header' '
	"$PYTHON" "$CHECK" "$MAILDIR" >report
	test_grep "^Subject: Deal  Bcc: victim@evil.example$" report
	! grep -l "^Bcc:" "$MAILDIR"/new/* >/dev/null || false
'

test_expect_success 'a second run sends nothing new: skipped_duplicate, same Message-IDs' '
	cp out first.out
	test_expect_code 65 mailout -b "$BUYERS" records.ndjson >out 2>err
	ls "$MAILDIR/new" >files
	test_line_count 6 files
	jq -r ".outreach[] | .status" out | sort -u >statuses
	echo skipped_duplicate >want && test_cmp want statuses
	jq -c ".outreach" first.out | sed "s/\"written\"/\"skipped_duplicate\"/g" >want.o
	jq -c ".outreach" out >got.o
	test_cmp want.o got.o
	test_grep "^mailout: 0 sent, 0 written, 6 skipped_duplicate, 0 suppressed, 0 failed$" err
'

test_expect_success 'a changed packet (new sha256) is a new message' '
	printf "{\"id\":\"t:2\",\"address\":{\"zip\":\"89104\"},\"type\":\"condo\",\"price\":200000,\"packet\":%s}\n" \
		"$(packet 5 "Deal 2, updated")" >changed.ndjson
	mailout -q -b "$BUYERS" changed.ndjson >out 2>err
	jq -r ".outreach[] | .to + \" \" + .status" out >got
	printf "bob@buyers.example written\ncarol@buyers.example written\n" >want
	test_cmp want got
	test_cmp /dev/null err
	ls "$MAILDIR/new" >files && test_line_count 8 files
'

test_expect_success '--unsubscribe suppresses an address (any case) and says so' '
	mailout --unsubscribe Bob@Buyers.Example >out 2>err
	test_cmp /dev/null out
	echo "mailout: '"'"'Bob@Buyers.Example'"'"' is now suppressed" >want
	test_cmp want err
	mailout --unsubscribe bob@buyers.example 2>err
	echo "mailout: '"'"'bob@buyers.example'"'"' was already suppressed" >want
	test_cmp want err
	test "$(sqlite3 "$DATA/mailout.db" "SELECT email, reason FROM suppression")" = "bob@buyers.example|unsubscribe"
'

test_expect_success 'a suppressed buyer gets no message: status suppressed, no Message-ID' '
	printf "{\"id\":\"t:6\",\"address\":{\"zip\":\"89104\"},\"type\":\"condo\",\"price\":1,\"packet\":%s}\n" \
		"$(packet 6 "Deal 6")" >six.ndjson
	mailout -b "$BUYERS" six.ndjson >out 2>err
	jq -c ".outreach[] | [.to, .status, (.message_id | type)]" out >got
	cat >want <<-\EOF
	["bob@buyers.example","suppressed","null"]
	["carol@buyers.example","written","string"]
	EOF
	test_cmp want got
	test_grep "^mailout: 0 sent, 1 written, 0 skipped_duplicate, 1 suppressed, 0 failed$" err
	ls "$MAILDIR/new" >files && test_line_count 9 files
'

test_expect_success '--unsubscribe refuses what is not an address' '
	test_expect_code 64 mailout --unsubscribe "x@y.example>, z@evil.example" >out 2>err
	test_grep "is not an email address" err
	test_expect_code 64 mailout --unsubscribe a@b.example -b "$BUYERS" 2>err
'

test_expect_success 'a row left sending by a crash is sent again, same Message-ID, and reported' '
	sqlite3 "$DATA/mailout.db" "UPDATE outbox SET status = '"'"'sending'"'"' WHERE recipient = '"'"'carol@buyers.example'"'"' AND record_id = '"'"'t:6'"'"'"
	mid=$(sqlite3 "$DATA/mailout.db" "SELECT message_id FROM outbox WHERE record_id = '"'"'t:6'"'"'")
	mailout -b "$BUYERS" six.ndjson >out 2>err
	jq -c ".outreach[] | [.to, .status]" out >got
	printf "[\"bob@buyers.example\",\"suppressed\"]\n[\"carol@buyers.example\",\"written\"]\n" >want
	test_cmp want got
	test "$(jq -r ".outreach[1].message_id" out)" = "$mid"
	head -n 1 err >first
	echo "mailout: 1 message left '"'"'sending'"'"' by a run that died will be sent again when its record comes through, with the same Message-ID" >want
	test_cmp want first
	test_grep "^mailout: 0 sent, 1 written, 0 skipped_duplicate, 1 suppressed, 0 failed \(1 sent again after a run died\)$" err
	test "$(sqlite3 "$DATA/mailout.db" "SELECT status, attempts FROM outbox WHERE record_id = '"'"'t:6'"'"'")" = "written|2"
	ls "$MAILDIR/new" >files && test_line_count 10 files
	grep -l "^Message-ID: $mid" "$MAILDIR"/new/* >same && test_line_count 2 same
'

test_expect_success 'a queued row is retried with its Message-ID; a failed one is final' '
	sqlite3 "$DATA/mailout.db" "UPDATE outbox SET status = '"'"'queued'"'"', error = '"'"'x'"'"' WHERE record_id = '"'"'t:6'"'"'"
	mid=$(sqlite3 "$DATA/mailout.db" "SELECT message_id FROM outbox WHERE record_id = '"'"'t:6'"'"'")
	mailout -q -b "$BUYERS" six.ndjson >out
	test "$(jq -r ".outreach[1].message_id" out)" = "$mid"
	test "$(sqlite3 "$DATA/mailout.db" "SELECT status, error IS NULL, attempts FROM outbox WHERE record_id = '"'"'t:6'"'"'")" = "written|1|3"
	ls "$MAILDIR/new" >files && test_line_count 11 files
	sqlite3 "$DATA/mailout.db" "UPDATE outbox SET status = '"'"'failed'"'"', error = '"'"'550 no'"'"' WHERE record_id = '"'"'t:6'"'"'"
	test_expect_code 0 mailout -b "$BUYERS" six.ndjson >out 2>err
	test "$(jq -r ".outreach[1].status" out)" = skipped_failed
	test_grep "^mailout: 0 sent, 0 written, 0 skipped_duplicate, 1 suppressed, 0 failed, 1 skipped_failed$" err
	ls "$MAILDIR/new" >files && test_line_count 11 files
'

test_expect_success 'the Message-ID is derived from tenant, packet and recipient' '
	head -n 3 records.ndjson >three.ndjson
	BIRDDOG_HOME="$TMP/mid1" mailout -q -b "$BUYERS" --packets "$PKT" three.ndjson >mid1.out
	BIRDDOG_HOME="$TMP/mid2" mailout -q -b "$BUYERS" --packets "$PKT" three.ndjson >mid2.out
	mkdir -p conf/other && cp "$BIRDDOG_CONFIG/default/tenant.json" conf/other/
	BIRDDOG_HOME="$TMP/mid3" BIRDDOG_CONFIG="$TMP/conf" mailout -q -t other -b "$BUYERS" \
		--packets "$PKT" three.ndjson >mid3.out
	jq -r ".outreach[]? | .message_id // empty" mid1.out >ids1
	jq -r ".outreach[]? | .message_id // empty" mid2.out >ids2
	test -s ids1 && test_cmp ids1 ids2
	sort -u ids1 >u1 && test "$(wc -l <u1)" = "$(wc -l <ids1)"
	jq -r ".outreach[]? | .message_id // empty" mid3.out >ids3
	! grep -F -x -f ids1 ids3 || false
'

test_expect_success 'a buyer name with CR LF cannot inject a header (NDJSON buyers)' '
	printf "{\"email\":\"eve@buyers.example\",\"name\":\"Eve\\\\r\\\\nBcc: victim@evil.example\\\\nX-Evil: 1\"}\n" >eve.ndjson
	head -n 1 records.ndjson >one.ndjson
	mailout -q -b eve.ndjson --maildir eve-mail one.ndjson >out 2>err
	test_cmp /dev/null err
	"$PYTHON" "$CHECK" eve-mail >report
	test_grep "^Display-Name: '"'"'Eve  Bcc: victim@evil.example X-Evil: 1'"'"'$" report
	test_grep "^Extra-Headers: none$" report
	test_grep "^Lines: ok$" report
	! grep -E "^(Bcc|X-Evil):" eve-mail/new/* >/dev/null || false
'

test_expect_success 'the NDJSON buyers file matches like the CSV one' '
	BIRDDOG_HOME="$TMP/home-ndjson" mailout -q -b "$TESTDATA/mailout/buyers.ndjson" --packets "$PKT" \
		--maildir nd-mail records.ndjson >out 2>err || test $? -eq 65
	jq -r "[.id, (.outreach | map(.to) | join(\",\"))] | join(\" \")" out >got
	cat >want <<-\EOF
	t:1 ana@buyers.example,bob@buyers.example
	t:2 bob@buyers.example,carol@buyers.example
	t:3 bob@buyers.example,dave@buyers.example
	EOF
	test_cmp want got
	ls nd-mail/new >files && test_line_count 6 files
'

test_expect_success 'a record no buyer wants passes through unchanged, no outreach key' '
	printf "email,zips\nana@buyers.example,89101\n" >ana.csv
	sed -n 2,3p records.ndjson >nomatch.ndjson
	mailout -b ana.csv --maildir none nomatch.ndjson >out 2>err
	test_cmp nomatch.ndjson out
	test_grep "^mailout: 0 sent, 0 written, 0 skipped_duplicate, 0 suppressed, 0 failed$" err
	test -z "$(ls none/new)"
'

test_expect_success 'buy boxes: zip, type, max price and min score, missing facts' '
	cat >box.csv <<-\EOF
	email,name,zips,types,max_price,min_score
	z@b.example,Zip,89101; 89102 ,,,
	t@b.example,Type,,condo,,
	p@b.example,Price,,,300000,
	s@b.example,Score,,,,80
	EOF
	cat >box.ndjson <<-EOF
	{"id":"a","address":{"zip":"89102"},"type":"condo","price":300000,"score":{"value":80},"packet":$(packet 2 A)}
	{"id":"b","address":{"zip":"89103"},"type":"single_family","price":300001,"score":{"value":79.5},"packet":$(packet 2 B)}
	{"id":"c","packet":$(packet 2 C)}
	EOF
	BIRDDOG_HOME="$TMP/home-box" mailout -q -b box.csv --packets "$PKT" box.ndjson >out
	jq -r "[.id, ((.outreach // []) | map(.to) | join(\",\"))] | join(\" \")" out >got
	printf "a z@b.example,t@b.example,p@b.example,s@b.example\nb \nc \n" >want
	test_cmp want got
'

test_expect_success 'an unsubscribe URL with a query: &e=, escaped as &amp; in HTML' '
	mkdir -p conf/q
	jq ".unsubscribe.url = \"https://desertsun.example/u?list=deals\"" \
		"$TESTDATA/config/default/tenant.json" >conf/q/tenant.json
	head -n 1 records.ndjson >one.ndjson
	BIRDDOG_CONFIG="$TMP/conf" mailout -q -t q -b ana.csv --packets "$PKT" --maildir q-mail one.ndjson >out
	"$PYTHON" "$CHECK" --url-base "https://desertsun.example/u?list=deals&e=x" --bodies . q-mail >/dev/null
	grep -F "https://desertsun.example/u?list=deals&e=ana%40buyers.example" ana@buyers.example.text >/dev/null
	grep -F "href=\"https://desertsun.example/u?list=deals&amp;e=ana%40buyers.example\"" ana@buyers.example.html >/dev/null
	grep -F "List-Unsubscribe-Post: List-Unsubscribe=One-Click" q-mail/new/* >/dev/null
'

test_expect_success 'a tenant without postal_address or sender.email: exit 78, nothing sent' '
	mkdir -p conf/nopostal conf/nosender
	jq "del(.postal_address)" "$TESTDATA/config/default/tenant.json" >conf/nopostal/tenant.json
	jq "del(.sender.email)" "$TESTDATA/config/default/tenant.json" >conf/nosender/tenant.json
	BIRDDOG_CONFIG="$TMP/conf" test_expect_code 78 mailout -t nopostal -b "$BUYERS" --maildir np records.ndjson >out 2>err
	test_cmp /dev/null out
	echo "mailout: $TMP/conf/nopostal/tenant.json: '"'"'postal_address'"'"' is required: every message must carry the sender'"'"'s postal address (CAN-SPAM)" >want
	test_cmp want err
	test ! -e np
	BIRDDOG_CONFIG="$TMP/conf" test_expect_code 78 mailout -t nosender -b "$BUYERS" records.ndjson >out 2>err
	echo "mailout: $TMP/conf/nosender/tenant.json: '"'"'sender.email'"'"' is required to send email" >want
	test_cmp want err
	BIRDDOG_SHARE=/nonexistent BIRDDOG_CONFIG="$TMP/conf" test_expect_code 78 mailout -t absent -b "$BUYERS" records.ndjson >out 2>err
	test_grep "^mailout: $TMP/conf/absent/tenant.json does not exist: mailout needs the sender and the postal address \(to set up the tenant .absent., run .birddog-init -t absent.: see birddog-init\(1\)\)$" err
'

test_expect_success 'the installed example tenant: a dry run yes, real mail never' '
	BIRDDOG_CONFIG="$TMP/conf" mailout -q -v -t absent -b "$BUYERS" --packets "$PKT" --maildir ex-md one.ndjson >out 2>err
	test_grep "^mailout: using the installed default .*share/birddog/tenant.json" err
	grep -q "^From: \"Your Name\" <you@example.com>" ex-md/new/*
	BIRDDOG_CONFIG="$TMP/conf" test_expect_code 78 mailout -t absent -b "$BUYERS" --packets "$PKT" \
		--smtp smtp://127.0.0.1:1 one.ndjson >out 2>err
	test_grep "refusing to send real mail as the example sender .you@example.com.; set up the tenant .absent. with .birddog-init -t absent." err
	# a copy of the example in the tenant'"'"'s own directory is still the example
	mkdir -p conf/copied && cp "$TEST_ROOT/build/share/birddog/tenant.json" conf/copied/
	BIRDDOG_CONFIG="$TMP/conf" test_expect_code 78 mailout -t copied -b "$BUYERS" --packets "$PKT" \
		--smtp smtp://127.0.0.1:1 one.ndjson >out 2>err
	test_grep "refusing to send real mail as the example sender" err
	BIRDDOG_CONFIG="$TMP/conf" test_expect_code 78 mailout --check -t copied -b "$BUYERS" \
		--smtp smtp://127.0.0.1:1 >out 2>err
'

test_expect_success '--check: tenant, buyers, and where the mail would go; nothing read or stored' '
	test_expect_code 0 mailout --check -b "$BUYERS" --db ck.db --maildir ck-md >out 2>err </dev/null
	test_cmp /dev/null out
	test_grep "^mailout: ready: the sender .dana@desertsun.example. of .*tenant.json., 4 buyers from .*buyers.csv., a dry run into the Maildir ck-md" err
	test ! -e ck-md
	test_expect_code 78 mailout --check -b nosuch.csv >out 2>err
'

test_expect_success 'an unsubscribe.url that is not https is a config error' '
	mkdir -p conf/http
	jq ".unsubscribe.url = \"http://x.example/u\"" "$TESTDATA/config/default/tenant.json" >conf/http/tenant.json
	BIRDDOG_CONFIG="$TMP/conf" test_expect_code 78 mailout -t http -b "$BUYERS" records.ndjson >out 2>err
	test_grep "unsubscribe.url. must be an https:// URL" err
'

# buyers_error FILE STATUS 'MESSAGE': mailout exits STATUS, saying MESSAGE only.
buyers_error() {
	test_expect_code "$2" mailout -b "$1" records.ndjson >out 2>err || return 1
	test_cmp /dev/null out || return 1
	echo "mailout: $3" >want
	test_cmp want err
}

test_expect_success 'buyers CSV errors: exit 78 naming file:line' '
	printf "email,name\nok@b.example,Ok\nnot-an-email,Bad\n" >bad-email.csv
	buyers_error bad-email.csv 78 "bad-email.csv:3: invalid email '"'"'not-an-email'"'"'"
	printf "email,name\nok@b.example,\"Two\nlines\"\n,Nobody\n" >multiline.csv
	buyers_error multiline.csv 78 "multiline.csv:4: missing '"'"'email'"'"'"
	printf "emial,name\n" >cols.csv
	buyers_error cols.csv 78 "cols.csv:1: unknown column '"'"'emial'"'"' (expected email,name,zips,types,max_price,min_score)"
	printf "email,zips\na@b.example,89101;8910\n" >zip.csv
	buyers_error zip.csv 78 "zip.csv:2: '"'"'zips'"'"' item '"'"'8910'"'"' is not a 5-digit ZIP code"
	printf "email,max_price\na@b.example,cheap\n" >price.csv
	buyers_error price.csv 78 "price.csv:2: '"'"'max_price'"'"' is not a number: '"'"'cheap'"'"'"
	printf "email,name\na@b.example,A\nA@B.example,B\n" >dup.csv
	buyers_error dup.csv 78 "dup.csv:3: duplicate email '"'"'A@B.example'"'"' (first on line 2)"
	printf "email,name\na@b.example,A,extra\n" >fields.csv
	buyers_error fields.csv 78 "fields.csv:2: 3 fields, the header has 2"
	printf "email,name\na@b.example,\"unterminated\n" >quote.csv
	buyers_error quote.csv 78 "quote.csv:2: error parsing data while strict checking enabled"
	printf "" >empty.csv
	buyers_error empty.csv 78 "empty.csv:1: no header: the first line must name the columns (email,name,zips,...)"
	printf "\357\273\277email,name\r\nok@b.example,Ok\r\nnot-an-email,Bad\r\n" >excel.csv
	buyers_error excel.csv 78 "excel.csv:3: invalid email '"'"'not-an-email'"'"'"
	printf "email,name\rok@b.example,Ok\rnot-an-email,Bad\r" >cr.csv
	buyers_error cr.csv 78 "cr.csv:3: invalid email '"'"'not-an-email'"'"'"
'

test_expect_success 'buyers NDJSON errors: exit 78 naming file:line' '
	printf "{\"email\":\"a@b.example\"}\n{\"email\":\"b@b.example\",\n" >json.ndjson
	buyers_error json.ndjson 78 "json.ndjson:2: string or '"'"'}'"'"' expected near end of file"
	printf "\n{\"email\":\"a@b.example\",\"min_score\":101}\n" >score.ndjson
	buyers_error score.ndjson 78 "score.ndjson:2: '"'"'min_score'"'"' must be a number from 0 to 100"
	printf "{\"email\":\"a@b.example\",\"zip\":[\"89101\"]}\n" >key.jsonl
	buyers_error key.jsonl 78 "key.jsonl:1: unknown key '"'"'zip'"'"'"
	printf "{\"email\":\"a@b.example\",\"types\":\"condo\"}\n" >types.json
	buyers_error types.json 78 "types.json:1: '"'"'types'"'"' is not an array of strings"
	printf "{\"email\":\"a b@b.example\"}\n" >space.ndjson
	buyers_error space.ndjson 78 "space.ndjson:1: invalid email '"'"'a b@b.example'"'"'"
	buyers_error nosuch.csv 78 "nosuch.csv: No such file or directory"
	printf "email\n" >buyers.txt
	buyers_error buyers.txt 78 "buyers.txt: unknown kind of buyers file (name it .csv, .ndjson, .jsonl or .json)"
'

test_expect_success 'bad packets are rejected whole (65), the rest go on' '
	cat >badpk.ndjson <<-EOF
	{"id":"p:1","packet":{"html":"$PKT/t2.html","text":"$PKT/nomarker.txt","sha256":"1","subject":"S"}}
	{"id":"p:2","packet":{"html":"$PKT/t2.html","text":"$PKT/missing.txt","sha256":"1","subject":"S"}}
	{"id":"p:3","packet":{"html":"$PKT/t2.html","text":"$PKT/t2.txt","sha256":"1"}}
	{"packet":{"html":"$PKT/t2.html","text":"$PKT/t2.txt","sha256":"1","subject":"S"}}
	{"id":"p:5","packet":"$PKT/t2.html"}
	{"id":"p:6","packet":{"html":"$PKT","text":"$PKT/t2.txt","sha256":"2","subject":"S"}}
	{"id":"p:7","packet":{"html":"$PKT/t2.html","text":"$PKT/t2.txt","sha256":"3","subject":"S"}}
	EOF
	printf "email\nany@b.example\n" >any.csv
	test_expect_code 65 mailout -b any.csv --maildir bp --reject bp.rej badpk.ndjson >out 2>err
	jq -r .id out >got && echo p:7 >want && test_cmp want got
	head -n 6 badpk.ndjson >want.rej && test_cmp want.rej bp.rej
	cat >want.err <<-EOF
	mailout: badpk.ndjson:1: '"'"'packet.text'"'"' '"'"'$PKT/nomarker.txt'"'"' lacks the %%UNSUBSCRIBE_URL%% marker for the unsubscribe link
	mailout: badpk.ndjson:2: '"'"'packet.text'"'"' '"'"'$PKT/missing.txt'"'"': No such file or directory
	mailout: badpk.ndjson:3: '"'"'packet.subject'"'"' is missing or not a non-empty string
	mailout: badpk.ndjson:4: '"'"'id'"'"' is missing
	mailout: badpk.ndjson:5: no '"'"'packet'"'"' object (run docgen first)
	mailout: badpk.ndjson:6: '"'"'packet.html'"'"' '"'"'$PKT'"'"' is not a file in the packets directory '"'"'$PKT'"'"' (see --packets)
	EOF
	grep -v "^mailout: [0-9]" err >got.err
	test_cmp want.err got.err
	ls bp/new >files && test_line_count 1 files
'

test_expect_success 'packets are read only from the packets directory, never through a link' '
	ln -s /etc/passwd "$PKT/link.txt"
	cp "$PKT/t2.txt" outside.txt
	cat >escape.ndjson <<-EOF
	{"id":"e:1","packet":{"html":"$PKT/t2.html","text":"/etc/passwd","sha256":"e1","subject":"S"}}
	{"id":"e:2","packet":{"html":"$PKT/t2.html","text":"$PKT/../../../outside.txt","sha256":"e2","subject":"S"}}
	{"id":"e:3","packet":{"html":"$PKT/t2.html","text":"$PKT/link.txt","sha256":"e3","subject":"S"}}
	{"id":"e:4","packet":{"html":"$PKT/t2.html","text":"$TMP/outside.txt","sha256":"e4","subject":"S"}}
	{"id":"e:5","packet":{"html":"$PKT/t2.html","text":"$PKT/t2.txt","sha256":"e5","subject":"S"}}
	EOF
	test_expect_code 65 mailout -b any.csv --maildir esc --reject esc.rej escape.ndjson >out 2>err
	jq -r .id out >got && echo e:5 >want && test_cmp want got
	test_line_count 4 esc.rej
	test_grep "escape.ndjson:1: .packet.text. ./etc/passwd. is not a file in the packets directory" err
	test_grep "escape.ndjson:2: .packet.text. .*/\.\./outside.txt. is not a file in the packets directory" err
	test_grep "escape.ndjson:3: .packet.text. .*/link.txt.: is a symbolic link$" err
	test_grep "escape.ndjson:4: .packet.text. .*/outside.txt. is not a file in the packets directory" err
	! grep -q root: esc/new/* || false
	rm "$PKT/link.txt"
'

test_expect_success 'reject files and the Maildir are not followed through symbolic links' '
	printf "{}\n" >target
	ln -s "$TMP/target" linked.rej
	test_expect_code 74 mailout -b any.csv --maildir lm --reject linked.rej escape.ndjson >out 2>err
	test_grep "cannot write reject file .linked.rej.: Too many levels of symbolic links" err
	test_cmp - target <<-\EOF
	{}
	EOF
	mkdir -p real-new lm2/tmp lm2/cur && ln -s "$TMP/real-new" lm2/new
	test_expect_code 74 mailout -b any.csv --maildir lm2 escape.ndjson >out 2>err
	test_grep "^mailout: cannot open the Maildir directory .lm2/new.: not a directory \(a symbolic link is not followed\)$" err
	test -z "$(ls real-new)"
	ln -s lm2 lm3
	test_expect_code 74 mailout -b any.csv --maildir lm3 escape.ndjson >out 2>err
	test_grep "^mailout: cannot open the Maildir .lm3.: not a directory" err
'

test_expect_success 'usage errors exit 64' '
	test_expect_code 64 mailout records.ndjson >out 2>err
	test_grep "^mailout: .--buyers FILE. is required$" err
	test_expect_code 64 mailout -b "$BUYERS" --smtp ftp://x.example records.ndjson 2>err
	test_expect_code 64 mailout -b "$BUYERS" --smtp smtp://me:s3cret@x.example records.ndjson 2>err
	! grep s3cret err || false
	test_expect_code 64 mailout -b "$BUYERS" --smtp smtp://x.example --maildir m records.ndjson 2>err
'

test_expect_success 'a Maildir that cannot be made: exit 74 before any message' '
	test_expect_code 74 mailout -b "$BUYERS" --maildir records.ndjson/m records.ndjson >out 2>err
	test_cmp /dev/null out
	test_grep "^mailout: cannot create the Maildir .records.ndjson/m.: Not a directory$" err
'

test_expect_success 'no SMTP URL means a dry run; --dry-run wins over $BIRDDOG_SMTP_URL' '
	BIRDDOG_HOME="$TMP/home-env" BIRDDOG_SMTP_URL=smtp://127.0.0.1:1 \
		mailout -q -n -b ana.csv --packets "$PKT" one.ndjson >out 2>err
	test_cmp /dev/null err
	test "$(jq -r ".outreach[0].status" out)" = written
	ls "$TMP/home-env/default/maildir/new" >files && test_line_count 1 files
'

test_expect_success 'a delisted listing without a memo passes, no message sent' '
	head -n 1 records.ndjson | jq -c "del(.packet) | .event = \"delisted\"" >gone.ndjson
	mailout -q -b "$BUYERS" --maildir gone-mail gone.ndjson >out 2>err
	test_cmp gone.ndjson out
	test_cmp /dev/null err
	test ! -d gone-mail/new || test -z "$(ls gone-mail/new)"
	jq -c "del(.packet)" <records.ndjson | head -n 1 >kept.ndjson
	test_expect_code 65 mailout -q -b "$BUYERS" --maildir gone-mail kept.ndjson >out 2>err
'

test_done
