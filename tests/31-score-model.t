#!/bin/sh
# SPDX-License-Identifier: MIT
# score's valuation model: score train on synthetic county sales (bundle,
# registry, reproducibility), valuing listings in batches (order kept,
# reasons that add up, --min, the deal maths), score models/activate/eval,
# and the clear errors: corrupt bundle, a spec naming a path no record has,
# a value that is not a number, no sales to train on.
. "$(dirname "$0")/lib.sh"

MAP="$TESTDATA/discover/county-sales.map.json"

# sales N SEED: N synthetic sold records (birddog NDJSON) on stdout; each
# seed is another county.
sales() {
	"$TEST_ROOT/scripts/gen-sales" --rows "$1" --seed "$2" >sales-$2.csv
	discover -q -S kingco -m "$MAP" --db "$TMP/discover-$2.db" sales-$2.csv
}

# listings N: N listing records from the same county (price, list_date).
listings() {
	"$TEST_ROOT/scripts/gen-sales" --rows "$1" --listings >list.csv
	discover -q -S lists -m "$MAP" --db "$TMP/discover-list.db" list.csv |
		sed 's/"sale_date":/"list_date":/; s/"sale_price":/"price":/'
}

test_expect_success 'setup: sales and listings of a synthetic county' '
	sales 1900 1 >all.ndjson
	head -n 1500 all.ndjson >train.ndjson
	tail -n 400 all.ndjson >heldout.ndjson
	listings 300 >listings.ndjson
	test_line_count 1500 train.ndjson
	test_line_count 300 listings.ndjson
	jq -e "select(.price > 0 and .list_date != null)" listings.ndjson >/dev/null
'

test_expect_success 'score train writes a bundle, registers it and makes the first active' '
	score train --folds 3 -o first.avm train.ndjson >out 2>err
	test_cmp /dev/null out
	test_grep "^score: model avm-[0-9a-f]{12}: 1500 sales; cross-validated MdAPE" err
	test_grep "active \\(the first model\\)" err
	test_grep "extra columns taken: .*'"'"'grade'"'"'" err
	version=$(head -n 1 first.avm | jq -r .version)
	test "$(head -n 1 first.avm | jq -r .format)" = birddog-avm-1
	test "$(head -n 1 first.avm | jq -r .records)" = 1500
	test "$(head -n 1 first.avm | jq -r .data_sha256)" = "$(sha256sum train.ndjson | cut -c1-64)"
	cmp first.avm "$BIRDDOG_HOME/default/models/$version.avm"
	sed -n 2p first.avm | jq -e ".learner.gradient_booster.model.trees | length > 10" >/dev/null
	score models >list
	test_grep "^\* $version " list
'

test_expect_success 'the same data and seed give the same bundle, byte for byte' '
	score train -q --folds 3 --threads 1 -o again.avm train.ndjson
	cmp first.avm again.avm
	score train -q --folds 3 --seed 2 -o seed2.avm train.ndjson
	! cmp -s first.avm seed2.avm
	test "$(head -n 1 seed2.avm | jq -r .version)" != "$(head -n 1 first.avm | jq -r .version)"
'

