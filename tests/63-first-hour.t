#!/bin/sh
# SPDX-License-Identifier: MIT
# A new user's first hour, as README's "Your own listings" walks it: a fresh
# make install into a PREFIX, nothing set but HOME and PATH, a new tenant set
# up with birddog-init, a listings export in a portal's layout and a county
# file in the county's (neither is testdata's), a map written from discover's
# own message, a preview that uses nothing up, the parcels loaded, then
# birddog-pipeline: messages in a Maildir, then real mail to an SMTP server on
# 127.0.0.1, from the tenant's own identity. Every command and option used is
# one the installed man pages document.
. "$(dirname "$0")/lib.sh"
. "$TEST_ROOT/tests/smtp.sh"

P="$TMP/prefix"
U="$TMP/user"
mkdir -p "$U/work"

# The user's shell: the installed programs first, none of the tests' settings.
user_env() {
	unset BIRDDOG_HOME BIRDDOG_CONFIG BIRDDOG_SHARE BIRDDOG_TENANT BIRDDOG_NOW \
		XDG_CONFIG_HOME XDG_DATA_HOME
	HOME="$U"
	PATH="$P/bin:/usr/local/bin:/usr/bin:/bin"
	export HOME PATH
	cd "$U/work"
}

# walk COMMAND...: runs a command the user types, keeping it for the check
# that it is documented.
walk() {
	printf '%s\n' "$*" >>"$TMP/walk.commands"
	"$@"
}

CONFIG="$U/.config/birddog/acme"
DATA="$U/.local/share/birddog/acme"

# The portal's export: its own column names, a price with $ and commas, a
# unit after '#', the long URL column name portals use.
cat >"$U/work/listings.csv" <<'EOF'
SALE TYPE,SOLD DATE,PROPERTY TYPE,ADDRESS,CITY,STATE OR PROVINCE,ZIP OR POSTAL CODE,PRICE,BEDS,BATHS,LOCATION,SQUARE FEET,LOT SIZE,YEAR BUILT,DAYS ON MARKET,$/SQUARE FEET,HOA/MONTH,STATUS,NEXT OPEN HOUSE START TIME,NEXT OPEN HOUSE END TIME,URL (SEE https://www.portal.example/buy-a-home/comparative-market-analysis FOR INFO ON PRICING),SOURCE,MLS#,FAVORITE,INTERESTED,LATITUDE,LONGITUDE
MLS Listing,,Single Family Residential,1410 Mayberry Dr,Reno,NV,89509,"$289,000",3,2,Mayberry,1500,6500,1968,12,193,,Active,,,https://portal.example/NV/Reno/1410-Mayberry-Dr/home/1,NNRMLS,250001,N,Y,39.5170,-119.8320
MLS Listing,,Single Family Residential,1420 Mayberry Drive,Reno,NV,89509,"$415,000",3,2,Mayberry,1520,6000,1972,30,273,,Active,,,https://portal.example/NV/Reno/1420-Mayberry-Dr/home/2,NNRMLS,250002,N,Y,39.5171,-119.8321
MLS Listing,,Condo/Co-op,225 Plumas St #12,Reno,NV,89509,"$198,500",2,1,Old Southwest,940,,1981,5,211,310,Active,,,https://portal.example/NV/Reno/225-Plumas-St-12/home/3,NNRMLS,250003,N,Y,39.5150,-119.8200
MLS Listing,,Single Family Residential,630 Vassar Street,Reno,NV,89502,"$305,000",4,2,Midtown,1700,5000,1955,44,179,,Active,,,https://portal.example/NV/Reno/630-Vassar-St/home/4,NNRMLS,250004,N,Y,39.5110,-119.8050
MLS Listing,,Townhouse,640 Vassar St,Reno,NV,89502,"$399,000",3,3,Midtown,1600,,2004,2,249,150,Active,,,https://portal.example/NV/Reno/640-Vassar-St/home/5,NNRMLS,250005,N,Y,39.5111,-119.8051
EOF

# The county's file: 30 parcels in three streets at $250 a square foot, every
# other owner living in California.
awk 'BEGIN {
	OFS = ","
	print "Parcel ID", "Property Address", "City", "Zip Code", "Owner", "Mailing Address", \
		"Mailing City", "Mailing State", "Mailing Zip", "Total Value", "Building SqFt", \
		"Year Built", "Last Sale Date", "Last Sale Price"
	for (i = 0; i < 30; i++) {
		k = int(i / 3)
		if (i % 3 == 0) { num = 1400 + 10 * k; street = "MAYBERRY DR"; zip = "89509" }
		if (i % 3 == 1) { num = 205 + 10 * k; street = "PLUMAS ST"; zip = "89509" }
		if (i % 3 == 2) { num = 600 + 10 * k; street = "VASSAR ST"; zip = "89502" }
		away = i % 2
		sqft = 1400 + 20 * i
		print sprintf("011-%03d-%02d", 100 + i, i), num " " street, "RENO", zip, \
			"\"OWNER" i ", PAT\"", away ? (100 + i) " MARKET ST" : num " " street, \
			away ? "SAN FRANCISCO" : "RENO", away ? "CA" : "NV", away ? "94105" : zip, \
			sqft * 250, sqft, 1960 + i, sprintf("20%02d-%02d-15", 5 + i % 10, 1 + i % 9), \
			90000 + 1000 * i
	}
}' >"$U/work/county.csv"

