import re,sys,glob,statistics as st
d=sys.argv[1]
def parse(f):
    t=open(f).read()
    g=float(re.search(r'greedy step\s+([\d.]+) ms',t).group(1))
    b=float(re.search(r'5 beams, one step\s+([\d.]+) ms',t).group(1))
    fl=float(re.search(r'16 files, one step\s+([\d.]+) ms',t).group(1))
    return g,b,fl
for cfg in ['F16','INT8']:
    res={'A':{},'B':{}}
    for f in sorted(glob.glob(f'{d}/{cfg}-[AB]-*.txt')):
        try: r=parse(f)
        except Exception: continue
        arm=f.split('/')[-1].split('-')[1]; i=int(f.split('-')[-1].split('.')[0]); res[arm][i]=r
    keys=sorted(set(res['A'])&set(res['B']))
    print(cfg, 'pairs', len(keys))
    for i in keys: print('  ',i,'A',res['A'][i],'B',res['B'][i])
    for k,name in [(0,'greedy'),(1,'5 beams'),(2,'16 files')]:
        A=[res['A'][i][k] for i in keys]; B=[res['B'][i][k] for i in keys]
        if not A: continue
        diffs=[b-a for a,b in zip(A,B)]
        print(f"  {name:9s} main {st.median(A):7.3f}  integ {st.median(B):7.3f}  paired (integ-main) {st.median(diffs):+.3f}  integ lower in {sum(x<0 for x in diffs)} of {len(diffs)}")
    A=[res['A'][i][1]/res['A'][i][0] for i in keys]; B=[res['B'][i][1]/res['B'][i][0] for i in keys]
    if A: print(f"  5b/greedy main {st.median(A):.3f} integ {st.median(B):.3f}")