test_expect_success 'the bundle says what it learned from and how well' '
	head -n 1 first.avm >desc.json
	jq -e ".metrics.cv.n == 1500 and .metrics.cv.mdape_pct > 2 and .metrics.cv.mdape_pct < 20" desc.json >/dev/null
	jq -e ".metrics.cv | has(\"cod\") and has(\"prd\") and has(\"prb\") and has(\"prb_low\")" desc.json >/dev/null
	jq -e ".range.q10 < 0 and .range.q90 > 0" desc.json >/dev/null
	jq -e "[.spec.features[].name] | index(\"extra.grade\") != null" desc.json >/dev/null
	jq -e "(.correction.points | length) == 1500" desc.json >/dev/null
	jq -e "[.spec.features[] | select(.name == \"zip\") | .levels | length] == [70] or
	       ([.spec.features[] | select(.name == \"zip\") | .levels | length] | .[0] > 5)" desc.json >/dev/null
'

test_expect_success 'listings are valued in input order, with reasons that add up' '
	score -q listings.ndjson >out
	test_line_count 300 out
	jq -r .id listings.ndjson >want.ids && jq -r .id out >got.ids && test_cmp want.ids got.ids
	jq -e "select((.valuation.estimate > .valuation.low and .valuation.estimate < .valuation.high) | not)" out >bad || true
	test_line_count 0 bad
	# baseline plus every reason is the estimate, to the dollar
	jq -e "select(.valuation.baseline + ([.score.reasons[].effect] | add) != .valuation.estimate)" out >bad || true
	test_line_count 0 bad
	jq -e "select((.score.reasons | length) > 9)" out >bad || true
	test_line_count 0 bad
	test "$(jq -r ".valuation.model" out | sort -u)" = "$(head -n 1 first.avm | jq -r .version)"
'

test_expect_success 'the deal score is its parts, clamped: redone by hand' '
	score -q listings.ndjson >out
	jq -e "select(.score.value != ([0, ([100, (.score.points | [.[]] | add | round)] | min)] | max))" out >bad || true
	test_line_count 0 bad
	# the value part from the formula in score(1):
	# 50 * min(1, 0.20 / u) * clamp(d / 0.20, -1, 1), in tenths
	jq -e "select(.price > 0) | (.valuation.estimate) as \$e
		| ((\$e - .price) / \$e) as \$d
		| ((.valuation.high - .valuation.low) / (2 * \$e)) as \$u
		| ([1, 0.20 / \$u] | min) as \$w
		| ([-1, ([1, \$d / 0.20] | min)] | max) as \$c
		| select(((50 * \$w * \$c * 10 | round) / 10 - .score.points.value | fabs) > 0.051)" out >bad || true
	test_line_count 0 bad
	# far under the estimate scores high, far over it low
	jq -s "map(select(.score.discount_pct > 15)) | map(.score.value) | min" out >hi
	jq -s "map(select(.score.discount_pct < -15)) | map(.score.value) | max" out >lo
	test "$(cat hi)" -gt "$(cat lo)"
'

test_expect_success 'underpriced listings are found: the estimate knows the true value' '
	score -q listings.ndjson >out
	# the generator knows each listing'"'"'s true value (extra.true_value)
	jq -s "[.[] | ((.valuation.estimate / (.extra.true_value | tonumber)) - 1) | fabs] | sort | .[length/2|floor]" out >mdape
	awk "{ exit !(\$1 < 0.12) }" mdape
'

test_expect_success '--min keeps what scores high enough and explains only those' '
	score -q --min 60 listings.ndjson >out
	jq -e "select(.score.value < 60)" out >bad || true
	test_line_count 0 bad
	score -q listings.ndjson | jq -c "select(.score.value >= 60) | .id" >want
	jq -c .id out >got
	test_cmp want got
'

test_expect_success 'deal maths from the estimate and the tenant assumptions' '
	score -q listings.ndjson | head -n 1 >one
	jq -e ".deal.mao == ((.valuation.estimate * 0.70 - .deal.rehab_est) | round)" one >/dev/null
	jq -e ".deal.rehab_est == (.sqft * 25)" one >/dev/null
	jq -e ".deal.assumptions.down_payment_pct == 20" one >/dev/null
	jq -e ".deal.tax_source == \"assumed\" and .deal.tax_annual == ((.price * 0.011) | round)" one >/dev/null
	# the assumptions are the tenant'"'"'s, the same on every record
	test "$(score -q listings.ndjson | jq -c .deal.assumptions | sort -u | wc -l)" = 1
'

test_expect_success '10,000 records through a pipe: every one out, in order' '
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34; do
		sed "s/\"id\":\"lists:/\"id\":\"lists:$i-/" listings.ndjson
	done | head -n 10000 >many.ndjson
	cat many.ndjson | score --reasons 0 2>err | jq -r .id >got.ids
	jq -r .id many.ndjson >want.ids
	test_cmp want.ids got.ids
	test_grep "^score: 10000 in, 10000 out, 0 rejected" err
'

test_expect_success 'score eval: a ratio study of held-out sales, overall and per ZIP' '
	score eval heldout.ndjson >table 2>err
	test_grep "^group .*MdAPE .*COD .*PRD .*PRB" table
	test_grep "^all  *400 " table
	score eval --json heldout.ndjson >study
	jq -e "select(.group == \"all\") | .n == 400 and .mdape_pct < 20 and .cod > 0" study >/dev/null
	# a ZIP row only with 30 sales or more
	jq -e "select(.group == \"zip\" and .n < 30)" study >bad || true
	test_line_count 0 bad
	test_grep "^score: evaluated model avm-" err
'

test_expect_success 'score models and activate: switching the active model' '
	score models --json >models
	test_line_count 2 models
	v2=$(head -n 1 seed2.avm | jq -r .version)
	score activate "$v2" 2>err
	test_grep "$v2 is the active model" err
	score -q listings.ndjson | jq -r .valuation.model | sort -u >got
	echo "$v2" >want && test_cmp want got
	test_expect_code 65 score activate avm-000000000000 2>err
	test_grep "no model .avm-000000000000. in the registry; the models are: " err
	v1=$(head -n 1 first.avm | jq -r .version)
	score activate "$v1"
'

test_expect_success '--model takes a file or a version; --scorecard the old way' '
	score -q --model seed2.avm listings.ndjson | jq -r .valuation.model | sort -u >got
	head -n 1 seed2.avm | jq -r .version >want && test_cmp want got
	score -q --model "$(cat want)" listings.ndjson | jq -r .valuation.model | sort -u >got
	test_cmp want got
	score -q --scorecard listings.ndjson >out
	test "$(jq -r .score.model out | sort -u)" = scorecard-2026-11
	jq -e "select(has(\"valuation\"))" out >bad || true
	test_line_count 0 bad
	test_expect_code 78 score --model avm-nothere listings.ndjson 2>err
	test_grep "no model .avm-nothere.: not a bundle file, nor a version in the registry" err
'

test_expect_success 'a corrupt bundle is a clear error (78), not a crash' '
	head -c 3000 first.avm >cut.avm
	test_expect_code 78 score --model cut.avm listings.ndjson >out 2>err
	test_cmp /dev/null out
	test_grep "cut.avm" err
	{ head -n 1 first.avm; echo "{\"learner\": 17}"; } >broken.avm
	test_expect_code 78 score --model broken.avm listings.ndjson 2>err
	test_grep "XGBoost, loading the model: .*broken.avm., line 2" err
	echo "{}" >empty.avm
	test_expect_code 78 score --model empty.avm listings.ndjson 2>err
	test_grep "not a birddog model bundle" err
'

test_expect_success 'a spec naming a path no record has is refused (78)' '
	cat >spec.json <<-EOF
	{ "features": [ { "name": "sqft", "path": "sqft", "transform": "log" },
	                { "name": "pool", "path": "features.pool_sqft" } ] }
	EOF
	test_expect_code 78 score train --spec spec.json train.ndjson 2>err
	test_grep "spec.json: feature .pool. reads .features.pool_sqft., which no training record has" err
	echo "{\"features\": [{\"name\": \"x\"}]}" >bad-spec.json
	test_expect_code 78 score train --spec bad-spec.json train.ndjson 2>err
	test_grep "bad-spec.json: feature 1 needs .name. and .path." err
'

test_expect_success 'a value that is not a number is rejected with its line; the rest trains' '
	head -n 200 train.ndjson >some.ndjson
	sed -n 201p train.ndjson | sed "s/\"beds\":[0-9]*/\"beds\":\"three\"/" >>some.ndjson
	test_expect_code 65 score train --folds 2 --reject rej.ndjson some.ndjson 2>err
	test_grep "some.ndjson:201: .beds. \\(feature .beds.\\) is not a number" err
	test_line_count 1 rej.ndjson
	test_grep "\"beds\":\"three\"" rej.ndjson
	test_grep "model avm-.*: 200 sales" err
	# and when valuing
	sed -n 2p listings.ndjson | sed "s/\"sqft\":[0-9]*/\"sqft\":\"big\"/" >one.ndjson
	test_expect_code 65 score --reject rej2.ndjson one.ndjson >out 2>err
	test_cmp /dev/null out
	test_grep "one.ndjson:1: .sqft. \\(feature .sqft.\\) is not a number" err
'

test_expect_success 'an input reads the same however the JSON spells it' '
	head -n 60 listings.ndjson >plain.ndjson
	# the county'"'"'s columns as numbers, booleans and escaped strings; the
	# living area as a string with a thousands comma
	jq -c ".extra |= with_entries(.value = (.value | tonumber? // .)) | .extra.waterfront |= (. == 1)" \
		plain.ndjson >numbers.ndjson
	sed "s/\"grade\":\"\([0-9]\)/\"grade\":\"\\\\u003\1/; s/\"sqft\":\([0-9]\)\([0-9]\{3\}\),/\"sqft\":\"\1,\2\",/" \
		plain.ndjson >spelled.ndjson
	test "$(jq -r "[.extra.grade, .extra.waterfront] | map(type) | join(\" \")" numbers.ndjson |
		sort -u)" = "number boolean"
	test_grep "grade.:.\\\\u003" spelled.ndjson
	test_grep "\"sqft\":\"[0-9],[0-9]{3}\"" spelled.ndjson
	for f in plain numbers spelled; do
		score -q --explain --model first.avm $f.ndjson |
			jq -c "[.id, .valuation.estimate, .valuation.explain.inputs]" >$f.out || return 1
	done
	test_line_count 60 plain.out
	test_cmp plain.out numbers.out
	test_cmp plain.out spelled.out
'

test_expect_success 'no sales to train on: a clear error (65)' '
	: >nothing.ndjson
	test_expect_code 65 score train nothing.ndjson 2>err
	test_grep "no sold records to train on" err
	test_expect_code 65 score train listings.ndjson 2>err
	test_grep "no sold records to train on \\(every one was rejected" err
	test_grep "no .sale_price. above 0: score train learns from sold records" err
	head -n 5 train.ndjson >few.ndjson
	test_expect_code 65 score train few.ndjson 2>err
	test_grep "5 sold records are too few to train on" err
'

test_done
