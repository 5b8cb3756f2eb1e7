#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The Python peer of enrich's comparable sales for make bench
# (scripts/bench-comps): the json module, numpy and scipy's cKDTree over the
# same sales (read from enrich.db's sales table), as a Python user would
# write it. It applies enrich's candidate rules and similarity (enrich(1),
# COMPARABLE SALES) and writes market.comps, comps_count, comps_basis and
# comps_radius_mi; it does less than enrich: no address normalisation, no
# parcels, ZIP figures, trend, estimate, prior sale or rent.
#
#   bench-peer-comps.py ENRICH.DB K TODAY < records.ndjson > out.ndjson
import datetime
import json
import math
import sqlite3
import sys

import numpy as np
from scipy.spatial import cKDTree

R_MI = 3958.8
RAD = math.pi / 180.0
EPOCH = datetime.date(1970, 1, 1)
RADIUS_STEPS = [(0.5, 365), (1.0, 365), (2.0, 365), (5.0, 365), (5.0, 1095)]
ZIP_STEPS = [365, 1095]


def day_of(text):
    return (datetime.date.fromisoformat(text) - EPOCH).days


def date_of(day):
    return (EPOCH + datetime.timedelta(days=int(day))).isoformat()


def nan_or(v):
    return math.nan if v is None else float(v)


def positive(v):
    return float(v) if isinstance(v, (int, float)) and v > 0 else math.nan


def fact(v):
    return float(v) if isinstance(v, (int, float)) and v >= 0 else math.nan


class Sales:
    def __init__(self, path):
        rows = sqlite3.connect(path).execute(
            "SELECT id, sale_day, price, address_key, zip, lat, lon, beds, baths, sqft,"
            " lot_sqft, year_built FROM sales ORDER BY id, sale_date").fetchall()
        self.ids = [r[0] for r in rows]
        rank = {s: i for i, s in enumerate(sorted(set(self.ids)))}
        self.id_rank = np.array([rank[s] for s in self.ids], dtype=np.int64)
        keys = sorted({r[3] for r in rows if r[3] is not None})
        self.key_code = {k: i for i, k in enumerate(keys)}
        self.key = np.array([-1 if r[3] is None else self.key_code[r[3]] for r in rows],
                            dtype=np.int64)
        self.day = np.array([r[1] for r in rows], dtype=np.int64)
        self.price = np.array([r[2] for r in rows], dtype=np.int64)
        self.zip = np.array([int(r[4]) if r[4] else -1 for r in rows], dtype=np.int64)
        self.lat = np.array([nan_or(r[5]) for r in rows])
        self.lon = np.array([nan_or(r[6]) for r in rows])
        self.beds = np.array([nan_or(r[7]) for r in rows])
        self.baths = np.array([nan_or(r[8]) for r in rows])
        self.sqft = np.array([positive(r[9]) for r in rows])
        # math.log, not numpy's: the same doubles as enrich's libm
        self.ln_sqft = np.array([math.log(r[9]) if r[9] and r[9] > 0 else math.nan for r in rows])
        self.ln_lot = np.array([math.log(r[10]) if r[10] and r[10] > 0 else math.nan for r in rows])
        self.year = np.array([positive(r[11]) for r in rows])
        geo = np.flatnonzero(~np.isnan(self.lat))
        self.geo = geo
        lat, lon = self.lat[geo] * RAD, self.lon[geo] * RAD
        self.tree = cKDTree(np.column_stack((np.cos(lat) * np.cos(lon),
                                             np.cos(lat) * np.sin(lon), np.sin(lat))))
        self.by_zip = {}
        for i in np.argsort(self.zip, kind="stable"):
            self.by_zip.setdefault(int(self.zip[i]), []).append(i)
        self.by_zip = {z: np.array(v) for z, v in self.by_zip.items()}
        self.id_code = {s: rank[s] for s in self.ids}
        self.dates = {int(d): date_of(d) for d in set(self.day.tolist())}


def miles(lat0, lon0, lat, lon):
    sdlat = np.sin((lat - lat0) * RAD / 2)
    sdlon = np.sin((lon - lon0) * RAD / 2)
    h = sdlat * sdlat + math.cos(lat0 * RAD) * np.cos(lat * RAD) * sdlon * sdlon
    return 2 * R_MI * np.arcsin(np.sqrt(np.minimum(h, 1.0)))


