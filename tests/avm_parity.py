#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Checks score's valuation against XGBoost's own Python package and an
# independent reading of the bundle: records scored with
# `score --explain --model BUNDLE` must have
#   (a) explain.trees = Booster.predict(output_margin=True) of explain.inputs,
#   (b) explain.contributions and bias = Booster.predict(pred_contribs=True),
#   (c) valuation.estimate = exp(center + slope * (offset + trees + nearby
#       - center)) within $1,
#   (d) baseline + the reasons' effects = estimate exactly (when reasons),
#   (e) low and high = that estimate * exp(q10), exp(q90) within $1,
#   (f) explain.inputs and offset = those recomputed from the record itself
#       by scripts/bench-peer-avm.py's reading of the frozen spec,
#   (g) explain.nearby = the correction recomputed by looking at every
#       residual point (and as the peer's k-d tree finds it).
# Run it with the BIRDDOG_NOW the records were scored with (records without
# a sale_date or market.as_of are valued as of then). Prints a summary;
# exits 1 naming the first record that differs.
#
#   tests/avm_parity.py BUNDLE SCORED.ndjson
import importlib.util
import json
import math
import os
import sys

import numpy as np
import xgboost

TOL_MARGIN = 1e-5          # trees and contributions, log dollars
TOL_INPUT = 1e-6           # inputs not float32-exact
TOL_OFFSET = 1e-12
TOL_NEARBY = 1e-9
TOL_DOLLARS = 1.0


def load_peer():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts",
                        "bench-peer-avm.py")
    spec = importlib.util.spec_from_file_location("bench_peer_avm", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Check:
    def __init__(self):
        self.max = {}
        self.count = {}
        self.first = None

    def diff(self, name, rid, got, want, tol, detail=""):
        """Records |got - want| for name; a failure when over tol (or when
        one is missing and the other is not)."""
        gn = got is None or (isinstance(got, float) and math.isnan(got))
        wn = want is None or (isinstance(want, float) and math.isnan(want))
        self.count[name] = self.count.get(name, 0) + 1
        if gn or wn:
            d = 0.0 if gn and wn else math.inf
        else:
            d = abs(float(got) - float(want))
        self.max[name] = max(self.max.get(name, 0.0), d)
        if d > tol and self.first is None:
            self.first = (rid, f"{name}{detail}: score has {got}, expected {want}")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: avm_parity.py BUNDLE SCORED.ndjson")
    peer = load_peer()
    b = peer.Bundle(sys.argv[1])
    spec, corr = b.spec, b.correction
    now = peer.today()
    recs = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
    recs = [r for r in recs if isinstance(r.get("valuation"), dict)]
    if not recs:
        sys.exit("avm_parity.py: no records with a valuation")
    missing = [r.get("id") for r in recs if "explain" not in r["valuation"]]
    if missing:
        sys.exit(f"avm_parity.py: {missing[0]}: no valuation.explain (score --explain?)")

    c = Check()
    ex = [r["valuation"]["explain"] for r in recs]
    x = np.array([[math.nan if e["inputs"].get(n) is None else e["inputs"][n]
                   for n in spec.names] for e in ex], dtype=np.float32)
    dm = xgboost.DMatrix(x, missing=np.nan, feature_names=None)
    margin = b.booster.predict(dm, output_margin=True)
    contribs = b.booster.predict(dm, pred_contribs=True)
    mine, offsets, lats, lons, days = [], [], [], [], []
    for r in recs:
        row, offset, day = spec.row(r, now)
        mine.append(row)
        offsets.append(offset)
        lats.append(peer.coordinate(r, "lat"))
        lons.append(peer.coordinate(r, "lon"))
        days.append(day)
    mine = np.array(mine, dtype=np.float32)
    kd = corr.correct(lats, lons, days)
    reasons_checked = 0
    for i, (r, e) in enumerate(zip(recs, ex)):
        rid, v = r.get("id"), r["valuation"]
        if set(e["inputs"]) != set(spec.names):
            c.first = c.first or (rid, "explain.inputs does not name the spec's features")
        c.diff("trees", rid, e["trees"], float(margin[i]), TOL_MARGIN)
        for j, name in enumerate(spec.names):
            c.diff("contributions", rid, e["contributions"][name], float(contribs[i, j]),
                   TOL_MARGIN, f" '{name}'")
            got = e["inputs"].get(name)
            got = math.nan if got is None else float(np.float32(got))
            c.diff("inputs", rid, got, float(mine[i, j]), TOL_INPUT, f" '{name}'")
        c.diff("bias", rid, e["bias"], float(contribs[i, -1]), TOL_MARGIN)
        c.diff("offset", rid, e["offset"], offsets[i], TOL_OFFSET)
        exact, _ = corr.correct_exact(lats[i], lons[i], days[i])
        lat_ok = not (math.isnan(lats[i]) or math.isnan(lons[i]))
        c.diff("nearby (every point)", rid, e["nearby"], exact if lat_ok else 0.0, TOL_NEARBY)
        c.diff("nearby (k-d tree)", rid, e["nearby"], float(kd[i]), TOL_NEARBY)
        est, low, high = b.estimate(e["offset"], e["trees"], e["nearby"])
        c.diff("estimate", rid, v["estimate"], float(est), TOL_DOLLARS)
        c.diff("low", rid, v["low"], float(low), TOL_DOLLARS)
        c.diff("high", rid, v["high"], float(high), TOL_DOLLARS)
        reasons = (r.get("score") or {}).get("reasons")
        if reasons:
            reasons_checked += 1
            total = v.get("baseline", math.nan) + sum(x["effect"] for x in reasons)
            c.diff("baseline + effects", rid, total, v["estimate"], 0.0)
        if v.get("model") != b.version:
            c.first = c.first or (rid, f"valuation.model {v.get('model')}, bundle {b.version}")

    exact_inputs = int((np.isnan(mine) & np.isnan(x) | (mine == x)).all(axis=1).sum())
    print(f"avm_parity: {len(recs)} records, {len(spec.names)} inputs each, model "
          f"{b.version}; inputs float32-exact on {exact_inputs}; reasons summed on "
          f"{reasons_checked}")
    for name in c.max:
        print(f"  {name:24s} max |difference| {c.max[name]:.3g} over {c.count[name]} values")
    if c.first:
        rid, what = c.first
        print(f"avm_parity: {rid}: {what}", file=sys.stderr)
        sys.exit(1)
    print("avm_parity: ok")


if __name__ == "__main__":
    main()
