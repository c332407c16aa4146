import re,sys,glob,statistics as st
d=sys.argv[1]
rows={}
for f in sorted(glob.glob(d+'/*-r*.txt')):
    arm,r=re.match(r'.*/(\w)-r(\d+)\.txt',f).groups()
    t=open(f).read()
    g=float(re.search(r'greedy step\s+([\d.]+) ms',t).group(1))
    b=float(re.search(r'beams, one step\s+([\d.]+) ms',t).group(1))
    m=re.search(r'files, one step\s+([\d.]+) ms\s+\(([\d.]+) ms per file, ([\d.]+)x',t)
    f16=float(m.group(1)); ratio=float(m.group(3))
    h=re.search(r'greedy ([\d.]+) KB, \d+ beams ([\d.]+) KB, \d+ files ([\d.]+) KB',t).groups()
    profs=t.split('profile of one')
    xa=[float(re.search(r'encoder_attn.attention\s+([\d.]+)\s+[\d.]+%\s+([\d.]+)\s+([\d.]+)',p).group(1)) for p in profs[1:]]
    xg=[float(re.search(r'encoder_attn.attention\s+([\d.]+)\s+[\d.]+%\s+([\d.]+)\s+([\d.]+)',p).group(3)) for p in profs[1:]]
    rows[(arm,int(r))]=dict(g=g,b=b,f=f16,ratio=ratio,heap=h,xa=xa,xg=xg)
print("| JVM | greedy ms | 5 beams ms (x) | 16 files ms (per file x) | xattn g / 5b / 16f ms (16f GB/s) | heap KB g / 5b / 16f |")
print("| --- | --- | --- | --- | --- | --- |")
for k in sorted(rows,key=lambda k:(k[1],k[0])):
    v=rows[k]
    print(f"| {'main' if k[0]=='A' else 'wfiles'} r{k[1]} | {v['g']:.3f} | {v['b']:.3f} ({v['b']/v['g']:.2f}) | {v['f']:.3f} ({v['ratio']:.3f}) | {v['xa'][0]:.3f} / {v['xa'][1]:.3f} / {v['xa'][2]:.3f} ({v['xg'][2]:.1f}) | {' / '.join(v['heap'])} |")
n=max(k[1] for k in rows)
for key,name in [('g','greedy'),('b','5 beams'),('f','16 files'),('ratio','per file x')]:
    A=[rows[('A',i)][key] for i in range(1,n+1) if ('A',i) in rows and ('B',i) in rows]
    B=[rows[('B',i)][key] for i in range(1,n+1) if ('A',i) in rows and ('B',i) in rows]
    diff=[b-a for a,b in zip(A,B)]
    print(f"{name}: main median {st.median(A):.3f} [{min(A):.3f}-{max(A):.3f}], wfiles median {st.median(B):.3f} [{min(B):.3f}-{max(B):.3f}], paired diff median {st.median(diff):+.3f}, wfiles lower in {sum(1 for x in diff if x<0)} of {len(diff)}")
A=[rows[('A',i)]['xa'][2] for i in range(1,n+1) if ('B',i) in rows]
B=[rows[('B',i)]['xa'][2] for i in range(1,n+1) if ('A',i) in rows]
diff=[b-a for a,b in zip(A,B)]
print(f"16-file cross attention: main median {st.median(A):.3f}, wfiles {st.median(B):.3f}, paired {st.median(diff):+.3f}, lower in {sum(1 for x in diff if x<0)} of {len(diff)}")
