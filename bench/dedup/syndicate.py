"""bench/dedup/syndicate.py — what make-corpus.py (Reuters-21578) and
make-bbc.py (BBC News) share: the rule that finds the articles a data set
already holds more than once (resent_groups), and the syndication
transforms (copy_of): how an outlet re-runs a wire story. Each copy may get a rewritten headline (an agency
prefix or title case), a cut paragraph, a trimmed end, word substitutions,
a dateline with an agency tag, an outlet byline, a credit line and a
copyright line. Every random choice comes from the caller's rng, in a fixed
order, so a corpus is the same for the same seed.
"""
import collections, datetime, itertools, re

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


def words(t):
    return re.findall(r"[a-z0-9]+(?:[.,][0-9]+)*", t.lower())


def shingles(t, k=3):
    w = words(t)
    return set(tuple(w[i:i + k]) for i in range(max(1, len(w) - k + 1)))


def numbers(t):
    return set(x for x in words(t) if re.search(r"[0-9]", x))


def resent_groups(docs, key):
    """The articles of docs ({"id", "text"}) that are one story sent more
    than once: the same words, or word-trigram Jaccard >= 0.3 or
    containment >= 0.7 with the shorter text's figures all in the longer.
    Trigrams found in more than 60 articles (a template's) are no
    evidence. Returns ({root id: [ids in docs order]}, pairs found); a
    group's root is its least id under key."""
    S = {d["id"]: shingles(d["text"]) for d in docs}
    N = {d["id"]: numbers(d["text"]) for d in docs}
    norm = {d["id"]: " ".join(words(d["text"])) for d in docs}
    inv = collections.defaultdict(list)
    for i, s in S.items():
        for x in s:
            inv[x].append(i)
    common = collections.Counter()
    for x, l in inv.items():
        if len(l) > 60:
            continue
        for a, b in itertools.combinations(sorted(l, key=key), 2):
            common[(a, b)] += 1
    parent = {d["id"]: d["id"] for d in docs}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    npairs = 0
    for (a, b), c in common.items():
        j = c / len(S[a] | S[b])
        cont = c / min(len(S[a]), len(S[b]))
        small, large = (a, b) if len(S[a]) <= len(S[b]) else (b, a)
        if norm[a] == norm[b] or ((j >= 0.3 or cont >= 0.7) and N[small] <= N[large]):
            npairs += 1
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb, key=key)] = min(ra, rb, key=key)
    groups = collections.defaultdict(list)
    for d in docs:
        groups[find(d["id"])].append(d["id"])
    return groups, npairs


def paragraphs(text, sep):
    """The headline (first line) and the body's paragraphs, split at the
    regular expression sep and re-flowed to one line each."""
    title, _, body = text.partition("\n")
    paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(sep, body)]
    return title.strip(), [p for p in paras if p]


def substitute(rng, p, rate):
    def rep(m):
        w = m.group(0)
        s = SUBST.get(w.lower())
        if s and rng.random() < rate:
            return s.upper() if w.isupper() else s
        return w
    return re.sub(r"[A-Za-z]+", rep, p)


def copy_of(rng, doc_id, title, paras, day, k, agencies=None, year=None):
    """Copy k of the story doc_id (headline, paragraphs) first run on day:
    (record, list of the transforms applied). The dateline names one of
    agencies (else Reuters); the copyright line year (else day's year)."""
    paras = list(paras)
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
        paras = [substitute(rng, p, rate) for p in paras]; ops.append("subst")
    if paras and rng.random() < 0.5:
        city = rng.choice(CITIES)
        agency = rng.choice(agencies) if agencies else "Reuters"
        paras[0] = "%s, %s %d (%s) - %s" % (city, day.strftime("%B"), day.day, agency, paras[0])
        ops.append("dateline")
    lines = [title]
    if rng.random() < 0.6:
        lines.append("By %s, %s" % (rng.choice(EDITORS), outlet)); ops.append("byline")
    lines += paras
    if rng.random() < 0.5:
        lines.append("(Reporting by %s; Editing by %s)" % (rng.choice(EDITORS), rng.choice(EDITORS)))
        ops.append("credit")
    if rng.random() < 0.3:
        lines.append("Copyright %d %s. All rights reserved." % (year or day.year, outlet))
        ops.append("copyright")
    cid = "%s-%s-%d" % (doc_id, re.sub(r"[^a-z]", "", outlet.lower())[:8], k)
    date = day + datetime.timedelta(days=rng.randrange(0, 3))
    return {"id": cid, "date": date.isoformat(), "text": "\n\n".join(lines)}, ops
