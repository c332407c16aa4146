import re,sys,collections
txt=open(sys.argv[1],errors='replace').read()
# find the start of the timed run: use class load? we just list tasks
tasks=[]
for m in re.finditer(r"<task (compile_id='(\d+)'[^>]*)>(.*?)<task_done([^>]*)/>",txt,re.S):
    attrs=m.group(1); done=m.group(4)
    meth=re.search(r"method='([^']*)'",attrs).group(1)
    st=float(re.search(r"stamp='([\d.]+)'",attrs).group(1))
    en=float(re.search(r"stamp='([\d.]+)'",done).group(1))
    lvl=re.search(r"level='(\d)'",attrs); lvl=int(lvl.group(1)) if lvl else 4
    osr='osr_bci' in attrs
    size=re.search(r"nmsize='(\d+)'",done); size=int(size.group(1)) if size else 0
    succ="success='1'" in done
    tasks.append((st,en,lvl,meth,osr,size,succ))
c2=[t for t in tasks if t[2]==4]; c1=[t for t in tasks if t[2]!=4]
print("tasks",len(tasks),"c2",len(c2),"sum",round(sum(t[1]-t[0] for t in c2),3),"c1",len(c1),"sum",round(sum(t[1]-t[0] for t in c1),3))
agg=collections.defaultdict(lambda:[0,0.0])
for t in c2:
    k=t[3].split(' ')[0]+' '+t[3].split(' ')[1]
    agg[k][0]+=1; agg[k][1]+=t[1]-t[0]
for k,v in sorted(agg.items(),key=lambda x:-x[1][1])[:45]:
    print(f"{v[1]:7.3f} {v[0]:3d} {k}")
# time bins
bins=collections.defaultdict(float)
for t in c2:
    b=int(t[0]*2)/2; bins[b]+=t[1]-t[0]
print(sorted(bins.items()))
