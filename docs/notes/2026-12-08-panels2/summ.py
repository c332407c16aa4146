# summ.py DIR: per arm (main, panels) of ab.sh's outputs: greedy / 5 beams / 16 files steps, per-file ratio, heap a step
import re,sys,glob,statistics as st
def read(p):
    t=open(p).read()
    g=float(re.search(r'greedy step\s+([\d.]+) ms',t).group(1)); b=float(re.search(r'5 beams, one step\s+([\d.]+) ms',t).group(1))
    f=float(re.search(r'16 files, one step\s+([\d.]+) ms',t).group(1))
    h=re.search(r'heap allocated per step on the calling thread: greedy ([\d.]+) KB, 5 beams ([\d.]+) KB, 16 files ([\d.]+) KB',t)
    return dict(g=g,b=b,f=f,r=f/16/g,hg=float(h.group(1)),hb=float(h.group(2)),hf=float(h.group(3)))
d=sys.argv[1]; R={}
for p in sorted(glob.glob(d+'/*.txt')):
    m=re.match(r'(main|panels)(\d+)\.txt',p.split('/')[-1]); R[(m.group(1),int(m.group(2)))]=read(p)
for arm in ('main','panels'):
    for i in sorted(k for a,k in R if a==arm):
        x=R[(arm,i)]; print(f"{arm}{i}: greedy {x['g']:.3f}  5 beams {x['b']:.3f}  16 files {x['f']:.3f} ({x['f']/16:.3f}/file, {x['r']:.3f}x)  heap KB {x['hg']}/{x['hb']}/{x['hf']}")
    xs=[R[k] for k in R if k[0]==arm]
    print(f"{arm} medians: greedy {st.median(x['g'] for x in xs):.3f}  5 beams {st.median(x['b'] for x in xs):.3f}  16 files {st.median(x['f'] for x in xs):.3f}  ratio {st.median(x['r'] for x in xs):.3f}")
pairs=sorted(k for a,k in R if a=='main' and ('panels',k) in R)
for w,n in (('g','greedy'),('b','5 beams'),('f','16 files')):
    dd=[R[('panels',k)][w]-R[('main',k)][w] for k in pairs]
    print(f"paired panels-main {n}: median {st.median(dd):+.3f} ms, panels lower in {sum(x<0 for x in dd)} of {len(dd)}")
