#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The Python peer of score's valuation for make bench (scripts/bench-score),
# as a Python user would write it: the json module, the bundle's frozen
# feature spec turned into model inputs as score(1) does (cmd/score/spec.c),
# xgboost's inplace_predict in batches of 1,000, the offset, the
# neighbourhood correction (scipy's cKDTree over the bundle's residual
# points for candidates, then the exact haversine, strictly earlier sales,
# the same weights) and the calibration; each record is written with
# valuation {estimate, low, high, model}. It does less than score: no deal
# score, reasons or deal maths, and it rejects only a strict feature's
# non-number. tests/avm_parity.py imports it to recompute score's inputs.
#
#   bench-peer-avm.py BUNDLE [FILE...] < records.ndjson > out.ndjson
import datetime
import json
import math
import os
import re
import sys

import numpy as np
from scipy.spatial import cKDTree

BATCH = 1000
EARTH_MI = 3958.8
RAD = math.pi / 180.0
EPOCH = datetime.date(1970, 1, 1).toordinal()
POW10 = [10.0 ** i for i in range(16)]
EX_DATAERR = 65


# --- numbers and dates as lib/number.c and lib/daynum.c read them ---

def parse_number(s):
    """number_parse(s, len, 1, &x): "315000", "$315,000", "-2.5", "1.2e+06";
    the float, or None when it is not such a number or out of range."""
    n, i = len(s), 0
    tmp = []
    digits = decimals = mantissa = 0
    point = negative = has_exp = False
    if i < n and s[i] == "-":
        tmp.append("-")
        i += 1
        negative = True
    if i < n and s[i] == "$":
        i += 1
    while i < n:
        c = s[i]
        if "0" <= c <= "9":
            if len(tmp) >= 40:
                return None
            tmp.append(c)
            digits += 1
            decimals += point
            if digits <= 15:
                mantissa = mantissa * 10 + ord(c) - 48
        elif c == "," and digits and not point:
            pass
        elif c == "." and not point:
            tmp.append(".")
            point = True
        elif c in "eE" and digits:
            i += 1
            tmp.append("e")
            if i < n and s[i] in "+-":
                tmp.append(s[i])
                i += 1
            d = 0
            while i < n and "0" <= s[i] <= "9":
                tmp.append(s[i])
                i += 1
                d += 1
            if not 0 < d < 6:
                return None
            has_exp = True
            break
        else:
            return None
        i += 1
    if i < n or not digits:
        return None
    if digits <= 15 and not has_exp:
        v = mantissa / POW10[decimals]
        return -v if negative else v
    v = float("".join(tmp))
    return v if math.isfinite(v) else None


# the usual forms, "1610", "-2.5", "$315000": float() gives the double
# number_parse gives (a correctly rounded conversion of the same decimal)
PLAIN = re.compile(r"-?\$?[0-9]{1,30}(?:\.[0-9]{0,8})?")


def as_number(v):
    """spec_number: (1, x) for a number, a boolean or a string that is a
    number; (0, None) when absent, null or ""; (-1, None) otherwise."""
    t = type(v)
    if t is float or t is int:
        return 1, float(v)
    if v is None:
        return 0, None
    if t is str:
        if not v:
            return 0, None
        x = float(v.replace("$", "", 1)) if PLAIN.fullmatch(v) else parse_number(v)
        return (-1, None) if x is None else (1, x)
    if t is bool:
        return 1, float(v)
    return -1, None


def day_of(v):
    """date_value: the day number of a string's first ten bytes as
    YYYY-MM-DD (a real date, years 1000..9999), or None."""
    if not isinstance(v, str):
        return None
    b = v.encode("utf-8", "surrogatepass")[:10]
    if len(b) < 10 or b[4:5] != b"-" or b[7:8] != b"-":
        return None
    y, m, d = b[0:4], b[5:7], b[8:10]
    if not (y.isdigit() and m.isdigit() and d.isdigit()):
        return None
    try:
        day = datetime.date(int(y), int(m), int(d))
    except ValueError:
        return None
    return day.toordinal() - EPOCH if day.year >= 1000 else None


def ymd(day):
    return datetime.date.fromordinal(day + EPOCH)


def today():
    """The day as score sees it: $BIRDDOG_NOW (YYYY-MM-DD or
    YYYY-MM-DDTHH:MM:SSZ) when set, else today in UTC."""
    now = os.environ.get("BIRDDOG_NOW", "")
    day = day_of(now) if len(now) == 10 or now.endswith("Z") else None
    if day is None:
        day = datetime.datetime.now(datetime.timezone.utc).date().toordinal() - EPOCH
    return day


