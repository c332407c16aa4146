import re,sys,collections
def lv4(path):
    s=collections.Counter(); fails=[]
    for line in open(path,errors='replace'):
        if line.startswith('<task '):
            m=re.search(r"method='([^']*)'",line).group(1); l=re.search(r"level='(\d)'",line); l=l.group(1) if l else '4'
            cur=(m,l)
            s[cur]+=1
        elif line.startswith('<failure') : fails.append((cur,line.strip()[:150]))
        elif line.startswith('<make_not_entrant') or line.startswith('<uncommon_trap') and 'reason' in line: pass
    return s,fails
a,fa=lv4(sys.argv[1]); b,fb=lv4(sys.argv[2])
ma={m for (m,l) in a if l=='4'}; mb={m for (m,l) in b if l=='4'}
print('C2 in A only:'); [print('  ',m[:140]) for m in sorted(ma-mb) if 'asr4j' in m]
print('C2 in B only:'); [print('  ',m[:140]) for m in sorted(mb-ma) if 'asr4j' in m]
print('failures A:',len(fa)); [print('  ',x) for x in fa if 'asr4j' in x[0][0]]
print('failures B:',len(fb)); [print('  ',x) for x in fb if 'asr4j' in x[0][0]]
