# Qwen A/B summary: decoder ms/token (first and warm run), prefill, encoder, total; A = main, B = branch
import json,sys,glob,statistics as st
d=sys.argv[1]
res={'A':{},'B':{}}
for f in glob.glob(d+'/[AB]-*.txt'):
    arm=f.split('/')[-1][0]; i=int(f.split('-')[-1].split('.')[0])
    j=json.load(open(f))['jfk.wav']
    res[arm][i]={'first dec ms/tok':j['asr4j_first']['decoder_ms_per_token'],'warm dec ms/tok':j['asr4j_warm']['decoder_ms_per_token'],
                 'first prefill ms':j['asr4j_first']['prefill_ms'],'warm prefill ms':j['asr4j_warm']['prefill_ms'],
                 'first total ms':j['asr4j_first']['total_ms'],'warm total ms':j['asr4j_warm']['total_ms']}
keys=sorted(set(res['A'])&set(res['B']))
for k in res['A'][keys[0]]:
    A=[res['A'][i][k] for i in keys]; B=[res['B'][i][k] for i in keys]; dd=[a-b for a,b in zip(A,B)]
    print(f"{k:18s} main {st.median(A):8.2f}  branch {st.median(B):8.2f}  paired (main-branch) {st.median(dd):+7.2f}  branch lower in {sum(x>0 for x in dd)} of {len(dd)}   A {[round(x,1) for x in A]} B {[round(x,1) for x in B]}")
