#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# A throwaway HTTP JSON API server for the discover tests (Python's stdlib
# only): listens on 127.0.0.1 at a free port, which it prints on stdout, and
# serves, over HTTP/1.1 with keep-alive and a Content-Length on every answer,
#
#   /oauth/token          POST, OAuth2 client credentials (form body or Basic)
#   /odata/Property       a RESO Web API (OData v4) over --data, Bearer only
#   /odata/$metadata      a small CSDL document, Bearer only
#   /api/listings?page=N  a generic JSON API over --listings, 5 a page
#   /api/offset?offset=O&limit=L, /api/array
#   /flaky/429?n=K, /flaky/429-date?n=K, /flaky/500?n=K, /slow?s=S, /loop,
#   /loop2, /huge, /reset, /wrongtype, /badjson, /redirect?to=URL
#
# The data files are read at start and again whenever one changes (mtime,
# size or inode), so a test can edit its copy between runs. Each request is
# logged as one JSON line (--log, else stderr), flushed at once. Stops on
# SIGTERM or after --timeout seconds.
#
#   api-server.py [--timeout S] [--data FILE] [--listings FILE] [--log FILE]
#                 [--client-id ID] [--client-secret SECRET] [--token-ttl S]
#                 [--bearer TOKEN]... [--api-auth] [--paging skiptoken|skip]
#                 [--robots FILE] [--port N]
import argparse
import base64
import binascii
import collections
import email.utils
import functools
import hashlib
import json
import math
import os
import re
import secrets
import signal
import socket
import struct
import sys
import threading
import time
import traceback
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, unquote_plus, urlencode, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.join(os.path.dirname(HERE), "testdata", "api")

# The Property fields the server knows: $select and $filter accept these and
# no others. A record may lack some (ListingURL, StreetDirPrefix); selected,
# a missing field is null.
FIELDS = [
    "ListingKey", "ListingId", "ModificationTimestamp", "StandardStatus", "ListPrice",
    "UnparsedAddress", "StreetNumber", "StreetDirPrefix", "StreetName", "StreetSuffix",
    "UnitNumber", "City", "StateOrProvince", "PostalCode", "Latitude", "Longitude",
    "BedroomsTotal", "BathroomsTotalInteger", "LivingArea", "LotSizeSquareFeet",
    "LotSizeAcres", "YearBuilt", "PropertyType", "PropertySubType", "PublicRemarks",
    "ListingURL", "ListingContractDate", "OnMarketDate", "StatusChangeTimestamp", "CloseDate",
    "ClosePrice",
]
NUMERIC = {
    "ClosePrice", "ListPrice", "Latitude", "Longitude", "BedroomsTotal", "BathroomsTotalInteger",
    "LivingArea", "LotSizeSquareFeet", "LotSizeAcres", "YearBuilt",
}
TIMESTAMPS = {"ModificationTimestamp"}
TOP_DEFAULT = 10
TOP_MAX = 200
PAGE_SIZE = 5          # /api/listings
OFFSET_LIMIT_DEFAULT = 5
OFFSET_LIMIT_MAX = 50  # /api/offset clamps limit to this
HUGE_BYTES = 50 * 1024 * 1024
ODATA_JSON = "application/json;odata.metadata=minimal"


class BadRequest(Exception):
    def __init__(self, message, target=None):
        super().__init__(message)
        self.message = message
        self.target = target


# ---------------------------------------------------------------- timestamps

TS_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
                   r"(Z|[+-]\d{2}:\d{2})\Z")


def parse_ts(text):
    """An RFC 3339 date-time (Z or an offset, fraction up to any length,
    truncated to microseconds) as an aware datetime; ValueError if not."""
    m = TS_RE.match(text)
    if not m:
        raise ValueError("not an RFC 3339 date-time: %r" % text)
    y, mo, d, h, mi, s, frac, zone = m.groups()
    us = int((frac or "0")[:6].ljust(6, "0"))
    dt = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), us, tzinfo=timezone.utc)
    if zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        dt -= sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    return dt


# ------------------------------------------------------------- $filter parser

