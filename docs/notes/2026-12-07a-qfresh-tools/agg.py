import json,sys,glob,re,statistics as st,collections
tag=sys.argv[1]; base=sys.argv[2] if len(sys.argv)>2 else 'A'
runs=collections.defaultdict(dict)
for f in glob.glob(f'/work/build/qfresh/out/{tag}-r*-*.json'):
    m=re.search(r'-r(\d+)-(\w+)\.json$',f)
    try: j=json.load(open(f))
    except Exception: continue
    r=j['runs'][0]; r['bw']=j.get('mapped_read_gb_per_s',0); r['pre']=r['mel_ms']+r['encoder_ms']+r['prefill_ms']
    runs[m.group(2)][int(m.group(1))]=r
keys=['total_ms','pre','encoder_ms','prefill_ms','decoder_ms_per_token','bw']
for arm in sorted(runs):
    d=runs[arm]; print(arm,len(d),' '.join(f"{k}={st.median([x[k] for x in d.values()]):.1f}[{min(x[k] for x in d.values()):.0f}-{max(x[k] for x in d.values()):.0f}]" for k in keys))
    if arm!=base and base in runs:
        rs=[r for r in d if r in runs[base]]
        for k in keys[:5]:
            diffs=[d[r][k]-runs[base][r][k] for r in rs]
            print(f"   {k}: paired median {st.median(diffs):+.1f}, lower in {sum(x<0 for x in diffs)}/{len(diffs)}")
