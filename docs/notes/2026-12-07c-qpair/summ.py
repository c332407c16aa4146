import json,statistics as st,sys
d=sys.argv[1] if len(sys.argv)>1 else '.'
def get(i,v):
    r=json.load(open(f'{d}/mq-{i}-{v}.json'))['runs']
    return r
for key,idx,name in [('decoder_ms_per_token',1,'warm step'),('decoder_ms_per_token',0,'fresh step'),('total_ms',1,'warm total'),('total_ms',0,'fresh total')]:
    b=[get(i,'base')[idx][key] for i in range(1,9)]; n=[get(i,'new')[idx][key] for i in range(1,9)]
    diff=[x-y for x,y in zip(b,n)]
    print(f"{name}: base med {st.median(b):.2f} new med {st.median(n):.2f} paired diff med {st.median(diff):.2f} new lower {sum(x>0 for x in diff)}/8")
    print('  base',' '.join(f'{x:.1f}' for x in b)); print('  new ',' '.join(f'{x:.1f}' for x in n))
