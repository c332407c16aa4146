#!/usr/bin/env python3
"""Per arm: median of the JVMs' medians and range; per round overlap - base; hashes seen per arm."""
import re, statistics, sys
rows = {}
hashes = {}
for line in open(sys.argv[1]):
    m = re.match(r"round=(\d+) .*?arm=(\w+) threads=(\d+) sets=(\d+)\s+us/iter median ([\d.]+).*hash (\w+)", line)
    if m:
        rows.setdefault(m.group(2), {})[int(m.group(1))] = float(m.group(5))
        hashes.setdefault(m.group(2), set()).add(m.group(6))
    elif line.startswith("load"):
        print(line.strip())
for arm, v in rows.items():
    x = list(v.values())
    print("%-8s n=%d median %.1f us (range %.1f-%.1f) hashes %s" % (arm, len(x), statistics.median(x), min(x), max(x), sorted(hashes[arm])))
if "base" in rows and "overlap" in rows:
    rs = sorted(set(rows["base"]) & set(rows["overlap"]))
    d = [rows["overlap"][r] - rows["base"][r] for r in rs]
    rel = [rows["overlap"][r] / rows["base"][r] - 1 for r in rs]
    print("overlap vs base: median %+.1f us (%+.1f %%), per round %+.0f..%+.0f, faster in %d of %d" % (
        statistics.median(d), 100 * statistics.median(rel), min(d), max(d), sum(e < 0 for e in d), len(d)))
