#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The Python peer of discover for make bench: the CSV module and the json
# module doing the same mapping (columns, missing values, numbers, types),
# as a Python user would write it. It keeps no state, which discover does.
import csv
import json
import re
import sys

INTS = {"price", "beds", "sqft", "lot_sqft", "year_built"}
REALS = {"baths", "lat", "lon"}


def number(text, real):
    v = float(re.sub(r"[$,\s]", "", text))
    return v if real and v != int(v) else int(v)


def main():
    m = json.load(open(sys.argv[1]))
    cols, missing, types = m["columns"], set(m.get("missing", [""])), m.get("types", {})
    out = sys.stdout
    for row in csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8-sig")):
        rec = {"source": m["source"]}
        addr = {"line": None, "unit": None, "city": None, "state": None, "zip": None}
        for field, col in cols.items():
            text = " ".join(row.get(col, "").split())
            if text in missing:
                continue
            if field.startswith("address."):
                addr[field[8:]] = text
            elif field in INTS or field in REALS:
                rec[field] = number(text, field in REALS)
            elif field == "type":
                rec[field] = types.get(text, text)
            else:
                rec[field] = text
        rec["id"] = m["source"] + ":" + rec["source_id"]
        rec["address"] = addr
        out.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + "\n")


main()
