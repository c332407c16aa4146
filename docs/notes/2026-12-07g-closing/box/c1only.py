import re,sys,collections
def lv(path):
    s=collections.defaultdict(set)
    for line in open(path,errors='replace'):
        if line.startswith('<task '):
            m=re.search(r"method='([^']*)'",line).group(1); l=re.search(r"level='(\d)'",line); l=l.group(1) if l else '4'
            s[m].add(l)
    return s
for p in sys.argv[1:]:
    s=lv(p)
    c1=[m for m,ls in s.items() if '4' not in ls and 'kernels.cpu' in m and 'Lambda' not in m]
    print(p, len(c1)); 
    for m in sorted(c1): print('   ',sorted(s[m]),m[:150])
