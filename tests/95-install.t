#!/bin/sh
# SPDX-License-Identifier: MIT
# make install and uninstall honour PREFIX and DESTDIR, and the installed
# man pages render with man(1)'s own formatter.
. "$(dirname "$0")/lib.sh"

test_expect_success 'make install puts programs and man pages under DESTDIR/PREFIX' '
	make -s -C "$TEST_ROOT" install DESTDIR="$TMP/stage" PREFIX=/opt/bd >out 2>err
	for p in discover enrich score docgen mailout; do
		test -x "$TMP/stage/opt/bd/bin/$p"
		test -f "$TMP/stage/opt/bd/share/man/man1/$p.1"
	done
	test -f "$TMP/stage/opt/bd/share/man/man5/birddog-record.5"
	test -f "$TMP/stage/opt/bd/share/man/man7/birddog.7"
	test -x "$TMP/stage/opt/bd/bin/birddog-pipeline"
'

test_expect_success 'the installed programs run' '
	"$TMP/stage/opt/bd/bin/score" --version >out
	test_grep "^score \(birddog\) " out
'

test_expect_success 'the installed pages render' '
	mandoc -Tascii "$TMP/stage/opt/bd/share/man/man1/score.1" | col -b >page
	test_grep "^SYNOPSIS" page
'

test_expect_success 'make uninstall removes every installed file' '
	make -s -C "$TEST_ROOT" uninstall DESTDIR="$TMP/stage" PREFIX=/opt/bd >out 2>err
	find "$TMP/stage" -type f >left
	test_cmp /dev/null left
'

test_done
