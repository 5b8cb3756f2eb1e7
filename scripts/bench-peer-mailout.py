#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The Python peer of mailout's dry run for make bench: the csv, email and
# mailbox modules matching each memo to the buyers' buy boxes and writing one
# multipart/alternative message per buyer into a Maildir, as a Python user
# would write it. Unlike mailout it keeps no outbox (so nothing stops a
# second send), checks no suppression list and does not fsync.
import csv
import json
import mailbox
import sys
import uuid
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from urllib.parse import quote


def buyers(path):
    out = []
    for row in csv.DictReader(open(path, newline="", encoding="utf-8")):
        out.append({"email": row["email"], "name": row["name"],
                    "zips": set(filter(None, row["zips"].split(";"))),
                    "types": set(filter(None, row["types"].split(";"))),
                    "max_price": int(row["max_price"]) if row["max_price"] else None,
                    "min_score": int(row["min_score"]) if row["min_score"] else None})
    return out


def matches(b, rec):
    zip_ = (rec.get("address") or {}).get("zip")
    score = (rec.get("score") or {}).get("value", 0)
    return ((not b["zips"] or zip_ in b["zips"]) and
            (not b["types"] or rec.get("type") in b["types"]) and
            (b["max_price"] is None or rec.get("price", 0) <= b["max_price"]) and
            (b["min_score"] is None or score >= b["min_score"]))


def main():
    tenant = json.load(open(sys.argv[1]))
    box = mailbox.Maildir(sys.argv[3], create=True)
    sender = formataddr((tenant["sender"]["name"], tenant["sender"]["email"]))
    domain = tenant["sender"]["email"].split("@")[1]
    unsub = tenant["unsubscribe"]
    people = buyers(sys.argv[2])
    out = sys.stdout
    for line in sys.stdin:
        rec = json.loads(line)
        p = rec["packet"]
        html, text = open(p["html"]).read(), open(p["text"]).read()
        sent = []
        for b in people:
            if not matches(b, rec):
                continue
            url = f"{unsub['url']}?e={quote(b['email'])}"
            m = EmailMessage()
            m["From"], m["To"] = sender, formataddr((b["name"], b["email"]))
            m["Subject"], m["Date"] = p["subject"], formatdate()
            m["Message-ID"] = f"<{uuid.uuid4().hex}@{domain}>"
            m["List-Unsubscribe"] = f"<mailto:{unsub['email']}?subject=unsubscribe>, <{url}>"
            m["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
            m.set_content(text.replace("%%UNSUBSCRIBE_URL%%", url), cte="quoted-printable")
            m.add_alternative(html.replace("%%UNSUBSCRIBE_URL%%", url), subtype="html",
                              cte="quoted-printable")
            box.add(m)
            sent.append({"to": b["email"], "status": "written", "message_id": m["Message-ID"]})
        if sent:
            rec["outreach"] = sent
        out.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + "\n")


main()