def get_path(rec, path):
    v = rec
    for part in path.split("."):
        if not isinstance(v, dict):
            return None
        v = v.get(part)
    return v


def category_text(v):
    """spec_category_text: a string, or a number as %lld or %g."""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "%g" % v
    return None


def as_of(rec, now):
    """spec_as_of: sale_date, else market.as_of, else now."""
    day = day_of(rec.get("sale_date"))
    if day is None:
        day = day_of(get_path(rec, "market.as_of"))
    return now if day is None else day


class Reject(Exception):
    pass


# --- the frozen spec (cmd/score/spec.c) ---

DEFAULT_STRICT = ("numeric", "log", "age")


class Feature:
    def __init__(self, j):
        self.name = j["name"]
        self.path = j["path"]
        self.path2 = j.get("path2")
        self.extra = j.get("extra") is True
        self.transform = j.get("transform", "numeric")
        self.strict = (j["strict"] is True) if "strict" in j \
            else not self.extra and self.transform in DEFAULT_STRICT
        self.as_of = not self.extra and self.path == "@as_of"
        self.keys = self.path.split(".")
        self.code = {}
        for i, level in enumerate(j.get("levels") or []):
            self.code.setdefault(level, float(i))
        t = self.transform
        self.input = (self.rotate if t == "rotate" else self.date if t in ("date", "year", "month")
                      else self.category if t == "category" else self.missing if t == "missing"
                      else self.number)
        if t == "rotate":
            lat0, lon0 = j.get("lat0", 0.0), j.get("lon0", 0.0)
            th = j.get("degrees", 0.0) * math.pi / 180
            self.lat0, self.lon0 = lat0, lon0
            self.coslat0 = math.cos(lat0 * math.pi / 180)
            self.cos, self.sin = math.cos(th), math.sin(th)

    def value(self, rec):
        """spec_value: the record's value the feature reads."""
        if self.extra:
            e = rec.get("extra")
            return e.get(self.path2) if type(e) is dict else None
        if self.as_of:
            return None
        v = rec
        for k in self.keys:
            if type(v) is not dict:
                return None
            v = v.get(k)
        return v

    # feature_input, by transform: the input as a double (nan when missing);
    # rec is the record, day its as-of day, places its (lat, lon) pairs
    # as numbers by (path, path2), which rotations share.

    def rotate(self, rec, day, places):
        at = places.get((self.path, self.path2))
        if at is None:
            rc, lat = as_number(get_path(rec, self.path))
            rc2, lon = as_number(get_path(rec, self.path2))
            at = places[(self.path, self.path2)] = (lat, lon) if rc == 1 and rc2 == 1 else ()
        if not at:
            return math.nan
        x, y = (at[1] - self.lon0) * self.coslat0, at[0] - self.lat0
        return x * self.cos + y * self.sin

    def date(self, rec, day, places):
        d = day if self.as_of else day_of(self.value(rec))
        if d is None:
            return math.nan
        if self.transform == "date":
            return 1970 + d / 365.2425
        date = ymd(d)
        return float(date.year if self.transform == "year" else date.month)

    def category(self, rec, day, places):
        text = category_text(self.value(rec))
        return self.code.get(text, math.nan) if text is not None else math.nan

    def missing(self, rec, day, places):
        return 1.0 if self.value(rec) is None else 0.0

    def number(self, rec, day, places):
        rc, x = as_number(self.value(rec))
        if rc < 0 and self.strict:
            what = self.path2 if self.extra else self.path
            raise Reject(f"'{what}' (feature '{self.name}') is not a number")
        if rc != 1 or not math.isfinite(x):
            return math.nan
        t = self.transform
        if t == "log":
            return math.log(x) if x > 0 else math.nan
        if t == "age":
            year = ymd(day).year
            return year - x if 1600 <= x <= year + 5 else math.nan
        return x


class Spec:
    def __init__(self, j):
        self.features = [Feature(f) for f in j["features"]]
        self.names = [f.name for f in self.features]
        self.log_ppsf = j.get("target", "log_ppsf") == "log_ppsf"
        m = j.get("median_sqft") or 0
        self.default_offset = math.log(m if m > 0 else 1) if self.log_ppsf else 0.0

    def row(self, rec, now):
        """spec_row: the inputs (doubles; float32 once in the matrix), the
        offset and the as-of day. Raises Reject."""
        day = as_of(rec, now)
        places = {}
        row = [f.input(rec, day, places) for f in self.features]
        offset = 0.0
        if self.log_ppsf:
            rc, sqft = as_number(rec.get("sqft"))
            offset = math.log(sqft) if rc == 1 and sqft > 0 else self.default_offset
        return row, offset, day


