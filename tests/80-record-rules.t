#!/bin/sh
# SPDX-License-Identifier: MIT
# The record rules of birddog-record(5) hold in every stage alike: the same
# bad lines are rejected whole, with the same reasons, by enrich, score,
# docgen and mailout, so a record one stage passes is never one the next
# rejects (an empty id, a negative price, a duplicate key at any depth, a
# number too large for a double, ...).
. "$(dirname "$0")/lib.sh"

cp "$TESTDATA/rules/bad.ndjson" bad.ndjson
printf "email\nany@buyers.example\n" >any.csv

# rejects PROG ARGS...: PROG rejects every line of bad.ndjson, as bad.err says.
rejects() {
	prog=$1
	shift
	test_expect_code 65 "$prog" "$@" --reject "rej.$prog" bad.ndjson >"out.$prog" 2>"err.$prog"
	test_cmp /dev/null "out.$prog"
	sed "s/^PROG:/$prog:/" "$TESTDATA/rules/bad.err" >"want.$prog"
	grep -v "^$prog: [0-9]" "err.$prog" >"got.$prog"
	test_cmp "want.$prog" "got.$prog"
	test_cmp bad.ndjson "rej.$prog"
}

test_expect_success 'enrich holds records to the rules' 'rejects enrich'
test_expect_success 'score holds records to the same rules' 'rejects score'
test_expect_success 'docgen holds records to the same rules' 'rejects docgen'
test_expect_success 'mailout holds records to the same rules' 'rejects mailout -n -b any.csv'

test_expect_success 'a record that keeps the rules goes through every stage' '
	printf "{\"id\":\"ok:1\",\"price\":0,\"address\":null,\"n\":1e308,\"a\":[{\"k\":1},{\"k\":2}]}\n" >good.ndjson
	enrich -q good.ndjson >e.out
	score -q e.out >s.out
	docgen -q s.out >d.out
	mailout -q -n -b any.csv d.out >m.out
	test "$(jq -r ".id, .outreach[0].status" m.out)" = "$(printf "ok:1\nwritten")"
	grep -F "\"n\":1e308,\"a\":[{\"k\":1},{\"k\":2}]" m.out
'

test_done
