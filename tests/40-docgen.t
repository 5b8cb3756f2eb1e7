#!/bin/sh
# SPDX-License-Identifier: MIT
# docgen renders memos: the exact text body and record output (golden files
# in testdata/docgen), the HTML parsed for its facts and escaping, the sha256,
# safe file names from hostile ids, template errors (78) and rejects (65).
# After changing the default templates, regenerate the goldens:
#   docgen testdata/docgen/scored.ndjson with BIRDDOG_HOME=H, then copy the
#   .txt files and sed 's|H|HOME|' the output into scored.out.
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
		"Deal score 49: 4 Desert Rose Ct Unit 2, Henderson at \$189,500" >want
	test_cmp want got
'

test_expect_success 'the HTML parses, balanced, and states the facts' '
	$PYTHON "$FACTS" "$PACKETS/clark_nv-48213.html" >facts
	for line in "text Desert Sun Home Buyers" "text 123 Main St" \
		"text Las Vegas, NV 89101" "text \$315,000" "text 3 bd · 2 ba · 1,540 sq ft" \
		"text Built 1986 · lot 6,100 sq ft" "text 78" "text +11.9" \
		"text owner holds a lot of equity" "text RIVERA FAMILY TRUST" \
		"text ZIP median price per sq ft" "text \$231" "text \$204" \
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
	grep -F -x -e "text O'\''Brien \"&\" <Co>" facts3
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
	test_expect_code 78 env BIRDDOG_CONFIG="$TMP/cfg" docgen -q -t acme "$DATA/scored.ndjson" >aout 2>aerr
	test_grep "cannot read template '\''$TMP/cfg/acme/templates/memo.html.mustache'\''" aerr
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

test_expect_success 'an unknown option exits 64' '
	test_expect_code 64 docgen --bogus </dev/null >uout 2>uerr
	test_cmp /dev/null uout
	test_grep "try '\''docgen --help'\''" uerr
'

test_done
