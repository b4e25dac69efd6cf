#!/usr/bin/env python3
"""bench/dedup/score.py — pairwise precision, recall and F1 of a dedup run.

  score.py TRUTH PRED             PRED: "id<TAB>story" lines (a clustering)
  score.py TRUTH --simhash MATRIX NAMES
                                  MATRIX: the output of `simhash -m` over the
                                  files listed in NAMES (one id a line, same
                                  order); prints the best threshold's figures
                                  (picked after the fact) and the curve

A pair is two documents of the same story. P = correct pairs / pairs
predicted, R = correct pairs / true pairs.
"""
import collections, sys

def load(path):
    m = {}
    for line in open(path, encoding="utf-8"):
        i, s = line.rstrip("\n").split("\t")
        m[i] = s
    return m

def c2(n):
    return n * (n - 1) // 2

def prf(tp, npred, ntrue):
    p = tp / npred if npred else 1.0
    r = tp / ntrue if ntrue else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f

truth = load(sys.argv[1])
ntrue = sum(c2(n) for n in collections.Counter(truth.values()).values())
if sys.argv[2] != "--simhash":
    pred = load(sys.argv[2])
    missing = set(truth) - set(pred)
    if missing:
        sys.exit("score.py: %d documents have no prediction (e.g. %s)" % (len(missing), min(missing)))
    cells = collections.Counter((pred[i], truth[i]) for i in truth)
    tp = sum(c2(n) for n in cells.values())
    npred = sum(c2(n) for n in collections.Counter(pred[i] for i in truth).values())
    p, r, f = prf(tp, npred, ntrue)
    print("P %.4f R %.4f F1 %.4f (pairs: %d true, %d predicted, %d correct; stories %d, found %d)"
          % (p, r, f, ntrue, npred, tp, len(set(truth.values())), len(set(pred.values()))))
    sys.exit(0)

names = [l.strip() for l in open(sys.argv[4])]
# simhash -m: a header line, then row i: "name i v_1 ... v_{i-1}" (".95", "?" unknown)
hist_all = collections.Counter()
hist_tp = collections.Counter()
with open(sys.argv[3]) as f:
    next(f)
    for i, line in enumerate(f):
        vals = line.split()[2:]
        ti = truth[names[i]]
        for j, v in enumerate(vals):
            if v == "?":
                continue
            k = int(round(float(v) * 100))
            hist_all[k] += 1
            if truth[names[j]] == ti:
                hist_tp[k] += 1
best = None
curve = []
npred = tp = 0
for k in range(100, -1, -1):
    npred += hist_all[k]
    tp += hist_tp[k]
    p, r, f = prf(tp, npred, ntrue)
    curve.append((k / 100, p, r, f))
    if best is None or f > best[3]:
        best = (k / 100, p, r, f, npred, tp)
print("P %.4f R %.4f F1 %.4f at threshold %.2f, best after the fact (pairs: %d true, %d predicted, %d correct)"
      % (best[1], best[2], best[3], best[0], ntrue, best[4], best[5]))
