#!/usr/bin/env python3
"""series.py TAG -- CMD: like peak.py but classifies the full smaps every ~100 ms: heap/file/arena/aot/other."""
import os, sys, time, subprocess, re
tag = sys.argv[1]; cmd = sys.argv[3:]
out = '/work/build/rss5/runs/' + tag
stop=float(os.environ.get('STOP_AT','0')); hmb=int(os.environ.get('HEAP_MB','244'))
hlo=0x100000000-hmb*1048576
t0=time.time(); p=subprocess.Popen(cmd)
def java_pid():
    todo=[p.pid]
    while todo:
        pid=todo.pop()
        try: kids=[int(x) for x in open(f'/proc/{pid}/task/{pid}/children').read().split()]
        except OSError: kids=[]
        for k in kids:
            try:
                if open(f'/proc/{k}/comm').read().strip()=='java': return k
            except OSError: pass
            todo.append(k)
rx=re.compile(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$')
jp=None; ser=open(out+'.classes','w'); ser.write('t total heap model arena aot code other\n')
while p.poll() is None:
    if jp is None: jp=java_pid()
    if stop and jp and time.time()-t0>stop: os.kill(jp,15); stop=0
    if jp:
        try: sm=open(f'/proc/{jp}/smaps').read().splitlines()
        except OSError: sm=[]
        c=dict(heap=0,model=0,arena=0,aot=0,code=0,other=0); g=None
        for line in sm:
            m=rx.match(line)
            if m:
                a=int(m.group(1),16); b=int(m.group(2),16); perm=m.group(3); name=m.group(4).strip()
                if name.endswith('safetensors'): g='model'
                elif name.endswith('.aot') or name.endswith('.jsa'): g='aot'
                elif name=='' and a>=hlo and b<=0x100000000: g='heap'
                elif name=='' and perm=='rwxp': g='code'
                elif name=='' and a % (64<<20)==0: g='arena'
                else: g='other'
                continue
            if line.startswith('Rss:') and g: c[g]+=int(line.split()[1])
        if sm:
            tot=sum(c.values())
            ser.write(f"{time.time()-t0:.2f} {tot} {c['heap']} {c['model']} {c['arena']} {c['aot']} {c['code']} {c['other']}\n")
    time.sleep(0.08)
ser.close(); sys.exit(p.returncode)
