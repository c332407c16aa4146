import re,sys,collections
def tasks(path):
    out=collections.defaultdict(list)
    cur=None; methods={}
    with open(path,errors='replace') as f:
        for line in f:
            if line.startswith('<task '):
                m=re.search(r"method='([^']*)'",line); lv=re.search(r"level='(\d)'",line); osr=re.search(r"osr_bci='(\d+)'",line)
                cur=dict(m=m.group(1) if m else '?', lv=lv.group(1) if lv else '4', osr=osr.group(1) if osr else '', fails=collections.Counter(), ok=True, stamp=re.search(r"stamp='([\d.]+)'",line).group(1))
                methods={}
            elif cur is not None:
                mm=re.match(r"<method id='(\d+)' holder='(\d+)' name='([^']*)'",line)
                if mm: methods[mm.group(1)]=mm.group(3)
                cm=re.match(r"<call method='(\d+)'",line)
                if cm: cur['last']=methods.get(cm.group(1),'?')
                fm=re.match(r"<inline_fail reason='([^']*)'",line)
                if fm: cur['fails'][(cur.get('last','?'),fm.group(1))]+=1
                if line.startswith('<failure') : cur['ok']=False; cur['failure']=line.strip()[:200]
                if line.startswith('</task>'):
                    out[cur['m']].append(cur); cur=None
    return out
a=tasks(sys.argv[1]); b=tasks(sys.argv[2]); pat=sys.argv[3] if len(sys.argv)>3 else 'asr4j'
for m in sorted(set(a)|set(b)):
    if pat not in m: continue
    ta=[t for t in a.get(m,[]) if t['lv']=='4']; tb=[t for t in b.get(m,[]) if t['lv']=='4']
    fa=collections.Counter(); fb=collections.Counter()
    for t in ta: fa.update(t['fails'])
    for t in tb: fb.update(t['fails'])
    bad=[t.get('failure') for t in ta+tb if not t['ok']]
    if set(fa)!=set(fb) or len(ta)!=len(tb) or bad:
        print('==',m[:120],'c2 tasks',len(ta),len(tb), bad[:2])
        for k in sorted(set(fa)|set(fb)):
            if fa[k]!=fb[k] and ('Vector' in k[0] or 'jdk' in k[0] or True): print('   ',k,fa[k],fb[k])
