# step A/B summary: A = main, B = branch; paired by index
import re,sys,glob,statistics as st
d=sys.argv[1]; X=sys.argv[2]; Y=sys.argv[3]
def prof(t,head,nxt):
    sec=t.split(head)[1]
    if nxt: sec=sec.split(nxt)[0]
    return {m.group(1):float(m.group(2)) for m in re.finditer(r'^\s+(\S+)\s+([\d.]+)\s+[\d.]+%',sec,re.M)}
def parse(f):
    t=open(f).read()
    r={'greedy ms':float(re.search(r'greedy step\s+([\d.]+) ms',t).group(1)),
       '5 beams ms':float(re.search(r'5 beams, one step\s+([\d.]+) ms',t).group(1)),
       '16 files ms':float(re.search(r'16 files, one step\s+([\d.]+) ms',t).group(1))}
    h=re.search(r'heap allocated per step on the calling thread: greedy ([\d.]+) KB, 5 beams ([\d.]+) KB, 16 files ([\d.]+) KB',t)
    r['heap greedy KB'],r['heap 5b KB'],r['heap 16f KB']=map(float,h.groups())
    g=prof(t,'profile of one greedy step','profile of one 5-beam'); b=prof(t,'profile of one 5-beam step','profile of one 16-file')
    f16=prof(t,'profile of one 16-file',None)
    for name,p in (('greedy',g),('5b',b),('16f',f16)):
        for op in ('encoder_attn.attention','self_attn.attention'):
            if op in p: r['prof %s %s'%(name,op)]=p[op]
    return r
res={'A':{},'B':{},'C':{}}
for f in sorted(glob.glob(d+'/[ABC]-*.txt')):
    arm=f.split('/')[-1][0]; i=int(f.split('-')[-1].split('.')[0])
    try: res[arm][i]=parse(f)
    except Exception as e: print('unparsed',f,e)
keys=sorted(set(res[X])&set(res[Y]))
print('pair  A greedy / 5b / 16f          B greedy / 5b / 16f        heap 5b A/B')
for i in keys:
    a=res[X][i]; b=res[Y][i]
    print(f"{i:3d}  {a['greedy ms']:7.3f} {a['5 beams ms']:7.3f} {a['16 files ms']:7.3f}   {b['greedy ms']:7.3f} {b['5 beams ms']:7.3f} {b['16 files ms']:7.3f}   {a['heap 5b KB']}/{b['heap 5b KB']}")
print(f'{X} against {Y}')
for k in res[X][keys[0]]:
    A=[res[X][i][k] for i in keys]; B=[res[Y][i][k] for i in keys]
    diffs=[x-y for x,y in zip(A,B)]
    print(f"{k:40s} X med {st.median(A):8.3f}  Y med {st.median(B):8.3f}  paired (X-Y) med {st.median(diffs):+.3f}  Y lower in {sum(1 for x in diffs if x>0)} of {len(diffs)}  (heap: A {sorted(set(A))} B {sorted(set(B))})" if k.startswith('heap') else
          f"{k:40s} X med {st.median(A):8.3f}  Y med {st.median(B):8.3f}  paired (X-Y) med {st.median(diffs):+.3f}  Y lower in {sum(1 for x in diffs if x>0)} of {len(diffs)}")