TOKEN_RE = re.compile(r"""\s*(?:
    (?P<dt>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))
  | (?P<num>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.:-])
  | (?P<str>'(?:[^']|'')*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_./]*)
  | (?P<punct>[(),])
  )""", re.X)
COMPARE = ("eq", "ne", "gt", "ge", "lt", "le")


def tokenize(text):
    toks = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            raise BadRequest("$filter: unexpected text at offset %d: %r" % (pos, text[pos:pos + 20]),
                             "$filter")
        kind = m.lastgroup
        toks.append((kind, m.group(kind)))
        pos = m.end()
    return toks


class FilterParser:
    """expr := and ("or" and)* ; and := unary ("and" unary)* ;
    unary := "not" unary | "(" expr ")" | Field op literal ;
    op := eq|ne|gt|ge|lt|le ; literal := date-time | number | 'string' | null | true | false.
    Anything else (functions, lambdas, arithmetic, "in", has) is an error."""

    def __init__(self, text):
        self.toks = tokenize(text)
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def is_word(self, word):
        kind, val = self.peek()
        return kind == "name" and val == word

    def fail(self, what):
        kind, val = self.peek()
        got = "end of input" if kind is None else repr(val)
        raise BadRequest("$filter: expected %s, got %s" % (what, got), "$filter")

    def parse(self):
        if not self.toks:
            raise BadRequest("$filter is empty", "$filter")
        node = self.expr()
        if self.i != len(self.toks):
            self.fail("'and', 'or' or the end")
        return node

    def expr(self):
        node = self.conj()
        while self.is_word("or"):
            self.take()
            node = ("or", node, self.conj())
        return node

    def conj(self):
        node = self.unary()
        while self.is_word("and"):
            self.take()
            node = ("and", node, self.unary())
        return node

    def unary(self):
        kind, val = self.peek()
        if kind == "name" and val == "not":
            self.take()
            return ("not", self.unary())
        if kind == "punct" and val == "(":
            self.take()
            node = self.expr()
            kind, val = self.peek()
            if kind != "punct" or val != ")":
                self.fail("')'")
            self.take()
            return node
        return self.comparison()

    def comparison(self):
        kind, field = self.take()
        if kind != "name" or field in COMPARE or field in ("and", "or", "not"):
            self.i -= 1
            self.fail("a property name")
        nkind, nval = self.peek()
        if nkind == "punct" and nval == "(":
            raise BadRequest("$filter: function %s() is not supported" % field, "$filter")
        if field not in FIELDS:
            raise BadRequest("$filter: unknown property %r" % field, "$filter")
        kind, op = self.take()
        if kind != "name" or op not in COMPARE:
            self.i -= 1
            self.fail("a comparison operator (eq ne gt ge lt le) after %s" % field)
        kind, text = self.take()
        if kind == "dt":
            try:
                value = parse_ts(text)
            except ValueError as e:
                raise BadRequest("$filter: %s" % e, "$filter")
            vtype = "ts"
        elif kind == "num":
            value = float(text) if re.search(r"[.eE]", text) else int(text)
            vtype = "num"
        elif kind == "str":
            value = text[1:-1].replace("''", "'")
            vtype = "str"
        elif kind == "name" and text in ("null", "true", "false"):
            value = {"null": None, "true": True, "false": False}[text]
            vtype = "null" if value is None else "bool"
        else:
            self.i -= 1
            self.fail("a literal after %s %s" % (field, op))
        ftype = "ts" if field in TIMESTAMPS else "num" if field in NUMERIC else "str"
        if vtype == "null":
            if op not in ("eq", "ne"):
                raise BadRequest("$filter: null only compares with eq or ne", "$filter")
        elif vtype != ftype:
            raise BadRequest("$filter: %s is %s, compared with a %s literal %s"
                             % (field, {"ts": "an Edm.DateTimeOffset", "num": "a number",
                                        "str": "an Edm.String"}[ftype],
                                {"ts": "date-time", "num": "number", "str": "string",
                                 "bool": "boolean"}[vtype], text), "$filter")
        return ("cmp", op, field, value)


