#!/bin/sh
# SPDX-License-Identifier: MIT
# The fixture listing site (testdata/site, served by tests/site.sh) and the
# source configs (testdata/sources) keep their promises to the crawler tests:
# pages served as planned, markup and JSON-LD that parse, robots.txt and the
# sitemaps saying what they should, and expected.json agreeing with the pages.
. "$(dirname "$0")/lib.sh"
. "$TEST_ROOT/tests/site.sh"

if [ ! -x "$NGINX" ] || ! command -v curl >/dev/null || ! command -v xmllint >/dev/null; then
	test_skip "the fixture site" "needs nginx-light, curl and libxml2-utils"
	test_done
	exit
fi

cat >"$TMP/fixture.py" <<'EOF'
# fixture.py: a small reference reading of the fixture site, written by
# tests/site-selftest.t: what the pages, robots.txt, the sitemaps and the
# source configs say, by the rules of the draft source spec.
import html, html.parser, json, math, re, subprocess, sys, tempfile
import urllib.error, urllib.parse, urllib.request
import xml.etree.ElementTree as ET

BASE = sys.argv[2] if len(sys.argv) > 2 else ""


class Scripts(html.parser.HTMLParser):
    """The <script> elements of a page, with their raw text, and <base href>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.base, self._cur = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self._cur = (a, [])
        elif tag == "base" and self.base is None and a.get("href"):
            self.base = a["href"]

    def handle_data(self, data):
        if self._cur is not None:
            self._cur[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._cur is not None:
            self.scripts.append((self._cur[0], "".join(self._cur[1])))
            self._cur = None


class Page:
    def __init__(self, url):
        self.url = url
        with urllib.request.urlopen(url) as r:
            self.body, self.ctype = r.read(), r.headers.get("Content-Type", "")
        m = re.search(r"charset=([\w-]+)", self.ctype, re.I)
        if not m:
            m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", self.body[:4096], re.I)
        cs = m.group(1) if m else "utf-8"
        self.charset = cs.decode() if isinstance(cs, bytes) else cs
        self.text = self.body.decode(self.charset)
        p = Scripts()
        p.feed(self.text)
        self.scripts = p.scripts
        self.base = urllib.parse.urljoin(url, p.base) if p.base else url
        # xmllint reads a page as UTF-8 only when the page says so
        utf8 = re.sub(r"(?i)(<meta[^>]+charset=[\"']?)[\w-]+", r"\1utf-8", self.text, count=1)
        if utf8 == self.text and not re.search(r"(?i)<meta[^>]+charset=", utf8):
            utf8 = re.sub(r"(?i)<head>", '<head><meta charset="utf-8">', utf8, count=1)
        self.file = tempfile.NamedTemporaryFile(suffix=".html")
        self.file.write(utf8.encode("utf-8"))
        self.file.flush()

    def xpath(self, expr):
        r = subprocess.run(["xmllint", "--html", "--xpath", expr, self.file.name],
                           capture_output=True)
        out = r.stdout.decode("utf-8")
        return out[:-1] if out.endswith("\n") else out

    def nodes(self, expr):
        """The string values of the nodes EXPR selects, in document order."""
        n = int(float(self.xpath("count(%s)" % expr) or 0))
        return [self.xpath("string((%s)[%d])" % (expr, i)) for i in range(1, n + 1)]

    def link(self, href):
        return urllib.parse.urldefrag(urllib.parse.urljoin(self.base, href.strip()))[0]

    def jsonld(self):
        """The JSON-LD blocks that parse; the others are skipped."""
        out = []
        for attrs, text in self.scripts:
            if attrs.get("type") == "application/ld+json":
                try:
                    out.append(json.loads(text))
                except ValueError:
                    pass
        return out


def collapse(s):
    return re.sub(r"[ \t\n\r\f]+", " ", s).strip()


def pcre(p):
    return re.compile(p.replace("(?<", "(?P<"))


def group(m):
    if not m:
        return None
    return m.group("v") if "v" in m.re.groupindex else (m.group(1) if m.re.groups else m.group(0))


def rint(v):
    return int(math.floor(float(v) + 0.5))


INTS = ("price", "beds", "sqft", "lot_sqft", "year_built")


def value(field, v, typemap):
    """A field's text or JSON value in record terms."""
    if v is None or v == "":
        return None
    if field == "type":
        return typemap.get(v, v)
    if field in ("lat", "lon"):
        return float(v)
    if field in INTS or field == "baths":
        if isinstance(v, str):
            t = v.lower()
            m = re.search(r"[0-9][0-9,]*(\.[0-9]+)?", t)
            if not m:
                return None
            n = float(m.group(0).replace(",", ""))
            if field == "lot_sqft" and re.search(r"\bac(res?)?\b", t):
                n *= 43560
        else:
            n = float(v)
        if field in INTS:
            return rint(n)
        return int(n) if n == int(n) else n
    return collapse(v) if isinstance(v, str) else v


