import json,sys,collections
from datetime import datetime
d=json.load(open(sys.argv[1])); dur=float(sys.argv[2])
ev=d['recording']['events']
def ts(s): return datetime.fromisoformat(s.replace('Z','+00:00')[:26]+'+00:00').timestamp() if False else datetime.fromisoformat(s[:26]).timestamp()
rows=[]
for e in ev:
    st=e['values']['stackTrace']
    fr=[f['method']['type']['name'].split('/')[-1]+'.'+f['method']['name'] for f in st['frames']] if st else []
    rows.append((ts(e['values']['startTime']),e['values']['sampledThread']['javaName'],fr))
rows.sort()
t1=rows[-1][0]; t0=t1-dur
sel=[r for r in rows if r[0]>=t0]
print('in window',len(sel),'of',len(rows))
top=collections.Counter(r[2][0] if r[2] else '?' for r in sel)
for k,v in top.most_common(45): print(f'{v:6d} {100*v/len(sel):5.1f}% {k}')
inc=collections.Counter()
for r in sel:
    for f in set(r[2]): inc[f]+=1
print('--- inclusive')
for k,v in inc.most_common(90): print(f'{v:6d} {100*v/len(sel):5.1f}% {k}')