cat >"$U/work/buyers.csv" <<'EOF'
email,name,zips,types,max_price,min_score
lee@buyers.example,Lee Chan,89509,,350000,
sam@buyers.example,Sam Ortiz,,,,
kim@buyers.example,Kim Novak,,,,95
EOF

test_expect_success 'make install into a fresh PREFIX: programs, pages, defaults' '
	make -s -C "$TEST_ROOT" install PREFIX="$P" >install.out 2>&1 || { cat install.out; false; }
	for p in discover enrich score docgen mailout birddog-pipeline birddog-init; do
		test -x "$P/bin/$p"
		test -f "$P/share/man/man1/$p.1"
	done
	test -f "$P/share/man/man5/birddog-config.5"
	test -f "$P/share/birddog/scorecard.json"
	test -f "$P/share/birddog/templates/memo.html.mustache"
	test -f "$P/share/birddog/tenant.json"
'

test_expect_success 'before birddog-init, mailout says how to set the tenant up' '
	(
		user_env
		test_expect_code 78 walk mailout -t acme --check --smtp smtp://127.0.0.1:25 \
			--buyers buyers.csv 2>err
		test_grep "birddog-init -t acme" err
	)
'

test_expect_success 'birddog-init refuses to keep the example identity' '
	(
		user_env
		test_must_fail walk birddog-init -t acme --company "Example Home Buyers" \
			--sender-email you@example.com \
			--postal-address "123 Example St, Suite 100, Anytown, NV 89000" \
			--unsubscribe-email unsubscribe@acme-reno-homes.com 2>err
		test_grep "example" err
		test ! -e "$CONFIG/tenant.json"
	)
'

test_expect_success 'birddog-init -t acme writes the tenant and says it is ready' '
	(
		user_env
		walk birddog-init -t acme --company "Acme Reno Homes" --sender-name "Jo Park" \
			--sender-email jo@acme-reno-homes.com --postal-address "410 W 2nd St, Reno, NV 89503" \
			--unsubscribe-email unsubscribe@acme-reno-homes.com >out 2>err
		test "$(jq -r .company "$CONFIG/tenant.json")" = "Acme Reno Homes"
		test "$(jq -r .sender.email "$CONFIG/tenant.json")" = jo@acme-reno-homes.com
		walk birddog-init -t acme --check 2>check.err
		test_grep "ready" check.err
	)
'