def record(values, url):
    """Dotted fields to a record: address members null when unknown."""
    rec = {}
    if any(k.startswith("address.") for k in values):
        rec["address"] = {k: values.get("address." + k) for k in ("line", "unit", "city", "state", "zip")}
    for k, v in values.items():
        if not k.startswith("address."):
            rec[k] = v
    rec.setdefault("url", url)
    return rec


# ---------------------------------------------------------------- xpath fields

def xpath_fields(page, fields, typemap):
    out = {}
    for name, rule in fields.items():
        if isinstance(rule, str):
            rule = {"xpath": rule}
        if "url" in rule:
            v = group(pcre(rule["url"]).search(page.url))
        elif "value" in rule:
            v = rule["value"]
        elif name == "photos":
            v = [page.link(s) for s in page.nodes(rule["xpath"])] or None
        else:
            v = collapse(page.xpath("string(%s)" % rule["xpath"]))
            if "pattern" in rule:
                v = group(pcre(rule["pattern"]).search(v))
        v = value(name, v, typemap) if name != "photos" else v
        if v is not None:
            out[name] = v
    return out


# ---------------------------------------------------------------- embedded JSON

def walk(node, path):
    for part in path.split(".") if path else []:
        if isinstance(node, str):
            node = json.loads(node)
        if isinstance(node, list):
            node = node[int(part)] if part.isdigit() and int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
        if node is None:
            return None
    return node


def embedded_fields(page, rules, typemap):
    out = {}
    for rule in rules:
        text = page.xpath("string(%s)" % rule["xpath"])
        if not text:
            continue
        node = walk(json.loads(text), rule["path"])
        if isinstance(node, str):
            node = json.loads(node)
        if not isinstance(node, dict):
            continue
        for name, path in rule["fields"].items():
            v = walk(node, path)
            v = value(name, v, typemap) if name != "photos" else v
            if v is not None:
                out.setdefault(name, v)
    return out


# ---------------------------------------------------------------- schema.org JSON-LD

RESIDENCES = {"SingleFamilyResidence", "House", "Apartment", "Residence", "Accommodation"}


def ld_types(o):
    t = o.get("@type", [])
    return set(t if isinstance(t, list) else [t])


def first(x):
    return x[0] if isinstance(x, list) and x else (x if isinstance(x, dict) else None)


