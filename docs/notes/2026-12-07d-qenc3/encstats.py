import re,sys,statistics
runs=[]
for l in open(sys.argv[1]):
    m=re.match(r'== (\S) (\d+) \S+ passes ms: (.*) hash (\S+)',l)
    if m: runs.append((m.group(1),int(m.group(2)),[int(v) for v in m.group(3).split()],m.group(4)))
for arm in 'AB':
    r=[x for x in runs if x[0]==arm]
    fresh=[x[2][0] for x in r]; warm=[min(x[2][1:]) for x in r]
    print(arm,'n',len(r),'fresh median',statistics.median(fresh),'range',min(fresh),max(fresh),'| warm(min of passes 2..) median',statistics.median(warm),'range',min(warm),max(warm), 'hashes',set(x[3] for x in r))
pairs=sorted(set(x[1] for x in runs))
dw=[];df=[]
for p in pairs:
    a=[x for x in runs if x[1]==p and x[0]=='A'][0]; b=[x for x in runs if x[1]==p and x[0]=='B'][0]
    dw.append(min(b[2][1:])-min(a[2][1:])); df.append(b[2][0]-a[2][0])
print('warm B-A per pair',dw,'median',statistics.median(dw),'B lower in',sum(d<0 for d in dw),'of',len(dw))
print('fresh B-A per pair',df,'median',statistics.median(df),'B lower in',sum(d<0 for d in df),'of',len(df))
