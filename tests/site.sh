# SPDX-License-Identifier: MIT
# A fixture listing site (testdata/site) served by nginx on 127.0.0.1 for the
# crawler tests, which source this after lib.sh. Each server is a single
# nginx process, a child of the test's shell, stopped by stop_site, by the
# trap set here when a test dies first, or by its watchdog after 300 s
# ($SITE_TIMEOUT).
NGINX=${NGINX:-/usr/sbin/nginx}
SITE_DATA="$TESTDATA/site"
trap 'for p in "$TMP"/*.pid; do [ -f "$p" ] && kill -9 "$(cat "$p")" 2>/dev/null; done; rm -rf "$TMP"' EXIT

# start_site NAME [SITE_DIR]: serves a copy of SITE_DIR (testdata/site) from
# $TMP/NAME/root, with @BASE@ replaced by http://127.0.0.1:PORT and @HOST@ by
# 127.0.0.1:PORT. Sets PORT, HOST and BASE; also writes them to $TMP/NAME.port
# and $TMP/NAME.base. The access log is $TMP/NAME/access.log (see site_log).
start_site() {
	site_name=$1
	site_dir="$TMP/$site_name"
	rm -rf "$site_dir"
	mkdir -p "$site_dir/tmp"
	cp -R "${2:-$SITE_DATA}" "$site_dir/root" || return 1
	site_try=0
	while [ $site_try -lt 20 ]; do
		site_try=$((site_try + 1))
		# a port in 20000-59999 that nothing else holds, found by trying
		PORT=$(($(od -An -N2 -tu2 /dev/urandom) % 40000 + 20000))
		site_conf "$site_dir" "$PORT" >"$site_dir/nginx.conf"
		rm -f "$site_dir/nginx.pid" "$site_dir/error.log"
		"$NGINX" -p "$site_dir" -c "$site_dir/nginx.conf" -e "$site_dir/error.log" \
			</dev/null >"$site_dir/nginx.out" 2>&1 &
		site_pid=$!
		site_wait=0
		# nginx writes its pid file after it has bound the port
		while [ ! -s "$site_dir/nginx.pid" ] && kill -0 "$site_pid" 2>/dev/null &&
			[ $site_wait -lt 100 ]; do
			sleep 0.05
			site_wait=$((site_wait + 1))
		done
		if [ -s "$site_dir/nginx.pid" ] && kill -0 "$site_pid" 2>/dev/null; then
			break
		fi
		kill -9 "$site_pid" 2>/dev/null
		wait "$site_pid" 2>/dev/null
		if ! grep -q "Address already in use" "$site_dir/error.log" "$site_dir/nginx.out" 2>/dev/null; then
			echo "start_site: nginx did not start:" >&2
			cat "$site_dir/error.log" "$site_dir/nginx.out" >&2 2>/dev/null
			return 1
		fi
	done
	if ! kill -0 "$site_pid" 2>/dev/null; then
		echo "start_site: no free port after $site_try tries" >&2
		return 1
	fi
	echo "$site_pid" >"$TMP/$site_name.pid"
	site_watchdog "$site_pid" "${SITE_TIMEOUT:-300}" </dev/null >/dev/null 2>&1 &
	HOST=127.0.0.1:$PORT
	BASE=http://$HOST
	echo "$PORT" >"$TMP/$site_name.port"
	echo "$BASE" >"$TMP/$site_name.base"
	grep -rlF -e @BASE@ -e @HOST@ "$site_dir/root" | while IFS= read -r f; do
		LC_ALL=C sed -i -e "s|@BASE@|$BASE|g" -e "s|@HOST@|$HOST|g" "$f"
	done
	site_ready "$site_name" || return 1
	: >"$site_dir/access.log"
}

