#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Parses every message in MAILDIR/new with Python's email package
# (policy=default) and prints one report per message, sorted by recipient,
# for the tests to compare: the headers as decoded, the MIME structure, the
# line format (CRLF only, header lines <= 78, body lines <= 76), whether the
# recipient's unsubscribe URL is in both decoded bodies, and any header not
# expected (an injected one). With --bodies DIR, writes the decoded bodies to
# DIR/RECIPIENT.text and DIR/RECIPIENT.html; with --ids FILE, writes
# "RECIPIENT MESSAGE-ID" lines.
#
#   check-mail.py [--bodies DIR] [--ids FILE] [--url-base URL] MAILDIR
import argparse
import email
import email.policy
import html
import os
import re
import sys
import urllib.parse

EXPECTED = ["Date", "Message-ID", "From", "To", "Reply-To", "Subject", "MIME-Version",
            "List-Unsubscribe", "List-Unsubscribe-Post", "Content-Type"]


def line_format(raw):
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        return "no blank line after the headers"
    if re.search(rb"(?<!\r)\n|\r(?!\n)", raw):
        return "bare CR or LF"
    if any(len(l) > 78 for l in head.split(b"\r\n")):
        return "header line over 78"
    if any(len(l) > 76 for l in body.split(b"\r\n")):
        return "body line over 76"
    if any(b > 127 for b in raw):
        return "8-bit bytes"
    return "ok"


def report(path, args, out):
    with open(path, "rb") as f:
        raw = f.read()
    with open(path, "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    to = m["To"].addresses[0]
    lines = ["== %s" % to.addr_spec]
    for h in ["Date", "From", "To", "Reply-To", "Subject", "MIME-Version",
              "List-Unsubscribe", "List-Unsubscribe-Post"]:
        lines.append("%s: %s" % (h, m[h]))
    lines.append("Display-Name: %r" % to.display_name)
    mid = str(m["Message-ID"])
    domain = m["From"].addresses[0].domain
    ok = re.fullmatch(r"<[0-9a-f]{32}@%s>" % re.escape(domain), mid)
    lines.append("Message-ID: %s" % ("ok" if ok else "bad " + mid))
    counts = [h for h in EXPECTED if h in m and len(m.get_all(h)) != 1]
    extra = sorted(set(k for k in m.keys()) - set(EXPECTED))
    lines.append("Repeated-Headers: %s" % (",".join(counts) or "none"))
    lines.append("Extra-Headers: %s" % (",".join(extra) or "none"))
    lines.append("Type: %s" % m.get_content_type())
    parts = list(m.iter_parts()) if m.is_multipart() else []
    lines.append("Parts: %s" % ", ".join(
        "%s %s %s" % (p.get_content_type(), p.get_content_charset(), p["Content-Transfer-Encoding"])
        for p in parts))
    url = "%s?e=%s" % (args.url_base, urllib.parse.quote(to.addr_spec, safe=""))
    bodies = {p.get_content_type(): p.get_content() for p in parts}
    text, page = bodies.get("text/plain", ""), bodies.get("text/html", "")
    lines.append("Unsubscribe-URL: text %s, html %s" % (
        "yes" if url in text else "no", "yes" if html.escape(url) in page else "no"))
    lines.append("Defects: %s" % (len(m.defects) + sum(len(p.defects) for p in parts)))
    lines.append("Lines: %s" % line_format(raw))
    if args.bodies:
        for ext, s in (("text", text), ("html", page)):
            with open(os.path.join(args.bodies, "%s.%s" % (to.addr_spec, ext)), "w") as f:
                f.write(s)
    out.append((to.addr_spec, lines, mid))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("maildir")
    p.add_argument("--bodies")
    p.add_argument("--ids")
    p.add_argument("--url-base", default="https://desertsun.example/unsubscribe")
    args = p.parse_args()
    out = []
    new = os.path.join(args.maildir, "new")
    for name in sorted(os.listdir(new)):
        report(os.path.join(new, name), args, out)
    out.sort()
    for _, lines, _ in out:
        print("\n".join(lines))
    if args.ids:
        with open(args.ids, "w") as f:
            for to, _, mid in out:
                f.write("%s %s\n" % (to, mid))
    return 0


if __name__ == "__main__":
    sys.exit(main())
