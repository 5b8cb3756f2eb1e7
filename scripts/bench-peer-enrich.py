#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The Python peer of enrich for make bench: the json and sqlite3 modules
# joining each listing to the parcels table of the same enrich.db by a
# normalised address key, as a Python user would write it. It does less than
# enrich: a small suffix and directional table instead of USPS Publication 28
# (and no unit splitting), no ZIP medians, no equity maths.
import json
import sqlite3
import sys

WORDS = {"STREET": "ST", "AVENUE": "AVE", "BOULEVARD": "BLVD", "ROAD": "RD", "DRIVE": "DR",
         "NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W", "COURT": "CT", "LANE": "LN"}
COLS = ["apn", "assessed_value", "market_value", "land_value", "tax_annual",
        "last_sale_date", "last_sale_price", "sqft", "year_built"]


def normalise(a):
    line = " ".join(WORDS.get(w, w) for w in (a.get("line") or "").upper().replace(".", "").split())
    zip5 = (a.get("zip") or "")[:5]
    return {"line": line, "unit": a.get("unit"), "city": (a.get("city") or "").upper(),
            "state": (a.get("state") or "").upper(), "zip": zip5, "key": f"{line}||{zip5}"}


def main():
    db = sqlite3.connect(sys.argv[1])
    query = f"SELECT {', '.join(COLS)}, owner_name FROM parcels WHERE address_key = ?"
    out = sys.stdout
    for line in sys.stdin:
        rec = json.loads(line)
        rec["address"] = a = normalise(rec.get("address") or {})
        row = db.execute(query, (a["key"],)).fetchone()
        if row:
            rec["assessor"] = {k: v for k, v in zip(COLS, row) if v is not None}
            rec["owner"] = {"name": row[-1]}
        f = {}
        if rec.get("price") and rec.get("sqft"):
            f["price_per_sqft"] = round(rec["price"] / rec["sqft"], 1)
        if rec.get("year_built"):
            f["age"] = 2026 - rec["year_built"]
        rec["features"] = f
        out.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + "\n")


main()
