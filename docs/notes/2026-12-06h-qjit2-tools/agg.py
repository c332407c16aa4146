import json,glob,sys,statistics as st
def load(f):
    d=json.load(open(f)); k=[x for x in d if x!='settings'][0]; return d[k]['asr4j_first'],d[k].get('asr4j_warm',{}),d[k]['mapped_read_gb_per_s'][0]
A=[];B=[]
for t in sys.argv[1].split(','):
    for f in glob.glob(f'out/{t}-r*-A.json'):
        A.append(load(f)); B.append(load(f.replace('-A.json','-B.json')))
print(len(A),'pairs')
for key in ['encoder_ms','prefill_ms','decoder_ms_per_token','total_ms']:
    va=[x[0][key] for x in A]; vb=[x[0][key] for x in B]; d=[y-x for x,y in zip(va,vb)]
    print(f"{key:22s} A {st.median(va):7.1f} [{min(va):.0f}-{max(va):.0f}]  B {st.median(vb):7.1f} [{min(vb):.0f}-{max(vb):.0f}]  paired {st.median(d):+.0f}, B lower {sum(x<0 for x in d)}/{len(d)}")
va=[x[0]['mel_ms']+x[0]['encoder_ms']+x[0]['prefill_ms'] for x in A]; vb=[x[0]['mel_ms']+x[0]['encoder_ms']+x[0]['prefill_ms'] for x in B]; d=[y-x for x,y in zip(va,vb)]
print(f"{'pre-decode':22s} A {st.median(va):7.1f} [{min(va):.0f}-{max(va):.0f}]  B {st.median(vb):7.1f} [{min(vb):.0f}-{max(vb):.0f}]  paired {st.median(d):+.0f}, B lower {sum(x<0 for x in d)}/{len(d)}")
for key in ['total_ms','decoder_ms_per_token']:
    va=[x[1][key] for x in A]; vb=[x[1][key] for x in B]
    print(f"warm {key:17s} A {st.median(va):7.1f} [{min(va):.0f}-{max(va):.0f}]  B {st.median(vb):7.1f} [{min(vb):.0f}-{max(vb):.0f}]")
print('GB/s A',sorted(round(x[2]) for x in A),'B',sorted(round(x[2]) for x in B))