test_expect_success 'discover --check without a map: the header found, the fix named' '
	(
		user_env
		test_expect_code 78 walk discover -t acme --check listings.csv 2>err
		test_grep "the header has SALE TYPE,SOLD DATE,PROPERTY TYPE,ADDRESS," err
		test_grep "\-\-map FILE" err
		test ! -e "$DATA/discover.db"
	)
'

# The map the user writes from discover(1)'s Column mappings.
cat >"$U/work/portal.map.json" <<'EOF'
{
  "source": "portal",
  "columns": {
    "source_id": "MLS#",
    "address.line": "ADDRESS",
    "address.city": "CITY",
    "address.state": "STATE OR PROVINCE",
    "address.zip": "ZIP OR POSTAL CODE",
    "price": "PRICE",
    "beds": "BEDS",
    "baths": "BATHS",
    "sqft": "SQUARE FEET",
    "lot_sqft": "LOT SIZE",
    "year_built": "YEAR BUILT",
    "type": "PROPERTY TYPE",
    "status": "STATUS",
    "lat": "LATITUDE",
    "lon": "LONGITUDE",
    "url": "URL (SEE https://www.portal.example/buy-a-home/comparative-market-analysis FOR INFO ON PRICING)"
  },
  "types": {
    "Single Family Residential": "single_family",
    "Condo/Co-op": "condo",
    "Townhouse": "townhouse"
  }
}
EOF

cat >"$U/work/county.map.json" <<'EOF'
{
  "columns": {
    "apn": "Parcel ID",
    "address.line": "Property Address",
    "address.city": "City",
    "address.zip": "Zip Code",
    "owner.name": "Owner",
    "owner.mailing.line": "Mailing Address",
    "owner.mailing.city": "Mailing City",
    "owner.mailing.state": "Mailing State",
    "owner.mailing.zip": "Mailing Zip",
    "market_value": "Total Value",
    "sqft": "Building SqFt",
    "year_built": "Year Built",
    "last_sale_date": "Last Sale Date",
    "last_sale_price": "Last Sale Price"
  }
}
EOF

test_expect_success 'with the map: --check is ready, --preview shows all 5 and uses none up' '
	(
		user_env
		walk discover -t acme --check --map portal.map.json listings.csv 2>err
		test_grep "ready" err
		walk discover -t acme --preview --map portal.map.json listings.csv >p1 2>/dev/null
		walk discover -t acme --preview --map portal.map.json listings.csv >p2 2>/dev/null
		test_line_count 5 p1
		test_line_count 5 p2
		test "$(jq -r .price p1 | sort -n | head -n 1)" = 198500
		test ! -e "$DATA/discover.db" ||
			test "$(sqlite3 "$DATA/discover.db" "SELECT count(*) FROM listings")" = 0
	)
'

test_expect_success 'the county file: preview, then load; the listings join their parcels' '
	(
		user_env
		walk enrich -t acme --load-parcels county.csv --map county.map.json --preview 2>err
		test ! -e "$DATA/enrich.db" ||
			test "$(sqlite3 "$DATA/enrich.db" "SELECT count(*) FROM parcels")" = 0
		walk enrich -t acme --load-parcels county.csv --map county.map.json 2>err
		test_grep "30 parcels loaded" err
		walk discover -t acme --preview --map portal.map.json listings.csv 2>/dev/null |
			walk enrich -t acme -q >enriched
		test "$(jq -r "select(.assessor.apn != null) | .id" enriched | wc -l)" -eq 4
		test "$(jq -r "select(.id == \"portal:250001\") | .owner.out_of_state" enriched)" = true
	)
'

