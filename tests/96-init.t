#!/bin/sh
# SPDX-License-Identifier: MIT
# birddog-init sets up a tenant from the installed defaults: tenant.json from
# options (or questions on a terminal) held to the programs' rules, nothing
# left behind when a value is refused, the example identity and example
# domains refused, --force, --check on good and broken tenants, and the
# programs then using the new tenant's files.
. "$(dirname "$0")/lib.sh"

export BIRDDOG_CONFIG="$TMP/config"
export TMPDIR="$TMP/scratch"
mkdir -p "$TMPDIR"
unset BIRDDOG_SHARE XDG_CONFIG_HOME
SHARE="$TEST_ROOT/build/share/birddog"
ADDR='1 Main St, Reno, NV 89501'

# init_acme [OPTIONS]: sets up the tenant acme with valid values.
init_acme() {
	birddog-init -t acme --company 'Acme Home Buyers' --sender-name 'Ann Lee' \
		--sender-email ann@acme.example --postal-address "$ADDR" \
		--allow-example-domain "$@" </dev/null
}

# nothing_made TENANT: no directory for it and no scratch file left.
nothing_made() {
	test ! -e "$BIRDDOG_CONFIG/$1"
	find "$TMPDIR" -type f >left
	test_cmp /dev/null left
}

test_expect_success 'makes tenant.json, scorecard.json and templates/ from options' '
	test_expect_code 0 init_acme >out 2>err
	test_cmp /dev/null err
	test_grep "^Set up the tenant .acme. in .$BIRDDOG_CONFIG/acme.:" out
	test_grep "tenant.json +written" out
	test_grep "scorecard.json +copied from .$SHARE/scorecard.json." out
	test_grep "templates/ +5 files copied" out
	test_grep "discover --check -t acme -m your.map.json your.csv" out
	test_grep "birddog-pipeline -t acme -n " out
	test_grep "man birddog-config" out
	cmp "$SHARE/scorecard.json" "$BIRDDOG_CONFIG/acme/scorecard.json"
	(cd "$SHARE/templates" && ls) >want
	(cd "$BIRDDOG_CONFIG/acme/templates" && ls) >got
	test_cmp want got
	for f in tenant.json scorecard.json templates/memo.html.mustache; do
		test "$(stat -c %a "$BIRDDOG_CONFIG/acme/$f")" = 644
	done
	find "$BIRDDOG_CONFIG" -name "*.??????" >temps
	test_cmp /dev/null temps
'

test_expect_success 'tenant.json holds the values given, the branding defaults, no owner names' '
	jq -c . "$BIRDDOG_CONFIG/acme/tenant.json" >got
	cat >want <<-\EOF
	{"company":"Acme Home Buyers","sender":{"name":"Ann Lee","email":"ann@acme.example"},"postal_address":"1 Main St, Reno, NV 89501","branding":{"primary":"#1d4e89","accent":"#f2a541"},"share_owner_name":false}
	EOF
	test_cmp want got
'

