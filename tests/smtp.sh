# SPDX-License-Identifier: MIT
# Test SMTP servers (tests/smtp-server.py, aiosmtpd on 127.0.0.1) for the
# mailout tests, which source this after lib.sh. The servers are children of
# the test's shell, stopped by stop_server or, when a test dies first, by the
# trap set here.
unset BIRDDOG_SMTP_URL BIRDDOG_SMTP_USER BIRDDOG_SMTP_PASSWORD
SERVER="$TEST_ROOT/tests/smtp-server.py"
trap 'for p in "$TMP"/*.pid; do [ -f "$p" ] && kill -9 "$(cat "$p")" 2>/dev/null; done; rm -rf "$TMP"' EXIT

# start_server NAME [ARGS...]: a server storing into NAME/, its port in
# NAME.port; it also stops by itself after 120 s.
start_server() {
	name=$1
	shift
	"$PYTHON" "$SERVER" --timeout 120 "$@" "$TMP/$name" >"$TMP/$name.port" 2>"$TMP/$name.log" &
	echo $! >"$TMP/$name.pid"
	i=0
	while [ ! -s "$TMP/$name.port" ] && [ $i -lt 150 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# stop_server NAME: SIGTERM, then wait.
stop_server() {
	pid=$(cat "$TMP/$1.pid")
	kill "$pid" 2>/dev/null
	wait "$pid"
	mv "$TMP/$1.pid" "$TMP/$1.stopped"
}