test_expect_success 'birddog-pipeline to a Maildir: the good deals, to the buyers who want them' '
	(
		user_env
		walk birddog-pipeline -t acme --min 60 --map portal.map.json --buyers buyers.csv \
			--maildir "$U/mail" listings.csv >run1.ndjson 2>run1.err
		test "$(wc -l <run1.ndjson)" -ge 1
		test "$(jq -r ".score.value >= 60" run1.ndjson | sort -u)" = true
		jq -r ".outreach[]? | .to" run1.ndjson | sort >sent.to
		test -s sent.to
		! grep -q kim@ sent.to
		ls "$U/mail/new" >mails
		test "$(wc -l <mails)" -eq "$(wc -l <sent.to)"
	)
'

test_expect_success 'the messages are from Acme, with its postal address and unsubscribe' '
	"$PYTHON" - "$U/mail/new" <<-\EOF
	import email, email.policy, os, sys
	d = sys.argv[1]
	names = sorted(os.listdir(d))
	assert names, "no message"
	for n in names:
	    m = email.message_from_binary_file(open(os.path.join(d, n), "rb"), policy=email.policy.default)
	    assert m["From"].addresses[0].addr_spec == "jo@acme-reno-homes.com", m["From"]
	    assert m["From"].addresses[0].display_name == "Jo Park", m["From"]
	    assert "unsubscribe@acme-reno-homes.com" in m["List-Unsubscribe"], m["List-Unsubscribe"]
	    text = m.get_body(("plain",)).get_content()
	    html = m.get_body(("html",)).get_content()
	    for body in (text, html):
	        assert "410 W 2nd St, Reno, NV 89503" in body, body
	        assert "Acme Reno Homes" in body
	        assert "Example Home Buyers" not in body and "example.com" not in body, body
	    assert "RENO" in m["Subject"].upper(), m["Subject"]
	print(len(names), "messages checked")
	EOF
'

test_expect_success 'the same export again: nothing new, nothing mailed twice' '
	(
		user_env
		before=$(ls "$U/mail/new" | wc -l)
		walk birddog-pipeline -t acme --min 60 --map portal.map.json --buyers buyers.csv \
			--maildir "$U/mail" listings.csv >run2.ndjson 2>run2.err
		test_line_count 0 run2.ndjson
		test "$(ls "$U/mail/new" | wc -l)" -eq "$before"
	)
'

test_expect_success 'for real: over SMTP the price cut of the next day reaches its buyers' '
	start_server smtp
	port=$(cat "$TMP/smtp.port")
	test -n "$port"
	(
		user_env
		sed "/1420 Mayberry/s/415,000/329,000/" listings.csv >listings-day2.csv
		! cmp -s listings.csv listings-day2.csv
		walk birddog-pipeline -t acme --min 60 --map portal.map.json --buyers buyers.csv \
			--smtp "smtp://127.0.0.1:$port" listings-day2.csv >run3.ndjson 2>run3.err ||
			{ cat run3.err; false; }
		test "$(jq -r .id run3.ndjson)" = portal:250002
		test "$(jq -r .event run3.ndjson)" = price_drop
	)
	stop_server smtp
	ls "$TMP/smtp/new" >smtp.mails
	test "$(wc -l <smtp.mails)" -ge 1
	grep -h "^Subject:" "$TMP"/smtp/new/* >subjects
	test_grep "Price cut" subjects
	grep -h "^From:" "$TMP"/smtp/new/* | sort -u >froms
	test_line_count 1 froms
	test_grep "jo@acme-reno-homes.com" froms
'

test_expect_success 'every command and option used above is in its installed man page' '
	test -s "$TMP/walk.commands"
	bad=
	while read -r prog args; do
		page="$P/share/man/man1/$prog.1"
		test -f "$page" || { bad="$bad $prog(no page)"; continue; }
		mandoc -Tutf8 "$page" | col -b -x >page.txt
		for opt in $(printf "%s\n" $args | grep -e "^-" | sed "s/=.*//"); do
			grep -q -e "$opt\([^a-z0-9-]\|$\)" page.txt || bad="$bad $prog:$opt"
		done
	done <"$TMP/walk.commands"
	if [ -n "$bad" ]; then
		echo "undocumented:$bad" >&2
		false
	fi
'

test_done