def compare(a, b):
    if a is None and b is None:
        return 0
    if a is None:
        return -1
    if b is None:
        return 1
    return (a > b) - (a < b)


def evaluate(node, row):
    kind = node[0]
    if kind == "or":
        return evaluate(node[1], row) or evaluate(node[2], row)
    if kind == "and":
        return evaluate(node[1], row) and evaluate(node[2], row)
    if kind == "not":
        return not evaluate(node[1], row)
    _, op, field, lit = node
    val = row.value(field)
    if lit is None or val is None:
        same = lit is None and val is None
        return same if op == "eq" else (not same) if op == "ne" else False
    c = compare(val, lit)
    return {"eq": c == 0, "ne": c != 0, "gt": c > 0, "ge": c >= 0, "lt": c < 0, "le": c <= 0}[op]


# ----------------------------------------------------------------- the data

class Row:
    __slots__ = ("rec", "ts")

    def __init__(self, rec):
        self.rec = rec
        self.ts = parse_ts(rec["ModificationTimestamp"])

    def value(self, field):
        if field == "ModificationTimestamp":
            return self.ts
        return self.rec.get(field)


def load_properties(doc):
    if isinstance(doc, dict) and isinstance(doc.get("value"), list):
        doc = doc["value"]
    if not isinstance(doc, list):
        raise ValueError("the Property data is not a JSON array")
    rows = []
    for rec in doc:
        if not isinstance(rec, dict) or not isinstance(rec.get("ListingKey"), str):
            raise ValueError("a Property record without a string ListingKey")
        rows.append(Row(rec))
    return rows


def load_listings(doc):
    if not isinstance(doc, list):
        raise ValueError("the listings data is not a JSON array")
    return doc


class DataFile:
    """A JSON file held in memory, read again when its mtime, size or inode
    changes (an unreadable new version keeps the old one, and says so)."""

    def __init__(self, path, loader):
        self.path = path
        self.loader = loader
        self.lock = threading.Lock()
        self.stamp = None
        self.data = None
        self.mtime = 0.0
        self.get()

    def get(self):
        with self.lock:
            try:
                st = os.stat(self.path)
                stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
                if stamp != self.stamp:
                    with open(self.path, "rb") as f:
                        self.data = self.loader(json.load(f))
                    self.stamp = stamp
                    self.mtime = st.st_mtime
            except (OSError, ValueError, KeyError) as e:
                if self.data is None:
                    raise
                print("api-server: keeping the old %s: %s" % (self.path, e), file=sys.stderr,
                      flush=True)
            return self.data, self.mtime


# ------------------------------------------------------------------ state

class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.hits = collections.Counter()
        self.tokens = {}        # token -> expiry (epoch seconds)
        self.issued = 0
        self.properties = DataFile(args.data, load_properties)
        self.listings = DataFile(args.listings, load_listings)
        self.log_lock = threading.Lock()
        self.log = open(args.log, "a", encoding="utf-8") if args.log else sys.stderr

    def hit(self, key):
        with self.lock:
            self.hits[key] += 1
            return self.hits[key]

    def issue(self):
        token = secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[token] = time.time() + self.args.token_ttl
            self.issued += 1
        return token

    def token_state(self, token):
        """'ok', 'expired' or 'unknown'."""
        if token in self.args.bearer:
            return "ok"
        with self.lock:
            exp = self.tokens.get(token)
        if exp is None:
            return "unknown"
        return "ok" if time.time() < exp else "expired"

    def write_log(self, rec):
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        with self.log_lock:
            self.log.write(line)
            self.log.flush()


STATE = None


# ---------------------------------------------------------------- handler

