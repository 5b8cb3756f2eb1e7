# SPDX-License-Identifier: MIT
# Test HTTP JSON API servers (tests/api-server.py: a RESO Web API, a generic
# JSON API and misbehaving endpoints on 127.0.0.1) for the discover tests,
# which source this after lib.sh. The servers are children of the test's
# shell, stopped by stop_api or, when a test dies first, by the trap set here
# (which also stops the servers of tests/smtp.sh, if it was sourced too).
API_SERVER="$TEST_ROOT/tests/api-server.py"
# The server's default client credentials (--client-id, --client-secret).
API_CLIENT_ID=birddog-test
API_CLIENT_SECRET=s3cret-test
trap 'for p in "$TMP"/*.pid; do [ -f "$p" ] && kill -9 "$(cat "$p")" 2>/dev/null; done; rm -rf "$TMP"' EXIT

# start_api NAME [ARGS...]: a server over a copy of the Property data,
# $TMP/NAME.properties.json (edit it to change what the server answers), its
# port in $TMP/NAME.port and its base URL in API_BASE, its request log in
# $TMP/NAME.log and its stderr in $TMP/NAME.err; it also stops by itself after
# 120 s. ARGS come after the defaults, so they can replace them (--timeout,
# --data, ...). Start servers at the top level of a test, not inside a
# test_expect_success body (a subshell), so that API_BASE is kept.
start_api() {
	_api_name=$1
	shift
	cp "$TESTDATA/api/properties.json" "$TMP/$_api_name.properties.json"
	: >"$TMP/$_api_name.log"
	"$PYTHON" "$API_SERVER" --timeout 120 --data "$TMP/$_api_name.properties.json" \
		--log "$TMP/$_api_name.log" "$@" >"$TMP/$_api_name.port" 2>"$TMP/$_api_name.err" &
	echo $! >"$TMP/$_api_name.pid"
	_api_i=0
	while [ ! -s "$TMP/$_api_name.port" ] && [ $_api_i -lt 150 ]; do
		kill -0 "$(cat "$TMP/$_api_name.pid")" 2>/dev/null || break
		sleep 0.1
		_api_i=$((_api_i + 1))
	done
	API_BASE="http://127.0.0.1:$(cat "$TMP/$_api_name.port")"
}

# stop_api NAME: SIGTERM, then wait (at most 10 s) until it has gone.
stop_api() {
	[ -f "$TMP/$1.pid" ] || return 0
	_api_pid=$(cat "$TMP/$1.pid")
	kill "$_api_pid" 2>/dev/null
	wait "$_api_pid" 2>/dev/null
	_api_i=0
	while _api_alive "$_api_pid" && [ $_api_i -lt 100 ]; do
		sleep 0.1
		_api_i=$((_api_i + 1))
	done
	mv "$TMP/$1.pid" "$TMP/$1.stopped"
	return 0
}

# _api_alive PID: the process exists and is not a zombie (a server started
# by the test's shell and stopped from a subshell stays one until that shell
# waits for it).
_api_alive() {
	kill -0 "$1" 2>/dev/null || return 1
	[ -r "/proc/$1/stat" ] || return 0
	case $(sed "s/.*) //" "/proc/$1/stat" 2>/dev/null | cut -d" " -f1) in
	Z | X) return 1 ;;
	esac
	return 0
}

# api_token BASE: a fresh access token from BASE/oauth/token, with the
# default client credentials in the form body.
api_token() {
	curl -sS -m 10 -d grant_type=client_credentials -d "client_id=$API_CLIENT_ID" \
		-d "client_secret=$API_CLIENT_SECRET" "$1/oauth/token" | jq -r .access_token
}