def jsonld_fields(page, typemap):
    objs = []

    def add(x):
        if isinstance(x, list):
            for y in x:
                add(y)
        elif isinstance(x, dict):
            add(x["@graph"]) if "@graph" in x else objs.append(x)

    add(page.jsonld())
    ids = {o["@id"]: o for o in objs if "@id" in o}

    def deref(x):
        return ids.get(x["@id"], x) if isinstance(x, dict) and set(x) == {"@id"} else x

    res = wrap = offer = None
    for o in objs:
        t = ld_types(o)
        if t & RESIDENCES and res is None:
            res = o
        elif "RealEstateListing" in t:
            wrap = o
            res = res or deref(o.get("mainEntity") or o.get("about"))
        elif "Product" in t:
            wrap, offer = o, first(o.get("offers"))
            res = res or deref((offer or {}).get("itemOffered"))
    if res is None:
        return None
    wrap = wrap or {}
    offer = offer or first(res.get("offers")) or first(wrap.get("offers"))
    for o in objs:
        if offer is None and "Offer" in ld_types(o) and deref(o.get("itemOffered")) is res:
            offer = o
    out = {}

    def put(k, v):
        v = value(k, v, typemap)
        if v is not None:
            out[k] = v

    put("source_id", res.get("identifier") or wrap.get("identifier") or wrap.get("sku"))
    a = res.get("address") or {}
    for k, v in (("line", "streetAddress"), ("city", "addressLocality"), ("state", "addressRegion"),
                 ("zip", "postalCode")):
        put("address." + k, a.get(v))
    put("price", (offer or {}).get("price"))
    put("beds", res.get("numberOfBedrooms", res.get("numberOfRooms")))
    put("baths", res.get("numberOfBathroomsTotal"))
    fs = res.get("floorSize") or {}
    if "value" in fs:
        put("sqft", float(fs["value"]) * (10.7639 if fs.get("unitCode") == "MTK" else 1))
    put("year_built", res.get("yearBuilt"))
    rtype = [t for t in ld_types(res) if t in typemap]
    if rtype:
        put("type", rtype[0])
    if "datePosted" in wrap:
        out["list_date"] = wrap["datePosted"]
    g = res.get("geo") or {}
    put("lat", g.get("latitude"))
    put("lon", g.get("longitude"))
    img = res.get("image") or wrap.get("image")
    if img:
        img = img if isinstance(img, list) else [img]
        out["photos"] = [page.link(i if isinstance(i, str) else i.get("contentUrl") or i.get("url")) for i in img]
    put("description", res.get("description") or wrap.get("description"))
    return out


# ---------------------------------------------------------------- commands

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cmd_check(root, srcdir):
    """Every expected listing, read the way its extractor says, is exactly as
    expected.json has it; the xpath rules never contradict it; and the
    structured-only config finds nothing on the pages that have no JSON-LD."""
    expected = load(root + "/expected.json")
    xp, ld, fsbo = (load("%s/%s.json" % (srcdir, n)) for n in ("site_xpath", "site_jsonld", "fsbo"))
    bad = 0
    for path, want in sorted(expected.items()):
        page = Page(BASE + path)
        want = dict(want)
        extractor = want.pop("extractor")
        if extractor == "jsonld":
            got = jsonld_fields(page, ld["types"])
        elif extractor == "embedded":
            got = embedded_fields(page, xp["embedded"], xp["types"])
        else:
            cfg = fsbo if path.startswith("/fsbo/") else xp
            got = xpath_fields(page, cfg["fields"], cfg["types"])
        got = record(got or {}, page.url)
        if got != want:
            bad += 1
            print("%s (%s):\n  want %s\n  got  %s" % (path, extractor, json.dumps(want, sort_keys=True),
                                                     json.dumps(got, sort_keys=True)))
        if path.startswith("/fsbo/"):
            continue
        flat = dict(want, **{"address." + k: v for k, v in want["address"].items()})
        for name, v in xpath_fields(page, xp["fields"], xp["types"]).items():
            if flat.get(name) != v:
                bad += 1
                print("%s: xpath rule %s gives %r, expected %r" % (path, name, v, flat.get(name)))
        if extractor != "jsonld" and jsonld_fields(page, ld["types"]) is not None:
            bad += 1
            print("%s: has a JSON-LD listing but is not a jsonld page" % path)
    return bad


def cmd_follow(srcdir, name):
    """The list and detail URLs a config's start and follow rules reach."""
    cfg = load("%s/%s.json" % (srcdir, name))
    todo, seen = list(cfg["start"]), set()
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        print("list", url.replace(BASE, ""))
        page = Page(url)
        for href in page.nodes(cfg["follow"]["detail"]):
            print("detail", page.link(href).replace(BASE, ""))
        if "next" in cfg["follow"]:
            todo += [page.link(h) for h in page.nodes(cfg["follow"]["next"])]
    return 0


