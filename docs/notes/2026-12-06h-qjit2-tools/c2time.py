import re,sys,collections
# sums compile task durations per compiler thread from a HotSpot LogCompilation file
txt=open(sys.argv[1],errors='replace').read()
# compilation_log per thread: <compilation_log thread='...'> ... <task ... stamp='x'> ... <task_done ... stamp='y'/>
tot=collections.Counter(); n=collections.Counter(); spans=collections.defaultdict(list)
for m in re.finditer(r"<compilation_log thread='(\d+)'>(.*?)</compilation_log>",txt,re.S):
    th=m.group(1); body=m.group(2)
    kind='?'
    for t in re.finditer(r"<task ([^>]*?)stamp='([\d.]+)'.*?<task_done[^>]*?stamp='([\d.]+)'",body,re.S):
        a=t.group(1); s=float(t.group(2)); e=float(t.group(3))
        lvl=re.search(r"level='(\d)'",a); lv=lvl.group(1) if lvl else '4'
        k='C2' if lv=='4' else 'C1'
        tot[k]+=e-s; n[k]+=1; spans[k].append((s,e))
for k in tot: print(k, 'tasks',n[k],'total s %.3f'%tot[k], 'first %.2f last %.2f'%(min(s for s,e in spans[k]),max(e for s,e in spans[k])))
import math
for k in spans:
    b=collections.Counter()
    for s,e in spans[k]:
        t=s
        while t<e:
            nb=math.floor(t*2)/2+0.5; d=min(e,nb)-t; b[math.floor(t*2)/2]+=d; t=min(e,nb)
    print(k,' '.join('%.1f:%.2f'%(x,b[x]) for x in sorted(b)))
