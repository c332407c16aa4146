#!/usr/bin/env python3
"""classify.py SMAPS: sum Rss by mapping class (heap = the largest anon reservation; file names; anon)."""
import sys, re
maps = []; cur = None
for line in open(sys.argv[1]):
    if line.startswith('#'): print(line.strip()); continue
    m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$', line)
    if m:
        cur = dict(start=int(m.group(1),16), end=int(m.group(2),16), perm=m.group(3), name=m.group(4).strip(), rss=0, anon=0, priv=0)
        maps.append(cur); continue
    if cur is None: continue
    k, _, v = line.partition(':')
    if k == 'Rss': cur['rss'] = int(v.split()[0])
    elif k == 'Anonymous': cur['anon'] = int(v.split()[0])
    elif k in ('Private_Dirty',): cur['priv'] += int(v.split()[0])
# heap: biggest anonymous mapping by size among rw
anon = [x for x in maps if not x['name'] or x['name'].startswith('[')]
hmb=int(sys.argv[2]) if len(sys.argv)>2 else 244
hlo=0x100000000-hmb*1048576
heap=None
groups = {}
for x in maps:
    size = (x['end']-x['start'])//1024
    if x['start']>=hlo and x['end']<=0x100000000 and not x['name']: g='java heap'
    elif x['name']: g = x['name'].split('/')[-1] if not x['name'].startswith('[') else x['name']
    elif size == 65536 or size == 65532 or (size in range(60000,65537)): g = 'anon 64MiB-class (malloc arenas?)'
    else: g = 'anon other'
    a = groups.setdefault(g, [0,0,0]); a[0]+=x['rss']; a[1]+=x['anon']; a[2]+=1
tot = sum(x['rss'] for x in maps)
print('total rss', tot)
for g,(r,an,n) in sorted(groups.items(), key=lambda kv:-kv[1][0])[:18]:
    print(f'{r:9d} KiB (anon {an:8d}) n={n:4d}  {g}')
