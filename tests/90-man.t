#!/bin/sh
# SPDX-License-Identifier: MIT
# The man pages: they lint clean, every option a program's --help prints is
# documented in its page, the common options behave, and EXAMPLES run.
. "$(dirname "$0")/lib.sh"

MAN="$TEST_ROOT/man"
BIN="$TEST_ROOT/build/bin"

# man_example_commands PAGE DIR: writes each command of PAGE's EXAMPLES
# section to DIR/1.sh, DIR/2.sh, ... The convention: a line of a literal
# display (.Bd -literal or .Dl) that starts with "$ " is a command; a line
# ending in a backslash continues it; a command may end with "# exit N" when
# N is its documented status. Other display lines are output and not run.
man_example_commands() {
	awk '
	/^\.Sh / { in_ex = ($0 ~ /^\.Sh "?EXAMPLES"?[ \t]*$/); next }
	!in_ex { next }
	/^\.Bd[ \t]+-literal/ { lit = 1; print ".Bd -literal"; next }
	lit && /^\.Ed/ { lit = 0; print ".Ed"; next }
	lit { print; next }
	/^\.Dl[ \t]/ { print }
	' "$1" >"$2/examples.body"
	{
		printf '.Dd January 1, 2026\n.Dt X 1\n.Os\n.Sh NAME\n.Nm x\n.Nd x\n.Sh EXAMPLES\n'
		cat "$2/examples.body"
	} >"$2/examples.mdoc"
	mandoc -Tascii -O width=1000 "$2/examples.mdoc" | col -b -x | awk -v dir="$2" '
	/^EXAMPLES$/ { on = 1; next }
	/^[^ \t]/ { on = 0 }
	!on { next }
	{ sub(/^[ \t]+/, "") }
	cont { print >> file; cont = /\\$/; if (!cont) close(file); next }
	/^\$ / {
		n++; file = dir "/" n ".sh"; print substr($0, 3) > file
		cont = /\\$/; if (!cont) close(file)
	}'
}

# expected_status FILE: the N of a trailing "# exit N" (or "# exits N"), else 0.
expected_status() {
	sed -n 's/.*#[ \t]*exits\{0,1\}[ \t]\{1,\}\([0-9]\{1,3\}\)[ \t]*$/\1/p' "$1" | tail -n 1 |
		grep . || echo 0
}

# A copy of the repository root whose files are links, so that examples that
# write files write them here, not in the work tree.
ROOT="$TMP/root"
mkdir -p "$ROOT"
for f in "$TEST_ROOT"/*; do
	ln -s "$f" "$ROOT/$(basename "$f")"
done

# run_examples PAGE: runs PAGE's example commands in order, starting in ROOT,
# in a fresh BIRDDOG_HOME, each under a timeout with no input; a cd carries
# over to the next command, as it would for a reader typing them.
run_examples() {
	name=$(basename "$1")
	dir="$TMP/examples/$name"
	rm -rf "$dir" "$TMP/home-$name"
	mkdir -p "$dir"
	man_example_commands "$1" "$dir"
	n=0
	echo "$ROOT" >"$dir/cwd"
	while [ -f "$dir/$((n + 1)).sh" ]; do
		n=$((n + 1))
		cmd="$dir/$n.sh"
		want=$(expected_status "$cmd")
		got=0
		(cd "$(cat "$dir/cwd")" && BIRDDOG_HOME="$TMP/home-$name" \
			timeout 120 sh -c '. "$1"; s=$?; pwd >"$2"; exit $s' \
			sh "$cmd" "$dir/cwd" \
			<"/dev/null" >"$cmd.out" 2>"$cmd.err") || got=$?
		if [ "$got" -ne "$want" ]; then
			echo "$name: example exited $got, not $want:" >&2
			sed 's/^/  $ /' "$cmd" >&2
			echo "stdout:" >&2
			head -n 20 "$cmd.out" >&2
			echo "stderr:" >&2
			head -n 20 "$cmd.err" >&2
			return 1
		fi
	done
	echo "$name: $n example commands ran"
	if [ "$n" -eq 0 ]; then
		echo "$name: no runnable example (no '\$ ' line in an EXAMPLES display)" >&2
		return 1
	fi
}

for page in "$MAN"/*.[1-9]; do
	[ -f "$page" ] || continue
	test_expect_success "$(basename "$page") lints clean" '
		mandoc -Tlint -Wwarning "$page" >lint.out 2>&1 || :
		test_cmp /dev/null lint.out
	'
done

test_expect_success 'birddog.7 and birddog-record.5 exist' '
	test -f "$MAN/birddog.7" && test -f "$MAN/birddog-record.5"
'

test_expect_success 'birddog.7 names every program and page in SEE ALSO' '
	mandoc -Tascii "$MAN/birddog.7" | col -b -x >birddog.txt
	for p in discover enrich score docgen mailout; do
		test_grep "$p\(1\)" birddog.txt
	done
	test_grep "birddog-record\(5\)" birddog.txt
'

# The five programs, and any other program the build makes.
progs="discover enrich score docgen mailout"
for f in "$BIN"/*; do
	[ -x "$f" ] || continue
	case " $progs " in
	*" ${f##*/} "*) ;;
	*) progs="$progs ${f##*/}" ;;
	esac
