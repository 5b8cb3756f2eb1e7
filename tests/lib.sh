# SPDX-License-Identifier: MIT
# Shell test helpers that print TAP (the Test Anything Protocol) for prove.
# Each test file sources this, calls test_expect_success, then test_done.
# Tests run in a fresh temporary directory with their own data and config.

TEST_ROOT=$(cd "$(dirname "$0")/.." && pwd)
PATH="$TEST_ROOT/build/bin:$PATH"
TESTDATA="$TEST_ROOT/testdata"
SHARED_DATA="$TEST_ROOT/../shared/data"
PYTHON=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/birddog-test.XXXXXX")
trap '[ -n "${TEST_KEEP:-}" ] || rm -rf "$TMP"' EXIT   # TEST_KEEP=1 keeps it to look at
export BIRDDOG_HOME="$TMP/home"
export BIRDDOG_CONFIG="$TESTDATA/config"
export BIRDDOG_NOW=2026-11-23T04:00:00Z
export LC_ALL=C
unset BIRDDOG_TENANT
cd "$TMP" || exit 1

test_count=0
test_failed=0

# test_expect_success DESCRIPTION 'BODY': runs BODY with set -e in a subshell.
test_expect_success() {
	[ -n "${TEST_TRACE:-}" ] && set -x
	test_count=$((test_count + 1))
	(set -e; eval "$2") >"$TMP/.test-output" 2>&1
	if [ $? -eq 0 ]; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/#   /' "$TMP/.test-output"
	fi
}

# test_skip DESCRIPTION REASON
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # skip $2"
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}

# test_cmp EXPECTED ACTUAL: the files are equal, or the diff is shown.
test_cmp() {
	diff -u "$1" "$2"
}

# test_expect_code CODE COMMAND...: COMMAND exits with CODE.
test_expect_code() {
	want=$1
	shift
	got=0
	"$@" || got=$?
	if [ "$got" -ne "$want" ]; then
		echo "expected exit $want, got $got from: $*" >&2
		return 1
	fi
	return 0
}

# test_must_fail COMMAND...: COMMAND exits non-zero and was not killed by a signal.
test_must_fail() {
	got=0
	"$@" || got=$?
	if [ "$got" -eq 0 ] || [ "$got" -gt 128 ]; then
		echo "expected failure, got exit $got from: $*" >&2
		return 1
	fi
	return 0
}

# test_grep PATTERN FILE: FILE has a line matching the extended regexp.
test_grep() {
	if ! grep -E -q -e "$1" "$2"; then
		echo "no line matching '$1' in $2:" >&2
		cat "$2" >&2
		return 1
	fi
}

# test_line_count N FILE
test_line_count() {
	got=$(wc -l <"$2")
	if [ "$got" -ne "$1" ]; then
		echo "expected $1 lines in $2, got $got" >&2
		cat "$2" >&2
		return 1
	fi
}

# have_shared_data: true when ../shared/data is beside the repository.
have_shared_data() {
	[ -d "$SHARED_DATA" ]
}
