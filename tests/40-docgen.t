#!/bin/sh
# SPDX-License-Identifier: MIT
# docgen renders memos: the exact text body and record output (golden files
# in testdata/docgen), the HTML parsed for its facts and escaping, the sha256,
# safe file names from hostile ids, template errors (78) and rejects (65);
# and that a memo says only what is true of its record (truth.ndjson): the
# discount as below/above, a price cut with its old price and date, equity
# as an estimate with its assumption, no owner's name unless the tenant
# shares it, units as "#12", nothing shown when its input is absent.
# After changing the default templates, regenerate the goldens:
#   docgen testdata/docgen/scored.ndjson with BIRDDOG_HOME=H, then copy the
#   .txt files and sed 's|H|HOME|' the output into scored.out; likewise
#   truth-cut.txt from docgen testdata/docgen/truth.ndjson.
. "$(dirname "$0")/lib.sh"

DATA="$TESTDATA/docgen"
PACKETS="$BIRDDOG_HOME/default/packets"
FACTS="$DATA/htmlfacts.py"

test_expect_success '--help prints the options on stdout and exits 0' '
	test_expect_code 0 docgen --help >out 2>err
	test_cmp /dev/null err
	test_grep "^usage: docgen " out
	for opt in --templates --out --force --tenant --db --reject --quiet; do
		test_grep "$opt" out
	done
'

test_expect_success 'scored records pass through with packet added (golden)' '
	test_expect_code 0 docgen -q "$DATA/scored.ndjson" >out 2>err
	test_cmp /dev/null err
	sed "s|$BIRDDOG_HOME|HOME|g" out >out.home
	test_cmp "$DATA/scored.out" out.home
'

test_expect_success 'the text bodies are exactly the golden ones' '
	test_cmp "$DATA/clark_nv-48213.txt" "$PACKETS/clark_nv-48213.txt"
	test_cmp "$DATA/clark_nv-50991.txt" "$PACKETS/clark_nv-50991.txt"
'

test_expect_success 'the text body has no line over 72 columns' '
	awk "length > 72" "$PACKETS/clark_nv-48213.txt" >long
	test_cmp /dev/null long
'

