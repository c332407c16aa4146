import re,sys
# print the innermost loops holding vfmadd of one method's C2 dump section (objdump-style lines)
lines=open(sys.argv[1]).read().split('\n')[int(sys.argv[2]):int(sys.argv[3])]
ins=[]
for l in lines:
    m=re.match(r'\s+([0-9a-f]+):\t([0-9a-f ]+)\t(.*)',l)
    if m: ins.append((int(m.group(1),16),m.group(3).strip()))
addr=[a for a,_ in ins]
for i,(a,t) in enumerate(ins):
    m=re.match(r'(j\w+)\s+0x([0-9a-f]+)',t)
    if m and int(m.group(2),16)<a:
        tgt=int(m.group(2),16)
        body=[x for x in ins if tgt<=x[0]<=a]
        nf=sum('vfmadd' in x[1] for x in body)
        if nf==0: continue
        from collections import Counter
        c=Counter(x[1].split()[0] for x in body)
        print(f"loop {tgt:x}-{a:x}: {len(body)} instructions, {nf} vfmadd; mnemonics {dict(c)}")
        if len(sys.argv)>4:
            for x in body: print('   ',x[1])
