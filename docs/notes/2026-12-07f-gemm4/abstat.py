import sys,re,statistics as st,collections
d=collections.defaultdict(lambda: collections.defaultdict(list))
for l in open(sys.argv[1]):
    m=re.match(r'([AB])(\d+) run (\S+)\s+T=(\d) median\s+([\d.]+) ms\s+([\d.]+) GFLOP/s.*hash (\w+)',l)
    if m: d[(m[3],m[4])][(m[1],int(m[2]))].append((float(m[5]),float(m[6]),m[7]))
for k,v in d.items():
    A={p:st.median(x[0] for x in l) for (a,p),l in v.items() if a=='A'}
    B={p:st.median(x[0] for x in l) for (a,p),l in v.items() if a=='B'}
    hs={x[2] for l in v.values() for x in l}
    diffs=[B[p]-A[p] for p in A if p in B]
    print(f"{k[0]:18s} T={k[1]} A {st.median(A.values()):.3f} ms B {st.median(B.values()):.3f} ms  B-A median {st.median(diffs):+.3f} ({st.median(diffs)/st.median(A.values())*100:+.1f}%) lower in {sum(x<0 for x in diffs)}/{len(diffs)} hashes {sorted(hs)}")
