#!/usr/bin/env python3
"""bench/dedup/make-corpus.py — the near-duplicate corpus of bench/dedup.sh.

Reads Reuters-21578 (ModApte training part, ../shared research data; never
copied into the repository) and writes, under OUT (a build/ or temp folder):

  dev.jsonl, heldout.jsonl   {"id", "date", "text"} in date order: the
                             originals, the stories Reuters itself re-sent,
                             and syndicated copies made from the originals
  dev.truth, heldout.truth   "id<TAB>story" for every document: the true
                             story (one id per story)
  labels.txt                 how many re-sent groups and copies were made

The split is by story: a story (an original, its re-sends and its copies)
is in the dev part when the MD5 of its smallest document id is even, else
in the held-out part. Tune on dev only; score held-out once.

Re-sent stories (labelled here, before any tool runs): two Reuters
documents are the same story when their texts are identical after case
and white space are folded, or when their word 3-shingles overlap
(Jaccard >= 0.3, or >= 0.7 of the smaller document's shingles) AND the
figures (number tokens) of the smaller are all in the larger, so that a
corrected or updated re-send is one story, and the templated reports of a
series (the Fed's daily repurchases, two companies' quarterly results,
money-supply flashes) whose figures differ are not. Groups are the
connected components of these pairs.

Syndicated copies (seeded, reproducible): of SHARE of the originals, 1 to
3 copies each, made the ways syndication makes them: a headline prefix or
a rewritten headline, an outlet byline and credit line, a dateline with an
agency tag, a paragraph cut, word substitutions, a trimmed end, the text
re-flowed; each copy dated 0 to 2 days after its original.
"""
import collections, hashlib, itertools, json, random, re, sys, os, datetime
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import syndicate

src, out = sys.argv[1], sys.argv[2]
seed = int(os.environ.get("SEED", "13"))
share = float(os.environ.get("SHARE", "0.4"))
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)

docs = [json.loads(l) for l in open(src, encoding="utf-8")]
byid = {d["id"]: d for d in docs}

# --- the stories Reuters re-sent (syndicate.resent_groups) -----------------
groups, npairs = syndicate.resent_groups(docs, key=int)

# --- dates: NEWID follows the wire's order, Feb to Oct 1987 ----------------
start = datetime.date(1987, 2, 26)
def date_of(i):
    return start + datetime.timedelta(days=int(i) // 60)

# --- syndication (bench/dedup/syndicate.py) ---------------------------------
def copy_of(d, k):
    title, paras = syndicate.paragraphs(d["text"], r"\n\s{3,}")
    return syndicate.copy_of(rng, d["id"], title, paras, date_of(d["id"]), k, year=1987)

parts = {"dev": [], "heldout": []}
truth = {"dev": [], "heldout": []}
stats = collections.Counter()
for root, ids in sorted(groups.items(), key=lambda g: int(g[0])):
    part = "dev" if int(hashlib.md5(min(ids, key=int).encode()).hexdigest(), 16) % 2 == 0 else "heldout"
    story = min(ids, key=int)
    if len(ids) > 1:
        stats[part + " re-sent groups"] += 1
        stats[part + " re-sent documents"] += len(ids)
    for i in ids:
        d = byid[i]
        parts[part].append({"id": i, "date": date_of(i).isoformat(), "text": d["text"]})
        truth[part].append((i, story))
    if rng.random() < share:
        for k in range(1, rng.randint(1, 3) + 1):
            c, ops = copy_of(byid[story], k)
            parts[part].append(c)
            truth[part].append((c["id"], story))
            stats[part + " copies"] += 1
            for o in ops:
                stats["op " + o] += 1
for part in parts:
    rng.shuffle(parts[part])
    parts[part].sort(key=lambda r: r["date"])
    with open(os.path.join(out, part + ".jsonl"), "w", encoding="utf-8") as f:
        for r in parts[part]:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(out, part + ".truth"), "w") as f:
        for i, s in truth[part]:
            f.write("%s\t%s\n" % (i, s))
    stats[part + " documents"] = len(parts[part])
with open(os.path.join(out, "labels.txt"), "w") as f:
    f.write("re-sent pairs found: %d\n" % npairs)
    for k in sorted(stats):
        f.write("%s: %d\n" % (k, stats[k]))
print(open(os.path.join(out, "labels.txt")).read(), end="")
