import re,sys,statistics as st
# lines: "<i> <jar> greedy X ms  beams5 Y ms ... hash H"
d={}
hashes=set()
for line in open(sys.argv[1]):
    m=re.match(r'(\d+) (\S+) greedy ([\d.]+) ms\s+beams5 ([\d.]+) ms.*jit (\d+) ms\s+hash (\S+)',line)
    if m:
        i,j,g,b,jit,h=m.groups(); d.setdefault(j,{})[int(i)]=(float(g),float(b),int(jit)); hashes.add(h)
A,B=sys.argv[2],sys.argv[3]
pairs=sorted(set(d[A])&set(d[B]))
for k,name in [(0,'greedy'),(1,'beams5')]:
    a=[d[A][i][k] for i in pairs]; b=[d[B][i][k] for i in pairs]
    diff=[y-x for x,y in zip(a,b)]
    print(f"{name}: {A} median {st.median(a):.3f}  {B} median {st.median(b):.3f}  paired diff median {st.median(diff):+.3f} ms ({st.median(diff)/st.median(a)*100:+.1f} %)  {B} lower in {sum(1 for x in diff if x<0)} of {len(diff)}")
    print(f"   {A}: "+' '.join(f'{x:.3f}' for x in a)); print(f"   {B}: "+' '.join(f'{x:.3f}' for x in b))
print("hashes:",hashes)