class ClientGone(Exception):
    pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "birddog-api-test/1"
    sys_version = ""
    timeout = 30  # an idle keep-alive connection is closed after this

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes: no Nagle delay.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def version_string(self):
        return self.server_version

    def log_message(self, fmt, *args):  # the JSON request log replaces it
        pass

    def send_response(self, code, message=None):
        self.status = code
        if getattr(self, "logged", True) is False:
            self.log_once()
        super().send_response(code, message)

    def do_GET(self):
        self.dispatch()

    def do_HEAD(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def do_PATCH(self):
        self.dispatch()

    # -- plumbing

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            body = b""
            while True:
                line = self.rfile.readline(1024)
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    return body
                body += self.rfile.read(size)
                self.rfile.readline(1024)
                if len(body) > 1 << 20:
                    raise BadRequest("request body too large")
        n = int(self.headers.get("Content-Length") or 0)
        if n > 1 << 20:
            raise BadRequest("request body too large")
        return self.rfile.read(n) if n > 0 else b""

    def host(self):
        return self.headers.get("Host") or "127.0.0.1:%d" % self.server.server_address[1]

    def send_bytes(self, status, ctype, body, headers=()):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.write(body)

    def write(self, data):
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError, TimeoutError) as e:
            self.close_connection = True
            raise ClientGone() from e

    def send_json(self, status, obj, headers=(), ctype="application/json",
                  conditional=False, mtime=None):
        body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        headers = list(headers)
        if conditional:
            etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
            headers.append(("ETag", etag))
            if mtime is not None:
                headers.append(("Last-Modified", email.utils.formatdate(mtime, usegmt=True)))
            if self.not_modified(etag, mtime):
                self.send_bytes(304, None, body, headers)
                return
        self.send_bytes(status, ctype, body, headers)

    def not_modified(self, etag, mtime):
        if self.command not in ("GET", "HEAD"):
            return False
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or etag in tags or ("W/" + etag) in tags
        ims = self.headers.get("If-Modified-Since")
        if ims is not None and mtime is not None:
            try:
                when = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
            return int(mtime) <= when
        return False

    def odata_error(self, status, code, message, target=None, headers=()):
        err = {"code": code, "message": message}
        if target:
            err["target"] = target
        self.send_json(status, {"error": err}, headers=[("OData-Version", "4.0")] + list(headers),
                       ctype="application/json")

    def api_error(self, status, message, headers=()):
        self.send_json(status, {"error": message}, headers=headers)

    def auth_header(self):
        """(scheme, bearer token, (basic id, basic secret))."""
        h = self.headers.get("Authorization")
        if not h:
            return None, None, None
        scheme, _, rest = h.strip().partition(" ")
        scheme = scheme.lower()
        rest = rest.strip()
        if scheme == "bearer":
            return "bearer", rest, None
        if scheme == "basic":
            try:
                raw = base64.b64decode(rest, validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                return "basic", None, ("", None)
            user, sep, pw = raw.partition(":")
            # RFC 6749 2.3.1: both are form-urlencoded before base64.
            return "basic", None, (unquote_plus(user), unquote_plus(pw) if sep else None)
        return scheme, None, None

    def dispatch(self):
        self.t0 = time.time()
        self.status = None
        self.logged = False
        u = urlsplit(self.path)
        self.upath = u.path
        self.rawquery = u.query
        self.hits = STATE.hit(u.path + ("?" + u.query if u.query else ""))
        self.scheme, self.token, self.basic = self.auth_header()
        try:
            self.body = self.read_body()
            self.params = parse_qsl(u.query, keep_blank_values=True)
            self.route()
        except ClientGone:
            pass
        except BadRequest as e:
            if self.status is None:
                self.api_error(400, e.message)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception:
            traceback.print_exc()
            sys.stderr.flush()
            if self.status is None:
                self.close_connection = True
                try:
                    self.api_error(500, "internal error in the test server")
                except ClientGone:
                    pass
        finally:
            self.log_once()

    def log_once(self):
        """The request's log line: written when the status line is (before
        any of the answer reaches the client), or at the end if none was."""
        if self.logged:
            return
        self.logged = True
        STATE.write_log({
            "t": round(self.t0, 6),
            "method": self.command,
            "path": self.upath,
            "query": self.rawquery,
            "status": self.status,
            "auth": self.scheme,
            "token": self.token,
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "user_agent": self.headers.get("User-Agent"),
            "accept_encoding": self.headers.get("Accept-Encoding"),
            "hit": self.hits,
            "tokens_issued": STATE.issued,
        })

    def param(self, name, default=None):
        for k, v in self.params:
            if k == name:
                return v
        return default

    def int_param(self, name, default, lo=None):
        v = self.param(name)
        if v is None or v == "":
            return default
        try:
            n = int(v)
        except ValueError:
            raise BadRequest("%s must be an integer, not %r" % (name, v))
        if lo is not None and n < lo:
            raise BadRequest("%s must be at least %d" % (name, lo))
        return n

    def method_is(self, *allowed):
        if self.command in allowed:
            return True
        self.api_error(405, "method %s not allowed here" % self.command,
                       headers=[("Allow", ", ".join(allowed))])
        return False

    # -- routes

    def route(self):
        p = self.upath
        if p == "/oauth/token":
            return self.token_endpoint()
        if p == "/odata" or p.startswith("/odata/"):
            return self.odata()
        if p.startswith("/api/"):
            return self.generic_api()
        simple = {
            "/": self.index, "/flaky/429": self.flaky_429, "/flaky/429-date": self.flaky_429_date,
            "/flaky/500": self.flaky_500, "/slow": self.slow, "/loop": self.loop,
            "/loop2": self.loop2, "/huge": self.huge, "/reset": self.reset,
            "/wrongtype": self.wrongtype, "/badjson": self.badjson, "/redirect": self.redirect,
            "/robots.txt": self.robots,
        }
        fn = simple.get(p)
        if fn is None:
            return self.api_error(404, "no such path: %s" % p)
        if self.method_is("GET", "HEAD"):
            fn()

    def index(self):
        self.send_json(200, {"endpoints": [
            "/oauth/token", "/odata/Property", "/odata/$metadata", "/api/listings?page=N",
            "/api/offset?offset=O&limit=L", "/api/array", "/flaky/429?n=K",
            "/flaky/429-date?n=K", "/flaky/500?n=K", "/slow?s=S", "/loop", "/huge", "/reset",
            "/wrongtype", "/badjson", "/redirect?to=URL"]})

    def robots(self):
        if not STATE.args.robots:
            return self.api_error(404, "no robots.txt")
        with open(STATE.args.robots, "rb") as f:
            self.send_bytes(200, "text/plain; charset=utf-8", f.read())

    # OAuth2 client credentials (RFC 6749 4.4)
    def token_endpoint(self):
        if not self.method_is("POST"):
            return
        args = STATE.args
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/x-www-form-urlencoded":
            return self.send_json(400, {"error": "invalid_request",
                                        "error_description": "the body must be "
                                        "application/x-www-form-urlencoded"},
                                  headers=[("Cache-Control", "no-store")])
        form = dict(parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True))
        if form.get("grant_type") != "client_credentials":
            return self.send_json(400, {"error": "unsupported_grant_type",
                                        "error_description": "grant_type must be "
                                        "client_credentials"},
                                  headers=[("Cache-Control", "no-store")])
        if self.basic is not None and ("client_id" in form or "client_secret" in form):
            if form.get("client_secret") is not None or form.get("client_id") != self.basic[0]:
                return self.send_json(400, {"error": "invalid_request",
                                            "error_description": "client credentials in "
                                            "both the Authorization header and the body"},
                                      headers=[("Cache-Control", "no-store")])
        if self.basic is not None:
            cid, secret = self.basic
        else:
            cid, secret = form.get("client_id"), form.get("client_secret")
        if cid != args.client_id or secret != args.client_secret:
            hdrs = [("Cache-Control", "no-store")]
            if self.basic is not None:
                hdrs.append(("WWW-Authenticate", 'Basic realm="birddog-test"'))
            return self.send_json(401, {"error": "invalid_client",
                                        "error_description": "unknown client or wrong secret"},
                                  headers=hdrs)
        token = STATE.issue()
        resp = {"access_token": token, "token_type": "Bearer", "expires_in": args.token_ttl}
        if form.get("scope"):
            resp["scope"] = form["scope"]
        self.send_json(200, resp, headers=[("Cache-Control", "no-store"), ("Pragma", "no-cache")])

    def bearer_ok(self, odata):
        """True if the request carries a good Bearer token, else answers 401."""
        why = None
        if self.scheme != "bearer" or not self.token:
            challenge = 'Bearer realm="birddog-test"'
            why = "a Bearer token is required"
        else:
            st = STATE.token_state(self.token)
            if st == "ok":
                return True
            why = "the token has expired" if st == "expired" else "unknown token"
            challenge = ('Bearer realm="birddog-test", error="invalid_token", '
                         'error_description="%s"' % why)
        hdrs = [("WWW-Authenticate", challenge)]
        if odata:
            self.odata_error(401, "Unauthorized", why, headers=hdrs)
        else:
            self.api_error(401, why, headers=hdrs)
        return False

    # RESO Web API
    def odata(self):
        if not self.bearer_ok(odata=True):
            return
        if not self.method_is("GET", "HEAD"):
            return
        p = self.upath
        if p == "/odata/$metadata":
            return self.metadata()
        if p != "/odata/Property":
            return self.odata_error(404, "NotFound", "no such resource: %s" % p)
        try:
            self.property_query()
        except BadRequest as e:
            self.odata_error(400, "BadRequest", e.message, e.target)

    def metadata(self):
        props = []
        for f in FIELDS:
            t = ("Edm.DateTimeOffset" if f in TIMESTAMPS else
                 "Edm.Decimal" if f in NUMERIC else "Edm.String")
            props.append('<Property Name="%s" Type="%s"/>' % (f, t))
        xml = ('<?xml version="1.0" encoding="utf-8"?>\n'
               '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">'
               '<edmx:DataServices><Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" '
               'Namespace="org.reso.metadata"><EntityType Name="Property"><Key>'
               '<PropertyRef Name="ListingKey"/></Key>%s<NavigationProperty Name="Media" '
               'Type="Collection(org.reso.metadata.Media)"/></EntityType>'
               '<EntityType Name="Media"><Property Name="MediaURL" Type="Edm.String"/>'
               '<Property Name="Order" Type="Edm.Int64"/></EntityType>'
               '<EntityContainer Name="Default"><EntitySet Name="Property" '
               'EntityType="org.reso.metadata.Property"/></EntityContainer></Schema>'
               '</edmx:DataServices></edmx:Edmx>\n' % "".join(props))
        self.send_bytes(200, "application/xml", xml.encode("utf-8"), [("OData-Version", "4.0")])

    def property_query(self):
        known = {"$filter", "$orderby", "$top", "$skip", "$select", "$expand", "$skiptoken",
                 "$count"}
        seen = set()
        for k, _ in self.params:
            if k.startswith("$") and k not in known:
                raise BadRequest("the query option %s is not supported" % k, k)
            if k in seen and k.startswith("$"):
                raise BadRequest("the query option %s is given twice" % k, k)
            seen.add(k)
        rows, mtime = STATE.properties.get()

        flt = self.param("$filter")
        tree = FilterParser(flt).parse() if flt is not None else None

        order = []
        ob = self.param("$orderby")
        if ob is not None:
            for item in ob.split(","):
                words = item.split()
                if not words or len(words) > 2 or (len(words) == 2 and words[1] not in ("asc", "desc")):
                    raise BadRequest("$orderby: cannot read %r" % item.strip(), "$orderby")
                if words[0] not in FIELDS:
                    raise BadRequest("$orderby: unknown property %r" % words[0], "$orderby")
                order.append((words[0], len(words) == 2 and words[1] == "desc"))
        if "ListingKey" not in [f for f, _ in order]:
            order.append(("ListingKey", False))  # a total order, for paging

        top = self.param("$top")
        if top is None:
            top = TOP_DEFAULT
        else:
            if not re.fullmatch(r"\d+", top):
                raise BadRequest("$top must be a non-negative integer", "$top")
            top = int(top)
            if top > TOP_MAX:
                raise BadRequest("$top must be at most %d" % TOP_MAX, "$top")
        skip = self.param("$skip")
        if skip is None:
            skip = 0
        elif not re.fullmatch(r"\d+", skip):
            raise BadRequest("$skip must be a non-negative integer", "$skip")
        else:
            skip = int(skip)

        select = None
        sel = self.param("$select")
        if sel is not None:
            select = [s.strip() for s in sel.split(",")]
            for s in select:
                if s not in FIELDS:
                    raise BadRequest("$select: unknown property %r" % s, "$select")
        expand = self.param("$expand")
        if expand is not None and expand.strip() != "Media":
            raise BadRequest("$expand: only Media is supported, not %r" % expand, "$expand")
        count = self.param("$count")
        if count not in (None, "true", "false"):
            raise BadRequest("$count must be true or false", "$count")

        def cmp_rows(a, b):
            for f, desc in order:
                c = compare(a.value(f), b.value(f))
                if c:
                    return -c if desc else c
            return 0

        matched = [r for r in rows if tree is None or evaluate(tree, r)]
        matched.sort(key=functools.cmp_to_key(cmp_rows))
        total = len(matched)

        token = self.param("$skiptoken")
        if token is not None:
            # Keyset: the rows after the last one of the previous page.
            try:
                last = json.loads(base64.urlsafe_b64decode(token.encode() + b"==="))
                fake = Row(last)
            except (ValueError, TypeError, KeyError, binascii.Error):
                raise BadRequest("$skiptoken is not one this server gave", "$skiptoken")
            matched = [r for r in matched if cmp_rows(r, fake) > 0]
        else:
            matched = matched[skip:]
        page = matched[:top]
        more = len(matched) > len(page) and top > 0

        out = []
        for r in page:
            if select is None:
                rec = {k: v for k, v in r.rec.items() if k != "Media"}
            else:
                rec = {f: r.rec.get(f) for f in select}
            if expand is not None:
                rec["Media"] = r.rec.get("Media") or []
            out.append(rec)

        base = "http://%s/odata/" % self.host()
        resp = {"@odata.context": base + "$metadata#Property"}
        if count == "true":
            resp["@odata.count"] = total
        resp["value"] = out
        if more:
            params = [(k, v) for k, v in self.params if k not in ("$skip", "$skiptoken")]
            if STATE.args.paging == "skip":
                params.append(("$skip", str(skip + len(page))))
            else:
                last = page[-1]
                key = {f: last.rec.get(f) for f, _ in order}
                key["ModificationTimestamp"] = last.rec["ModificationTimestamp"]
                key["ListingKey"] = last.rec["ListingKey"]
                tok = base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode())
                params.append(("$skiptoken", tok.decode().rstrip("=")))
            resp["@odata.nextLink"] = base + "Property?" + urlencode(params, quote_via=quote,
                                                                     safe="$,:'()")
        self.send_json(200, resp, headers=[("OData-Version", "4.0")], ctype=ODATA_JSON,
                       conditional=True, mtime=mtime)

    # A generic, non-RESO JSON API
    def generic_api(self):
        if STATE.args.api_auth and not self.bearer_ok(odata=False):
            return
        if not self.method_is("GET", "HEAD"):
            return
        items, mtime = STATE.listings.get()
        p = self.upath
        if p == "/api/listings":
            page = self.int_param("page", 1, lo=1)
            chunk = items[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
            nxt = "/api/listings?page=%d" % (page + 1) if page * PAGE_SIZE < len(items) else None
            return self.send_json(200, {"data": {"items": chunk}, "links": {"next": nxt}},
                                  conditional=True, mtime=mtime)
        if p == "/api/offset":
            off = self.int_param("offset", 0, lo=0)
            lim = min(self.int_param("limit", OFFSET_LIMIT_DEFAULT, lo=1), OFFSET_LIMIT_MAX)
            return self.send_json(200, {"items": items[off:off + lim], "total": len(items)},
                                  conditional=True, mtime=mtime)
        if p == "/api/array":
            return self.send_json(200, items, conditional=True, mtime=mtime)
        self.api_error(404, "no such path: %s" % p)

    # Misbehaving endpoints
    def flaky_429(self):
        n = self.int_param("n", 1, lo=0)
        if self.hits <= n:
            return self.api_error(429, "slow down (hit %d of %d)" % (self.hits, n),
                                  headers=[("Retry-After", "1")])
        self.send_json(200, {"items": []})

    def flaky_429_date(self):
        n = self.int_param("n", 1, lo=0)
        if self.hits <= n:
            when = email.utils.formatdate(math.ceil(time.time() + 2), usegmt=True)
            return self.api_error(429, "slow down (hit %d of %d)" % (self.hits, n),
                                  headers=[("Retry-After", when)])
        self.send_json(200, {"items": []})

    def flaky_500(self):
        n = self.int_param("n", 1, lo=0)
        if self.hits <= n:
            return self.api_error(500, "server error (hit %d of %d)" % (self.hits, n))
        self.send_json(200, {"items": []})

    def slow(self):
        try:
            s = float(self.param("s", "1"))
        except ValueError:
            raise BadRequest("s must be a number of seconds")
        s = max(0.0, min(s, STATE.args.timeout))
        time.sleep(s)
        self.send_json(200, {"items": [], "slept": s})

    def loop(self):
        self.send_bytes(302, "application/json", b'{"to": "/loop2"}', [("Location", "/loop2")])

    def loop2(self):
        to = "http://%s/loop" % self.host()
        self.send_bytes(302, "application/json", json.dumps({"to": to}).encode(),
                        [("Location", to)])

    def huge(self):
        size = HUGE_BYTES
        head = b'{"items": [], "pad": "'
        tail = b'"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        if self.command == "HEAD":
            return
        self.write(head)
        left = size - len(head) - len(tail)
        chunk = b"x" * 65536
        while left > 0:
            n = min(left, len(chunk))
            self.write(chunk[:n])
            left -= n
        self.write(tail)

    def reset(self):
        # No answer: an RST as soon as the socket is closed (SO_LINGER 0).
        self.close_connection = True
        self.log_once()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()
        self.connection.close()

    def wrongtype(self):
        self.send_bytes(200, "text/html; charset=utf-8",
                        b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
                        b"<body><h1>Please sign in</h1><form method=post></form></body></html>\n")

    def badjson(self):
        self.send_bytes(200, "application/json",
                        b'{"items": [{"id": "X-1", "list_price": 100000,}, {"id": "X-2"\n')

    def redirect(self):
        to = self.param("to")
        if not to:
            raise BadRequest("to= is required")
        self.send_bytes(302, "application/json", json.dumps({"to": to}).encode(),
                        [("Location", to)])


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, ClientGone)):
            return
        super().handle_error(request, client_address)


