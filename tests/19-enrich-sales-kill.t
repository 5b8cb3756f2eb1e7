#!/bin/sh
# SPDX-License-Identifier: MIT
# A load of sales killed at random moments (SIGKILL) leaves a database that
# is whole, and loading the file again gives exactly the file's sales: the
# load commits in batches and a reload replaces, never duplicates.
. "$(dirname "$0")/lib.sh"

N=50000
REF=$TMP/ref.db

# 50,000 sales, deterministic, each a distinct (id, sale_date).
"$PYTHON" - $N >sales.ndjson <<-\EOF
	import datetime, json, random, sys
	r = random.Random(3)
	start = datetime.date(2014, 5, 1)
	for i in range(int(sys.argv[1])):
	    print(json.dumps({"id": "k:%d" % (i // 2), "address": {"zip": "%05d" % (98001 + i % 50)},
	                      "sale_date": (start + datetime.timedelta(days=i % 2 * 400 + r.randrange(400))).isoformat(),
	                      "sale_price": r.randrange(100000, 900000), "lat": 47 + r.random(),
	                      "lon": -122 - r.random(), "beds": r.randint(1, 5), "sqft": r.randint(600, 4000)},
	                     separators=(",", ":")))
	EOF

# dump DB: the sales in key order, every column but when they were loaded.
dump() {
	sqlite3 "$1" "SELECT id, sale_date, sale_day, price, address_key, zip, lat, lon, beds, baths,
		sqft, lot_sqft, year_built, source_file FROM sales ORDER BY id, sale_date"
}

# count DB: the sales in DB so far; 0 before the load has made its table.
count() {
	sqlite3 "$1" "SELECT count(*) FROM sales" 2>/dev/null || echo 0
}

test_expect_success 'setup: a whole load, for reference' '
	enrich -q --db "$REF" --load-sales sales.ndjson
	dump "$REF" >want
	test_line_count $N want
'

# Each load on a database of its own is killed when its table has reached
# a random number of the file's sales (2,000 to 42,000): mid-load whatever
# the machine's speed.
test_expect_success 'SIGKILL in the middle of loads: the file is always whole, then reloads exactly' '
	i=0
	while [ $i -lt 5 ]; do
		i=$((i + 1))
		db=k$i.db
		target=$(( $(od -An -N2 -tu2 /dev/urandom) % 40000 + 2000 ))
		enrich -q --db $db --load-sales sales.ndjson 2>/dev/null &
		pid=$!
		while kill -0 "$pid" 2>/dev/null && [ "$(count $db)" -lt $target ]; do
			sleep 0.01
		done
		kill -9 "$pid" 2>/dev/null || :
		st=0
		wait "$pid" || st=$?
		n=$(count $db)
		echo "$st $n" >>killed
		test "$(sqlite3 $db "PRAGMA integrity_check")" = ok
		enrich --db $db --load-sales sales.ndjson >out 2>err
		test_grep "^enrich: $N sales loaded, $n updated, 0 rejected$" err
		dump $db >got
		test_cmp want got
	done
	# the loads were killed, with part of the file in
	awk -v n=$N "\$1 == 137 && \$2 > 0 && \$2 < n { k++ } END { exit k < 3 }" killed || {
		echo "exit statuses and sales in the table after each kill:" >&2
		cat killed >&2
		false
	}
'

test_done