done

for prog in $progs; do
	if [ ! -x "$BIN/$prog" ]; then
		test_skip "$prog: help, options and examples" "build/bin/$prog not built yet"
		continue
	fi
	test_expect_success "$prog: man/$prog.1 exists" '
		test -f "$MAN/$prog.1"
	'
	test_expect_success "$prog: --help goes to stdout and exits 0" '
		test_expect_code 0 "$prog" --help >help.out 2>help.err || false
		test_cmp /dev/null help.err
		test_grep "^usage: $prog " help.out
	'
	test_expect_success "$prog: every long option in --help is in man/$prog.1" '
		"$prog" --help >help.out
		mandoc -Tutf8 "$MAN/$prog.1" | col -b -x >page.txt
		sed "/^Examples:/q" help.out | grep -o -e "--[a-z][a-z0-9-]*" | sort -u >options
		test -s options
		missing=
		for opt in $(cat options); do
			grep -q -e "$opt\([^a-z0-9-]\|$\)" page.txt || missing="$missing $opt"
		done
		if [ -n "$missing" ]; then
			echo "man/$prog.1 lacks:$missing" >&2
			false
		fi
	'
	test_expect_success "$prog: --help ends with examples of $prog" '
		"$prog" --help >help.out
		sed -n "/^Examples:/,\$p" help.out >help.examples
		test "$(grep -c "^  .*\b$prog " help.examples)" -ge 2
	'
	test_expect_success "$prog: every option in the man page SYNOPSIS is in --help" '
		"$prog" --help >help.out
		mandoc -Tutf8 "$MAN/$prog.1" | col -b -x |
			sed -n "/^SYNOPSIS/,/^[A-Z]/p" >synopsis.txt
		missing=
		for opt in $(grep -o -e "--[a-z][a-z0-9-]*" synopsis.txt | sort -u); do
			grep -q -e "$opt\([^a-z0-9-]\|$\)" help.out || missing="$missing $opt"
		done
		if [ -n "$missing" ]; then
			echo "--help lacks:$missing" >&2
			false
		fi
	'
	test_expect_success "$prog: an unknown option exits 64 and says try --help" '
		test_expect_code 64 "$prog" --no-such-option </dev/null >bad.out 2>bad.err || false
		test_cmp /dev/null bad.out
		test_grep "try '\''$prog --help'\''" bad.err
	'
	test_expect_success "$prog: an option missing its value does not eat the next option" '
		test_expect_code 64 "$prog" --tenant --quiet </dev/null >eat.out 2>eat.err || false
		test_cmp /dev/null eat.out
		test_grep "'\''--tenant'\'' needs a value, but '\''--quiet'\'' follows it" eat.err
	'
	test_expect_success "$prog: --version prints the version" '
		test_expect_code 0 "$prog" --version >version.out 2>version.err || false
		test_grep "^$prog .*[0-9]+\.[0-9]+" version.out
		test_cmp /dev/null version.err
	'
	test_expect_success "$prog: the EXAMPLES in man/$prog.1 run" '
		run_examples "$MAN/$prog.1"
	'
done

if [ -x "$BIN/discover" ] && [ -x "$BIN/enrich" ] && [ -x "$BIN/score" ] &&
	[ -x "$BIN/docgen" ] && [ -x "$BIN/mailout" ]; then
	test_expect_success 'the EXAMPLES in birddog.7 run' '
		run_examples "$MAN/birddog.7"
	'
	test_expect_success 'the EXAMPLES in birddog-record.5 run' '
		run_examples "$MAN/birddog-record.5"
	'
else
	test_skip 'the EXAMPLES in birddog.7 and birddog-record.5 run' 'not every program is built yet'
fi

test_expect_success 'the example extractor finds commands, continuations and statuses' '
	cat >x.1 <<-\EOF
	.Dd January 1, 2026
	.Dt X 1
	.Os
	.Sh NAME
	.Nm x
	.Nd x
	.Sh DESCRIPTION
	.Dl $ not an example
	.Sh EXAMPLES
	Text with a $ sign.
	.Dl $ echo one
	.Bd -literal -offset indent
	$ printf "%s\en" "a b" | tr a \e
	    b
	output line
	$ false # exit 1
	.Ed
	.Sh SEE ALSO
	EOF
	mkdir ex
	man_example_commands x.1 ex
	printf "echo one\n" >expect.1
	printf "printf \"%%s\\\\n\" \"a b\" | tr a \\\\\nb\n" >expect.2
	printf "false # exit 1\n" >expect.3
	test_cmp expect.1 ex/1.sh
	test_cmp expect.2 ex/2.sh
	test_cmp expect.3 ex/3.sh
	test ! -e ex/4.sh
	test "$(expected_status ex/3.sh)" = 1
	test "$(expected_status ex/1.sh)" = 0
	test "$(sh ex/2.sh)" = "b b"
'

# For the reader of the TAP output: how many example commands each page has.
for page in "$MAN"/*.[1-9]; do
	[ -f "$page" ] || continue
	d="$TMP/count/$(basename "$page")"
	mkdir -p "$d"
	man_example_commands "$page" "$d"
	echo "# $(basename "$page"): $(find "$d" -name "*.sh" | wc -l | tr -d " ") example commands"
done

test_done
