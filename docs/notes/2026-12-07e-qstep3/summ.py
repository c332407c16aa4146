import re,sys,statistics as st
runs={}
for l in open(sys.argv[1]):
    m=re.match(r'pair (\d+) (\S+) .*prefill (\d+) ms.*step median ([\d.]+) ms',l)
    if m: runs.setdefault(m.group(2),{})[int(m.group(1))]=(float(m.group(4)),float(m.group(3)))
arms=list(runs)
a,b=arms[0],arms[1]
if len(sys.argv)>2: a,b=sys.argv[2],sys.argv[3]
ps=sorted(set(runs[a])&set(runs[b]))
for k,name in ((0,'step median'),(1,'prefill')):
    A=[runs[a][p][k] for p in ps]; B=[runs[b][p][k] for p in ps]
    d=[y-x for x,y in zip(A,B)]
    print(f"{name}: {a} {st.median(A):.2f} {b} {st.median(B):.2f} paired {b}-{a} median {st.median(d):.2f}, {b} lower in {sum(1 for x in d if x<0)} of {len(d)}")
    print(f"  {a}: {' '.join(f'{x:.1f}' for x in A)}\n  {b}: {' '.join(f'{x:.1f}' for x in B)}")
