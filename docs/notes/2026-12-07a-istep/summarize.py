import sys, statistics as st
# lines: "<pair> <arm> greedy G ms  beams5 B ms ... hash H"
rows = {}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) > 3 and p[2] == 'greedy':
        rows.setdefault(p[0], {})[p[1]] = (float(p[3]), float(p[6]), p[-1])
pairs = [v for v in rows.values() if 'base' in v and 'new' in v]
for k, name in ((0, 'greedy'), (1, 'beams5')):
    b = [v['base'][k] for v in pairs]; n = [v['new'][k] for v in pairs]
    d = [v['new'][k] - v['base'][k] for v in pairs]
    print(f"{name}: base median {st.median(b):.3f} [{min(b):.2f}-{max(b):.2f}]  new {st.median(n):.3f} [{min(n):.2f}-{max(n):.2f}]"
          f"  paired median {st.median(d):+.3f} ms ({100*st.median(d)/st.median(b):+.1f} %), new lower in {sum(x < 0 for x in d)} of {len(d)}")
print("hashes:", sorted({v[a][2] for v in pairs for a in v}))