def cmd_sitemap(srcdir, name):
    """The sitemap URLs a config reads, and which of them are detail pages."""
    cfg = load("%s/%s.json" % (srcdir, name))
    if cfg["sitemap"] is True:
        host = urllib.parse.urlsplit(cfg["start"][0])
        robots = Page("%s://%s/robots.txt" % (host.scheme, host.netloc)).text
        maps = re.findall(r"(?im)^sitemap:\s*(\S+)", robots)
    else:
        maps = [cfg["sitemap"]]
    pat = pcre(cfg["detail_pattern"])
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    while maps:
        url = maps.pop(0)
        print("sitemap", url.replace(BASE, ""))
        with urllib.request.urlopen(url) as r:
            doc = ET.fromstring(r.read())
        for e in doc:
            loc = e.find(ns + "loc").text.strip()
            lastmod = e.find(ns + "lastmod")
            if doc.tag == ns + "sitemapindex":
                maps.append(loc)
            elif pat.search(loc):
                print("detail", loc.replace(BASE, ""), lastmod.text if lastmod is not None else "-")
    return 0


def robots_groups(text):
    groups, cur, in_agents = [], None, False
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        k, v = (x.strip() for x in line.split(":", 1))
        k = k.lower()
        if k == "user-agent":
            if not in_agents:
                cur = ([], [])
                groups.append(cur)
            cur[0].append(v.lower())
            in_agents = True
        elif k in ("allow", "disallow") and cur is not None:
            cur[1].append((k == "allow", v))
            in_agents = False
        else:
            in_agents = False
    return groups


def robots_match(pattern, path):
    rx = "".join(".*" if c == "*" else ("$" if c == "$" and i == len(pattern) - 1 else re.escape(c))
                 for i, c in enumerate(pattern))
    return re.match(rx, path) is not None


def cmd_robots(agent, *urls):
    """RFC 9309: allow or disallow, for AGENT's product token, each URL."""
    groups = robots_groups(Page(BASE + "/robots.txt").text)
    token = agent.split("/", 1)[0].lower()
    rules = [r for ua, rs in groups if token in ua for r in rs]
    if not any(token in ua for ua, rs in groups):
        rules = [r for ua, rs in groups if "*" in ua for r in rs]
    for url in urls:
        best = (True, -1)
        for allow, pattern in rules:
            if pattern and robots_match(pattern, url):
                n = len(pattern)
                if n > best[1] or (n == best[1] and allow):
                    best = (allow, n)
        print("allow" if best[0] else "disallow", url)
    return 0


def cmd_jsonld(out, *files):
    """Each JSON-LD block of each page FILE, as OUT/NAME.N.json in UTF-8."""
    for i, f in enumerate(files):
        with open(f, "rb") as fh:
            body = fh.read()
        m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", body[:4096], re.I)
        # a page with no declaration is the one nginx labels iso-8859-1
        cs = m.group(1).decode() if m else "iso-8859-1"
        p = Scripts()
        p.feed(body.decode(cs))
        n = 0
        for attrs, text in p.scripts:
            if attrs.get("type") == "application/ld+json":
                n += 1
                name = f.rsplit("/", 2)
                with open("%s/%s-%s.%d.json" % (out, name[-2], name[-1], n), "w", encoding="utf-8") as o:
                    o.write(text)
        print(n, f.split("/root", 1)[-1])
    return 0


if __name__ == "__main__":
    cmd = sys.argv[1]
    args = sys.argv[3:]
    sys.exit({"check": cmd_check, "follow": cmd_follow, "sitemap": cmd_sitemap,
              "robots": cmd_robots, "jsonld": cmd_jsonld}[cmd](*args))
EOF
fixture() {
	"$PYTHON" "$TMP/fixture.py" "$@"
}

start_site web
ROOT="$TMP/web/root"
EXPECTED="$ROOT/expected.json"
site_sources web
SOURCES="$TMP/web/sources"
UA="birddog/0.2 (+https://birddog.example/bot)"

