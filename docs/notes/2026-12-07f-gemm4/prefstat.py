import sys,re,statistics as st
rows=[]
for l in open(sys.argv[1]):
    m=re.match(r'== ([AB]) (\d+) \S+ rows (\d+) enc fresh ([\d.]+) warm ([\d.]+) prefill fresh ([\d.]+) warm ([\d.]+) hash enc (\w+) logits (\w+)',l)
    if m: rows.append((m[1],int(m[2]),[float(m[i]) for i in range(4,8)],m[8],m[9]))
names=['enc fresh','enc warm','prefill fresh','prefill warm']
for j,nm in enumerate(names):
    A={p:v[j] for a,p,v,_,_ in rows if a=='A'}; B={p:v[j] for a,p,v,_,_ in rows if a=='B'}
    d=[B[p]-A[p] for p in A if p in B]
    print(f"{nm:14s} A median {st.median(A.values()):7.1f} [{min(A.values()):.0f}-{max(A.values()):.0f}]  B median {st.median(B.values()):7.1f} [{min(B.values()):.0f}-{max(B.values()):.0f}]  B-A per pair median {st.median(d):+.1f} ({st.median(d)/st.median(A.values())*100:+.1f}%), B lower in {sum(x<0 for x in d)}/{len(d)}")
print("hashes", sorted({(a,h1,h2) for a,_,_,h1,h2 in rows}))
