import re,sys
txt=open(sys.argv[1],errors='replace').read()
lo=float(sys.argv[2]); hi=float(sys.argv[3])
for m in re.finditer(r"<task (compile_id='(\d+)'[^>]*)>(.*?)<task_done([^>]*)/>",txt,re.S):
    attrs=m.group(1); done=m.group(4)
    meth=re.search(r"method='([^']*)'",attrs).group(1).split(' ')
    st=float(re.search(r"stamp='([\d.]+)'",attrs).group(1))
    en=float(re.search(r"stamp='([\d.]+)'",done).group(1))
    lvl=re.search(r"level='(\d)'",attrs); lvl=int(lvl.group(1)) if lvl else 4
    osr='osr_bci' in attrs
    if lo<=st<=hi and (en-st>=float(sys.argv[4])):
        print(f"{st:7.3f} {en-st:6.3f} L{lvl}{' osr' if osr else ''} {meth[0].split('.')[-1]}.{meth[1]} {meth[2][:40]}")
