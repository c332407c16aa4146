import re,sys,glob,statistics as st
# pooled paired summary over several series dirs (A = main, B = branch at that series' commit)
def parse(f):
    t=open(f).read()
    g=float(re.search(r'greedy step\s+([\d.]+) ms',t).group(1))
    b=float(re.search(r'5 beams, one step\s+([\d.]+) ms',t).group(1))
    sec=t.split('profile of one 5-beam step')[1].split('profile of one 16-file')[0]
    ops={m.group(1):float(m.group(2)) for m in re.finditer(r'^\s+(\S+)\s+([\d.]+)\s+[\d.]+%',sec,re.M)}
    return g,b,ops
pairs=[]
for d in sys.argv[1:]:
    for f in sorted(glob.glob(d+'/A-*.txt')):
        i=f.split('-')[-1]
        pairs.append((parse(f),parse(f.replace('/A-','/B-'))))
def summ(name,fn):
    A=[fn(a) for a,b in pairs]; B=[fn(b) for a,b in pairs]
    d=[x-y for x,y in zip(A,B)]
    print(f"{name:26s} main med {st.median(A):7.3f}  branch med {st.median(B):7.3f}  paired diff med {st.median(d):+.3f}  branch lower in {sum(x>0 for x in d)} of {len(d)}")
summ('greedy ms',lambda r:r[0]); summ('5 beams ms',lambda r:r[1]); summ('5 beams / greedy',lambda r:r[1]/r[0])
for op in ['mlp.fc2','logits','mlp.fc1','self_attn.qkv','encoder_attn.attention']:
    summ('profiled 5b '+op,lambda r,op=op:r[2][op])
