import sys, statistics as st
# all pairs of several run-ab.sh outputs: greedy, 5 beams, and the beam step's extra over greedy in the same JVM
pairs = []
for f in sys.argv[1:]:
    rows = {}
    for l in open(f):
        p = l.split()
        if len(p) > 3 and p[2] == 'greedy':
            rows.setdefault(p[0], {})[p[1]] = (float(p[3]), float(p[6]), float(p[6]) - float(p[3]))
    pairs += [v for v in rows.values() if len(v) == 2]
for k, name in ((0, 'greedy'), (1, '5 beams'), (2, 'beam extra (5 beams - greedy, same JVM)')):
    b = [v['base'][k] for v in pairs]; n = [v['new'][k] for v in pairs]; d = [v['new'][k] - v['base'][k] for v in pairs]
    print(f"{name}: base {st.median(b):.3f} [{min(b):.2f}-{max(b):.2f}], new {st.median(n):.3f} [{min(n):.2f}-{max(n):.2f}];"
          f" paired median {st.median(d):+.3f} ms, new lower in {sum(x < 0 for x in d)} of {len(d)}")
