import json,glob,sys,statistics as st
def load(f):
    d=json.load(open(f)); k=[x for x in d if x!='settings'][0]; a=d[k]['asr4j_first']; w=d[k].get('asr4j_warm',{})
    return a,w
for tag in sys.argv[1].split(','):
    rs=sorted({f.split('-r')[1].split('-')[0] for f in glob.glob(f'out/{tag}-r*-A.json')},key=int)
    print(tag)
    dd=[];dt=[]
    for r in rs:
        a,_=load(f'out/{tag}-r{r}-A.json'); b,_=load(f'out/{tag}-r{r}-B.json')
        pa=a['mel_ms']+a['encoder_ms']+a['prefill_ms']; pb=b['mel_ms']+b['encoder_ms']+b['prefill_ms']
        dd.append(pb-pa); dt.append(b['total_ms']-a['total_ms'])
        print(f"  r{r}: pre-decode A {pa:7.0f} B {pb:7.0f} d {pb-pa:+6.0f} | total A {a['total_ms']:6.0f} B {b['total_ms']:6.0f} d {b['total_ms']-a['total_ms']:+6.0f} | ms/tok A {a['decoder_ms_per_token']:.1f} B {b['decoder_ms_per_token']:.1f}")
    print(f"  median diff pre-decode {st.median(dd):+.0f} (B lower in {sum(x<0 for x in dd)}/{len(dd)}), total {st.median(dt):+.0f} (B lower in {sum(x<0 for x in dt)}/{len(dt)})")