test_expect_success 'packet paths are absolute and name the files written' '
	jq -r ".packet.html, .packet.text" out >paths
	test_line_count 4 paths
	while read -r p; do
		case $p in "$PACKETS"/*) ;; *) echo "not under packets: $p" >&2; false ;; esac
		test -f "$p"
	done <paths
'

test_expect_success 'sha256 is the sha256sum of the HTML bytes then the text bytes' '
	jq -r ".packet.sha256" out >got
	for id in clark_nv-48213 clark_nv-50991; do
		cat "$PACKETS/$id.html" "$PACKETS/$id.txt" | sha256sum | cut -d" " -f1
	done >want
	test_cmp want got
'

test_expect_success 'the subject is one line with the score, address and price' '
	jq -r ".packet.subject" out >got
	printf "%s\n" "Deal score 78: 123 Main St, Las Vegas at \$315,000" \
		"Price cut: 4 Desert Rose Ct Unit 2, Henderson now \$189,500 (was \$199,000), deal score 49" \
		>want
	test_cmp want got
'

test_expect_success 'the HTML parses, balanced, and states the facts' '
	$PYTHON "$FACTS" "$PACKETS/clark_nv-48213.html" >facts
	for line in "text Desert Sun Home Buyers" "text 123 Main St" \
		"text Las Vegas, NV 89101" "text \$315,000" "text 3 bd · 2 ba · 1,540 sq ft" \
		"text Built 1986 · lot 6,100 sq ft" "text 78" "text +11.9" \
		"text owner holds a lot of equity (est.*)" \
		"text ZIP median assessor market value per sq ft" "text \$231" "text \$204" \
		"text Asking price per sq ft is 12% below the ZIP median" \
		"text Est. equity" "text \$250,000 (79% of the value)*" \
		"text Mailing address" "text elsewhere, in the same state" \
		"text 1200 S 4th St, Suite 210, Las Vegas, NV 89104" \
		"href https://example.test/l/48213" "href %%UNSUBSCRIBE_URL%%"; do
		grep -F -x -q -e "$line" facts || { echo "missing: $line" >&2; false; }
	done
'

test_expect_success 'the HTML is a 600px single column with the tenant colours' '
	test_grep "max-width:600px" "$PACKETS/clark_nv-48213.html"
	test_grep "background-color:#1d4e89" "$PACKETS/clark_nv-48213.html"
	test_grep "background-color:#f2a541" "$PACKETS/clark_nv-48213.html"
'

test_expect_success 'sections without data are left out' '
	$PYTHON "$FACTS" "$PACKETS/clark_nv-50991.html" >facts2
	! grep -F -x -e "text County assessor" facts2 || false
	! grep -F -x -e "text Owner" facts2 || false
	grep -F -x -e "text 4 Desert Rose Ct Unit 2" facts2
'

test_expect_success 'the HTML template uses no unescaped tags' '
	! grep -n -e "{{{" -e "{{&" "$BIRDDOG_CONFIG/default/templates/memo.html.mustache" \
		"$BIRDDOG_CONFIG/default/templates/footer.mustache" || false
'

test_expect_success 'hostile text is escaped in the HTML and kept in the text' '
	test_expect_code 0 docgen -q "$DATA/hostile.ndjson" >hostile.out 2>hostile.err
	test_cmp /dev/null hostile.err
	html=$(jq -r "select(.id == \"../../etc/passwd\") | .packet.html" hostile.out)
	text=$(jq -r "select(.id == \"../../etc/passwd\") | .packet.text" hostile.out)
	! grep -F "<script" "$html" || false
	! grep -F "<img" "$html" || false
	grep -F "&lt;script&gt;alert(1)&lt;/script&gt; 9 Elm St" "$html"
	grep -F "Las Vegas&quot;&amp;, NV" "$html"
	$PYTHON "$FACTS" "$html" >facts3
	! grep -x "tag script" facts3 || false
	! grep -x "tag img" facts3 || false
	grep -F -x -e "text <script>alert(1)</script> 9 Elm St" facts3
	grep -F -x -e "text Las Vegas\"&, NV 89101" facts3
	! grep -F -e "Brien" "$html" "$text" || false
	grep -F "<script>alert(1)</script> 9 Elm St" "$text"
'

test_expect_success 'a javascript: URL is not linked' '
	html=$(jq -r "select(.id == \"../../etc/passwd\") | .packet.html" hostile.out)
	! grep -F "javascript" "$html" || false
'

test_expect_success 'ids with slashes and dots give safe names inside packets/' '
	jq -r ".packet.html, .packet.text" hostile.out >hpaths
	test_line_count 4 hpaths
	while read -r p; do
		test "$(dirname "$p")" = "$PACKETS"
		case $(basename "$p") in */*|.*) false ;; esac
		test -f "$p"
	done <hpaths
	grep -F "$PACKETS/_._.._etc_passwd-" hpaths
	grep -F "$PACKETS/a_b-" hpaths
	test ! -e "$BIRDDOG_HOME/etc"
	test ! -e "$BIRDDOG_HOME/default/a"
'

test_expect_success 'rejects go whole to the reject file, the rest through, exit 65' '
	cp "$DATA/rejects.ndjson" rejects.ndjson
	test_expect_code 65 docgen -q --reject rej.ndjson rejects.ndjson >rout 2>rerr
	test_cmp "$DATA/rejects.err" rerr
	test_cmp "$DATA/rejects.rej" rej.ndjson
	test_line_count 1 rout
	test "$(jq -r .id rout)" = clark_nv:70004
	test -f "$PACKETS/clark_nv-70004.html"
'

