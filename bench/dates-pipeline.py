#!/usr/bin/env python3
"""bench/dates-pipeline.py -- dates through the tools, as users get them.

bench/dates.sh scores date_find() itself over its own sentence cuts. This
runs the documents through `wire-split -i jsonl | wire-extract-entities`
instead and scores the DATE entities of the records and of their `parts`
(datelines) against the gold DATE expressions: relaxed span, value equal.
Durations are not entities (wire-extract-entities keeps them out), so only
gold type DATE is scored, and a system value that is a time of day counts
as no match, as in dates-eval's DATE rows.

  python3 bench/dates-pipeline.py FILE.jsonl [dev|held] [-v] [--all]

FILE.jsonl: TempEval-3-style lines (id, date, text, timexes), e.g. the
output of bench/dates-news/tml2jsonl.pl or ../shared/data/tempeval3/
train.jsonl; dev|held: that part of TempEval-3 (the split of dates-eval
-p). -v lists each gold DATE the tools miss or value wrongly. --all runs
wire-extract-entities --durations and scores every gold type (DATE, TIME,
DURATION, SET) against every DATE entity, as TempEval-3 does. WIRE_BIN:
the folder of the tools (default: this checkout's bin/).
"""
import json
import os
import subprocess
import sys

M64 = (1 << 64) - 1


def fnv1a(s):
    h = 0xcbf29ce484222325
    for b in s.encode():
        h = ((h ^ b) * 0x100000001b3) & M64
    return h


def fmix64(k):
    k ^= k >> 33
    k = (k * 0xff51afd7ed558ccd) & M64
    k ^= k >> 33
    k = (k * 0xc4ceb9fe1a85ec53) & M64
    return k ^ (k >> 33)


def is_time(v):
    return 'T' in v and not v.startswith(('P', 'FUTURE', 'PRESENT', 'PAST'))


def main():
    args = [a for a in sys.argv[1:] if a not in ('-v', '--all')]
    verbose = '-v' in sys.argv[1:]
    every = '--all' in sys.argv[1:]
    if not args or len(args) > 2 or (len(args) == 2 and args[1] not in ('dev', 'held')):
        sys.exit(__doc__)
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    docs = [json.loads(l) for l in open(args[0], encoding='utf-8')]
    if len(args) == 2:
        held = args[1] == 'held'
        docs = [d for d in docs
                if (fmix64(fnv1a('tempeval3-split-1:' + d['id'])) % 4 == 0) == held]
    feed = ''.join(json.dumps({'id': d['id'], 'date': d['date'], 'text': d['text']}) + '\n'
                   for d in docs)
    b = os.environ.get('WIRE_BIN') or os.path.join(top, 'bin')
    cmd = '"%s/wire-split" -i jsonl | "%s/wire-extract-entities" --types DATE%s' % (
        b, b, ' --durations' if every else '')
    p = subprocess.run(cmd, shell=True, input=feed.encode(), stdout=subprocess.PIPE, check=True)
    found = {}
    for line in p.stdout.decode().splitlines():
        r = json.loads(line)
        places = [(r['span'][0], r.get('entities') or [])]
        places += [(pt['span'][0], pt.get('entities') or []) for pt in r.get('parts') or []]
        for off, ents in places:
            for e in ents:
                if e['type'] == 'DATE' and (every or not is_time(e.get('value') or '')):
                    found.setdefault(r['doc'], []).append(
                        (off + e['span'][0], off + e['span'][1], e.get('value') or ''))
    gold = sys_n = ok = 0
    for d in docs:
        g = [t for t in d['timexes'] if every or t['type'] == 'DATE']
        s = found.get(d['id'], [])
        gold += len(g)
        sys_n += len(s)
        used = set()
        for t in g:
            hit = None
            for k, (b, e, v) in enumerate(s):
                if k not in used and b < t['end'] and e > t['start']:
                    used.add(k)
                    hit = v
                    break
            ok += hit == t['value']
            if verbose and hit != t['value']:
                print('%s\t%s\t%s\twant %s\t%s' % ('MISSED' if hit is None else 'VALUE',
                      t['text'], hit or '', t['value'], d['id']), file=sys.stderr)
    p_ = ok / sys_n if sys_n else 0
    r_ = ok / gold if gold else 0
    f = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0
    print('%s through wire-split | wire-extract-entities%s: gold %d found %d value P %.1f R %.1f F1 %.1f'
          % ('all types' if every else 'DATE', ' --durations' if every else '',
             gold, sys_n, 100 * p_, 100 * r_, 100 * f))


main()
