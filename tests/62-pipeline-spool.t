#!/bin/sh
# SPDX-License-Identifier: MIT
# No listing is lost when a stage after discover fails: each later stage is
# broken in turn (it fails at run time, after its --check passed); the
# listings discover found stay in DATADIR/spool/, the failure names the
# stage in its own words with the command to run again, and the next run
# feeds them through first. Also: a spool file cut short by a crash.
. "$(dirname "$0")/lib.sh"

T="$TESTDATA"
MAP="$T/discover/listings.map.json"
LISTINGS="$T/discover/listings.csv"
BUYERS="$T/mailout/buyers.csv"

# A pipeline whose programs are wrappers of the real ones: the one named in
# $BREAK checks fine but fails when it runs, after reading some of its input.
mkdir bin
cp "$TEST_ROOT/scripts/pipeline" bin/birddog-pipeline
for p in discover enrich score docgen mailout; do
	cat >"bin/$p" <<-EOF
	#!/bin/sh
	case " \$* " in *" --check "*) exec "$TEST_ROOT/build/bin/$p" "\$@" ;; esac
	if [ "\${BREAK:-}" = $p ]; then
		head -c 300 >/dev/null
		echo "$p: the disk is on fire (a test breaking $p)" >&2
		exit 70
	fi
	exec "$TEST_ROOT/build/bin/$p" "\$@"
	EOF
	chmod +x "bin/$p"
done

# run HOME [ENV...]: the pipeline on the fixture listings, a dry run.
run() {
	home=$1
	shift
	env BIRDDOG_HOME="$home" "$@" bin/birddog-pipeline --min 60 --map "$MAP" \
		--buyers "$BUYERS" --maildir "$home/md" "$LISTINGS"
}

for stage in enrich score docgen mailout; do
	test_expect_success "$stage broken: the listings wait in the spool; fixed, they are mailed" '
		H="$TMP/h-'$stage'"
		BIRDDOG_HOME="$H" enrich -q --load-parcels "$T/enrich/parcels.csv" \
			--map "$T/enrich/parcels.map.json" 2>/dev/null || test $? -eq 65
		test_expect_code 70 run "$H" BREAK='$stage' >out 2>err
		test_cmp /dev/null out
		test_grep "^birddog-pipeline: .'$stage'. failed with status 70$" err
		test_grep "^birddog-pipeline: it said: '$stage': the disk is on fire" err
		test_grep "^birddog-pipeline: the listings found are kept in .*spool.; fix the problem and run again:$" err
		test_grep "^  .*bin/birddog-pipeline --min 60 --map .*listings.csv$" err
		ls "$H/default/spool" >spooled
		test_line_count 1 spooled
		test_line_count 23 "$H/default/spool/$(cat spooled)"
		test "$(sqlite3 "$H/default/discover.db" "SELECT count(*) FROM listings")" = 23
		test ! -d "$H/md/new" || test -z "$(ls "$H/md/new")"
		# fixed: the spool goes through first, then discover finds nothing new
		test_expect_code 65 run "$H" >out 2>err
		test_line_count 7 out
		test -z "$(ls "$H/default/spool")"
		test "$(ls "$H/md/new" | wc -l)" = 7
		test_grep "\[birddog-pipeline\] feeding .*spool/.*ndjson., left by a run that did not finish" \
			"$H/default/pipeline.log"
		test_grep "\[discover\] discover: 25 in, 0 out, 2 rejected," "$H/default/pipeline.log"
		# and once more: nothing at all
		test_expect_code 65 run "$H" >out 2>err
		test_cmp /dev/null out
		test "$(ls "$H/md/new" | wc -l)" = 7
	'
done

test_expect_success 'a spool file cut short by a crash: the cut line is dropped, not rejected' '
	H="$TMP/h-cut"
	test_expect_code 65 discover -q --db "$TMP/cut.db" -m "$MAP" "$LISTINGS" >found 2>/dev/null
	mkdir -p "$H/default/spool"
	{ head -n 3 found; sed -n 4p found | head -c 100; } >"$H/default/spool/20260101T000000Z-1.ndjson"
	test_expect_code 65 run "$H" >out 2>err
	test -z "$(ls "$H/default/spool")"
	test ! -e "$H/default/rejects/enrich.ndjson"
	test_grep "\[enrich\] enrich: 3 in, 3 out, 0 rejected," "$H/default/pipeline.log"
'

test_done
