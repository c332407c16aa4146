import sys,re
# pairs.py FILE KEY: per-pair A/B of the figure named by regex KEY (group 1)
f, key = sys.argv[1], sys.argv[2]
cur=None; vals={}
for l in open(f):
    m=re.match(r"== (\w) (\d+)",l)
    if m: cur=(m.group(1),int(m.group(2))); continue
    m=re.search(key,l)
    if m and cur: vals[cur]=float(m.group(1))
idx=sorted({i for _,i in vals})
A=[vals[('A',i)] for i in idx if ('A',i) in vals and ('B',i) in vals]
B=[vals[('B',i)] for i in idx if ('A',i) in vals and ('B',i) in vals]
med=lambda x: sorted(x)[len(x)//2] if len(x)%2 else (sorted(x)[len(x)//2-1]+sorted(x)[len(x)//2])/2
d=[b-a for a,b in zip(A,B)]
print("A:",A); print("B:",B)
print("median A %.2f  B %.2f  paired diff median %.2f (%.1f%%)  B lower in %d of %d"%(med(A),med(B),med(d),100*med(d)/med(A),sum(x<0 for x in d),len(d)))
