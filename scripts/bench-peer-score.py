#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The Python peer for make bench: the same job as birddog's score (the
# scorecard rules of scorecard.json) with the json module, as a Python user
# would write it.
import json
import math
import sys


def cround(x):
    # C's round(): halves away from zero, as birddog does.
    return math.copysign(math.floor(abs(x) + 0.5), x)


def get_path(rec, path):
    v = rec
    for part in path.split("."):
        if not isinstance(v, dict) or part not in v:
            return None
        v = v[part]
    return v


def main():
    card = json.load(open(sys.argv[1]))
    out = sys.stdout
    for line in sys.stdin:
        rec = json.loads(line)
        tenths = int(cround(card.get("base", 0) * 10))
        reasons = []
        for r in card["rules"]:
            v = get_path(rec, r["feature"])
            if "equals" in r:
                if not isinstance(v, str):
                    continue
                pts = r["points"] if v == r["equals"] else 0
            elif isinstance(v, (int, float)):
                f = (float(v) - r["from"]) / (r["to"] - r["from"])
                pts = r["points"] * min(1.0, max(0.0, f))
            else:
                continue
            t = int(cround(pts * 10))
            tenths += t
            if t == 0:
                continue
            pts = t / 10
            reasons.append({"feature": r["feature"], "value": v, "points": pts, "why": r.get("why")})
        reasons.sort(key=lambda x: -abs(x["points"]))
        value = int(cround(min(1000, max(0, tenths)) / 10))
        rec["score"] = {"value": value, "model": card["model"], "reasons": reasons}
        out.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + "\n")


main()
