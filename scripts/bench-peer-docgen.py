#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The Python peer of docgen for make bench: pystache rendering the same
# tenant templates (HTML, text, subject), each memo written atomically
# (temporary file + os.replace) with its sha256, as a Python user would
# write it. Its view is simpler than docgen's (a few formatted dollars, no
# feature list, no wrapping) and it keeps no packets table.
import hashlib
import json
import os
import sys
import tempfile

import pystache


def dollars(v):
    return f"${v:,.0f}" if isinstance(v, (int, float)) else None


def write(path, data):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main():
    tdir, out_dir = sys.argv[1], sys.argv[2]
    tenant = json.load(open(sys.argv[3]))
    renderer = pystache.Renderer(search_dirs=[tdir], file_extension="mustache")
    parsed = {n: pystache.parse(open(f"{tdir}/{n}.mustache").read())
              for n in ("memo.html", "memo.txt", "subject")}
    os.makedirs(out_dir, exist_ok=True)
    out = sys.stdout
    for line in sys.stdin:
        rec = json.loads(line)
        a = rec.get("address") or {}
        view = dict(rec, tenant=tenant, address_line=a.get("line"),
                    city_line=f"{a.get('city')}, {a.get('state')} {a.get('zip')}",
                    fmt={"price": dollars(rec.get("price")), "sqft": rec.get("sqft")},
                    unsubscribe_marker="%%UNSUBSCRIBE_URL%%")
        html = renderer.render(parsed["memo.html"], view).encode()
        text = renderer.render(parsed["memo.txt"], view).encode()
        name = rec["id"].replace(":", "-").replace("/", "_")
        base = os.path.join(out_dir, name)
        write(base + ".html", html)
        write(base + ".txt", text)
        rec["packet"] = {"html": base + ".html", "text": base + ".txt",
                         "sha256": hashlib.sha256(html + text).hexdigest(),
                         "subject": renderer.render(parsed["subject"], view).strip()}
        out.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + "\n")


main()
