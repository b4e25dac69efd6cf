#!/usr/bin/env python3
"""bench/dedup/make-bbc.py — the second, fresh held-out corpus of bench/dedup.sh.

Reads the BBC News articles of ../shared/data/ner-resources/text/bbc (2,225
articles of 2004-2005 in five folders, research use; never copied into the
repository) and writes, under OUT (a build/ or temp folder):

  bbc.jsonl    {"id", "date", "text"} in date order: the articles, the
               templated stories, and syndicated copies of both
  bbc.truth    "id<TAB>story" for every document (one id per story)
  bbc.labels   how many re-sent groups, templated stories and copies

Nothing was decided on this corpus: the defaults of wire-dedup were chosen
on the Reuters dev part (make-corpus.py), and this corpus is scored once.

The articles. Each one is a story, but the data holds the same article
more than once (about a hundred files are byte-identical to another, and a
few are re-edited versions): two articles are one story by the rule
make-corpus.py labels Reuters' re-sends with (texts equal after case and
white space folding, or word 3-shingles overlapping with Jaccard >= 0.3 or
>= 0.7 of the smaller, AND every figure of the smaller in the larger);
groups are connected components. Dates are drawn (seeded) from June 2004
to May 2005: the data has none.

Templated stories (different stories written from one template, which must
NOT be merged): TEMPLATED stories filled from seven templates (football
results, company results, market closes, weather bulletins, by-election
counts, transfer fees, box-office charts), each with its own facts (names,
places, figures) drawn at random; they are given dates like the articles.

Syndicated copies: the transforms of make-corpus.py, with seed 29 (Reuters:
13): of SHARE of the stories (articles and templated ones), 1 to 3 copies
each, with a random mix of a slug or a re-cased headline, an outlet byline,
a dateline lead with an agency tag, a paragraph cut, word substitutions, a
trimmed end, a credit line, a copyright line; dated 0 to 2 days after.
"""
import collections, datetime, glob, itertools, json, os, random, re, sys
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import syndicate

src, out = sys.argv[1], sys.argv[2]
seed = int(os.environ.get("SEED", "29"))
share = float(os.environ.get("SHARE", "0.4"))
templated = int(os.environ.get("TEMPLATED", "600"))
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)

def read(path):
    b = open(path, "rb").read()
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("cp1252")       # one file of the data is not UTF-8

docs = []
for path in sorted(glob.glob(os.path.join(src, "*", "*.txt"))):
    cat = os.path.basename(os.path.dirname(path))
    num = os.path.splitext(os.path.basename(path))[0]
    docs.append({"id": "bbc-%s-%s" % (cat, num), "text": read(path).strip()})

# --- the articles the data holds more than once (syndicate.resent_groups) --
byid = {d["id"]: d for d in docs}
groups, npairs = syndicate.resent_groups(docs, key=str)

# --- templated stories: one template, other facts ---------------------------
TEAMS = ["Arsenal", "Chelsea", "Everton", "Fulham", "Blackburn", "Bolton", "Charlton",
         "Portsmouth", "Southampton", "Middlesbrough", "Aston Villa", "Newcastle",
         "Tottenham", "Liverpool", "Norwich", "Crystal Palace", "Birmingham", "West Brom",
         "Celtic", "Rangers", "Hearts", "Hibernian", "Aberdeen", "Dundee United"]
PLAYERS = ["Smith", "Jones", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
           "Roberts", "Johnson", "Walker", "Wright", "Robinson", "Thompson", "White",
           "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin",
           "Jackson", "Clarke", "Clark", "Turner", "Hill", "Scott", "Cooper", "Morris"]
FIRMS = ["Northwind Foods", "Albion Telecom", "Carver Steel", "Delta Pharma", "Elmore Retail",
         "Fenwick Mining", "Granite Insurance", "Harlow Media", "Ironbridge Engineering",
         "Juniper Airlines", "Kestrel Energy", "Lockwood Brewing", "Marlow Homes",
         "Nettlefold Chemicals", "Oakham Software", "Pennine Water", "Quarry Bank",
         "Redfern Motors", "Selby Textiles", "Thistle Hotels"]