def dissimilarity(S, idx, subj, dist, months):
    # a term counts only when both values are known: the subject's are
    # tested here, the sales' unknowns (NaN) become 0, which adds nothing
    d = np.zeros(len(idx)) if dist is None else dist / 0.5
    for column, value, scale in ((S.ln_sqft, subj["ln_sqft"], 0.2), (S.beds, subj["beds"], 1),
                                 (S.baths, subj["baths"], 1), (S.ln_lot, subj["ln_lot"], 0.5),
                                 (S.year, subj["year"], 15)):
        if value == value:
            t = np.abs(column[idx] - value)
            d = d + np.nan_to_num(t if scale == 1 else t / scale, copy=False)
    return d + months / 12


def eligible(S, idx, subj, window):
    day = S.day[idx]
    ok = (day < subj["as_of"]) & (day >= subj["as_of"] - window)
    ok &= S.id_rank[idx] != subj["id"]
    if subj["key"] >= 0:
        ok &= S.key[idx] != subj["key"]
    return idx[ok]


def radius_candidates(S, subj, r, window):
    chord = 2 * math.sin(r / R_MI / 2) * (1 + 1e-9)
    lat, lon = subj["lat"] * RAD, subj["lon"] * RAD
    v = (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))
    idx = eligible(S, S.geo[np.asarray(S.tree.query_ball_point(v, chord), dtype=np.int64)],
                   subj, window)
    dist = miles(subj["lat"], subj["lon"], S.lat[idx], S.lon[idx])
    keep = dist <= r
    return idx[keep], dist[keep]


def find(S, subj, k):
    if not math.isnan(subj["lat"]):
        for r, window in RADIUS_STEPS:
            idx, dist = radius_candidates(S, subj, r, window)
            if len(idx) >= k:
                break
        basis = "radius"
    else:
        if subj["zip"] < 0:
            return None
        pool = S.by_zip.get(subj["zip"], np.zeros(0, dtype=np.int64))
        for window in ZIP_STEPS:
            idx, dist, r = eligible(S, pool, subj, window), None, None
            if len(idx) >= k:
                break
        basis = "zip"
    months = (subj["as_of"] - S.day[idx]) / 30.44
    d = dissimilarity(S, idx, subj, dist, months)
    tie_dist = np.zeros(len(idx)) if dist is None else dist
    order = np.lexsort((-S.day[idx], S.id_rank[idx], tie_dist, d))[:k]
    sel = idx[order]
    dists = [None] * len(sel) if dist is None else [round(x, 2) for x in dist[order].tolist()]
    comps = []
    for i, price, day, sqft, dd, dm in zip(sel.tolist(), S.price[sel].tolist(), S.day[sel].tolist(),
                                           S.sqft[sel].tolist(), d[order].tolist(), dists):
        c = {"id": S.ids[i], "price": price, "sale_date": S.dates[day], "distance_mi": dm}
        if sqft == sqft:
            c["sqft"] = int(sqft)
            c["ppsf"] = round(price / sqft, 1)
        c["similarity"] = round(math.exp(-dd), 3)
        comps.append(c)
    return basis, r, comps


def subject(S, rec, today):
    lat, lon = rec.get("lat"), rec.get("lon")
    ok = (isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and
          -90 <= lat <= 90 and -180 <= lon <= 180 and not (lat == 0 and lon == 0))
    zip_text = ((rec.get("address") or {}).get("zip") or "")[:5]
    key = (rec.get("address") or {}).get("key")
    sqft, lot = positive(rec.get("sqft")), positive(rec.get("lot_sqft"))
    return {"id": S.id_code.get(rec["id"], -1), "key": S.key_code.get(key, -1),
            "lat": float(lat) if ok else math.nan, "lon": float(lon) if ok else math.nan,
            "zip": int(zip_text) if zip_text.isdigit() and len(zip_text) == 5 else -1,
            "beds": fact(rec.get("beds")), "baths": fact(rec.get("baths")),
            "ln_sqft": math.log(sqft) if sqft == sqft else math.nan,
            "ln_lot": math.log(lot) if lot == lot else math.nan,
            "year": positive(rec.get("year_built")),
            "as_of": day_of(rec["sale_date"]) if rec.get("sale_date") else today}


def main():
    S, k, today = Sales(sys.argv[1]), int(sys.argv[2]), day_of(sys.argv[3])
    out = sys.stdout
    for line in sys.stdin:
        rec = json.loads(line)
        subj = subject(S, rec, today)
        found = find(S, subj, k)
        if found:
            basis, r, comps = found
            m = rec.setdefault("market", {})
            m["as_of"] = date_of(subj["as_of"])
            m["comps"] = comps
            m["comps_count"] = len(comps)
            m["comps_basis"] = basis
            if r is not None:
                m["comps_radius_mi"] = r
        out.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + "\n")


main()
