#!/bin/sh
# SPDX-License-Identifier: MIT
# score: the scorecard applied to fixture records, --min, rejects, bad
# scorecards, and the record layer's guarantees (unknown keys kept as bytes).
. "$(dirname "$0")/lib.sh"

CARD="$TESTDATA/config/default/scorecard.json"

test_expect_success 'scores the fixture records exactly' '
	score "$TESTDATA/score/enriched.ndjson" >out 2>err
	test_cmp "$TESTDATA/score/enriched.out" out
	test_grep "^score: 5 in, 5 out, 0 rejected, " err
'

test_expect_success 'reads standard input and the default scorecard of the tenant' '
	score -q <"$TESTDATA/score/enriched.ndjson" >out 2>err
	test_cmp "$TESTDATA/score/enriched.out" out
	test_cmp /dev/null err
'

test_expect_success 'every other key passes through byte for byte' '
	score -q "$TESTDATA/score/enriched.ndjson" >out
	head -n 1 out | grep -F "\"x_custom\":{\"keep\":[1,\"two\",3.0]}" >/dev/null
	sed -n 4p out | grep -F "\"A \\u00c9 TRUST\"" >/dev/null
'

test_expect_success 'an existing score is replaced in place, not duplicated' '
	score -q "$TESTDATA/score/enriched.ndjson" >out
	test "$(sed -n 4p out | grep -o "\"score\":" | wc -l)" -eq 1
	sed -n 4p out | grep "\"event\":\"status_change\",\"score\":{\"value\":70," >/dev/null
'

test_expect_success 'every reason is true of its record: only rules that gave points' '
	score -q "$TESTDATA/score/enriched.ndjson" >out
	test "$(jq "[.score.reasons[] | select(.points == 0)] | length" out | sort -u)" = 0
	# lvmls:1002 is new, above the ZIP median, young: no rule gave points
	test "$(jq -c "select(.id == \"lvmls:1002\") | .score" out)" = "{\"value\":40,\"model\":\"scorecard-2026-11\",\"reasons\":[]}"
	# a new listing is never "price was just cut"; the cut one is
	jq -r "select(.event != \"price_drop\") | .score.reasons[].why" out >whys
	! grep -F "price was just cut" whys || false
	test "$(jq -r "select(.event == \"price_drop\") | .score.reasons[].why" out | grep -c "price was just cut")" = 1
'

test_expect_success '--min keeps only records at or above the score' '
	score -q --min 60 "$TESTDATA/score/enriched.ndjson" >out
	jq -r .id out >ids
	printf "lvmls:1001\nlvmls:1004\n" >want
	test_cmp want ids
'

test_expect_success 'bad lines are rejected whole with file and line, the rest go on' '
	test_expect_code 65 score --reject rej.ndjson "$TESTDATA/score/bad.ndjson" >out 2>err
	test_line_count 2 out
	jq -r .id out >ids && printf "ok:1\nok:2\n" >want && test_cmp want ids
	cat >want.err <<-EOF
	score: $TESTDATA/score/bad.ndjson:2: invalid JSON at column 15: unexpected end of input
	score: $TESTDATA/score/bad.ndjson:3: top-level value is not an object
	score: $TESTDATA/score/bad.ndjson:5: duplicate key '"'"'id'"'"'
	EOF
	grep -v "^score: 5 in" err >got.err
	test_cmp want.err got.err
	test_grep "^score: 5 in, 2 out, 3 rejected" err
	printf "{\"id\":\"bad:1\",\n[1,2,3]\n{\"id\":\"dup\",\"id\":\"dup\"}\n" >want.rej
	test_cmp want.rej rej.ndjson
'

test_expect_success 'the default reject file is under the data directory' '
	test_expect_code 65 score -q "$TESTDATA/score/bad.ndjson" >out 2>err
	test_line_count 3 "$BIRDDOG_HOME/default/rejects/score.ndjson"
'

test_expect_success 'an oversized line is rejected whole, not truncated' '
	awk "BEGIN { printf \"{\\\"id\\\":\\\"big\\\",\\\"pad\\\":\\\"\"; for (i = 0; i < 5000; i++) printf \"x\"; print \"\\\"}\" }" >big.ndjson
	cat "$TESTDATA/score/enriched.ndjson" >>big.ndjson
	test_expect_code 65 score --max-line 1000 --reject rej-big.ndjson big.ndjson >out 2>err
	test_line_count 5 out
	test_grep "big.ndjson:1: line longer than 1000 bytes" err
	head -n 1 big.ndjson >want.rej
	test_cmp want.rej rej-big.ndjson
'

test_expect_success 'empty input writes nothing and exits 0' '
	score </dev/null >out 2>err
	test_cmp /dev/null out
	test_grep "^score: 0 in, 0 out, 0 rejected" err
'

test_expect_success 'a missing input file exits 66 after the others' '
	test_expect_code 66 score -q nosuch.ndjson "$TESTDATA/score/enriched.ndjson" >out 2>err
	test_line_count 5 out
	test_grep "^score: nosuch.ndjson: No such file or directory" err
'

test_expect_success 'a malformed scorecard is a config error naming file, line and column' '
	printf "{\"model\": \"x\",\n \"rules\": [}\n" >bad.json
	test_expect_code 78 score -w bad.json </dev/null >out 2>err
	test_grep "^score: bad.json:2:12: " err
	printf "{\"model\":\"x\",\"rules\":[{\"feature\":\"a\",\"points\":1,\"from\":1,\"to\":1}]}" >same.json
	test_expect_code 78 score -w same.json </dev/null 2>err
	test_grep "rule 1 .*from.*to" err
	test_expect_code 78 score -w nosuch.json </dev/null 2>err
	test_grep "^score: nosuch.json: No such file or directory" err
'

test_expect_success 'usage errors exit 64 and point at --help' '
	test_expect_code 64 score --min 101 </dev/null >out 2>err
	test_grep "try .score --help." err
	test_expect_code 64 score --bogus </dev/null >out 2>err
	test_grep "try .score --help." err
	test_expect_code 64 score -t ../evil </dev/null >out 2>err
	test_grep "invalid tenant name" err
'

test_done
