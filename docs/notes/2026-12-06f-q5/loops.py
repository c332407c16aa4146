import re,sys
lines=open(sys.argv[1]).read().split('\n')
ins=[]
for l in lines:
    m=re.match(r'\s+([0-9a-f]{8,}):\s+((?:[0-9a-f]{2} )+)\s*(\S+)\s*(.*)',l)
    if m: ins.append((int(m.group(1),16),m.group(3),m.group(4)))
# backward jumps
for i,(a,op,arg) in enumerate(ins):
    if op.startswith('j') and op!='jmpq' :
        m=re.match(r'0x([0-9a-f]+)',arg)
        if m:
            t=int(m.group(1),16)
            if t<a:
                body=[x for x in ins if t<=x[0]<=a]
                nf=sum(1 for x in body if 'vfmadd' in x[1])
                if nf>=4:
                    from collections import Counter
                    c=Counter(x[1] for x in body)
                    spills=sum(1 for x in body if 'rsp' in x[2])
                    print(f"loop {t:x}-{a:x}: {len(body)} instrs, {nf} FMAs, rsp refs {spills}:", dict(c.most_common()))