# --- the neighbourhood correction (cmd/score/residual.c) ---

def coordinate(rec, key):
    v = rec.get(key)
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else math.nan


def geo_valid(lat, lon):
    return (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
            and -180 <= lon <= 180 and not (lat == 0 and lon == 0))


def haversine(lat1, lon1, lat2, lon2):
    """lib/geo.c's miles, in its order of operations (numpy arrays)."""
    sdlat = np.sin((lat2 - lat1) * RAD / 2)
    sdlon = np.sin((lon2 - lon1) * RAD / 2)
    h = sdlat * sdlat + np.cos(lat1 * RAD) * np.cos(lat2 * RAD) * sdlon * sdlon
    return 2 * EARTH_MI * np.arcsin(np.sqrt(np.minimum(h, 1)))


def unit_vectors(lat, lon):
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)))


class Correction:
    def __init__(self, c):
        self.used = c.get("used") is True
        self.k = int(c["k"])
        self.radius = float(c["radius_mi"])
        self.bandwidth = float(c["bandwidth_mi"])
        self.tau = float(c["tau_days"])
        self.shrink = float(c["shrink"])
        p = c.get("points") or []
        self.lat = np.array([q[0] for q in p], dtype=np.float64)
        self.lon = np.array([q[1] for q in p], dtype=np.float64)
        self.day = np.array([q[2] for q in p], dtype=np.int64)
        self.r = np.array([q[3] for q in p], dtype=np.float64)
        self.n = len(p)
        self.tree = None

    def weigh(self, d, age, r, valid):
        """residual_weigh over hits nearest first (rows of k columns, the
        columns past a row's hits not valid)."""
        with np.errstate(over="ignore", invalid="ignore"):
            w = np.exp(-d / self.bandwidth)
            if self.tau > 0:
                w = w * np.exp(-age / self.tau)
        w = np.where(valid, w, 0.0)
        sw = w.sum(axis=1)
        swr = (w * np.where(valid, r, 0.0)).sum(axis=1)
        return np.where(sw > 0, swr / (sw + self.shrink), 0.0)

    def pick(self, lat, lon, day, cand):
        """The k nearest of the candidates (rows of indices, n for none):
        sold strictly before day, within the radius, ties by the lower
        index; their distances, ages, residuals and whether each is one."""
        idx = np.minimum(cand, self.n - 1)
        d = haversine(lat[:, None], lon[:, None], self.lat[idx], self.lon[idx])
        ok = (cand < self.n) & (self.day[idx] < day[:, None]) & (d <= self.radius)
        d = np.where(ok, d, np.inf)
        order = np.lexsort((np.where(ok, cand, self.n), d), axis=1)[:, :self.k]
        rows = np.arange(len(lat))[:, None]
        d_k, i_k, ok_k = d[rows, order], idx[rows, order], ok[rows, order]
        return d_k, (day[:, None] - self.day[i_k]).astype(np.float64), self.r[i_k], ok_k

    def correct(self, lat, lon, day):
        """The corrections for arrays of places and days (0 where a place
        is nan or not valid)."""
        lat, lon, day = (np.asarray(lat, np.float64), np.asarray(lon, np.float64),
                         np.asarray(day, np.int64))
        out = np.zeros(len(lat))
        if not self.used or not self.n:
            return out
        valid = np.array([geo_valid(a, b) for a, b in zip(lat, lon)], dtype=bool)
        at = np.flatnonzero(valid)
        if not len(at):
            return out
        if self.tree is None:
            self.tree = cKDTree(unit_vectors(self.lat, self.lon))
        # the chord of the radius, with room for rounding
        bound = 2 * math.sin(min(self.radius / EARTH_MI, math.pi) / 2) * (1 + 1e-9) + 1e-12
        q = unit_vectors(lat[at], lon[at])
        want = min(self.n, 4 * self.k)
        todo = np.arange(len(at))
        for _ in range(64):
            chord, cand = self.tree.query(q[todo], k=want, distance_upper_bound=bound)
            cand = cand.reshape(len(todo), -1)
            chord = chord.reshape(len(todo), -1)
            rows = at[todo]
            d, age, r, ok = self.pick(lat[rows], lon[rows], day[rows], cand)
            # complete when every point within the radius was a candidate,
            # or the farthest candidate is farther than the k-th hit
            kth = np.where(ok.all(axis=1), d[:, -1], np.inf)
            kth_chord = 2 * np.sin(np.minimum(kth / EARTH_MI, math.pi) / 2) * (1 + 1e-9)
            done = (cand[:, -1] >= self.n) | (chord[:, -1] > kth_chord + 1e-12) | (want >= self.n)
            out[rows[done]] = self.weigh(d[done], age[done], r[done], ok[done])
            todo = todo[~done]
            if not len(todo):
                break
            want = min(self.n, want * 4)
        return out

    def correct_exact(self, lat, lon, day):
        """One record's correction by looking at every point (a reference for
        tests), and how many neighbours it used."""
        if not self.used or not self.n or not geo_valid(lat, lon):
            return 0.0, 0
        d = haversine(lat, lon, self.lat, self.lon)
        ok = (self.day < day) & (d <= self.radius)
        hits = np.flatnonzero(ok)
        hits = hits[np.lexsort((hits, d[hits]))][:self.k]
        w = self.weigh(d[hits][None, :], (day - self.day[hits]).astype(np.float64)[None, :],
                       self.r[hits][None, :], np.ones((1, len(hits)), dtype=bool))
        return float(w[0]), len(hits)


