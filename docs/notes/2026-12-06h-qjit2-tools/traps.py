import re,sys
txt=open(sys.argv[1],errors='replace').read()
meth={}
for m in re.finditer(r"<task_queued compile_id='(\d+)'[^>]*method='([^']*)'",txt): meth[m.group(1)]=m.group(2)
seen=set()
for m in re.finditer(r"<uncommon_trap thread='\d+' ([^>]*)>\s*(<jvms [^>]*>)",txt):
    a=m.group(1); j=m.group(2)
    st=float(re.search(r"stamp='([\d.]+)'",a).group(1))
    cid=re.search(r"compile_id='(\d+)'",a); cid=cid.group(1) if cid else '?'
    r=re.search(r"reason='([^']*)'",a).group(1); act=re.search(r"action='([^']*)'",a).group(1)
    jb=re.search(r"bci='(\d+)' method='([^']*)'",j)
    cm=meth.get(cid,'?').split(' ')[0].split('.')[-1]+'.'+(meth.get(cid,'? ?').split(' ')+['?'])[1]
    if 'asr4j' in meth.get(cid,'') or 'asr4j' in jb.group(2):
        k=(cid,r,jb.group(1))
        if k in seen: continue
        seen.add(k)
        print(f"{st:7.3f} {cid} {cm} {r} {act} bci {jb.group(1)} in {'.'.join(jb.group(2).split(' ')[0].split('.')[-1:])}.{jb.group(2).split(' ')[1]}")
