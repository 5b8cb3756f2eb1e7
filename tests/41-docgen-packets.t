#!/bin/sh
# SPDX-License-Identifier: MIT
# docgen's packets: unchanged content is not written again (same inode and
# mtime, same packets row, same output), changed content is (atomically,
# no temporary files left), --force and -o, and I/O errors exit 74.
. "$(dirname "$0")/lib.sh"

DATA="$TESTDATA/docgen"
PACKETS="$BIRDDOG_HOME/default/packets"
DB="$BIRDDOG_HOME/default/docgen.db"

# stamp FILE...: inode and modification time (nanoseconds) of each file.
stamp() {
	stat -c "%n %i %y" "$@"
}

rows() {
	sqlite3 "$DB" "SELECT id, sha256, html_path, text_path, updated_at FROM packets ORDER BY id"
}

test_expect_success 'the first run writes the files and one packets row each' '
	test_expect_code 0 docgen -q "$DATA/scored.ndjson" >out1 2>err1
	test_cmp /dev/null err1
	jq -r "[.id, .packet.sha256, .packet.html, .packet.text, \"2026-11-23T04:00:00Z\"] | join(\"|\")" \
		out1 >want
	rows >got
	test_cmp want got
	stamp "$PACKETS"/* >stamp1
	test_line_count 4 stamp1
'

test_expect_success 'no temporary files are left in packets/' '
	ls -A "$PACKETS" >listing
	printf "%s\n" clark_nv-48213.html clark_nv-48213.txt clark_nv-50991.html \
		clark_nv-50991.txt >want
	test_cmp want listing
'

test_expect_success 'a re-run with the same input writes nothing and outputs the same' '
	rows >rows1
	test_expect_code 0 env BIRDDOG_NOW=2026-11-24T05:00:00Z docgen -q \
		"$DATA/scored.ndjson" >out2 2>err2
	test_cmp /dev/null err2
	test_cmp out1 out2
	stamp "$PACKETS"/* >stamp2
	test_cmp stamp1 stamp2
	rows >rows2
	test_cmp rows1 rows2
'

test_expect_success 'docgen over its own output replaces packet in place' '
	test_expect_code 0 docgen -q out1 >out2b 2>err2b
	test_cmp /dev/null err2b
	test_cmp out1 out2b
	stamp "$PACKETS"/* >stamp2b
	test_cmp stamp1 stamp2b
'

test_expect_success 'a changed price gives a new sha256 and rewrites that memo only' '
	sed "s/\"price\":315000/\"price\":299000/" "$DATA/scored.ndjson" >changed.ndjson
	test_expect_code 0 env BIRDDOG_NOW=2026-11-25T06:00:00Z docgen -q changed.ndjson \
		>out3 2>err3
	test_cmp /dev/null err3
	old=$(jq -r "select(.id == \"clark_nv:48213\") | .packet.sha256" out1)
	new=$(jq -r "select(.id == \"clark_nv:48213\") | .packet.sha256" out3)
	test "$old" != "$new"
	test "$new" = "$(cat "$PACKETS/clark_nv-48213.html" "$PACKETS/clark_nv-48213.txt" |
		sha256sum | cut -d" " -f1)"
	grep -q "^Asking price:    \$299,000$" "$PACKETS/clark_nv-48213.txt"
	stamp "$PACKETS"/clark_nv-48213.* >s_changed
	stamp1_48213=$(grep clark_nv-48213 stamp1)
	! grep -F -x -e "$(echo "$stamp1_48213" | head -n 1)" s_changed || false
	grep clark_nv-50991 stamp1 >s_other_before
	stamp "$PACKETS"/clark_nv-50991.* >s_other_after
	test_cmp s_other_before s_other_after
	sqlite3 "$DB" "SELECT sha256, updated_at FROM packets WHERE id = '\''clark_nv:48213'\''" >row
	echo "$new|2026-11-25T06:00:00Z" >want
	test_cmp want row
'

test_expect_success 'a deleted memo file is written again' '
	rm "$PACKETS/clark_nv-50991.txt"
	test_expect_code 0 docgen -q "$DATA/scored.ndjson" >out4 2>err4
	test_cmp /dev/null err4
	test_cmp "$DATA/clark_nv-50991.txt" "$PACKETS/clark_nv-50991.txt"
	test_cmp out1 out4
'

test_expect_success '--force rewrites unchanged memos with the same content' '
	stamp "$PACKETS"/* >before
	test_expect_code 0 docgen -q --force "$DATA/scored.ndjson" >out5 2>err5
	test_cmp /dev/null err5
	test_cmp out1 out5
	stamp "$PACKETS"/* >after
	! grep -F -x -f before after || false
	test_cmp "$DATA/clark_nv-48213.txt" "$PACKETS/clark_nv-48213.txt"
'

test_expect_success '-o writes elsewhere, with absolute paths, and is idempotent there' '
	test_expect_code 0 docgen -q -o rel/out "$DATA/scored.ndjson" >out6 2>err6
	test_cmp /dev/null err6
	jq -r ".packet.html" out6 >p6
	printf "%s\n" "$TMP/rel/out/clark_nv-48213.html" "$TMP/rel/out/clark_nv-50991.html" >want
	test_cmp want p6
	stamp rel/out/* >s6
	test_expect_code 0 docgen -q -o "$TMP/rel/out" "$DATA/scored.ndjson" >out7 2>err7
	test_cmp out6 out7
	stamp rel/out/* >s7
	test_cmp s6 s7
'

test_expect_success 'stdin works and --db names the state database' '
	test_expect_code 0 docgen -q --db other.db -o db-out <"$DATA/scored.ndjson" >out8 2>err8
	test_cmp /dev/null err8
	sqlite3 other.db "SELECT id FROM packets ORDER BY id" >ids
	printf "%s\n" clark_nv:48213 clark_nv:50991 >want
	test_cmp want ids
'

test_expect_success 'an output directory that cannot be made exits 74' '
	echo file >plain
	test_expect_code 74 docgen -q -o plain/sub "$DATA/scored.ndjson" >out9 2>err9
	test_cmp /dev/null out9
	test_grep "^docgen: cannot create '\''plain/sub'\'': Not a directory$" err9
'

test_expect_success 'a memo that cannot be written exits 74 and leaves no temporary file' '
	mkdir -p blocked/clark_nv-48213.html
	test_expect_code 74 docgen -q -o blocked "$DATA/scored.ndjson" >out10 2>err10
	test_cmp /dev/null out10
	test_grep "cannot write '\''$TMP/blocked/clark_nv-48213.html'\'': Is a directory" err10
	ls -A blocked >left
	echo clark_nv-48213.html >want
	test_cmp want left
'

test_done
