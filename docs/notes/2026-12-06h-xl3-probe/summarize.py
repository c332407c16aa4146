#!/usr/bin/env python3
"""Per arm: the median of the JVMs' medians, their range, and each round's difference against arm a (same m)."""
import re, statistics, sys
rows = []
for line in open(sys.argv[1]):
    m = re.match(r"arm=(\w+) m=(\d+) sets=\d+ mode=(\w+)\s+us/iter median ([\d.]+)", line)
    if m:
        rows.append((m.group(1), int(m.group(2)), m.group(3), float(m.group(4))))
keys = []
for r in rows:
    if (r[0], r[1], r[2]) not in keys:
        keys.append((r[0], r[1], r[2]))
by = {k: [r[3] for r in rows if (r[0], r[1], r[2]) == k] for k in keys}
for k in keys:
    v = by[k]
    base = by.get(("a", k[1], "after"))
    extra = ""
    if base and k[0] in ("b", "c") and len(base) == len(v):
        d = [x - y for x, y in zip(v, base)]
        rel = [x / y - 1 for x, y in zip(v, base)]
        extra = "  vs a: median %+.1f us (%+.1f %%), per round %+.0f..%+.0f, slower in %d of %d" % (
            statistics.median(d), 100 * statistics.median(rel), min(d), max(d), sum(x > 0 for x in d), len(d))
    print("%s m=%d %-5s n=%d median %.1f us (range %.1f-%.1f)%s" % (k[0], k[1], k[2], len(v), statistics.median(v), min(v), max(v), extra))
