#!/bin/sh
# SPDX-License-Identifier: MIT
# birddog-config(5) against the code: it documents every key lib/tenant.c
# reads, its complete tenant.json is one docgen and mailout accept and has
# no key they ignore, and its EXAMPLES run as tests/90-man.t runs a page's.
. "$(dirname "$0")/lib.sh"

PAGE="$TEST_ROOT/man/birddog-config.5"
BUYERS="$TESTDATA/mailout/buyers.csv"

# The keys tenant_load_file() reads: field(t, "KEY", ...) and flag(t, "KEY", ...).
code_keys() {
	sed -n -e 's/.*[^a-z_]field(t, "\([^"]*\)".*/\1/p' \
		-e 's/.*[^a-z_]flag(t, "\([^"]*\)".*/\1/p' "$TEST_ROOT/lib/tenant.c" | sort -u
}

# The page as a reader sees it; section NAME of it on stdout.
render() {
	mandoc -Tutf8 -O width=100 "$PAGE" | col -b -x >page.txt
}
section() {
	awk -v s="$1" '$0 == s { on = 1; next } /^[A-Z]/ { on = 0 } on' page.txt
}

# The complete tenant.json of EXAMPLES: the first display from a line "{"
# to a line "}", as rendered.
example_json() {
	section EXAMPLES | awk '/^ *\{$/ { on = 1 } on { print } on && /^ *\}$/ { exit }'
}

test_expect_success 'the page lints clean' '
	mandoc -Tlint -Wwarning "$PAGE" >lint.out 2>&1 || :
	test_cmp /dev/null lint.out
'

test_expect_success 'the keys lib/tenant.c reads are found in the source' '
	code_keys >keys.code
	cat keys.code
	# one key a call, none missed by code_keys, and the boolean among them
	calls=$(grep -c -e "[^a-z_]field(t, \"" -e "[^a-z_]flag(t, \"" "$TEST_ROOT/lib/tenant.c")
	test "$calls" -ge 5
	test "$calls" -eq "$(wc -l <keys.code)"
	grep -q "[^a-z_]flag(t, \"" "$TEST_ROOT/lib/tenant.c"
'

test_expect_success 'every key lib/tenant.c reads is in the rendered TENANT.JSON' '
	code_keys >keys.code
	render
	section TENANT.JSON >tenant.txt
	if ! test -s tenant.txt; then
		echo "man/birddog-config.5 has no TENANT.JSON section" >&2
		false
	fi
	missing=
	for key in $(cat keys.code); do
		re=$(printf "%s\n" "$key" | sed "s/\./\\\\./g")
		grep -E -q "(^|[^a-z_.])$re([^a-z_.]|\.([^a-z_]|\$)|\$)" tenant.txt ||
			missing="$missing $key"
	done
	if [ -n "$missing" ]; then
		echo "man/birddog-config.5 does not document:$missing" >&2
		false
	fi
'

# The keys TENANT.JSON lists, from its ".It Cm KEY [, KEY ...]" entries.
page_keys() {
	awk '/^\.Sh / { on = ($2 == "TENANT.JSON") }
	on && /^\.It Cm / {
		for (i = 3; i <= NF && $i !~ /^[A-Z][a-z]$/; i++)
			if ($i ~ /^[a-z][a-z_.]*$/)
				print $i
	}' "$PAGE" | sort -u
}

test_expect_success 'TENANT.JSON lists each key lib/tenant.c reads, and no other' '
	code_keys >keys.code
	page_keys >keys.page
	test_cmp keys.code keys.page
'

test_expect_success 'the example tenant.json is a JSON object with every key the code reads' '
	code_keys >keys.code
	render
	example_json >example.json
	cat example.json
	jq -e "type == \"object\"" example.json >/dev/null
	jq -r "paths(type != \"object\") | map(tostring) | join(\".\")" example.json |
		sort >keys.example
	test_cmp keys.code keys.example
'

# The example as a tenant of its own, "acme", in a configuration directory
# of its own.
setup_acme() {
	render
	mkdir -p "$TMP/cfg/acme"
	example_json >"$TMP/cfg/acme/tenant.json"
	test -s "$TMP/cfg/acme/tenant.json"
}

test_expect_success 'docgen --check accepts the example tenant.json' '
	setup_acme
	BIRDDOG_CONFIG="$TMP/cfg" docgen -t acme --check -v >out 2>err
	test_cmp /dev/null out
	test_grep "^docgen: using '\''$TMP/cfg/acme/tenant.json'\''\$" err
	test_grep "^docgen: ready: .*the tenant '\''$TMP/cfg/acme/tenant.json'\''\$" err
'

test_expect_success 'mailout --check accepts it for a dry run' '
	setup_acme
	BIRDDOG_CONFIG="$TMP/cfg" mailout -t acme --check --dry-run --maildir "$TMP/m" \
		-b "$BUYERS" >out 2>err
	test_cmp /dev/null out
	sender=$(jq -r .sender.email "$TMP/cfg/acme/tenant.json")
	test_grep "^mailout: ready: the sender '\''$sender'\'' of '\''$TMP/cfg/acme/tenant.json'\''" err
	test ! -e "$TMP/m"
'

test_expect_success 'mailout --check accepts it for sending: it is no example identity' '
	setup_acme
	BIRDDOG_CONFIG="$TMP/cfg" mailout -t acme --check --smtp smtp://127.0.0.1:1 \
		-b "$BUYERS" >out 2>err
	test_cmp /dev/null out
	test_grep "^mailout: ready: .*sending through the SMTP server given" err
'

test_expect_success 'the checks can fail: a colour that is not #rgb or #rrggbb is refused' '
	setup_acme
	jq ".branding.accent = \"orange\"" "$TMP/cfg/acme/tenant.json" >bad.json
	mv bad.json "$TMP/cfg/acme/tenant.json"
	test_expect_code 78 env BIRDDOG_CONFIG="$TMP/cfg" docgen -t acme --check >out 2>err
	test_cmp /dev/null out
	test_grep "branding colours" err
'

# The runner of tests/90-man.t, taken from it so that both run examples
# the same way: a "$ " line is a command, "# exit N" its status.
eval "$(sed -n -e '/^man_example_commands() {$/,/^}$/p' -e '/^expected_status() {$/,/^}$/p' \
	-e '/^run_examples() {$/,/^}$/p' "$TEST_ROOT/tests/90-man.t")"

test_expect_success 'the EXAMPLES run' '
	command -v run_examples >/dev/null || {
		echo "no run_examples in tests/90-man.t" >&2
		false
	}
	ROOT="$TMP/root"
	mkdir -p "$ROOT"
	for f in "$TEST_ROOT"/*; do
		ln -s "$f" "$ROOT/$(basename "$f")"
	done
	run_examples "$PAGE"
'

test_done