test_expect_success 'the summary line counts in, out and rejected' '
	test_expect_code 65 docgen --reject rej2.ndjson rejects.ndjson >/dev/null 2>serr
	test_grep "^docgen: 6 in, 1 out, 5 rejected, [0-9.]+ s, [0-9]+ records/s$" serr
'

test_expect_success 'a missing templates directory exits 78 naming the file' '
	test_expect_code 78 docgen -T nowhere "$DATA/scored.ndjson" >mout 2>merr
	test_cmp /dev/null mout
	echo "docgen: cannot read template '\''nowhere/memo.html.mustache'\'': No such file or directory" >want
	test_cmp want merr
'

test_expect_success 'the default templates come from the tenant config directory' '
	mkdir -p cfg/acme/templates
	cp "$BIRDDOG_CONFIG"/default/templates/* cfg/acme/templates/
	sed "s/DEAL SCORE/ACME SCORE/" "$BIRDDOG_CONFIG/default/templates/memo.txt.mustache" \
		>cfg/acme/templates/memo.txt.mustache
	test_expect_code 0 env BIRDDOG_CONFIG="$TMP/cfg" docgen -q -t acme "$DATA/scored.ndjson" >aout 2>aerr
	test_cmp /dev/null aerr
	grep -q "^ACME SCORE: 78 / 100$" "$BIRDDOG_HOME/acme/packets/clark_nv-48213.txt"
	rm -r cfg/acme/templates
	# without its own, the tenant gets the installed templates, and -v says so
	test_expect_code 0 env BIRDDOG_CONFIG="$TMP/cfg" docgen -v -q -t acme "$DATA/scored.ndjson" >aout 2>aerr
	test_grep "^docgen: using the installed default .*/share/birddog/templates. \(.$TMP/cfg/acme/templates. does not exist\)$" aerr
	grep -q "^DEAL SCORE: 78 / 100$" "$BIRDDOG_HOME/acme/packets/clark_nv-48213.txt"
	# with none installed either: what to do about it
	test_expect_code 78 env BIRDDOG_SHARE=/nonexistent BIRDDOG_CONFIG="$TMP/cfg" docgen -q -t acme \
		"$DATA/scored.ndjson" >aout 2>aerr
	test_grep "cannot read template '\''$TMP/cfg/acme/templates/memo.html.mustache'\''.*run '\''birddog-init -t acme'\''.* or give one with -T DIR" aerr
'

test_expect_success 'a missing partial exits 78 naming its file' '
	cp -r "$BIRDDOG_CONFIG/default/templates" tp
	rm tp/footer-text.mustache
	test_expect_code 78 docgen -T tp "$DATA/scored.ndjson" >pout 2>perr
	test_cmp /dev/null pout
	echo "docgen: cannot read template '\''tp/footer-text.mustache'\'': No such file or directory" >want
	test_cmp want perr
'

test_expect_success 'a template syntax error exits 78 with file and line' '
	rm -rf ts && cp -r "$BIRDDOG_CONFIG/default/templates" ts
	printf "line one\n{{#score}}\nnever closed\n" >ts/subject.mustache
	test_expect_code 78 docgen -T ts "$DATA/scored.ndjson" >sout 2>serr
	test_cmp /dev/null sout
	test_grep "^docgen: ts/subject.mustache:2: .*score" serr
	test_line_count 1 serr
'

test_expect_success 'a partial name that is a path is an error, never read' '
	rm -rf tb && cp -r "$BIRDDOG_CONFIG/default/templates" tb
	printf "x\n{{> ../secret}}\n" >tb/subject.mustache
	echo "leaked" >secret.mustache
	test_expect_code 78 docgen -T tb "$DATA/scored.ndjson" >bout 2>berr
	test_cmp /dev/null bout
	echo "docgen: tb/subject.mustache:2: partial name '\''../secret'\'' is not made of [A-Za-z0-9_-]" >want
	test_cmp want berr
'