def main():
    global STATE
    p = argparse.ArgumentParser(description="test HTTP JSON API server (RESO Web API and more)")
    p.add_argument("--timeout", type=float, default=120.0, help="exit after this many seconds")
    p.add_argument("--data", default=os.path.join(TESTDATA, "properties.json"),
                   help="the Property records (a JSON array)")
    p.add_argument("--listings", default=os.path.join(TESTDATA, "listings.json"),
                   help="the generic API's listings (a JSON array)")
    p.add_argument("--client-id", default="birddog-test")
    p.add_argument("--client-secret", default="s3cret-test")
    p.add_argument("--token-ttl", type=int, default=3600, help="expires_in of issued tokens")
    p.add_argument("--bearer", action="append", default=[],
                   help="also accept this fixed Bearer token")
    p.add_argument("--api-auth", action="store_true",
                   help="require a Bearer token on /api/* too")
    p.add_argument("--paging", choices=("skiptoken", "skip"), default="skiptoken",
                   help="what @odata.nextLink carries")
    p.add_argument("--robots", help="serve this file as /robots.txt (else 404)")
    p.add_argument("--log", help="request log, one JSON object a line (default stderr)")
    p.add_argument("--port", type=int, default=0)
    args = p.parse_args()

    STATE = State(args)
    httpd = Server(("127.0.0.1", args.port), Handler)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    signal.signal(signal.SIGINT, lambda signum, frame: stop.set())
    t = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    t.start()
    print(httpd.server_address[1], flush=True)
    stop.wait(args.timeout)
    httpd.shutdown()
    httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