test_expect_success 'start_site serves a copy of the site with @BASE@ and @HOST@ replaced' '
	test "$BASE" = "http://127.0.0.1:$PORT"
	test "$HOST" = "127.0.0.1:$PORT"
	test "$(cat "$TMP/web.base")" = "$BASE"
	test "$(cat "$TMP/web.port")" = "$PORT"
	kill -0 "$(cat "$TMP/web.pid")"
	test_must_fail grep -rlF -e @BASE@ -e @HOST@ "$ROOT"
	curl -sS -o robots.txt "$BASE/robots.txt"
	sed "s|@BASE@|$BASE|g" "$TESTDATA/site/robots.txt" >want
	test_cmp want robots.txt
	test_grep "^Sitemap: $BASE/sitemap.xml\$" robots.txt
'

test_expect_success 'every expected listing page answers 200 text/html, /homes/110.html with its charset' '
	jq -r "keys[]" "$EXPECTED" >paths
	test_line_count 17 paths
	while read -r p; do
		curl -sS -o /dev/null -w "%{http_code} %{content_type} $p\n" "$BASE$p"
	done <paths >got
	sed -e "s|^|200 text/html |" \
		-e "s|^200 text/html /homes/110.html|200 text/html; charset=iso-8859-1 /homes/110.html|" paths >want
	test_cmp want got
'

test_expect_success 'the other pages answer as the crawler tests expect' '
	for p in / /search/ /search/page-2.html /search/page-3.html /fsbo/ /about.html \
		/homes/116-draft /private/secret.html /homes/199.html /img/101-1.jpg \
		/robots.txt /sitemap.xml /sitemap-index.xml; do
		curl -sS -o /dev/null -w "%{http_code} %{content_type} $p\n" "$BASE$p"
	done >got
	cat >want <<-EOF
	200 text/html /
	200 text/html /search/
	200 text/html /search/page-2.html
	200 text/html /search/page-3.html
	200 text/html /fsbo/
	200 text/html /about.html
	200 text/html /homes/116-draft
	200 text/html /private/secret.html
	404 text/html /homes/199.html
	404 text/html /img/101-1.jpg
	200 text/plain /robots.txt
	200 application/xml /sitemap.xml
	200 application/xml /sitemap-index.xml
	EOF
	test_cmp want got
'

test_expect_success 'a conditional GET answers 304 and the log shows its If-None-Match' '
	curl -sS -o body -D h "$BASE/homes/101.html"
	etag=$(sed -n "s/^[Ee][Tt][Aa][Gg]: *//p" h | tr -d "\r")
	lm=$(sed -n "s/^[Ll]ast-[Mm]odified: *//p" h | tr -d "\r")
	test -n "$etag"
	test -n "$lm"
	curl -sS -o body2 -H "If-None-Match: $etag" -w "%{http_code}\n" "$BASE/homes/101.html" >code
	curl -sS -o body3 -H "If-Modified-Since: $lm" -w "%{http_code}\n" "$BASE/homes/101.html" >>code
	printf "304\n304\n" >want
	test_cmp want code
	test ! -s body2
	test ! -s body3
	site_log web >log
	awk -F "\t" -v e="$etag" "\$3 == \"/homes/101.html\" && \$7 == e { print \$2, \$4, \$5 }" log >got
	echo "GET 304 0" >want
	test_cmp want got
	awk -F "\t" -v d="$lm" "\$3 == \"/homes/101.html\" && \$8 == d { print \$2 \"|\" \$4 \"|\" \$7 \"|\" }" log >got
	echo "GET|304||" >want
	test_cmp want got
'

test_expect_success 'gzip answers carry a weak ETag that a conditional GET honours' '
	curl -sS -o body.gz -D h -H "Accept-Encoding: gzip" "$BASE/homes/108.html"
	test_grep "^Content-Encoding: gzip" h
	gzip -dc body.gz >body
	cmp body "$ROOT/homes/108.html"
	etag=$(sed -n "s/^[Ee][Tt][Aa][Gg]: *//p" h | tr -d "\r")
	case $etag in W/\"*\") ;; *) echo "not a weak ETag: $etag"; false ;; esac
	curl -sS -o /dev/null -H "Accept-Encoding: gzip" -H "If-None-Match: $etag" \
		-w "%{http_code}\n" "$BASE/homes/108.html" >code
	echo 304 >want
	test_cmp want code
	site_log web >log
	awk -F "\t" -v e="$etag" "\$3 == \"/homes/108.html\" && \$7 == e { print \$4, \$9 }" log >got
	echo "304 gzip" >want
	test_cmp want got
