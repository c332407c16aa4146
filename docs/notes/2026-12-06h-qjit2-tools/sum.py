import json,glob,sys,statistics as st,re
tags=sys.argv[1].split(',')
rows={'A':[], 'B':[]}
for tag in tags:
  for f in sorted(glob.glob(f'out/{tag}-r*-*.json')):
    arm=f[-6]; d=json.load(open(f)); k=[x for x in d if x!='settings'][0]; e=d[k]
    a=e['asr4j_first']; w=e.get('asr4j_warm',{})
    rows[arm].append((f.split('/')[-1],a['mel_ms'],a['encoder_ms'],a['prefill_ms'],a['decoder_ms_per_token'],a['total_ms'],w.get('encoder_ms',0),w.get('prefill_ms',0),w.get('decoder_ms_per_token',0),w.get('total_ms',0)))
names=['mel','enc','prefill','ms/tok','TOTAL','w.enc','w.pre','w.ms/tok','w.TOTAL']
for arm in 'AB':
  print(arm, len(rows[arm]))
  for r in rows[arm]: print('  %-16s'%r[0], ' '.join('%7.1f'%x for x in r[1:]))
  for i,n in enumerate(names):
    v=[r[i+1] for r in rows[arm]]
    print('   %-9s median %8.1f  range %8.1f - %8.1f'%(n,st.median(v),min(v),max(v)))
