#!/usr/bin/env python3
"""summ.py TAG...: per run: %M, sampled max and when, median RSS 10 s..end, and at the pm sample nearest the max: file MB (pagemap) and heap/arena MB."""
import sys, statistics
R = '/work/build/rss6/runs/'
for tag in sys.argv[1:]:
    ser = [l.split() for l in open(R + tag + '.series')]
    ser = [(float(a[0]), int(a[1])) for a in ser if len(a) >= 2]
    mx = max(ser, key=lambda x: x[1])
    med = statistics.median(r for t, r in ser if t > 10)
    pm = [l.split() for l in open(R + tag + '.pm')][1:]
    near = min(pm, key=lambda a: abs(float(a[0]) - mx[0]))
    filemb = sum(float(x) for x in near[3:9])
    tm = open(R + tag + '.time').read().split()
    print(f"{tag:8s} %M {tm[0]:>7s} KiB  max {mx[1]} at {mx[0]:.1f} s  median(10 s-end) {med:.0f}  file {filemb:.1f} MB (dec {near[7]})  heap {near[10] if len(near)>10 else '-'} arena {near[11] if len(near)>11 else '-'} MB  wall {tm[2]} s user {tm[4]}")
