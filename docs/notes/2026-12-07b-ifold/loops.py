import re,sys
ins=[]
for l in open(sys.argv[1]):
    m=re.match(r'\s*([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*(.*)',l)
    if m and m.group(3).strip():
        ins.append((int(m.group(1),16),m.group(3).strip()))
print("instructions",len(ins))
addrs=[a for a,_ in ins]
LOAD=r'v\w+\s+[xyz]mm\d+,.*\['
for i,(a,t) in enumerate(ins):
    m=re.match(r'(j\w+)\s+(?:0x)?([0-9a-f]+)',t)
    if m:
        tgt=int(m.group(2),16)
        if addrs[0]<=tgt<=a and tgt in addrs:
            j=addrs.index(tgt)
            body=ins[j:i+1]
            c=lambda p: sum(1 for _,x in body if re.match(p,x))
            print("loop %x-%x: %d ins, fma %d, vpmovsx %d, vec mem operands %d, cmp/test %d, rsp %d, vperm %d" % (tgt,a,len(body),c(r'vfmadd'),c(r'vpmovsx'),c(LOAD),c(r'cmp|test'),c(r'.*rsp'),c(r'vperm')))
