# late.py LOG.xml COMPILE_ID: the calls C2 inlined late (after parsing) in one compile, by callee, and the parse-time
# "NodeCountInliningCutoff"-style delays; a force-inline callee delayed past the parse loses the receiver's speculative type.
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
c=collections.Counter(); sites=collections.defaultdict(list)
for i,l in enumerate(L):
    m=re.match(r"<late_inline method='(\d+)'",l)
    if m:
        name=meth.get(m.group(1),m.group(1)); c[name]+=1
        if 'VectorSupport' not in name:
            j=L[i+1] if i+1<len(L) else ''
            b=re.search(r"bci='(\d+)'",j); sites[name].append(b.group(1) if b else '?')
for k,v in c.most_common(): print('  late',v,k, sites.get(k,'')[:25])
for l in L:
    if 'NodeCountInliningCutoff' in l or 'LiveNodeCount' in l or 'inline_fail' in l and 'Cutoff' in l: print('  ',l[:150])
m=[l for l in L if l.startswith('<task_done')]; print('  ',m[0][:150] if m else '')