# --- the bundle ---

class Bundle:
    def __init__(self, path):
        with open(path, "rb") as f:
            desc = f.readline()
            model = f.read()
        self.desc = json.loads(desc)
        self.version = self.desc["version"]
        self.spec = Spec(self.desc["spec"])
        cal, rng = self.desc["calibration"], self.desc["range"]
        self.center, self.slope = float(cal["center"]), float(cal["slope"])
        self.q_lo, self.q_hi = float(rng["q10"]), float(rng["q90"])
        self.correction = Correction(self.desc["correction"])
        self.model = bytearray(model.rstrip(b"\n"))
        self._booster = None

    @property
    def booster(self):
        if self._booster is None:
            import xgboost
            self._booster = xgboost.Booster()
            self._booster.load_model(self.model)
        return self._booster

    def estimate(self, offset, trees, nearby):
        """The estimate, low and high, before rounding."""
        z = offset + trees + nearby
        e = np.exp(self.center + self.slope * (z - self.center))
        return e, e * math.exp(self.q_lo), e * math.exp(self.q_hi)


def dollars(x):
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


def lines(files):
    if not files:
        yield from sys.stdin
        return
    for name in files:
        with open(name, encoding="utf-8") as f:
            yield from f


def value_batch(b, recs, now, out):
    rows, offsets, lats, lons, days = [], [], [], [], []
    kept = []
    for rec in recs:
        try:
            row, offset, day = b.spec.row(rec, now)
        except Reject as e:
            print(f"bench-peer-avm.py: {rec.get('id')}: {e}", file=sys.stderr)
            continue
        lat, lon = coordinate(rec, "lat"), coordinate(rec, "lon")
        if math.isnan(lat) or math.isnan(lon):
            lat = lon = math.nan
        kept.append(rec)
        rows.append(row)
        offsets.append(offset)
        lats.append(lat)
        lons.append(lon)
        days.append(day)
    if not kept:
        return len(recs)
    x = np.array(rows, dtype=np.float32)
    trees = b.booster.inplace_predict(x, missing=np.nan).astype(np.float64)
    nearby = b.correction.correct(lats, lons, days)
    est, low, high = b.estimate(np.array(offsets), trees, nearby)
    for rec, e, lo, hi in zip(kept, est.tolist(), low.tolist(), high.tolist()):
        rec["valuation"] = {"estimate": dollars(e), "low": dollars(lo), "high": dollars(hi),
                            "model": b.version}
        out.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + "\n")
    return len(recs) - len(kept)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: bench-peer-avm.py BUNDLE [FILE...]")
    b = Bundle(sys.argv[1])
    now = today()
    out = sys.stdout
    rejected = 0
    recs = []
    for line in lines(sys.argv[2:]):
        recs.append(json.loads(line))
        if len(recs) == BATCH:
            rejected += value_batch(b, recs, now, out)
            recs = []
    if recs:
        rejected += value_batch(b, recs, now, out)
    out.flush()
    sys.exit(EX_DATAERR if rejected else 0)

if __name__ == "__main__":
    main()
