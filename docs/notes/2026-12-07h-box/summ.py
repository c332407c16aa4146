# summ.py DIR...: per arm (main, box) of ab.sh's outputs: JVMs that box (heap per five-beam step > 1 MB in any timed
# round), medians of the greedy and five-beam steps, and the paired differences (pair i: main i vs box i).
import re,sys,glob,statistics as st
def read(path):
    t=open(path).read()
    g=re.search(r'greedy step\s+([\d.]+) ms',t); b=re.search(r'5 beams, one step\s+([\d.]+) ms',t)
    h=re.findall(r'5 beams \[([^\]]*)\]',t); f=re.findall(r'16 files \[([^\]]*)\]',t)
    heap=[float(v) for v in h[-1].split(',')] if h else []
    return dict(g=float(g.group(1)), b=float(b.group(1)), heap=heap, boxed=any(v>1024 for v in heap))
runs={}
for d in sys.argv[1:]:
    for p in glob.glob(d+'/*.txt'):
        m=re.match(r'(main|box)(\d+)\.txt',p.split('/')[-1])
        if m: runs[(m.group(1),d.split('/')[-1]+':'+m.group(2))]=read(p)
keys=sorted({k for (_,k) in runs})
for arm in ('main','box'):
    r=[runs[(arm,k)] for k in keys if (arm,k) in runs]
    print(f"{arm}: {len(r)} JVMs, boxed {sum(x['boxed'] for x in r)} ({[k for k in keys if runs.get((arm,k),{}).get('boxed')]}); greedy median {st.median(x['g'] for x in r):.3f} ms; 5 beams median {st.median(x['b'] for x in r):.3f} ms; 5 beams/greedy median {st.median(x['b']/x['g'] for x in r):.3f}")
pairs=[k for k in keys if ('main',k) in runs and ('box',k) in runs]
for what in ('g','b'):
    d=[runs[('box',k)][what]-runs[('main',k)][what] for k in pairs]
    print(f"paired box-main {'greedy' if what=='g' else '5 beams'}: median {st.median(d):+.3f} ms, box lower in {sum(x<0 for x in d)} of {len(d)}")
clean=[k for k in pairs if not runs[('main',k)]['boxed']]
d=[runs[('box',k)]['b']-runs[('main',k)]['b'] for k in clean]
print(f"paired box-main 5 beams, pairs whose main JVM did not box: median {st.median(d):+.3f} ms, box lower in {sum(x<0 for x in d)} of {len(d)}")
