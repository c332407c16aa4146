#!/usr/bin/env python3
"""peak.py TAG -- CMD...: run CMD, sample the java descendant's smaps_rollup every 50 ms; at each new
maximum (>= 256 KiB above the last saved) copy /proc/PID/smaps. Writes runs/TAG.{series,smaps,sum}."""
import os, sys, time, subprocess, shutil
tag = sys.argv[1]; cmd = sys.argv[3:]
out = '/work/build/rss5/runs/' + tag
t0 = time.time()
p = subprocess.Popen(cmd)
def java_pid():
    # find a descendant named java
    todo = [p.pid]
    while todo:
        pid = todo.pop()
        try:
            with open(f'/proc/{pid}/task/{pid}/children') as f:
                kids = [int(x) for x in f.read().split()]
        except OSError:
            kids = []
        for k in kids:
            try:
                with open(f'/proc/{k}/comm') as f:
                    if f.read().strip() == 'java':
                        return k
            except OSError:
                pass
            todo.append(k)
    return None
jp = None; best = 0; saved = 0; best_t = 0; best_roll = ''
ser = open(out + '.series', 'w')
stop=float(os.environ.get('STOP_AT','0'))
while p.poll() is None:
    if stop and jp and time.time()-t0>stop:
        os.kill(jp,15); stop=0
    if jp is None:
        jp = java_pid()
    if jp is not None:
        try:
            with open(f'/proc/{jp}/smaps_rollup') as f:
                roll = f.read()
            d = {}
            for line in roll.splitlines()[1:]:
                k, v = line.split(':', 1)
                d[k] = int(v.split()[0])
            rss = d['Rss']
            t = time.time() - t0
            ser.write(f"{t:.2f} {rss} {d.get('Anonymous',0)} {d.get('Rss',0)-d.get('Anonymous',0)}\n")
            if rss > best:
                best = rss; best_t = t; best_roll = roll
                if rss >= saved + 256:
                    try:
                        with open(f'/proc/{jp}/smaps') as f:
                            sm = f.read()
                        with open(out + '.smaps', 'w') as g:
                            g.write(f'# t={t:.2f} rss={rss}\n' + sm)
                        saved = rss
                    except OSError:
                        pass
        except OSError:
            pass
    time.sleep(0.05)
ser.close()
with open(out + '.sum', 'w') as g:
    g.write(f'tag={tag} sampled_max={best} at={best_t:.2f}s rc={p.returncode}\n{best_roll}')
print(f'{tag} sampled max {best} KiB at {best_t:.2f} s', file=sys.stderr)
sys.exit(p.returncode)