test_expect_success 'partials in partials load from the same directory' '
	rm -rf tn && cp -r "$BIRDDOG_CONFIG/default/templates" tn
	printf "{{> inner}}\n" >tn/footer-text.mustache
	printf "inner partial for {{&tenant.company}}\n" >tn/inner.mustache
	test_expect_code 0 docgen -q -T tn -o nested "$DATA/scored.ndjson" >nout 2>nerr
	test_cmp /dev/null nerr
	tail -n 1 nested/clark_nv-48213.txt >last
	echo "inner partial for Desert Sun Home Buyers" >want
	test_cmp want last
'

test_expect_success 'a malformed tenant.json exits 78' '
	mkdir -p badcfg/default
	cp -r "$BIRDDOG_CONFIG/default/templates" badcfg/default/
	printf "{\"company\": 5}\n" >badcfg/default/tenant.json
	test_expect_code 78 env BIRDDOG_CONFIG="$TMP/badcfg" docgen -q "$DATA/scored.ndjson" >tout 2>terr
	test_cmp /dev/null tout
	test_grep "tenant.json" terr
'

# has FILE LINE...: FILE has each LINE, whole. lacks FILE TEXT...: no line has TEXT.
has() {
	f=$1
	shift
	for l in "$@"; do
		grep -F -x -q -e "$l" "$f" || { echo "missing in $f: $l" >&2; return 1; }
	done
}
lacks() {
	f=$1
	shift
	for t in "$@"; do
		! grep -F -i -n -e "$t" "$f" || { echo "unexpected in $f: $t" >&2; return 1; }
	done
}

test_expect_success 'truth: the memos render, a price cut memo exactly (golden)' '
	test_expect_code 0 docgen -q -o truth "$DATA/truth.ndjson" >tout 2>terr
	test_cmp /dev/null terr
	test_line_count 5 tout
	test_cmp "$DATA/truth-cut.txt" truth/truth-cut.txt
	for id in cut up bare odd drop; do
		$PYTHON "$FACTS" "truth/truth-$id.html" >"truth/$id.facts"
	done
'

test_expect_success 'truth: a price cut leads the subject, with the old price' '
	jq -r ".packet.subject" tout >subjects
	cat >want <<-\EOF
	Price cut: 1420 W CHARLESTON BLVD #12, LAS VEGAS now $299,000 (was $315,000), deal score 71
	Deal score 55: 8612 DESERT WILLOW LN APT 4, LAS VEGAS at $299,000
	Deal score 60: 2316 SUNSET RD #12, HENDERSON at $198,500
	Deal score 50: 5105 LONE MOUNTAIN RD UNIT C, LAS VEGAS at $155,000
	Price cut: 6230 W TROPICANA AVE, LAS VEGAS now $289,000, deal score 52
	EOF
	test_cmp want subjects
'

test_expect_success 'truth: a price cut shows old → new and the date it was seen' '
	has truth/truth-cut.txt \
		"Price cut:       \$315,000 → \$299,000 (\$16,000 less), seen Nov 30, 2026"
	has truth/cut.facts "text Price cut: \$315,000 → \$299,000 (\$16,000 less), seen Nov 30, 2026"
	has truth/truth-drop.txt "Price cut:       to \$289,000, seen Dec 1, 2026"
	has truth/drop.facts "text Price cut: to \$289,000, seen Dec 1, 2026"
'

test_expect_success 'truth: a price increase, or a "drop" to a higher price, is no cut' '
	lacks truth/truth-up.txt cut "was \$"
	lacks truth/up.facts cut "was \$"
	lacks truth/truth-odd.txt cut "was \$"
	lacks truth/odd.facts cut "was \$"
'