'

test_expect_success 'the access log has one line of 12 tab-separated fields a request' '
	curl -sS -o /dev/null -A "$UA" "$BASE/search/?sort=price"
	site_log web >log
	awk -F "\t" "NF != 12" log >bad
	test_cmp /dev/null bad
	awk -F "\t" "\$3 == \"/search/?sort=price\" { print \$2 \"|\" \$4 \"|\" \$6 \"|\" \$10 }" log >got
	echo "GET|200|$UA|HTTP/1.1" >want
	test_cmp want got
	awk -F "\t" "\$1 !~ /^[0-9]+\\.[0-9][0-9][0-9]\$/ || \$11 !~ /^[0-9]+\$/ || \$12 !~ /^[0-9]+\$/" log >bad
	test_cmp /dev/null bad
'

test_expect_success 'robots.txt: the birddog group, not "*", and the longest rule wins' '
	fixture robots "$BASE" "$UA" /search/ /search/page-2.html "/search/?sort=price" \
		/homes/101.html /homes/116-draft "/homes/116-draft?preview=1" /homes/draft-notes.html \
		/private/secret.html /private/open-house.html /fsbo/ /fsbo/owner-12.html >got
	cat >want <<-EOF
	allow /search/
	allow /search/page-2.html
	disallow /search/?sort=price
	allow /homes/101.html
	disallow /homes/116-draft
	allow /homes/116-draft?preview=1
	allow /homes/draft-notes.html
	disallow /private/secret.html
	allow /private/open-house.html
	allow /fsbo/
	allow /fsbo/owner-12.html
	EOF
	test_cmp want got
	fixture robots "$BASE" "somebot/1.0" /search/ "/homes/101.html?sort=x" /homes/116-draft \
		/private/open-house.html /fsbo/ >got
	cat >want <<-EOF
	allow /search/
	disallow /homes/101.html?sort=x
	allow /homes/116-draft
	disallow /private/open-house.html
	disallow /fsbo/
	EOF
	test_cmp want got
	fixture robots "$BASE" "OtherBot/2.1" /search/ >got
	echo "disallow /search/" >want
	test_cmp want got
'

test_expect_success 'the follow rules of site_xpath.json reach the planned pages' '
	fixture follow "$BASE" "$SOURCES" site_xpath >got
	cat >want <<-EOF
	list /search/
	detail /private/secret.html
	detail /homes/101.html
	detail /homes/102.html
	detail /homes/103.html
	detail http://other.invalid/homes/9.html
	detail /homes/104.html
	list /search/page-2.html
	detail /homes/105.html
	detail /homes/106.html
	detail /homes/107.html
	detail /homes/199.html
	detail /homes/108.html
	list /search/page-3.html
	detail /homes/109.html
	detail /homes/110.html
	detail /homes/111.html
	detail /homes/112.html
	detail /homes/113.html
	detail /private/open-house.html
	detail /homes/116-draft
	EOF
	test_cmp want got
	jq -c ".follow" "$SOURCES/site_jsonld.json" >a
	jq -c ".follow" "$SOURCES/site_xpath.json" >b
	test_cmp a b
	fixture follow "$BASE" "$SOURCES" fsbo >got
	printf "list /fsbo/\ndetail /fsbo/owner-12.html\ndetail /fsbo/owner-14.html\n" >want
	test_cmp want got
'

