import json,sys,collections,statistics as st
# usage: ops.py TAG N : medians per op over TAG-A-i / TAG-B-i, pairs favouring B
tag,n=sys.argv[1],int(sys.argv[2])
def load(f):
    d=json.load(open(f)); r=collections.OrderedDict()
    enc=[p for p in d['passes'] if p['pass']=='encoder'][0]; r['ENCODER']=enc['total_ms']
    for o in d['ops']:
        if o.get('pass')!='encoder': continue
        r[o['op']]=r.get(o['op'],0)+o['total_ms']
    return r
A=[load('/work/build/iattn/%s-A-%d.json'%(tag,i)) for i in range(1,n+1)]
B=[load('/work/build/iattn/%s-B-%d.json'%(tag,i)) for i in range(1,n+1)]
for k in A[0]:
    a=[x[k] for x in A]; b=[x[k] for x in B]; d=[y-x for x,y in zip(a,b)]
    print('%-22s A %8.1f  B %8.1f  paired diff median %+7.1f ms (%+5.1f%%)  B lower %d/%d'%(k,st.median(a),st.median(b),st.median(d),100*st.median(d)/st.median(a),sum(1 for x in d if x<0),n))
if k:
    print('A enc:',' '.join('%.0f'%x['ENCODER'] for x in A)); print('B enc:',' '.join('%.0f'%x['ENCODER'] for x in B))
    print('A attn:',' '.join('%.1f'%x.get('attention',0) for x in A)); print('B attn:',' '.join('%.1f'%x.get('attention',0) for x in B))
