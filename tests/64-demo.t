#!/bin/sh
# SPDX-License-Identifier: MIT
# make demo's script, in a scratch directory: it trains a model from
# testdata's county sales, and the pipeline's memos show the estimate and
# the reasons in dollars, which add up to it.
. "$(dirname "$0")/lib.sh"

test_expect_success 'scripts/demo runs the pipeline with a model it trained' '
	BIRDDOG_DEMO_OUT="$TMP/demo" "$TEST_ROOT/scripts/demo" >demo.out 2>demo.err
	test_grep "^  model avm-[0-9a-f]{12}: 2000 sales; cross-validated MdAPE" demo.out
	test_grep "^  packets written +[1-9]" demo.out
	test_grep "^  Estimated value: \\$[0-9,]+ \\(\\$[0-9,]+ to \\$[0-9,]+\\)" demo.out
	test_grep "^  Against a typical home sold nearby" demo.out
	test_grep "^ +[-+]\\$[0-9,]+  Living area: [0-9]+" demo.out
'

test_expect_success 'every record scored is valued by that model, its reasons adding up' '
	version=$(sed -n "s/^  model \\(avm-[0-9a-f]*\\):.*/\\1/p" demo.out)
	test -n "$version"
	jq -r ".valuation.model" "$TMP/demo/run1.ndjson" | sort -u >models
	echo "$version" >want
	test_cmp want models
	jq -e "select(.valuation.baseline + ([.score.reasons[].effect] | add) != .valuation.estimate)" \
		"$TMP/demo/run1.ndjson" >bad || true
	test_line_count 0 bad
'

test_expect_success 'each memo shows its record'"'"'s estimate and top reason' '
	n=0
	for f in $(jq -r ".packet.text" "$TMP/demo/run1.ndjson"); do
		id=$(basename "$f" .txt)
		rec=$(jq -c "select(.packet.text == \"$f\")" "$TMP/demo/run1.ndjson")
		est=$(echo "$rec" | jq -r ".valuation.estimate")
		why=$(echo "$rec" | jq -r ".score.reasons[0].why")
		grep -F "Estimated value: \$$(printf "%s" "$est" | sed ":a; s/\\([0-9]\\)\\([0-9]\\{3\\}\\)\\($\\|,\\)/\\1,\\2\\3/; ta")" "$f" >/dev/null ||
			{ echo "$id: no estimate $est" >&2; return 1; }
		grep -F "  $why" "$f" >/dev/null || { echo "$id: no reason $why" >&2; return 1; }
		n=$((n + 1))
	done
	test "$n" -gt 0
'

test_done
