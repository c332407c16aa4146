#!/usr/bin/env python3
"""Paired A/B summary of harness-ab.sh / step-ab.sh logs. Usage: summarize.py harness|step BASE NEW LOG..."""
import re, sys, statistics as st
kind, A, B = sys.argv[1], sys.argv[2], sys.argv[3]
data = {}  # (case) -> round -> jar -> value
for f in sys.argv[4:]:
    for l in open(f):
        if kind == 'harness':
            m = re.match(r'(\d+) (\w+) (t\d)\s+(\d+x\d+)\s+set\s+(\d+) MB: median\s+([\d.]+) GB/s', l)
            if not m: continue
            rnd, jar, t, shape, mb, g = m.groups()
            case = f"{t} {shape} {mb}MB"
            d = data.setdefault(case, {}).setdefault((f, rnd), {})
            # the first case of a JVM is its warm-up: keep the later occurrence of a repeated shape
            d.setdefault(jar, []).append(float(g))
        else:
            m = re.match(r'(\d+) (\w+)\s+(greedy step|5 beams, one step|16 files, one step)\s+([\d.]+) ms', l)
            if not m: continue
            rnd, jar, what, ms = m.groups()
            data.setdefault(what, {}).setdefault((f, rnd), {}).setdefault(jar, []).append(float(ms))
for case, rounds in data.items():
    a, b, diff = [], [], []
    for r, jars in rounds.items():
        if A in jars and B in jars:
            x, y = jars[A][-1], jars[B][-1]
            a.append(x); b.append(y); diff.append(y - x)
    if not a: continue
    better = sum(1 for d in diff if (d > 0 if kind == 'harness' else d < 0))
    unit = 'GB/s' if kind == 'harness' else 'ms'
    print(f"{case:24s} n={len(a):2d}  {A} {st.median(a):7.2f}  {B} {st.median(b):7.2f} {unit}  paired median {st.median(diff):+6.2f}  "
          f"({st.median(b)/st.median(a):.3f}x)  {B} better in {better} of {len(a)}")