PRODUCTS = ["sales of its new handsets", "demand in Asia", "cost cuts", "a rise in prices",
            "a weaker dollar", "strong Christmas trading", "lower fuel costs",
            "acquisitions in Europe", "higher interest income", "a cold winter"]
INDICES = [("FTSE 100", "London"), ("Dax", "Frankfurt"), ("Cac 40", "Paris"),
           ("Nikkei", "Tokyo"), ("Dow Jones", "New York"), ("Hang Seng", "Hong Kong")]
SECTORS = ["banks", "miners", "oil companies", "retailers", "technology shares",
           "airlines", "drugmakers", "utilities", "insurers", "carmakers"]
REGIONS = ["Scotland", "Wales", "Northern Ireland", "north-east England", "the Midlands",
           "East Anglia", "the south-west", "the south-east", "Yorkshire", "north-west England"]
WEATHER = ["heavy rain", "strong winds", "snow showers", "fog", "sunny spells",
           "thunderstorms", "sleet", "frost", "drizzle", "clear skies"]
SEATS = ["Hartlepool", "Leicester South", "Birmingham Hodge Hill", "Brent East",
         "Ipswich", "Romsey", "Ogmore", "Tottenham", "Hamilton South", "Newark",
         "Wakefield", "Harrogate", "Torridge", "Bexhill", "Stoke North"]
PARTIES = ["Labour", "Conservative", "Liberal Democrat", "UKIP", "Green", "Respect", "SNP",
           "Plaid Cymru"]
FILMS = ["The Long Road", "Midnight Harbour", "Iron Sky", "Silent Witness", "The Last Summer",
         "Blue Falcon", "City of Glass", "Dark Tide", "The Orchard", "Northern Lights",
         "Paper Kings", "Wild Hearts", "Red Meridian", "The Bridge Club"]
NAMES = ["Anna", "David", "Maria", "James", "Sofia", "Peter", "Laura", "Michael",
         "Elena", "Robert", "Claire", "Simon", "Nadia", "Paul", "Julia", "Mark"]

def pick(xs, k):
    return rng.sample(xs, k)

def t_football():
    home, away = pick(TEAMS, 2)
    a, b = rng.randint(0, 4), rng.randint(0, 4)
    s1, s2, s3 = pick(PLAYERS, 3)
    m1, m2, crowd = rng.randint(2, 44), rng.randint(46, 89), rng.randint(8, 60) * 1000 + rng.randint(0, 999)
    pos = rng.randint(1, 20)
    title = "%s %d-%d %s" % (home, a, b, away)
    return title, [
        "%s and %s drew %d-%d at home in front of a crowd of %s." % (home, away, a, b, format(crowd, ","))
        if a == b else
        "%s %s %s %d-%d in front of a crowd of %s." % (home, "beat" if a > b else "lost to", away, a, b, format(crowd, ",")),
        "%s opened the scoring after %d minutes with a low shot from the edge of the area, "
        "and %s added another after %d minutes when the defence failed to clear a corner." % (s1, m1, s2, m2),
        "%s was booked for a late challenge and the manager said afterwards that the side "
        "had shown great character. The result leaves %s in %s place in the table." %
        (s3, home, ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                    "ninth", "10th", "11th", "12th", "13th", "14th", "15th", "16th", "17th",
                    "18th", "19th", "20th"][pos - 1]),
    ]