test_expect_success 'the sitemaps list the detail pages with their lastmod' '
	fixture sitemap "$BASE" "$SOURCES" site_sitemap >got
	cat >want <<-EOF
	sitemap /sitemap.xml
	detail /homes/101.html 2026-11-20
	detail /homes/102.html 2026-11-21
	detail /homes/103.html 2026-11-21T09:15:00+00:00
	detail /homes/104.html 2026-11-20
	detail /homes/105.html 2026-11-22
	detail /homes/106.html 2026-11-22T18:30:00Z
	detail /homes/107.html 2026-11-21
	detail /homes/108.html 2026-11-20
	detail /homes/109.html 2026-11-20
	detail /homes/110.html 2026-11-21
	detail /homes/111.html 2026-11-22
	detail /homes/112.html 2026-11-20
	detail /homes/113.html 2026-11-21
	detail /homes/114.html 2026-11-21
	detail /homes/116-draft 2026-11-22
	detail /homes/199.html 2026-10-30
	EOF
	test_cmp want got
	fixture sitemap "$BASE" "$SOURCES" site_sitemap_index >got
	sed "1s|.*|sitemap /sitemap-index.xml\nsitemap /sitemap.xml|" want >want2
	test_cmp want2 got
	xmllint --noout "$ROOT/sitemap.xml" "$ROOT/sitemap-index.xml"
	grep -c "<loc>" "$ROOT/sitemap.xml" "$ROOT/sitemap-index.xml" >want
	grep -c "<loc>$BASE/" "$ROOT/sitemap.xml" "$ROOT/sitemap-index.xml" >got
	test_cmp want got
'

test_expect_success 'every page parses with xmllint --html, HTML5 tags aside' '
	find "$ROOT" -type f \( -name "*.html" -o -name "*-draft" \) | sort >pages
	test_line_count 27 pages   # 25, and the two of js/ built by JavaScript
	: >problems
	while read -r f; do
		xmllint --html --noout "$f" 2>err || echo "$f: xmllint exit $?" >>problems
		grep -E "parser (error|warning)" err | grep -v -E ": Tag [a-z]+ invalid\$" >>problems || :
	done <pages
	test_cmp /dev/null problems
'

