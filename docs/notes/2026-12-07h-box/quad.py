# quad.py LOG.xml [pattern]: every compile task of the F16 quad kernels (and their callers) in a -XX:+LogCompilation
# log: id, level, OSR bci, start stamp, nmethod size, intrinsics, inline failures; then make_not_entrant lines.
import re,sys,collections
pat=sys.argv[2] if len(sys.argv)>2 else r'Quad|quadPass|foldQuad'
ids={}
cur=None; methods={}
for line in open(sys.argv[1],errors='replace'):
    if line.startswith('<task '):
        m=re.search(r"method='([^']*)'",line).group(1)
        if not re.search(pat,m): cur=None; continue
        g=lambda k:(re.search(k+r"='([^']*)'",line) or [None,''])[1]
        cur=dict(m=m.split(' ')[1], id=g('compile_id'), l=g('level') or '4', osr=g('osr_bci'), st=g('stamp'), intr=collections.Counter(), fail=collections.Counter(), last='?')
        methods={}
    elif cur:
        mm=re.match(r"<method id='(\d+)' holder='(\d+)' name='([^']*)'",line)
        if mm: methods[mm.group(1)]=mm.group(3)
        cm=re.match(r"<call method='(\d+)'",line)
        if cm: cur['last']=methods.get(cm.group(1),'?')
        i=re.match(r"<intrinsic id='([^']*)'",line)
        if i: cur['intr'][i.group(1)]+=1
        f=re.match(r"<inline_fail reason='([^']*)'",line)
        if f: cur['fail'][cur['last']+': '+f.group(1)]+=1
        if line.startswith('<failure'): print('   FAILURE', cur['id'], line.strip()[:160])
        if line.startswith('<task_done'):
            sz=(re.search(r"nmsize='(\d+)'",line) or [0,'?'])[1]
            ids[cur['id']]=cur['m']
            print(f"{cur['id']:>6} L{cur['l']} {('osr'+cur['osr']) if cur['osr'] else '':7} t={cur['st']:>7} {cur['m']:22} nmsize={sz:>6} intr={sum(cur['intr'].values()):4}", (dict(cur['fail']) if cur['l']=='4' else ''))
            cur=None
for line in open(sys.argv[1],errors='replace'):
    if line.startswith('<make_not_entrant') or line.startswith('<uncommon_trap') and 'compile_id' in line:
        cid=(re.search(r"compile_id='(\d+)'",line) or [0,''])[1]
        if cid in ids: print('  ', ids[cid], line.strip()[:200])
