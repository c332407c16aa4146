import sys,re,json
cur=None; vals={}
for f in sys.argv[2:]:
    for l in open(f):
        m=re.match(r"== (\w) (\d+)",l)
        if m: cur=(m.group(1),int(m.group(2))); continue
        if l.startswith('{') and cur:
            vals[cur]=json.loads(l)
skip=set()
key=sys.argv[1]  # e.g. warm:decoder_ms_per_token
which,field=key.split(':')
r=1 if which=='warm' else 0
idx=sorted({i for _,i in vals if ('A',i) in vals and ('B',i) in vals})
# a B run printing exactly its A's figures is a repeated output, not a run: left out
idx=[i for i in idx if vals[('A',i)]!=vals[('B',i)]]
A=[vals[('A',i)]['runs'][r][field] for i in idx]; B=[vals[('B',i)]['runs'][r][field] for i in idx]
med=lambda x: sorted(x)[len(x)//2] if len(x)%2 else (sorted(x)[len(x)//2-1]+sorted(x)[len(x)//2])/2
d=[b-a for a,b in zip(A,B)]
print(key, "pairs", idx); print(" A", [round(x,2) for x in A]); print(" B", [round(x,2) for x in B])
print(" median A %.2f B %.2f paired diff %.2f (%.1f%%) B lower in %d of %d"%(med(A),med(B),med(d),100*med(d)/med(A),sum(x<0 for x in d),len(d)))
