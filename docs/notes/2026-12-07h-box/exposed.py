# exposed.py LOG.xml...: asr4j methods whose C2 compiles dispatch a vector call on a call-site profile that holds two
# vector classes (so they rely on C2's speculation, the lottery the quad kernels lost), with the callee and count.
import re,sys,collections
res=collections.defaultdict(collections.Counter)
for path in sys.argv[1:]:
    cur=None
    for line in open(path,errors='replace'):
        if line.startswith('<task '):
            m=re.search(r"method='([^']*)'",line).group(1)
            cur=None
            if 'asr4j' in m and "level='" not in line.replace("level='4'",""):
                cur=dict(m=m.split(' ')[0].split('.')[-1]+'.'+m.split(' ')[1], klass={}, meth={})
        elif cur is not None:
            mm=re.match(r"<(klass|type) id='(\d+)' name='([^']*)'",line)
            if mm: cur['klass'][mm.group(2)]=mm.group(3).split('.')[-1]
            mm=re.match(r"<method id='(\d+)' holder='(\d+)' name='([^']*)'",line)
            if mm: cur['meth'][mm.group(1)]=cur['klass'].get(mm.group(2),'?')+'.'+mm.group(3)
            if '<call ' in line and 'receiver2=' in line:
                k1=cur['klass'].get(re.search(r"receiver='(\d+)'",line).group(1),'?'); k2=cur['klass'].get(re.search(r"receiver2='(\d+)'",line).group(1),'?')
                if 'Vector' in k1 and 'Vector' in k2:
                    res[cur['m']][cur['meth'].get(re.search(r"method='(\d+)'",line).group(1))+' '+k1+'/'+k2]+=1
            if line.startswith('</task>'): cur=None
for m in sorted(res): print(m, dict(res[m]))
