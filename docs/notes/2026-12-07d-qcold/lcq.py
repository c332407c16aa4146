# lcq.py LOGFILE LO HI [all]: compile tasks (C1 and C2) that ran in [LO, HI] s of uptime: queued, start, wait, duration,
# level, method (asr4j methods only unless 'all'), from a -XX:+LogCompilation file; then C2 busy time in the window.
import re, sys
txt = open(sys.argv[1], errors='replace').read()
lo, hi = float(sys.argv[2]), float(sys.argv[3]); every = len(sys.argv) > 4
queued = {}
for m in re.finditer(r"<task_queued ([^>]*)/>", txt):
    a = m.group(1); cid = re.search(r"compile_id='(\d+)'", a).group(1)
    queued[cid] = float(re.search(r"stamp='([\d.]+)'", a).group(1))
busy = {1: 0.0, 4: 0.0}
for m in re.finditer(r"<task (compile_id='(\d+)'[^>]*)>(.*?)<task_done([^>]*)/>", txt, re.S):
    a = m.group(1); cid = m.group(2); d = m.group(4)
    lvl = re.search(r"level='(\d)'", a); lvl = int(lvl.group(1)) if lvl else 4
    st = float(re.search(r"stamp='([\d.]+)'", a).group(1)); en = float(re.search(r"stamp='([\d.]+)'", d).group(1))
    if en < lo or st > hi:
        continue
    busy[4 if lvl == 4 else 1] += min(en, hi) - max(st, lo)
    meth = re.search(r"method='([^']*)'", a).group(1).split(' ')
    if every or 'asr4j' in meth[0]:
        q = queued.get(cid, st)
        print(f"L{lvl} q{q:7.3f} start{st:7.3f} wait{st-q:6.3f} dur{en-st:6.3f} {'osr' if 'osr_bci' in a else '   '} "
              f"{meth[0].split('/')[-1]}.{meth[1]}")
print(f"busy in window: C1 {busy[1]:.3f} s, C2 {busy[4]:.3f} s of {hi-lo:.3f}")
