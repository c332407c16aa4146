#!/usr/bin/env python3
"""pmap.py TAG -- CMD...: run CMD; every 50 ms the java descendant's smaps_rollup (Rss, Anonymous, FilePmdMapped);
every ~250 ms the pagemap of the model.safetensors mappings: resident MB per tensor class. Writes runs/TAG.{series,pm,sum}."""
import os, sys, time, subprocess, json, struct, array, re
tag = sys.argv[1]; cmd = sys.argv[3:]
out = '/work/build/rss6/runs/' + tag
MODEL = os.environ.get('MODEL', '/root/.cache/asr4j/bench/card-f16/model.safetensors')
f = open(MODEL, 'rb'); n = struct.unpack('<Q', f.read(8))[0]; hdr = json.loads(f.read(n)); f.close()
base = 8 + n
size = os.path.getsize(MODEL); npages = (size + 4095) // 4096
CL = ['head', 'enc', 'tok', 'ckv', 'dec', 'misc']
def cls(name):
    if name.startswith('model.encoder.'): return 1
    if 'embed_tokens' in name: return 2
    if '.encoder_attn.k_proj.' in name or '.encoder_attn.v_proj.' in name: return 3
    if name.startswith('model.decoder.layers.'): return 4
    return 5
pc = bytearray(npages)  # class of each file page (by the tensor holding its first byte)
ivals = sorted((base + v['data_offsets'][0], base + v['data_offsets'][1], cls(k)) for k, v in hdr.items() if k != '__metadata__')
for a, b, c in ivals:
    for p in range((a + 4095) // 4096 if a % 4096 else a // 4096, (b + 4095) // 4096):
        pc[p] = c
t0 = time.time(); p = subprocess.Popen(cmd)
def java_pid():
    todo = [p.pid]
    while todo:
        pid = todo.pop()
        try: kids = [int(x) for x in open(f'/proc/{pid}/task/{pid}/children').read().split()]
        except OSError: kids = []
        for k in kids:
            try:
                if open(f'/proc/{k}/comm').read().strip() == 'java' and b'transcribe' in open(f'/proc/{k}/cmdline', 'rb').read(): return k
            except OSError: pass
            todo.append(k)
rx = re.compile(r'^([0-9a-f]+)-([0-9a-f]+) \S+ ([0-9a-f]+) \S+ \S+\s+(.*)$')
pt = [None] * npages  # tensor name of each file page
for k, v in hdr.items():
    if k == '__metadata__': continue
    a, b = base + v['data_offsets'][0], base + v['data_offsets'][1]
    for q in range(a // 4096, (b + 4095) // 4096):
        if pt[q] is None or a % 4096 == 0 or q > a // 4096: pt[q] = pt[q] if (pt[q] and q == a // 4096) else k
STOP = float(os.environ.get('STOP_AT', '0'))
DUMP = float(os.environ.get('DUMP_AT', '0'))
def pagemap(jp, detail=None):
    res = [0] * len(CL); nv = 0
    with open(f'/proc/{jp}/maps') as m, open(f'/proc/{jp}/pagemap', 'rb') as pm:
        for line in m:
            mm = rx.match(line.strip())
            if not mm or not mm.group(4).endswith('model.safetensors'): continue
            a = int(mm.group(1), 16); b = int(mm.group(2), 16); off = int(mm.group(3), 16); nv += 1
            pm.seek(a // 4096 * 8); raw = array.array('Q'); raw.frombytes(pm.read((b - a) // 4096 * 8))
            fp = off // 4096
            for i, e in enumerate(raw):
                if e >> 63 and fp + i < npages:
                    res[pc[fp + i]] += 1
                    if detail is not None: detail.append((fp + i, a + i * 4096, pt[fp + i]))
    return res, nv
jp = None; best = 0; best_t = 0; best_roll = ''; best_pm = None; last_pm = 0
ser = open(out + '.series', 'w'); pmf = open(out + '.pm', 'w')
pmf.write('t rss_kib vmas ' + ' '.join(CL) + ' (MB resident of the file by class) | heap arena aot code other (MB, smaps)\n')
HMB = int(os.environ.get('HEAP_MB', '243')); HLO = 0x100000000 - (HMB + 16) * 1048576
srx = re.compile(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$')
def smaps_classes(jp):
    c = dict(heap=0, arena=0, aot=0, code=0, other=0); g = None
    for line in open(f'/proc/{jp}/smaps'):
        m = srx.match(line)
        if m:
            a = int(m.group(1), 16); b = int(m.group(2), 16); perm = m.group(3); name = m.group(4).strip()
            if name.endswith('safetensors'): g = None
            elif name.endswith('.aot') or name.endswith('.jsa'): g = 'aot'
            elif name == '' and a >= HLO and b <= 0x100000000: g = 'heap'
            elif name == '' and perm == 'rwxp': g = 'code'
            elif name == '' and a % (64 << 20) == 0: g = 'arena'
            else: g = 'other'
            continue
        if g and line.startswith('Rss:'): c[g] += int(line.split()[1])
    return ' '.join(f'{c[k]/1024:.1f}' for k in ('heap', 'arena', 'aot', 'code', 'other'))
while p.poll() is None:
    if jp is None: jp = java_pid()
    if STOP and jp and time.time() - t0 > STOP:
        try: os.kill(jp, 15)
        except OSError: pass
        STOP = 0
    if jp is not None:
        try:
            roll = open(f'/proc/{jp}/smaps_rollup').read(); d = {}
            for line in roll.splitlines()[1:]:
                k, v = line.split(':', 1); d[k] = int(v.split()[0])
            rss = d['Rss']; t = time.time() - t0
            ser.write(f"{t:.2f} {rss} {d.get('Anonymous',0)} {d.get('FilePmdMapped',0)}\n")
            if rss > best: best = rss; best_t = t; best_roll = roll
            if t - last_pm >= 0.25:
                det = [] if DUMP and t >= DUMP else None
                last_pm = t; r, nv = pagemap(jp, det)
                if det is not None:
                    DUMP = 0
                    with open(out + '.detail', 'w') as g:
                        g.write(f'# t={t:.2f}\n' + open(f'/proc/{jp}/maps').read())
                        for fp_, va, name in det:
                            if pc[fp_] in (3, 4, 5): g.write(f'{fp_} {va:x} {name}\n')
                pmf.write(f"{t:.2f} {rss} {nv} " + ' '.join(f'{x*4096/1048576:.1f}' for x in r) + ' | ' + smaps_classes(jp) + '\n')
                if rss >= best - 64: best_pm = (t, r)
        except (OSError, ValueError, KeyError):
            if not os.path.exists(f'/proc/{jp}'): jp = None
    time.sleep(0.05)
ser.close(); pmf.close()
with open(out + '.sum', 'w') as g:
    g.write(f'tag={tag} sampled_max={best} at={best_t:.2f}s rc={p.returncode} pm_near_max={best_pm}\n{best_roll}')
print(f'{tag} sampled max {best} KiB at {best_t:.2f} s', file=sys.stderr)
sys.exit(p.returncode)
