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

src, out = sys.argv[1], sys.argv[2]
seed = int(os.environ.get("SEED", "13"))
share = float(os.environ.get("SHARE", "0.4"))
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)

docs = [json.loads(l) for l in open(src, encoding="utf-8")]
byid = {d["id"]: d for d in docs}

def words(t):
    return re.findall(r"[a-z0-9]+(?:[.,][0-9]+)*", t.lower())

def shingles(t, k=3):
    w = words(t)
    return set(tuple(w[i:i + k]) for i in range(max(1, len(w) - k + 1)))

def numbers(t):
    return set(x for x in words(t) if re.search(r"[0-9]", x))

# --- the stories Reuters re-sent -------------------------------------------
S = {d["id"]: shingles(d["text"]) for d in docs}
N = {d["id"]: numbers(d["text"]) for d in docs}
norm = {d["id"]: " ".join(words(d["text"])) for d in docs}
inv = collections.defaultdict(list)
for i, s in S.items():
    for x in s:
        inv[x].append(i)
common = collections.Counter()
for x, l in inv.items():
    if len(l) > 60:          # shingles of every template: not evidence
        continue
    for a, b in itertools.combinations(l, 2):
        common[(a, b)] += 1
parent = {d["id"]: d["id"] for d in docs}
def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
def union(a, b):
    ra, rb = find(a), find(b)
    if ra != rb:
        parent[max(ra, rb, key=int)] = min(ra, rb, key=int)
npairs = 0
for (a, b), c in common.items():
    j = c / len(S[a] | S[b])
    cont = c / min(len(S[a]), len(S[b]))
    small, large = (a, b) if len(S[a]) <= len(S[b]) else (b, a)
    same = norm[a] == norm[b] or ((j >= 0.3 or cont >= 0.7) and N[small] <= N[large])
    if same:
        npairs += 1
        union(a, b)
groups = collections.defaultdict(list)
for d in docs:
    groups[find(d["id"])].append(d["id"])

# --- dates: NEWID follows the wire's order, Feb to Oct 1987 ----------------
start = datetime.date(1987, 2, 26)
def date_of(i):
    return start + datetime.timedelta(days=int(i) // 60)

# --- syndication ------------------------------------------------------------
OUTLETS = ["The Daily Ledger", "Business Times", "Market Watch Weekly", "The Evening Post",
           "Commodity News", "Financial Herald", "Trade Journal", "The Morning Star"]
PREFIX = ["UPDATE 1-", "UPDATE 2-", "REFILE-", "WRAPUP 1-", "CORRECTED-", "FOCUS-", "ANALYSIS-"]
CITIES = ["NEW YORK", "LONDON", "TOKYO", "WASHINGTON", "CHICAGO", "SINGAPORE", "FRANKFURT"]
SUBST = {"said": "stated", "mln": "million", "dlrs": "dollars", "pct": "percent",
         "billion": "bln", "company": "firm", "shares": "stock", "increase": "rise",
         "reported": "posted", "expected": "forecast", "also": "additionally",
         "about": "around", "year": "yr", "but": "however", "government": "administration",
         "officials": "sources", "told": "informed", "week": "wk", "market": "markets",
         "would": "will", "agreed": "consented", "announced": "unveiled"}
EDITORS = ["Jane Miller", "Tom Okafor", "Lena Park", "Raj Mehta", "Ana Costa", "Piet de Vries"]

def paragraphs(text):
    title, _, body = text.partition("\n")
    paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s{3,}", body)]
    return title.strip(), [p for p in paras if p]

def substitute(p, rate):
    def rep(m):
        w = m.group(0)
        s = SUBST.get(w.lower())
        if s and rng.random() < rate:
            return s.upper() if w.isupper() else s
        return w
    return re.sub(r"[A-Za-z]+", rep, p)

def copy_of(d, k):
    title, paras = paragraphs(d["text"])
    outlet = rng.choice(OUTLETS)
    ops = []
    if rng.random() < 0.6:
        title = rng.choice(PREFIX) + title; ops.append("prefix")
    elif rng.random() < 0.5:
        title = title.title(); ops.append("retitle")
    if len(paras) > 2 and rng.random() < 0.4:
        del paras[rng.randrange(1, len(paras))]; ops.append("cut")
    if len(paras) > 2 and rng.random() < 0.4:
        keep = max(1, int(len(paras) * rng.uniform(0.5, 0.9)))
        paras = paras[:keep]; ops.append("trim")
    if rng.random() < 0.6:
        rate = rng.uniform(0.1, 0.5)
        paras = [substitute(p, rate) for p in paras]; ops.append("subst")
    if paras and rng.random() < 0.5:
        day = date_of(d["id"])
        paras[0] = "%s, %s %d (Reuters) - %s" % (rng.choice(CITIES), day.strftime("%B"),
                                                 day.day, paras[0])
        ops.append("dateline")
    lines = [title]
    if rng.random() < 0.6:
        lines.append("By %s, %s" % (rng.choice(EDITORS), outlet)); ops.append("byline")
    lines += paras
    if rng.random() < 0.5:
        lines.append("(Reporting by %s; Editing by %s)" % (rng.choice(EDITORS), rng.choice(EDITORS)))
        ops.append("credit")
    if rng.random() < 0.3:
        lines.append("Copyright 1987 %s. All rights reserved." % outlet); ops.append("copyright")
    text = "\n\n".join(lines)
    cid = "%s-%s-%d" % (d["id"], re.sub(r"[^a-z]", "", outlet.lower())[:8], k)
    date = date_of(d["id"]) + datetime.timedelta(days=rng.randrange(0, 3))
    return {"id": cid, "date": date.isoformat(), "text": text}, ops

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