def t_results():
    firm = rng.choice(FIRMS)
    profit, prev = rng.randint(20, 900), rng.randint(20, 900)
    sales = rng.randint(1, 40) + rng.randint(0, 9) / 10
    pct = abs(profit - prev) * 100 // prev
    div = rng.randint(2, 30) + rng.randint(0, 9) / 10
    ceo = "%s %s" % (rng.choice(NAMES), rng.choice(PLAYERS))
    up = profit >= prev
    title = "%s profits %s %d%%" % (firm, "rise" if up else "fall", pct)
    return title, [
        "%s has reported pre-tax profits of £%dm for the year, %s from £%dm a year earlier, "
        "on sales of £%.1fbn." % (firm, profit, "up" if up else "down", prev, sales),
        "The firm said the results reflected %s. It will pay a final dividend of %.1fp a share." %
        (rng.choice(PRODUCTS), div),
        "Chief executive %s said the company expected trading in the coming year to be %s. "
        "Shares in %s closed %.1f%% %s." % (ceo, rng.choice(["in line with expectations", "difficult",
                                                             "ahead of last year"]),
                                           firm, rng.randint(1, 90) / 10, "higher" if up else "lower"),
    ]

def t_market():
    idx, city = rng.choice(INDICES)
    close = rng.randint(3000, 12000) + rng.randint(0, 99) / 100
    pts = rng.randint(5, 150) + rng.randint(0, 9) / 10
    up = rng.random() < 0.5
    lead, lag = pick(SECTORS, 2)
    title = "%s %s as %s %s" % (idx, "rises" if up else "falls", lead, "gain" if up else "slip")
    return title, [
        "Shares in %s closed %s on %s, with the %s index %s %.1f points at %.2f." %
        (city, "higher" if up else "lower", rng.choice(["Monday", "Tuesday", "Wednesday",
                                                          "Thursday", "Friday"]),
         idx, "up" if up else "down", pts, close),
        "%s led the market %s, while %s %s. Dealers said trading volumes were %s." %
        (lead.capitalize(), "higher" if up else "lower", lag, "lagged" if up else "held firm",
         rng.choice(["thin", "heavy", "about average"])),
        "The dollar was at %.2f yen and %.4f to the euro." % (rng.randint(100, 115) + rng.randint(0, 99) / 100,
                                                             1.2 + rng.randint(0, 999) / 10000),
    ]

def t_weather():
    r1, r2 = pick(REGIONS, 2)
    w1, w2 = pick(WEATHER, 2)
    hi, lo = rng.randint(4, 24), rng.randint(-6, 8)
    gust = rng.randint(30, 90)
    title = "%s for %s" % (w1.capitalize(), r1)
    return title, [
        "Forecasters have warned of %s across %s, with gusts of up to %d mph expected on "
        "higher ground." % (w1, r1, gust),
        "Temperatures will reach a high of %dC, falling to %dC overnight, while %s can expect %s "
        "later in the day." % (hi, lo, r2, w2),
        "Drivers have been advised to take care on the roads and to check for delays before "
        "setting out, the Met Office said.",
    ]

def t_byelection():
    seat = rng.choice(SEATS)
    p1, p2, p3 = pick(PARTIES, 3)
    v1 = rng.randint(8000, 20000)
    v2, v3 = v1 - rng.randint(100, 7000), rng.randint(500, 6000)
    turnout = rng.randint(250, 650) / 10
    cand = "%s %s" % (rng.choice(NAMES), rng.choice(PLAYERS))
    title = "%s wins %s by-election" % (p1, seat)
    return title, [
        "%s has won the %s by-election, with candidate %s taking %s votes." %
        (p1, seat, cand, format(v1, ",")),
        "The %s candidate came second with %s votes and %s were third with %s. Turnout was %.1f%%." %
        (p2, format(v2, ","), p3, format(v3, ","), turnout),
        "The seat fell vacant after the death of the sitting MP earlier this year. %s leaders said "
        "the result was a clear message to the government." % p1,
    ]

