import re,sys,collections
txt=open(sys.argv[1],errors='replace').read()
lo=float(sys.argv[2]); hi=float(sys.argv[3])
T=[]
for m in re.finditer(r"<task (compile_id='(\d+)'[^>]*)>(.*?)<task_done([^>]*)/>",txt,re.S):
    a=m.group(1); d=m.group(4)
    meth=re.search(r"method='([^']*)'",a).group(1).split(' ')
    st=float(re.search(r"stamp='([\d.]+)'",a).group(1)); en=float(re.search(r"stamp='([\d.]+)'",d).group(1))
    lvl=re.search(r"level='(\d)'",a); lvl=int(lvl.group(1)) if lvl else 4
    T.append((st,en,lvl,meth[0],meth[1],'osr_bci' in a))
def ov(s,e): return max(0,min(e,hi)-max(s,lo))
tot=collections.defaultdict(float); cnt=collections.Counter()
pk=collections.defaultdict(float)
for s,e,l,c,mname,o in T:
    x=ov(s,e)
    if x<=0: continue
    tot[l]+=x; cnt[l]+=1
    p='vector' if 'jdk.incubator.vector' in c or 'jdk.internal.vm.vector' in c else ('asr4j' if 'asr4j' in c else 'jdk-other')
    pk[(l if l==4 else 'C1',p)]+=x
print('window',lo,hi, {k:(round(v,3),cnt[k]) for k,v in sorted(tot.items())})
for k,v in sorted(pk.items(),key=lambda x:-x[1]): print(k,round(v,3))
