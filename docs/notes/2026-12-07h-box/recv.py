# recv.py LOG.xml COMPILE_ID: the profile-dispatched calls of one C2 compile (callee, first and second receiver class
# with counts) and the count of each uncommon-trap reason the compile emitted (speculate_class_check: a speculative
# exact type; bimorphic_or_optimized_type_check: a two-type dispatch from the shared call-site profile).
import re,sys,collections
L=[];p=False
for line in open(sys.argv[1],errors='replace'):
    if line.startswith('<task ') and f"compile_id='{sys.argv[2]}'" in line: p=True
    if p:
        L.append(line.rstrip())
        if line.startswith('</task>'): break
klass={};meth={}
for l in L:
    m=re.match(r"<(klass|type) id='(\d+)' name='([^']*)'",l)
    if m: klass[m.group(2)]=m.group(3).split('.')[-1]
    m=re.match(r"<method id='(\d+)' holder='(\d+)' name='([^']*)'",l)
    if m: meth[m.group(1)]=klass.get(m.group(2),'?')+'.'+m.group(3)
c=collections.Counter(); traps=collections.Counter()
for l in L:
    if '<call ' in l and 'receiver=' in l:
        mm=re.search(r"method='(\d+)'",l).group(1)
        r=re.search(r"receiver='(\d+)'",l).group(1); rc=re.search(r"receiver_count='(\d+)'",l)
        r2=re.search(r"receiver2='(\d+)'",l); r2c=re.search(r"receiver2_count='(\d+)'",l)
        c[(meth.get(mm,mm), klass.get(r,r)+':'+(rc.group(1) if rc else ''), (klass.get(r2.group(1),'')+':'+r2c.group(1)) if r2 else '')]+=1
    t=re.match(r"<uncommon_trap bci='\d+' reason='([^']*)'",l)
    if t: traps[t.group(1)]+=1
for k,v in sorted(c.items()): print('  calls',v,*k)
print('  traps',dict(traps))