test_expect_success 'every option reaches its key' '
	test_expect_code 0 birddog-init -q -t full --company "Full \"Q\" Co" --sender-name Bo \
		--sender-email bo@full.example --reply-to deals@full.example \
		--postal-address "$ADDR" --phone "+1 775 555 0100" --website https://full.example \
		--unsubscribe-email stop@full.example --unsubscribe-url "https://full.example/u?x=1" \
		--color-primary "#123" --color-accent "#A0B1C2" --share-owner-name \
		--allow-example-domain </dev/null >out 2>err
	test_cmp /dev/null out
	test_cmp /dev/null err
	jq -r "[.company, .sender.name, .sender.email, .reply_to, .postal_address, .phone,
		.website, .unsubscribe.email, .unsubscribe.url, .branding.primary,
		.branding.accent, .share_owner_name] | map(tostring) | join(\"|\")" \
		"$BIRDDOG_CONFIG/full/tenant.json" >got
	echo "Full \"Q\" Co|Bo|bo@full.example|deals@full.example|$ADDR|+1 775 555 0100|https://full.example|stop@full.example|https://full.example/u?x=1|#123|#A0B1C2|true" >want
	test_cmp want got
'

test_expect_success 'a required value missing, stdin not a terminal: 64 naming the options' '
	test_expect_code 64 birddog-init -t nope --company X </dev/null >out 2>err
	test_cmp /dev/null out
	test_grep "^birddog-init: .--sender-email. and .--postal-address. are required" err
	test_grep "try .birddog-init --help." err
	test_expect_code 64 birddog-init -t nope --sender-email a@b.co </dev/null 2>err
	test_grep "^birddog-init: .--postal-address. is required" err
	nothing_made nope
'

test_expect_success 'a bad email: 78 with the programs'\'' message, nothing left behind' '
	test_expect_code 78 birddog-init -t bad --sender-email "ann at acme" \
		--postal-address "$ADDR" </dev/null >out 2>err
	test_cmp /dev/null out
	echo "birddog-init: $BIRDDOG_CONFIG/bad/tenant.json: '\''sender.email'\'' is not a valid address (nothing written)" >want
	test_cmp want err
	nothing_made bad
'

test_expect_success 'bad colours, company lines and unsubscribe URLs: 78, nothing made' '
	test_expect_code 78 init_acme -t bad --color-primary red 2>err
	test_grep "branding colours must look like" err
	test_expect_code 78 init_acme -t bad --company "$(printf "A\nB")" 2>err
	test_grep "must be one line" err
	test_expect_code 78 init_acme -t bad --unsubscribe-url http://acme.example/u 2>err
	test_grep "^birddog-init: --unsubscribe-url: .unsubscribe.url. must be an https:// URL" err
	test_expect_code 78 init_acme -t bad --reply-to "x@" 2>err
	test_grep "reply_to. is not a valid address" err
	nothing_made bad
'

test_expect_success 'the example identity is refused, whatever the case and punctuation' '
	test_expect_code 78 birddog-init -t ex --sender-email YOU@example.com \
		--postal-address "$ADDR" --allow-example-domain </dev/null >out 2>err
	test_cmp /dev/null out
	test_grep "^birddog-init: --sender-email: .sender.email. .YOU@example.com. is the example tenant.s \($SHARE/tenant.json\): give your own$" err
	test_expect_code 78 birddog-init -t ex --sender-email ann@acme.example \
		--postal-address "123 example st suite 100, Anytown NV 89000" \
		--allow-example-domain </dev/null 2>err
	test_grep "^birddog-init: --postal-address: .postal_address. .* is the example tenant.s" err
	test_expect_code 78 init_acme -t ex --company "EXAMPLE HOME BUYERS" 2>err
	test_grep "^birddog-init: --company: .company. .* is the example tenant.s" err
	nothing_made ex
'

test_expect_success 'example domains are refused unless --allow-example-domain' '
	test_expect_code 78 birddog-init -t ex --sender-email ann@acme.example \
		--postal-address "$ADDR" </dev/null 2>err
	test_grep "^birddog-init: --sender-email: .sender.email. .ann@acme.example. is in a domain reserved for examples" err
	test_grep "allow-example-domain" err
	test_expect_code 78 birddog-init -t ex --sender-email ann@acme.co \
		--reply-to deals@example.org --postal-address "$ADDR" </dev/null 2>err
	test_grep "^birddog-init: --reply-to: .reply_to. .deals@example.org. is in a domain reserved" err
	nothing_made ex
	test_expect_code 0 birddog-init -q -t real --sender-email ann@acme.co \
		--postal-address "$ADDR" </dev/null
	test -f "$BIRDDOG_CONFIG/real/tenant.json"
'

test_expect_success 'no installed defaults: 78, nothing made' '
	test_expect_code 78 env BIRDDOG_SHARE="$TMP/nowhere" birddog-init -t noshare \
		--sender-email ann@acme.co --postal-address "$ADDR" </dev/null >out 2>err
	test_cmp /dev/null out
	test_grep "^birddog-init: no installed defaults \(scorecard.json, templates/\) in .$TMP/nowhere.: set .BIRDDOG_SHARE" err
	nothing_made noshare
'

test_expect_success 'a configuration directory that cannot be made: 74' '
	: >"$TMP/plainfile"
	test_expect_code 74 env BIRDDOG_CONFIG="$TMP/plainfile" birddog-init -t io \
		--sender-email ann@acme.co --postal-address "$ADDR" </dev/null >out 2>err
	test_grep "^birddog-init: cannot create .$TMP/plainfile/io.: Not a directory" err
'

test_expect_success 'an existing tenant.json: 73 without --force, untouched' '
	cp "$BIRDDOG_CONFIG/acme/tenant.json" before
	test_expect_code 73 init_acme --company Other >out 2>err
	test_cmp /dev/null out
	test_grep "^birddog-init: $BIRDDOG_CONFIG/acme/tenant.json: exists: birddog-init updates it only with --force" err
	test_cmp before "$BIRDDOG_CONFIG/acme/tenant.json"
'

test_expect_success '--force replaces tenant.json and keeps an edited scorecard and templates' '
	echo "{\"model\": \"mine\", \"base\": 50, \"rules\": []}" >"$BIRDDOG_CONFIG/acme/scorecard.json"
	echo "{{! mine }}" >"$BIRDDOG_CONFIG/acme/templates/subject.mustache"
	rm "$BIRDDOG_CONFIG/acme/templates/footer.mustache"
	test_expect_code 0 init_acme --force --company "Acme Two" >out 2>err
	test_cmp /dev/null err
	test_grep "tenant.json +written \(--force; the old one is tenant.json.bak\)" out
	test "$(jq -r .company "$BIRDDOG_CONFIG/acme/tenant.json.bak")" = "Acme Home Buyers"
	test_grep "scorecard.json +kept" out
	test_grep "templates/ +1 file copied .*, 4 kept" out
	test "$(jq -r .company "$BIRDDOG_CONFIG/acme/tenant.json")" = "Acme Two"
	test_grep mine "$BIRDDOG_CONFIG/acme/scorecard.json"
	test_grep mine "$BIRDDOG_CONFIG/acme/templates/subject.mustache"
	cmp "$SHARE/templates/footer.mustache" "$BIRDDOG_CONFIG/acme/templates/footer.mustache"
	cp "$SHARE/scorecard.json" "$BIRDDOG_CONFIG/acme/scorecard.json"
	cp "$SHARE/templates/subject.mustache" "$BIRDDOG_CONFIG/acme/templates/"
'

test_expect_success '--force updates: what no option gives is kept, unknown keys too' '
	jq ". + {license: \"NV 12345\"}" "$BIRDDOG_CONFIG/acme/tenant.json" >t.json
	cp t.json "$BIRDDOG_CONFIG/acme/tenant.json"
	test_expect_code 0 birddog-init -t acme --force --allow-example-domain \
		--phone "+1 775 555 0100" --reply-to "" </dev/null >out 2>err
	test_cmp /dev/null err
	jq -c "[.company, .sender.email, .postal_address, .phone, .license, .reply_to]" \
		"$BIRDDOG_CONFIG/acme/tenant.json" >got
	echo "[\"Acme Two\",\"ann@acme.example\",\"$ADDR\",\"+1 775 555 0100\",\"NV 12345\",null]" >want
	test_cmp want got
	test_cmp t.json "$BIRDDOG_CONFIG/acme/tenant.json.bak"
'

test_expect_success '--force replaces a tenant.json that does not load, keeping it' '
	mkdir -p "$BIRDDOG_CONFIG/broken"
	echo "{ not json" >"$BIRDDOG_CONFIG/broken/tenant.json"
	test_expect_code 0 birddog-init -t broken --force --allow-example-domain \
		--sender-email ann@acme.example --postal-address "$ADDR" </dev/null >out 2>err
	test_grep "broken/tenant.json:1:.*replacing it \(the old file is kept as .*tenant.json.bak.\)" err
	test_grep "not json" "$BIRDDOG_CONFIG/broken/tenant.json.bak"
	test "$(jq -r .sender.email "$BIRDDOG_CONFIG/broken/tenant.json")" = ann@acme.example
'

test_expect_success '--force with a bad value keeps the old tenant.json' '
	cp "$BIRDDOG_CONFIG/acme/tenant.json" before
	test_expect_code 78 init_acme --force --sender-email "not an address" 2>err
	test_grep "is not a valid address" err
	test_cmp before "$BIRDDOG_CONFIG/acme/tenant.json"
'

test_expect_success '--check on a good tenant says ready and which files' '
	test_expect_code 0 birddog-init --check -t acme --allow-example-domain >out 2>err
	test_cmp /dev/null out
	echo "birddog-init: ready: the tenant '\''acme'\'' (sender '\''ann@acme.example'\'') in '\''$BIRDDOG_CONFIG/acme/tenant.json'\'', the scorecard '\''$BIRDDOG_CONFIG/acme/scorecard.json'\'', the templates in '\''$BIRDDOG_CONFIG/acme/templates'\''" >want
	test_cmp want err
	test_expect_code 0 birddog-init --check -q -t acme --allow-example-domain >out 2>err
	test_cmp /dev/null err
'

test_expect_success '--check without --allow-example-domain counts an example domain' '
	test_expect_code 78 birddog-init --check -t acme 2>err
	test_grep "^birddog-init: $BIRDDOG_CONFIG/acme/tenant.json: .sender.email. .ann@acme.example. is in a domain reserved" err
'

test_expect_success '--check falls back to the installed scorecard and templates' '
	mkdir -p "$BIRDDOG_CONFIG/bare"
	cp "$BIRDDOG_CONFIG/real/tenant.json" "$BIRDDOG_CONFIG/bare/"
	test_expect_code 0 birddog-init --check -v -t bare 2>err
	test_grep "using the installed default .$SHARE/scorecard.json." err
	test_grep "the scorecard .$SHARE/scorecard.json. \(the installed default\)" err
	test_grep "the templates in .$SHARE/templates. \(the installed default\)" err
'

# break_tenant NAME: a copy of acme to break.
break_tenant() {
	rm -rf "$BIRDDOG_CONFIG/$1"
	cp -r "$BIRDDOG_CONFIG/acme" "$BIRDDOG_CONFIG/$1"
}

test_expect_success '--check on broken tenants: 78 with what is wrong' '
	test_expect_code 78 birddog-init --check -t none 2>err
	test_grep "^birddog-init: $BIRDDOG_CONFIG/none/tenant.json: no such file: set up the tenant .none. with .birddog-init -t none." err
	break_tenant broken
	echo "{\"company\": " >"$BIRDDOG_CONFIG/broken/tenant.json"
	test_expect_code 78 birddog-init --check -t broken --allow-example-domain 2>err
	test_grep "^birddog-init: $BIRDDOG_CONFIG/broken/tenant.json:2:" err
	break_tenant broken
	jq ".sender.email = \"ann at acme\"" "$BIRDDOG_CONFIG/acme/tenant.json" >"$BIRDDOG_CONFIG/broken/tenant.json"
	test_expect_code 78 birddog-init --check -t broken --allow-example-domain 2>err
	test_grep "sender.email. is not a valid address" err
	jq "del(.postal_address)" "$BIRDDOG_CONFIG/acme/tenant.json" >"$BIRDDOG_CONFIG/broken/tenant.json"
	test_expect_code 78 birddog-init --check -t broken --allow-example-domain 2>err
	test_grep "postal_address. is required" err
	jq ".share_owner_name = \"yes\"" "$BIRDDOG_CONFIG/acme/tenant.json" >"$BIRDDOG_CONFIG/broken/tenant.json"
	test_expect_code 78 birddog-init --check -t broken --allow-example-domain 2>err
	test_grep "share_owner_name. must be true or false" err
	break_tenant broken
	echo "[1, 2]" >"$BIRDDOG_CONFIG/broken/scorecard.json"
	test_expect_code 78 birddog-init --check -t broken --allow-example-domain 2>err
	test_grep "broken/scorecard.json: the top-level value must be an object" err
	break_tenant broken
	rm "$BIRDDOG_CONFIG/broken/templates/memo.txt.mustache"
	test_expect_code 78 birddog-init --check -t broken --allow-example-domain 2>err
	test_grep "cannot read template .*broken/templates/memo.txt.mustache" err
'

test_expect_success '--check takes no values; no file arguments' '
	test_expect_code 64 birddog-init --check -t acme --company X 2>err
	test_grep "checks the tenant as it is" err
	test_expect_code 64 birddog-init -t acme some.csv 2>err
	test_grep "unexpected argument .some.csv." err
	test_expect_code 64 birddog-init -t "a/b" 2>err
	test_grep "invalid tenant name" err
'

# On a terminal: script(1) of util-linux gives the program a pseudo-terminal
# and types the answers; timeout bounds it should the program wait on.
if script -V 2>/dev/null | grep -q util-linux; then
	test_expect_success 'on a terminal it asks, and asks again after a bad answer' '
		printf "%s\n" "Tty Co" "" "no-at-sign" "tty@tty.example" "" "$ADDR" \
			"" "" "" "http://tty.example/u" "https://tty.example/u" "red" "#abc" "" \
			"maybe" "y" >answers
		test_expect_code 0 timeout 20 script -qec \
			"birddog-init -t tty --allow-example-domain" /dev/null <answers >typescript
		test_grep "sender.email. is not a valid address" typescript
		test_grep "unsubscribe.url. must be an https:// URL" typescript
		test_grep "branding colours must look like" typescript
		test_grep "answer y or n" typescript
		test_grep "Set up the tenant .tty." typescript
		jq -c "[.company, .sender, .postal_address, .unsubscribe, .branding, .share_owner_name]" \
			"$BIRDDOG_CONFIG/tty/tenant.json" >got
		echo "[\"Tty Co\",{\"email\":\"tty@tty.example\"},\"$ADDR\",{\"url\":\"https://tty.example/u\"},{\"primary\":\"#abc\",\"accent\":\"#f2a541\"},true]" >want
		test_cmp want got
	'
	test_expect_success 'on a terminal, the input ending stops it: 64, nothing made' '
		printf "%s\n" "Tty Co" "" >answers
		test_expect_code 64 timeout 20 script -qec \
			"birddog-init -t tty2 --allow-example-domain" /dev/null <answers >typescript
		test_grep "no answer for --sender-email: nothing written" typescript
		nothing_made tty2
	'
	test_expect_success 'on a terminal, given values are not asked for' '
		test_expect_code 0 timeout 20 script -qec \
			"birddog-init -q -t tty3 --sender-email a@tty3.co --postal-address x" \
			/dev/null </dev/null >typescript
		test_cmp /dev/null typescript
	'
else
	test_skip 'on a terminal it asks' 'no script(1) from util-linux to give it a terminal'
fi

test_expect_success 'mailout and docgen take the new sender and company' '
	test_expect_code 0 mailout --check -t acme -b "$TESTDATA/mailout/buyers.csv" >out 2>err
	test_grep "^mailout: ready: the sender .ann@acme.example. of .$BIRDDOG_CONFIG/acme/tenant.json." err
	test_expect_code 0 docgen -q -t acme "$TESTDATA/docgen/scored.ndjson" >out 2>err
	test_cmp /dev/null err
	test_grep "Acme Two" "$BIRDDOG_HOME/acme/packets/clark_nv-48213.txt"
	test_grep "1 Main St, Reno, NV 89501" "$BIRDDOG_HOME/acme/packets/clark_nv-48213.html"
'

test_expect_success 'score uses the tenant'\''s copied scorecard' '
	test_expect_code 0 score --check -v -t acme >out 2>err
	test_grep "^score: using .$BIRDDOG_CONFIG/acme/scorecard.json.$" err
	test_grep "^score: ready: the scorecard .$BIRDDOG_CONFIG/acme/scorecard.json.$" err
'

test_expect_success 'an installed copy takes its defaults from PREFIX/share/birddog' '
	make -s -C "$TEST_ROOT" install DESTDIR="$TMP/stage" PREFIX=/opt/bd >out 2>err
	P="$TMP/stage/opt/bd"
	test -x "$P/bin/birddog-init"
	test -f "$P/share/man/man1/birddog-init.1"
	test -f "$P/share/man/man5/birddog-config.5"
	test_expect_code 0 "$P/bin/birddog-init" -t inst --sender-email ann@acme.co \
		--postal-address "$ADDR" </dev/null >out 2>err
	test_grep "copied from .$P/share/birddog/scorecard.json." out
	test_expect_code 78 "$P/bin/birddog-init" -t inst2 --sender-email you@example.com \
		--postal-address "$ADDR" --allow-example-domain </dev/null 2>err
	test_grep "example tenant.s \($P/share/birddog/tenant.json\)" err
	make -s -C "$TEST_ROOT" uninstall DESTDIR="$TMP/stage" PREFIX=/opt/bd >out 2>err
	find "$TMP/stage" -type f >left
	test_cmp /dev/null left
'

test_done