# site_conf DIR PORT: the nginx configuration, on stdout.
site_conf() {
	site_user=
	[ "$(id -u)" -eq 0 ] && site_user="user $(id -un) $(id -gn);"
	cat <<EOF
# nginx for a birddog fixture site (tests/site.sh); one process, in the foreground
$site_user
daemon off;
master_process off;
worker_processes 1;
pid $1/nginx.pid;
error_log $1/error.log info;
events {
	worker_connections 256;
}
http {
	types {
		text/html html;
		application/xml xml;
		text/plain txt;
		application/json json;
		image/jpeg jpg;
	}
	default_type text/html;
	client_body_temp_path $1/tmp/body;
	proxy_temp_path $1/tmp/proxy;
	fastcgi_temp_path $1/tmp/fastcgi;
	uwsgi_temp_path $1/tmp/uwsgi;
	scgi_temp_path $1/tmp/scgi;
	# one line per request, tab-separated, values as sent (empty when absent)
	log_format birddog escape=none
		'\$msec\t\$request_method\t\$request_uri\t\$status\t\$body_bytes_sent\t\$http_user_agent\t\$http_if_none_match\t\$http_if_modified_since\t\$http_accept_encoding\t\$server_protocol\t\$connection\t\$connection_requests';
	access_log $1/access.log birddog;
	server_tokens off;
	etag on;
	gzip on;
	gzip_types text/plain application/xml application/json;
	gzip_vary on;
	gzip_min_length 20;
	keepalive_timeout 30s;
	keepalive_requests 1000;
	server {
		listen 127.0.0.1:$2;
		server_name localhost;
		root $1/root;
		index index.html;
		# this page declares its encoding only in the Content-Type header
		location = /homes/110.html {
			charset iso-8859-1;
		}
		# a redirect a crawler must not follow (tests/14)
		location = /homes/moved.html {
			return 302 file:///etc/hostname;
		}
	}
}
EOF
}

# site_watchdog PID SECONDS: kills PID after SECONDS; returns as soon as PID
# is gone.
site_watchdog() {
	wd_left=$2
	while [ "$wd_left" -gt 0 ] && kill -0 "$1" 2>/dev/null; do
		sleep 1
		wd_left=$((wd_left - 1))
	done
	kill -0 "$1" 2>/dev/null && kill "$1"
}

# site_ready NAME: true once the site answers (at most 5 s).
site_ready() {
	command -v curl >/dev/null || return 0
	ready_i=0
	while [ $ready_i -lt 50 ]; do
		if curl -s -o /dev/null --max-time 1 "$(cat "$TMP/$1.base")/robots.txt"; then
			return 0
		fi
		sleep 0.1
		ready_i=$((ready_i + 1))
	done
	echo "start_site: $1 does not answer:" >&2
	cat "$TMP/$1/error.log" >&2
	return 1
}

# stop_site NAME: SIGTERM (nginx's fast shutdown), then wait for it to go.
stop_site() {
	pid=$(cat "$TMP/$1.pid")
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	stop_i=0
	while kill -0 "$pid" 2>/dev/null && [ $stop_i -lt 50 ]; do
		sleep 0.1
		stop_i=$((stop_i + 1))
	done
	mv "$TMP/$1.pid" "$TMP/$1.stopped"
}

# site_log NAME: the access log, one request a line, 12 tab-separated fields:
# msec method uri status bytes user-agent if-none-match if-modified-since
# accept-encoding protocol connection connection-requests; values as sent,
# a header the request lacked is an empty field.
site_log() {
	# nginx logs a request just after sending its response
	sleep 0.1
	cat "$TMP/$1/access.log"
}

# site_sources NAME [DIR]: copies the source configs (testdata/sources) to
# $TMP/NAME/sources with @BASE@ and @HOST@ replaced for site NAME.
site_sources() {
	src_base=$(cat "$TMP/$1.base")
	src_host=${src_base#http://}
	mkdir -p "$TMP/$1/sources"
	for f in "${2:-$TESTDATA/sources}"/*.json; do
		LC_ALL=C sed -e "s|@BASE@|$src_base|g" -e "s|@HOST@|$src_host|g" "$f" \
			>"$TMP/$1/sources/${f##*/}" || return 1
	done
}
