import re,sys
lines=open(sys.argv[1]).read().split('\n')
ins=[]
for i,l in enumerate(lines):
    m=re.match(r'\s+([0-9a-f]{8,}):\s+((?:[0-9a-f]{2} )+)\s*(.*)',l)
    if m: ins.append((int(m.group(1),16),m.group(3).strip(),i))
addrs=[a for a,_,_ in ins]
for a,t,i in ins:
    m=re.match(r'(j\w+)\s+0x([0-9a-f]+)',t)
    if m:
        tgt=int(m.group(2),16)
        if tgt<a and tgt>=addrs[0]:
            body=[x for x in ins if tgt<=x[0]<=a]
            n=len(body)
            fma=sum('vfmadd' in x[1] for x in body)
            cvt=sum('vpmovsxwd' in x[1] for x in body)
            stk=sum('rsp' in x[1] for x in body)
            print(f"loop {tgt:x}-{a:x} lines {body[0][2]}-{body[-1][2]}: {n} instr, {fma} fma, {cvt} vpmovsxwd, {stk} rsp refs")