test_expect_success 'truth: the discount reads below, above or at the ZIP median' '
	has truth/truth-cut.txt "- Asking price per sq ft is 9% above the ZIP median"
	has truth/cut.facts "text Asking price per sq ft is 9% above the ZIP median"
	has truth/truth-up.txt "- Asking price per sq ft is at the ZIP median"
	has truth/truth-bare.txt "- Asking price per sq ft is 10% below the ZIP median"
	has truth/bare.facts "text Asking price per sq ft is 10% below the ZIP median"
	for f in truth/*.txt truth/*.facts; do
		lacks "$f" "-9.3" "9.3%" "discount"
	done
'

test_expect_success 'truth: equity is an estimate with its assumption, in both bodies' '
	note="Est. equity is an estimate, not a known figure: nothing is known about the owner'\''s loans. It assumes the owner bought at the last sale price, borrowed 80% of it at 6.5% fixed for 30 years, paid as scheduled and has no other liens; the value is the assessor'\''s market value."
	has truth/truth-cut.txt "- Est. equity: \$221,996 (79% of the value)*" \
		" +11.9  owner holds a lot of equity (est.*)"
	tr "\n" " " <truth/truth-cut.txt | tr -s " " | grep -F -q -e "* $note"
	has truth/cut.facts "text Est. equity" "text \$221,996 (79% of the value)*" "text * $note" \
		"text owner holds a lot of equity (est.*)"
	lacks truth/truth-cut.txt "Owner equity" "Estimated owner equity"
	lacks truth/truth-up.txt "equity"
'

test_expect_success 'truth: the loan in the note is the one enrich assumes and enrich(1) states' '
	h="$TEST_ROOT/lib/equity.h"
	ltv=$(sed -n "s/^#define EQUITY_LOAN_TO_VALUE 0\.\([0-9]*\)$/\1/p" "$h")
	rate=$(sed -n "s/^#define EQUITY_LOAN_RATE 0\.0*\([0-9]\)\([0-9]*\)$/\1.\2/p" "$h")
	years=$(( $(sed -n "s/^#define EQUITY_LOAN_MONTHS \([0-9]*\)$/\1/p" "$h") / 12 ))
	test -n "$ltv" && test -n "$rate" && test "$years" -gt 0
	grep -q "borrowed $ltv% of it at $rate% fixed for $years years" truth/truth-cut.txt
	mandoc -Tascii "$TEST_ROOT/man/enrich.1" | col -b | tr -s " \n" "  " >enrich.txt
	grep -q "with an $ltv% loan, $years-year fixed at $rate% a year" enrich.txt
'

test_expect_success 'truth: no owner name unless the tenant shares it' '
	for f in truth/*.txt truth/*.html; do
		lacks "$f" "GARCIA" "DOE, JANE" "ROE, RICHARD" "Name of record"
	done
	grep -q "RIVERA FAMILY TRUST" "$DATA/scored.ndjson"
	lacks "$PACKETS/clark_nv-48213.txt" "RIVERA"
	lacks "$PACKETS/clark_nv-48213.html" "RIVERA"
'

test_expect_success 'truth: a template naming owner.name gets nothing unless shared' '
	rm -rf to && cp -r "$BIRDDOG_CONFIG/default/templates" to
	printf "[{{owner.name}}] [{{#owner.absentee}}away{{/owner.absentee}}]\n" >to/subject.mustache
	test_expect_code 0 docgen -q -T to -o to-out "$DATA/truth.ndjson" >oout 2>oerr
	test_cmp /dev/null oerr
	jq -r ".packet.subject" oout >got
	printf "%s\n" "[] [away]" "[] []" "[] []" "[] []" "[] []" >want
	test_cmp want got
'

test_expect_success 'a template may print a boolean, an object or an array as JSON' '
	rm -rf tj && cp -r "$BIRDDOG_CONFIG/default/templates" tj
	printf "{{owner.absentee}} {{&address}} {{&score.reasons}}\n" >tj/subject.mustache
	test_expect_code 0 docgen -q -T tj -o tj-out "$DATA/truth.ndjson" >jout 2>jerr
	test_cmp /dev/null jerr
	jq -r ".packet.subject" jout | head -n 1 >got
	jq -r "\"\(.owner.absentee) \(.address | tojson) [{\\\"feature\\\":\\\"\(.score.reasons[0].feature)\\\"\"" \
		"$DATA/truth.ndjson" | head -n 1 >want
	case "$(cat got)" in
	"$(cat want)"*) ;;
	*) cat want got; false ;;
	esac
'

test_expect_success 'truth: share_owner_name true names the owner of record' '
	mkdir -p share/default
	cp -r "$BIRDDOG_CONFIG/default/templates" share/default/
	jq ". + {share_owner_name: true}" "$BIRDDOG_CONFIG/default/tenant.json" \
		>share/default/tenant.json
	test_expect_code 0 env BIRDDOG_CONFIG="$TMP/share" docgen -q -o shared \
		"$DATA/truth.ndjson" >sout 2>serr
	test_cmp /dev/null serr
	has shared/truth-cut.txt "- Name of record: GARCIA, MARIA L"
	has shared/truth-bare.txt "- Name of record: ROE, RICHARD"
	$PYTHON "$FACTS" shared/truth-cut.html >shared.facts
	has shared.facts "text Name of record" "text GARCIA, MARIA L"
'

test_expect_success 'truth: a shared owner name is escaped in the HTML and kept in the text' '
	test_expect_code 0 env BIRDDOG_CONFIG="$TMP/share" docgen -q -o shared-hostile \
		"$DATA/hostile.ndjson" >shout 2>sherr
	test_cmp /dev/null sherr
	html=$(jq -r "select(.id == \"../../etc/passwd\") | .packet.html" shout)
	text=$(jq -r "select(.id == \"../../etc/passwd\") | .packet.text" shout)
	! grep -F "<Co>" "$html" || false
	$PYTHON "$FACTS" "$html" >shfacts
	has shfacts "text O'\''Brien \"&\" <Co>"
	has "$text" "- Name of record: O'\''Brien \"&\" <Co>"
'

test_expect_success 'truth: share_owner_name that is not true or false exits 78' '
	mkdir -p badshare/default
	cp -r "$BIRDDOG_CONFIG/default/templates" badshare/default/
	jq ". + {share_owner_name: \"yes\"}" "$BIRDDOG_CONFIG/default/tenant.json" \
		>badshare/default/tenant.json
	test_expect_code 78 env BIRDDOG_CONFIG="$TMP/badshare" docgen -q "$DATA/truth.ndjson" \
		>bsout 2>bserr
	test_cmp /dev/null bsout
	echo "docgen: $TMP/badshare/default/tenant.json: '\''share_owner_name'\'' must be true or false" >want
	test_cmp want bserr
'

test_expect_success 'truth: the owner facts say where the mailing address is, only when known' '
	has truth/truth-cut.txt "- Mailing address: elsewhere, in another state"
	has truth/cut.facts "text Mailing address" "text elsewhere, in another state"
	has truth/truth-up.txt "- Mailing address: the property itself"
	lacks truth/truth-bare.txt "OWNER" "absentee" "Mailing"
	lacks truth/bare.facts "text Owner" "absentee"
	for f in truth/*.txt truth/*.facts; do
		lacks "$f" "Absentee owner:" "Out-of-state owner:"
	done
'

test_expect_success 'truth: units read #12, APT 4, UNIT C the same in subject and bodies' '
	has truth/truth-cut.txt "1420 W CHARLESTON BLVD #12"
	has truth/cut.facts "text 1420 W CHARLESTON BLVD #12"
	has truth/truth-bare.txt "2316 SUNSET RD #12"
	has truth/truth-up.txt "8612 DESERT WILLOW LN APT 4"
	has truth/up.facts "text 8612 DESERT WILLOW LN APT 4"
	has truth/truth-odd.txt "5105 LONE MOUNTAIN RD UNIT C"
	jq -r ".packet.subject" tout >usubjects
	for f in truth/*.txt truth/*.html usubjects; do
		lacks "$f" "# 12"
	done
'

test_expect_success 'truth: a figure whose input is absent is not shown' '
	has truth/truth-bare.txt "Beds:            3" "Estimated value: \$210,000" \
		"- Last transfer (no sale price): Mar 2, 2015"
	lacks truth/truth-bare.txt "Beds / baths" " to )" "for \$0" "equity" "ZIP median assessor"
	has truth/bare.facts "text Estimated value" "text \$210,000" \
		"text Last transfer (no sale price)" "text Mar 2, 2015"
	lacks truth/bare.facts " to )" "for \$0"
'

test_expect_success 'an unknown option exits 64' '
	test_expect_code 64 docgen --bogus </dev/null >uout 2>uerr
	test_cmp /dev/null uout
	test_grep "try '\''docgen --help'\''" uerr
'

test_expect_success 'a delisted listing passes without a memo' '
	jq -c "select(.id == \"clark_nv:48213\") | .event = \"delisted\"" "$DATA/scored.ndjson" >gone.ndjson
	test_line_count 1 gone.ndjson
	test_expect_code 0 docgen -q -o gone-out gone.ndjson >out 2>err
	test_cmp gone.ndjson out
	test ! -e gone-out || test -z "$(ls gone-out)"
'

test_expect_success "a model's reasons in dollars from the baseline, and the deal, in both bodies" '
	cat >valued.ndjson <<-\EOF
	{"id":"t:avm","address":{"line":"9 Elm St","city":"Las Vegas","state":"NV","zip":"89102"},"price":315000,"sqft":1540,"valuation":{"estimate":398500,"low":331900,"high":478400,"baseline":425064,"model":"avm-acef0501c4ab"},"score":{"value":78,"model":"avm-acef0501c4ab","reasons":[{"feature":"sqft","label":"Living area","value":1540,"effect":-50702,"why":"Living area: 1540"},{"feature":"nearby_sales","label":"Recent sales nearby","effect":22401,"why":"Recent sales nearby"},{"feature":"extra.grade","label":"grade","effect":0,"why":"grade: not known"},{"feature":"other","label":"Other features","effect":1737,"why":"Other features"}]},"deal":{"mortgage_monthly":1676,"cash_invested":72450,"noi_annual":13818,"cap_rate_pct":6.9,"cash_flow_monthly":-88,"cash_on_cash_pct":-1.5,"rehab_est":38500,"mao":240450}}
	EOF
	docgen -q -o avm valued.ndjson >/dev/null
	grep -F -x "Estimated value: \$398,500 (\$331,900 to \$478,400)" avm/t-avm.txt
	grep -F -x "Against a typical home sold nearby (\$425,064):" avm/t-avm.txt
	grep -F -x "  -\$50,702  Living area: 1540" avm/t-avm.txt
	grep -F -x "  +\$22,401  Recent sales nearby" avm/t-avm.txt
	grep -F -x "   +\$1,737  Other features" avm/t-avm.txt
	! grep -F "grade" avm/t-avm.txt || false
	$PYTHON "$FACTS" avm/t-avm.html >avm.facts
	grep -F -x -e "text -\$50,702" avm.facts
	grep -F -x -e "text Living area: 1540" avm.facts
	grep -F -x -e "text Against a typical home sold nearby (\$425,064):" avm.facts
	# the deal maths, as score wrote them
	grep -F -x -e "- Most to offer, 70% rule: \$240,450 after \$38,500 of repairs" avm/t-avm.txt
	grep -F -x -e "- Cash to close: \$72,450; mortgage \$1,676 a month" avm/t-avm.txt
	grep -F -x -e "- Cash flow: -\$88 a month; cap rate 6.9%; cash on cash -1.5%" avm/t-avm.txt
	grep -F -x -e "text The deal" avm.facts
	grep -F -x -e "text \$240,450" avm.facts
'

test_done