def t_transfer():
    club, old = pick(TEAMS, 2)
    player = "%s %s" % (rng.choice(NAMES), rng.choice(PLAYERS))
    fee = rng.randint(5, 150) / 10
    years = rng.randint(2, 5)
    age = rng.randint(19, 31)
    title = "%s sign %s for £%.1fm" % (club, player.split()[1], fee)
    return title, [
        "%s have completed the signing of %s from %s for a fee of £%.1fm." % (club, player, old, fee),
        "The %d-year-old has agreed a %d-year contract and could make his debut at the weekend." % (age, years),
        "The manager said: \"He is a player we have watched for a long time and he will add "
        "strength to the squad.\"",
    ]

def t_boxoffice():
    f1, f2, f3 = pick(FILMS, 3)
    g1, g2 = rng.randint(10, 90) / 10, rng.randint(5, 60) / 10
    wk = rng.randint(2, 6)
    title = "%s tops UK box office" % f1
    return title, [
        "%s has gone straight to the top of the UK box office chart, taking £%.1fm in its first "
        "weekend." % (f1, g1),
        "Last week's number one, %s, fell to second place with £%.1fm, while %s was third in its "
        "%s week." % (f2, g2, f3, ["second", "third", "fourth", "fifth", "sixth"][wk - 2]),
        "Cinema owners said admissions for the month were up on last year.",
    ]

TEMPLATES = [t_football, t_results, t_market, t_weather, t_byelection, t_transfer, t_boxoffice]
tdocs = []
for i in range(templated):
    t = TEMPLATES[i % len(TEMPLATES)]
    title, paras = t()
    tdocs.append({"id": "tpl-%s-%04d" % (t.__name__[2:], i), "text": "\n\n".join([title] + paras)})
    groups[tdocs[-1]["id"]] = [tdocs[-1]["id"]]
    byid[tdocs[-1]["id"]] = tdocs[-1]

# --- dates -------------------------------------------------------------------
start = datetime.date(2004, 6, 1)
day0 = {}
for root in sorted(groups):
    day0[root] = start + datetime.timedelta(days=rng.randrange(365))

# --- syndication (bench/dedup/syndicate.py) ---------------------------------
AGENCIES = ["Reuters", "AFP", "AP"]

def copy_of(d, day, k):
    title, paras = syndicate.paragraphs(d["text"], r"\n\s*\n")
    return syndicate.copy_of(rng, d["id"], title, paras, day, k, agencies=AGENCIES)

recs, truth = [], []
stats = collections.Counter()
for root, ids in sorted(groups.items()):
    story = min(ids)
    day = day0[root]
    if len(ids) > 1:
        stats["re-sent groups"] += 1
        stats["re-sent documents"] += len(ids)
    for i in sorted(ids):
        # the re-sent versions of an article: the same day or up to 2 later
        d = day if i == story else day + datetime.timedelta(days=rng.randrange(0, 3))
        recs.append({"id": i, "date": d.isoformat(), "text": byid[i]["text"]})
        truth.append((i, story))
        stats["templated stories" if i.startswith("tpl-") else "articles"] += 1
    if rng.random() < share:
        for k in range(1, rng.randint(1, 3) + 1):
            c, ops = copy_of(byid[story], day, k)
            recs.append(c)
            truth.append((c["id"], story))
            stats["copies"] += 1
            for o in ops:
                stats["op " + o] += 1
rng.shuffle(recs)
recs.sort(key=lambda r: r["date"])
with open(os.path.join(out, "bbc.jsonl"), "w", encoding="utf-8") as f:
    for r in recs:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open(os.path.join(out, "bbc.truth"), "w") as f:
    for i, s in truth:
        f.write("%s\t%s\n" % (i, s))
stats["bbc documents"] = len(recs)
with open(os.path.join(out, "bbc.labels"), "w") as f:
    f.write("bbc re-sent pairs found: %d\n" % npairs)
    for k in sorted(stats):
        f.write("bbc %s: %d\n" % (k, stats[k]))
print(open(os.path.join(out, "bbc.labels")).read(), end="")
