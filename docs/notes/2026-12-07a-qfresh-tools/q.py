import re,sys
txt=open(sys.argv[1],errors='replace').read()
lo,hi=float(sys.argv[2]),float(sys.argv[3])
queued={}
for m in re.finditer(r"<task_queued ([^>]*)/>",txt):
    a=m.group(1); cid=re.search(r"compile_id='(\d+)'",a).group(1); queued[cid]=float(re.search(r"stamp='([\d.]+)'",a).group(1))
for m in re.finditer(r"<task (compile_id='(\d+)'[^>]*)>(.*?)<task_done([^>]*)/>",txt,re.S):
    a=m.group(1); cid=m.group(2); d=m.group(4)
    lvl=re.search(r"level='(\d)'",a); lvl=int(lvl.group(1)) if lvl else 4
    st=float(re.search(r"stamp='([\d.]+)'",a).group(1)); en=float(re.search(r"stamp='([\d.]+)'",d).group(1))
    meth=re.search(r"method='([^']*)'",a).group(1).split(' ')
    if lvl==4 and lo<=st<=hi and 'asr4j' in meth[0]:
        q=queued.get(cid,st)
        print(f"q{q:7.3f} start{st:7.3f} wait{st-q:6.3f} dur{en-st:6.3f} {'osr' if 'osr_bci' in a else '   '} {meth[0].split('.')[-1]}.{meth[1]}")
