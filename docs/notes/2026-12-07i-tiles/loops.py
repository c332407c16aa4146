# per C2 compile of each tile kernel in asm.txt: its loops (backward branches), what each body holds
import re,sys
txt=open(sys.argv[1]).read().split('\n')
secs=[];cur=None
for l in txt:
    m=re.match(r'Compiled method \((c\d)\)\s+\d+\s+\d+\s+(%?)\s*\d\s+io\.github\.asr4j\.kernels\.cpu\.(\w+)::(\w+)',l)
    if m:
        cur=[m.group(1),m.group(2),m.group(3)+'::'+m.group(4),[]];secs.append(cur);continue
    if l.startswith('Compiled method'): cur=None;continue
    if cur: cur[3].append(l)
for comp,osr,name,lines in secs:
    if comp!='c2': continue
    ins=[]
    for l in lines:
        m=re.match(r'\s*([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*(.*)',l)
        if m and m.group(3).strip(): ins.append((int(m.group(1),16),m.group(3).strip()))
    addrs=[a for a,_ in ins]
    print("%s %s%s: %d instructions" % (name,comp,' OSR' if osr else '',len(ins)))
    for i,(a,t) in enumerate(ins):
        m=re.match(r'(j\w+)\s+(?:0x)?([0-9a-f]+)',t)
        if m:
            tgt=int(m.group(2),16)
            if addrs and addrs[0]<=tgt<=a and tgt in addrs:
                j=addrs.index(tgt); body=ins[j:i+1]
                c=lambda p: sum(1 for _,x in body if re.match(p,x))
                if c(r'vfmadd')==0: continue
                print("  loop %x-%x: %d ins, fma %d, broadcast %d, cmp %d, jae/jb/ja/jbe %d, rsp %d, poll(r15) %d" % (tgt,a,len(body),
                      c(r'vfmadd'),c(r'vbroadcast|vpbroadcast'),c(r'cmp'),c(r'j(ae|b|a|be|nb|nae)\b'),c(r'.*rsp'),c(r'.*r15')))
