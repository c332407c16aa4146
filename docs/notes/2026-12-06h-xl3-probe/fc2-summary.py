#!/usr/bin/env python3
"""Fc2Probe logs: per jar and format, the median of the JVMs' medians, the range, and rounds where the second jar is lower."""
import re, statistics, sys
for path in sys.argv[1:]:
    rows = [(m.group(1), m.group(2), float(m.group(3))) for m in
            (re.match(r"(\w+) (\w+) sets=\d+\s+us/product median ([\d.]+)", l) for l in open(path)) if m]
    jars = list(dict.fromkeys(r[0] for r in rows))
    for f in dict.fromkeys(r[1] for r in rows):
        v = {j: [r[2] for r in rows if r[0] == j and r[1] == f] for j in jars}
        line = "  ".join("%s %.1f (%.1f-%.1f)" % (j, statistics.median(v[j]), min(v[j]), max(v[j])) for j in jars)
        a, b = v[jars[0]], v[jars[1]]
        print("%s %s n=%d: %s  %s lower in %d of %d, median %+.1f %%" % (path, f, len(a), line, jars[1], sum(y < x for x, y in zip(a, b)),
              len(a), 100 * (statistics.median(b) / statistics.median(a) - 1)))
