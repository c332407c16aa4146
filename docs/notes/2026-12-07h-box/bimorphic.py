# bimorphic.py LOG.xml...: per C2 compile of an asr4j method, the vector calls C2 dispatched on a two-type profile
# (a bimorphic_or_optimized_type_check in the compile: the receiver was neither exact nor speculated), with nmsize.
import re,sys,collections
for path in sys.argv[1:]:
    cur=None
    for line in open(path,errors='replace'):
        if line.startswith('<task '):
            m=re.search(r"method='([^']*)'",line).group(1)
            cur=None
            if 'asr4j' in m and "level=" not in line.replace("level='4'",""):
                cur=dict(m=m.split(' ')[1], id=re.search(r"compile_id='(\d+)'",line).group(1), osr='osr_bci' in line, klass={}, meth={}, bim=collections.Counter())
        elif cur is not None:
            mm=re.match(r"<(klass|type) id='(\d+)' name='([^']*)'",line)
            if mm: cur['klass'][mm.group(2)]=mm.group(3).split('.')[-1]
            mm=re.match(r"<method id='(\d+)' holder='(\d+)' name='([^']*)'",line)
            if mm: cur['meth'][mm.group(1)]=cur['klass'].get(mm.group(2),'?')+'.'+mm.group(3)
            if '<call ' in line and 'receiver2=' in line:
                k1=cur['klass'].get(re.search(r"receiver='(\d+)'",line).group(1),'?'); k2=cur['klass'].get(re.search(r"receiver2='(\d+)'",line).group(1),'?')
                if 'Vector' in k1 or 'Vector' in k2: cur['last']=(cur['meth'].get(re.search(r"method='(\d+)'",line).group(1)),k2)
                else: cur['last']=None
            if "reason='bimorphic_or_optimized_type_check'" in line and cur.get('last'): cur['bim'][cur['last']]+=1
            if line.startswith('<task_done'):
                if cur['bim']:
                    sz=re.search(r"nmsize='(\d+)'",line)
                    print(path, cur['id'], cur['m'], 'osr' if cur['osr'] else '', 'nmsize', sz.group(1) if sz else '?', dict(cur['bim']))
                cur=None
