import re,collections,sys
d=collections.defaultdict(list); arm=None; hs=collections.defaultdict(set)
for l in open(sys.argv[1]):
    if l.startswith('=='): arm=l.split()[1]
    m=re.match(r'(gemm|conv) (\S+)\s+T=\d median\s+(\S+) ms\s+(\S+).*hash (\S+)',l)
    if m: d[(m.group(2),arm)].append(float(m.group(4))); hs[m.group(2)].add(m.group(5))
import statistics
for k in sorted(d): print(k, 'median %.1f'%statistics.median(d[k]), d[k])
print('hashes', dict(hs))
