#!/bin/sh
# SPDX-License-Identifier: MIT
# score's valuation against XGBoost's own Python package and an independent
# reading of the bundle (tests/avm_parity.py, which recomputes the inputs
# with scripts/bench-peer-avm.py): inputs, tree margins, TreeSHAP
# contributions, the neighbourhood correction, calibration and range, on
# sales, listings and listings with odd values; and the check can fail.
. "$(dirname "$0")/lib.sh"

MAP="$TESTDATA/discover/county-sales.map.json"
PARITY="$TEST_ROOT/tests/avm_parity.py"
# the day after the synthetic county's last sale: listings are valued as of it
export BIRDDOG_NOW=2015-06-01T00:00:00Z

if ! "$PYTHON" -c "import numpy, scipy.spatial, xgboost" 2>/dev/null; then
	test_skip "score's valuation against XGBoost's Python package" \
		"no xgboost, numpy or scipy for $PYTHON (apt-get install python3-xgboost python3-scipy)"
	test_done
	exit
fi

# Ten listings with the values a feed sends: no place, a price-like string,
# no year or beds, a ZIP and a view the model never saw, a market.as_of date,
# (0, 0), no area, a year out of range, an exponent, a ZIP as a number.
odd() {
	i=0
	while read -r line; do
		i=$((i + 1))
		case $i in
		1) f='del(.lat, .lon)' ;;
		2) f='.sqft = "$1,610"' ;;
		3) f='.year_built = null | del(.beds)' ;;
		4) f='.address.zip = "99999" | .extra.view = "n/a"' ;;
		5) f='.market = {"as_of": "2015-02-01"}' ;;
		6) f='.lat = 0 | .lon = 0' ;;
		7) f='.sqft = 0' ;;
		8) f='.year_built = 1500 | .baths = "2.25"' ;;
		9) f='.sqft = "1.61e3" | .lot_sqft = "5000"' ;;
		*) f='.address.zip |= tonumber' ;;
		esac
		printf '%s\n' "$line" | jq -c "(.id |= . + \"-odd\") | $f"
	done
}

test_expect_success 'setup: a small model of a synthetic county, its sales and listings' '
	"$TEST_ROOT/scripts/gen-sales" --rows 1500 --seed 1 -o sales.csv
	discover -q -p -S kingco -m "$MAP" sales.csv >train.ndjson
	"$TEST_ROOT/scripts/gen-sales" --rows 250 --seed 1 --listings -o list.csv
	discover -q -p -S lists -m "$MAP" list.csv |
		sed "s/\"sale_date\":/\"list_date\":/; s/\"sale_price\":/\"price\":/" >listings.ndjson
	head -n 10 listings.ndjson | odd >odd.ndjson
	# sales are valued as of their sale date, from strictly earlier sales
	{ head -n 150 train.ndjson; cat listings.ndjson odd.ndjson; } >sample.ndjson
	test_line_count 1500 train.ndjson
	test_line_count 410 sample.ndjson
	# one thread: the same bundle, and a loaded machine does not slow
	# OpenMP'"'"'s spinning threads to a crawl
	score train -q --folds 3 --threads 1 -o model.avm train.ndjson >out 2>err
	test_cmp /dev/null out
	test_cmp /dev/null err
'

test_expect_success 'score --explain values every record' '
	score --threads 1 --explain --model model.avm sample.ndjson >scored.ndjson 2>err
	test_grep "^score: 410 in, 410 out, 0 rejected" err
	test_line_count 410 scored.ndjson
	jq -r .id sample.ndjson >want && jq -r .id scored.ndjson >got && test_cmp want got
	jq -e "select(.valuation.explain.inputs | type != \"object\")" scored.ndjson >bad || true
	test_line_count 0 bad
'

test_expect_success 'the odd values took the paths they are there for' '
	grep -e "-odd\"" scored.ndjson >odd.out
	test_line_count 10 odd.out
	jq -c ".valuation.explain | [.nearby, .inputs.lat, .inputs.geo_15]" odd.out >got
	sed -n 1p got | grep -F "[0,null,null]"
	sed -n 6p got | grep "^\[0,0,"
	jq -c ".valuation.explain.inputs | [.zip, .\"extra.view\", .age, .beds, .sqft]" odd.out >got
	sed -n 3p got | grep "^\[[0-9]*,[0-9]*,null,null,"
	sed -n 4p got | grep "^\[null,null,"
	sed -n 7p got | grep ",null\]$"
	sed -n 8p got | grep "^\[[0-9]*,[0-9]*,null,"
	# a string that is a number is that number
	sed -n 2p got | jq -e ".[4] - (1610 | log) | fabs < 1e-6"
	sed -n 9p got | jq -e ".[4] - (1610 | log) | fabs < 1e-6"
	# market.as_of dates the valuation when there is no sale_date
	sed -n 5p odd.out | jq -e ".valuation.explain.inputs.sale_date | floor == 2015 and . < 2015.1"
	# the neighbourhood correction is at work: most records have one
	jq -s "[.[].valuation.explain.nearby | select(. != 0)] | length" scored.ndjson >n
	test "$(cat n)" -gt 350
'

test_expect_success 'the valuation is what XGBoost and the bundle read independently give' '
	"$PYTHON" "$PARITY" model.avm scored.ndjson >out 2>err
	test_cmp /dev/null err
	version=$(head -n 1 model.avm | jq -r .version)
	test_grep "^avm_parity: 410 records, [0-9]+ inputs each, model $version; inputs float32-exact on 410; reasons summed on 410$" out
	test_grep "^  nearby \\(every point\\) +max \\|difference\\| [0-9.e-]+ over 410 values$" out
	test_grep "^avm_parity: ok$" out
'

test_expect_success 'an estimate $100 off is found' '
	id=$(sed -n 200p scored.ndjson | jq -r .id)
	{ sed -n 1,199p scored.ndjson; sed -n 200p scored.ndjson | jq -c ".valuation.estimate += 100"
	  sed -n 201,410p scored.ndjson; } >bad.ndjson
	test_line_count 410 bad.ndjson
	test_expect_code 1 "$PYTHON" "$PARITY" model.avm bad.ndjson >out 2>err
	test_grep "^avm_parity: $id: estimate: score has [0-9]+, expected [0-9.]+$" err
	test_must_fail grep -q "^avm_parity: ok" out
'

test_expect_success 'a record changed after scoring is found: its inputs are recomputed' '
	id=$(sed -n 300p scored.ndjson | jq -r .id)
	{ sed -n 1,299p scored.ndjson; sed -n 300p scored.ndjson | jq -c ".sqft += 100"
	  sed -n 301,410p scored.ndjson; } >bad.ndjson
	test_expect_code 1 "$PYTHON" "$PARITY" model.avm bad.ndjson >out 2>err
	test_grep "^avm_parity: $id: inputs .sqft.: score has " err
'

test_expect_success 'a bundle with another calibration is found' '
	{ head -n 1 model.avm | jq -c ".calibration.center += 0.001"; sed 1d model.avm; } >other.avm
	test_expect_code 1 "$PYTHON" "$PARITY" other.avm scored.ndjson >out 2>err
	test_grep "^avm_parity: [^ ]+: estimate: score has " err
'

test_done
