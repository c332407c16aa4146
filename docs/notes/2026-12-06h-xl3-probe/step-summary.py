#!/usr/bin/env python3
"""Per JVM of step/: greedy and 5-beam step ms, the 5-beam profile's mlp.fc2 ms, the JVM's streaming read; medians per arm."""
import glob, re, statistics, sys
d = sys.argv[1] if len(sys.argv) > 1 else "step"
arms = {}
for f in sorted(glob.glob(d + "/round*-*.txt"), key=lambda p: (int(re.search(r"round(\d+)", p).group(1)), p)):
    t = open(f).read()
    arm = re.search(r"-(\w+)\.txt", f).group(1)
    g = float(re.search(r"greedy step\s+([\d.]+) ms", t).group(1))
    b = float(re.search(r"5 beams, one step\s+([\d.]+) ms", t).group(1))
    prof = t[t.index("profile of one 5-beam step"):]
    fc2 = float(re.search(r"mlp\.fc2\s+([\d.]+)", prof).group(1))
    rd = float(re.search(r"streaming read, 2 threads: ([\d.]+)", t).group(1))
    print("%-28s greedy %6.3f  5 beams %7.3f  5-beam fc2 %6.3f  read %5.1f GB/s" % (f.split("/")[-1], g, b, fc2, rd))
    arms.setdefault(arm, []).append((g, b, fc2))
for arm, v in arms.items():
    for i, name in enumerate(("greedy", "5 beams", "5-beam fc2")):
        xs = [x[i] for x in v]
        print("%s %-10s n=%d median %.3f (range %.3f-%.3f)" % (arm, name, len(xs), statistics.median(xs), min(xs), max(xs)))
if len(arms) == 2:
    a, b = list(arms.values())
    for i, name in enumerate(("greedy", "5 beams", "5-beam fc2")):
        d = [y[i] - x[i] for x, y in zip(a, b)]
        print("%-10s new - base per round: %s; lower in %d of %d" % (name, " ".join("%+.3f" % x for x in d), sum(x < 0 for x in d), len(d)))
