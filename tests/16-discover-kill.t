#!/bin/sh
# SPDX-License-Identifier: MIT
# A crawl killed at random moments loses nothing: discover writes a batch's
# records before it commits the state that marks them seen, so every
# listing of the site comes out of some run (SIGKILL), and SIGTERM stops it
# cleanly (143) with what it found written. The fixture site is served by
# nginx on 127.0.0.1 at 25 requests a second, so a run takes about a second.
. "$(dirname "$0")/lib.sh"
. "$TEST_ROOT/tests/site.sh"

if [ ! -x "${NGINX:-/usr/sbin/nginx}" ]; then
	test_skip "killing crawls" "nginx is not installed (scripts/install-deps)"
	test_done
	exit 0
fi

start_site web
site_sources web
SRC="$TMP/web/sources"
jq ".rate = {\"per_second\": 25, \"burst\": 1, \"connections\": 2} | .concurrency = 2" \
	"$SRC/site_xpath.json" >"$SRC/slow.json"

# all LISTINGS: the 14 ids the site gives, sorted.
BIRDDOG_HOME="$TMP/ref" discover -q -s "$SRC/site_xpath.json" 2>/dev/null | jq -r .id | sort >all || :

# killed SIGNAL N: N runs of the slow crawl on one home, each sent SIGNAL
# after a random 0.1 to 0.9 s; their outputs appended to killed.out and
# their exit statuses to statuses.
killed() {
	i=0
	while [ "$i" -lt "$2" ]; do
		i=$((i + 1))
		BIRDDOG_HOME="$TMP/k-$1" discover -q -s "$SRC/slow.json" >>"killed-$1.out" 2>/dev/null &
		pid=$!
		sleep "0.$(($(od -An -N1 -tu1 /dev/urandom) % 9 + 1))"
		kill -s "$1" "$pid" 2>/dev/null || :
		st=0
		wait "$pid" || st=$?
		echo "$st" >>"statuses-$1"
	done
}

test_expect_success 'the site has 14 listings' '
	test_line_count 14 all
'

test_expect_success 'SIGKILL at random moments, then a full run: every listing came out' '
	killed KILL 6
	# the last line of a killed run may be cut short: not a record
	BIRDDOG_HOME="$TMP/k-KILL" discover -q -s "$SRC/slow.json" >final.out 2>/dev/null || test $? -eq 65
	cat killed-KILL.out final.out | jq -R -r "fromjson? | .id" | sort -u >got
	test_cmp all got
	grep -q 137 statuses-KILL
'

test_expect_success 'nothing new the run after: all was committed once written' '
	BIRDDOG_HOME="$TMP/k-KILL" discover -q -s "$SRC/slow.json" >again.out 2>/dev/null || test $? -eq 65
	test_line_count 0 again.out
'

test_expect_success 'SIGTERM stops a crawl cleanly (143), its records whole' '
	killed TERM 4
	grep -q 143 statuses-TERM
	! grep -v -e "^143$" -e "^65$" -e "^0$" statuses-TERM
	jq -c . killed-TERM.out >/dev/null
	BIRDDOG_HOME="$TMP/k-TERM" discover -q -s "$SRC/slow.json" >final.out 2>/dev/null || test $? -eq 65
	cat killed-TERM.out final.out | jq -r .id | sort -u >got
	test_cmp all got
'

test_done
