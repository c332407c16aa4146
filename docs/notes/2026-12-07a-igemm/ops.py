import json,sys,collections
for f in sys.argv[1:]:
    d=json.load(open(f))
    enc=[p for p in d['passes'] if p['pass']=='encoder'][0]
    print(f, 'encoder %.1f ms %.1f GF/s'%(enc['total_ms'],enc['gflops_per_s']))
    agg=collections.OrderedDict()
    for o in d['ops']:
        if o.get('pass')!='encoder': continue
        k=o.get('op')
        a=agg.setdefault(k,[0,0])
        a[0]+=o['total_ms']; a[1]+=o.get('flops',0)
    for k,(ms,fl) in sorted(agg.items(),key=lambda x:-x[1][0]):
        print('  %-22s %8.1f ms %7.1f GF/s %5.1f%%'%(k,ms,fl/ms/1e6 if ms else 0,100*fl/ms/1e6/293 if ms else 0))
