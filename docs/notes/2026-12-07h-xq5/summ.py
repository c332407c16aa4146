import re,sys,glob,statistics as st
d=sys.argv[1]
def parse(f):
    t=open(f).read()
    g=float(re.search(r'greedy step\s+([\d.]+) ms',t).group(1))
    b=float(re.search(r'5 beams, one step\s+([\d.]+) ms',t).group(1))
    files=float(re.search(r'16 files, one step\s+([\d.]+) ms',t).group(1))
    # profiled 5-beam section ops
    sec=t.split('profile of one 5-beam step')[1].split('profile of one 16-file')[0]
    ops={}
    for m in re.finditer(r'^\s+(\S+)\s+([\d.]+)\s+[\d.]+%',sec,re.M):
        ops[m.group(1)]=float(m.group(2))
    gs=t.split('profile of one greedy step')[1].split('profile of one 5-beam')[0]
    gops={}
    for m in re.finditer(r'^\s+(\S+)\s+([\d.]+)\s+[\d.]+%',gs,re.M):
        gops[m.group(1)]=float(m.group(2))
    hb=re.search(r'5 beams ([\d.]+) KB',t).group(1)
    return g,b,files,ops,gops,hb
res={'A':{},'B':{}}
for f in sorted(glob.glob(d+'/[AB]-*.txt')):
    arm=f.split('/')[-1][0]; i=int(f.split('-')[-1].split('.')[0])
    res[arm][i]=parse(f)
keys=sorted(res['A'])
print('pair  A greedy  A 5b (x)      B greedy  B 5b (x)     | fc2 5b A/B   fc1 5b A/B  logits A/B  xattn A/B | heap5b A/B')
for i in keys:
    a=res['A'][i]; b=res['B'][i]
    print(f"{i:3d}  {a[0]:7.3f} {a[1]:7.3f} ({a[1]/a[0]:.2f})   {b[0]:7.3f} {b[1]:7.3f} ({b[1]/b[0]:.2f}) | {a[3]['mlp.fc2']:.3f}/{b[3]['mlp.fc2']:.3f}  {a[3]['mlp.fc1']:.3f}/{b[3]['mlp.fc1']:.3f}  {a[3]['logits']:.3f}/{b[3]['logits']:.3f}  {a[3]['encoder_attn.attention']:.3f}/{b[3]['encoder_attn.attention']:.3f} | {a[5]}/{b[5]}")
def summ(name,fa,fb):
    A=[fa(res['A'][i]) for i in keys]; B=[fb(res['B'][i]) for i in keys]
    diffs=[x-y for x,y in zip(A,B)]
    low=sum(1 for x in diffs if x>0)
    print(f"{name:28s} A med {st.median(A):7.3f}  B med {st.median(B):7.3f}  paired diff (A-B) med {st.median(diffs):+.3f}  B lower in {low} of {len(diffs)}")
summ('greedy ms',lambda r:r[0],lambda r:r[0])
summ('5 beams ms',lambda r:r[1],lambda r:r[1])
summ('5 beams / greedy',lambda r:r[1]/r[0],lambda r:r[1]/r[0])
summ('16 files ms',lambda r:r[2],lambda r:r[2])
for op in ['mlp.fc2','mlp.fc1','logits','encoder_attn.attention','self_attn.qkv']:
    summ('profiled 5b '+op,lambda r,op=op:r[3][op],lambda r,op=op:r[3][op])
summ('profiled greedy fc2',lambda r:r[4]['mlp.fc2'],lambda r:r[4]['mlp.fc2'])