test_expect_success 'every JSON-LD block parses with jq, except the broken one of /homes/107.html' '
	find "$ROOT" -type f \( -name "*.html" -o -name "*-draft" \) | sort >pages
	mkdir ld
	fixture jsonld "$BASE" ld $(cat pages) >counts
	awk "\$1 > 0 { print \$2 }" counts >got
	jq -r "to_entries[] | select(.value.extractor == \"jsonld\") | .key" "$EXPECTED" >want
	echo /homes/107.html >>want
	echo /homes/116-draft >>want
	echo /private/secret.html >>want
	sort -o want want
	test_cmp want got
	for f in ld/*.json; do
		case $f in
		ld/homes-107.html.1.json) test_must_fail jq -e . "$f" >/dev/null 2>&1 ;;
		*) jq -e . "$f" >/dev/null ;;
		esac
	done
	test "$(jq -r .url ld/homes-101.html.2.json)" = "$BASE/homes/101.html"
	test "$(jq -r ".description" ld/homes-113.html.2.json)" = "Fenced yard, new furnace & water heater, minutes from the Railyard."
	test "$(jq -r ".address.streetAddress" ld/homes-110.html.1.json)" = "58 Cañoncito Rd"
'

test_expect_success '__NEXT_DATA__ holds the listing, on /homes/106.html as JSON inside a string' '
	xmllint --html --xpath "string(//script[@id=\"__NEXT_DATA__\"])" "$ROOT/homes/105.html" >next105
	xmllint --html --xpath "string(//script[@id=\"__NEXT_DATA__\"])" "$ROOT/homes/106.html" >next106
	jq -r ".props.pageProps.listing | .id, .address.unit, (.photos[0])" next105 >got
	printf "105\nB\n$BASE/img/105-1.jpg\n" >want
	test_cmp want got
	jq -r ".props.pageProps.listingJson | type" next106 >got
	echo string >want
	test_cmp want got
	jq -r ".props.pageProps.listingJson | fromjson | .id, .remarks" next106 >got
	printf "106\nRancho Viejo single-level home: open plan, chef\342\200\231s kitchen and a back portal facing the Ortiz Mountains.\n" >want
	test_cmp want got
'

test_expect_success 'the Latin-1 pages are not UTF-8, read well as Latin-1 and are served as stored' '
	for p in 109 110; do
		curl -sS -o served-$p "$BASE/homes/$p.html"
		cmp served-$p "$ROOT/homes/$p.html"
		test_must_fail iconv -f UTF-8 -t UTF-8 served-$p >/dev/null 2>&1
		iconv -f ISO-8859-1 -t UTF-8 served-$p >utf8-$p
	done
	test_grep "<h1 class=\"address\">2270 Peñasco Rd</h1>" utf8-109
	test_grep "the café and the San Francisco de Asís church" utf8-109
	test_grep "^<meta charset=\"iso-8859-1\">\$" served-109
	test_grep "\"streetAddress\": \"58 Cañoncito Rd\"" utf8-110
	test_must_fail grep -i "charset" served-110
'

test_expect_success 'expected.json holds records in birddog terms' '
	jq -e --arg base "$BASE" "to_entries | all(
		(.value.url == \$base + .key)
		and (.value.source_id | type == \"string\")
		and (.value.address | keys == [\"city\", \"line\", \"state\", \"unit\", \"zip\"])
		and (.value.address.zip | test(\"^[0-9]{5}\$\"))
		and (.value.address.state | test(\"^[A-Z]{2}\$\"))
		and ([.value.price, .value.beds, .value.sqft, .value.lot_sqft, .value.year_built]
			| map(select(. != null)) | all(. == floor and . >= 0))
		and (.value.extractor | IN(\"jsonld\", \"embedded\", \"xpath\"))
		and ((.value.photos // []) | all(startswith(\$base + \"/\"))))" "$EXPECTED"
	jq -r "[.[] | .address | [.line, .unit, .zip] | join(\"|\")] | group_by(.) | map(select(length > 1) | .[0]) | .[]" "$EXPECTED" >got
	echo "1418 Canyon Rd||87501" >want
	test_cmp want got
'

test_expect_success 'expected.json agrees with the pages, read by the source configs' '
	fixture check "$BASE" "$ROOT" "$SOURCES" >out 2>&1
	test_cmp /dev/null out
'

test_expect_success 'the site'\''s source configs are JSON named after their files, with BASE put in' '
	for f in "$TESTDATA"/sources/*.json; do
		[ "$(jq -r .kind "$f")" = html ] || continue   # the API and CSV examples
		n=${f##*/}
		jq -r ".name, .kind, .user_agent" "$f" >got
		printf "%s\nhtml\n%s\n" "${n%.json}" "$UA" >want
		test_cmp want got
	done
	test_must_fail grep -l -e @BASE@ -e @HOST@ "$SOURCES"/*.json
	jq -r "select(.kind == \"html\") | (.start // [])[], (.sitemap | strings)" "$SOURCES"/*.json >urls
	test_must_fail grep -v "^$BASE/" urls
'

test_expect_success 'a second site runs beside the first and its watchdog stops it' '
	mkdir mysite
	echo "<p>@BASE@ and @HOST@</p>" >mysite/index.html
	first=$PORT
	SITE_TIMEOUT=2 start_site two "$TMP/mysite"
	test "$PORT" != "$first"
	curl -sS "$BASE/" >got
	echo "<p>$BASE and $HOST</p>" >want
	test_cmp want got
	curl -sS -o /dev/null "http://127.0.0.1:$first/robots.txt"
	# the watchdog ends it after 2 s: wait up to 12 s for that, a busy
	# machine being slow
	two=$(cat "$TMP/two.pid")
	i=0
	while kill -0 "$two" 2>/dev/null && [ $i -lt 120 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	test "$i" -ge 15
	test_must_fail kill -0 "$two" 2>/dev/null
	test_must_fail curl -sS -o /dev/null "$BASE/"
'

web_pid=$(cat "$TMP/web.pid")
stop_site web

test_expect_success 'stop_site stops nginx' '
	test_must_fail kill -0 "$web_pid" 2>/dev/null
	test -f "$TMP/web.stopped"
	test_must_fail curl -sS -o /dev/null "$BASE/robots.txt"
'

test_done
