import re,sys,glob,statistics as st
out=sys.argv[1]
def parse(f):
    t=open(f).read(); d={}
    m=re.search(r'greedy step\s+([\d.]+) ms',t); d['greedy']=float(m.group(1)) if m else None
    m=re.search(r'5 beams, one step\s+([\d.]+) ms',t); d['beams5']=float(m.group(1)) if m else None
    m=re.search(r'16 files, one step\s+([\d.]+) ms\s+\(([\d.]+) ms per file, ([\d.]+)x',t)
    if m: d['files16']=float(m.group(1)); d['ratio']=float(m.group(3))
    m=re.search(r'heap allocated per step on the calling thread: greedy ([\d.]+) KB, 5 beams ([\d.]+) KB, 16 files ([\d.]+) KB',t)
    if m: d['heapG'],d['heap5'],d['heap16']=map(float,m.groups())
    m=re.search(r'16 files \[([\d., ]+)\]',t); d['heap16rounds']=m.group(1) if m else ''
    sec=t.split('profile of one 16-file step')[1] if 'profile of one 16-file step' in t else ''
    for op in ['logits','encoder_attn.attention','mlp.fc1','mlp.fc2','self_attn.qkv']:
        m=re.search(r'\n\s+'+re.escape(op)+r'\s+([\d.]+)',sec); d['p16_'+op]=float(m.group(1)) if m else None
    d['ratio5']=d['beams5']/d['greedy'] if d.get('beams5') and d.get('greedy') else None
    return d
A=sorted(glob.glob(out+'/A-*.txt'),key=lambda f:int(re.search(r'-(\d+)',f).group(1)))
pairs=[]
for fa in A:
    fb=fa.replace('/A-','/B-')
    try: pairs.append((parse(fa),parse(fb)))
    except Exception as e: print('skip',fa,e)
keys=['files16','ratio','greedy','beams5','ratio5','p16_logits','p16_encoder_attn.attention','p16_mlp.fc1','p16_mlp.fc2','p16_self_attn.qkv','heap16','heapG','heap5']
print('pairs',len(pairs))
print('%-28s %9s %9s %10s %s'%('figure','A med','B med','A-B med','B lower'))
for k in keys:
    a=[p[0][k] for p in pairs if p[0].get(k) is not None and p[1].get(k) is not None]
    b=[p[1][k] for p in pairs if p[0].get(k) is not None and p[1].get(k) is not None]
    if not a: continue
    diff=[x-y for x,y in zip(a,b)]
    print('%-28s %9.3f %9.3f %+10.3f %d of %d'%(k,st.median(a),st.median(b),st.median(diff),sum(1 for d in diff if d>0),len(diff)))
print('per JVM 16-file ratio A:',[p[0]['ratio'] for p in pairs]); print('per JVM 16-file ratio B:',[p[1]['ratio'] for p in pairs])
print('heap16 rounds A:',[p[0]['heap16rounds'] for p in pairs]); print('heap16 rounds B:',[p[1]['heap16rounds'] for p in pairs])
