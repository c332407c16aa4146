import json,sys,collections
from datetime import datetime
def load(f,dur):
    d=json.load(open(f)); rows=[]
    for e in d['recording']['events']:
        st=e['values']['stackTrace']
        fr=[x['method']['type']['name'].split('/')[-1]+'.'+x['method']['name'] for x in st['frames']] if st else []
        rows.append((datetime.fromisoformat(e['values']['startTime'][:26]).timestamp(),fr))
    rows.sort(); t1=rows[-1][0]
    return [r[1] for r in rows if r[0]>=t1-dur]
groups=[('GEMM kernel (products)', lambda fr: 'VectorGemm.stripKernel' in fr and 'VectorGemm.lambda$run$0' in fr),
        ('GEMM pack (widen + transpose)', lambda fr: 'VectorGemm.pack' in fr),
        ('GEMM other (strip copy, edges)', lambda fr: 'VectorGemm.lambda$run$0' in fr and 'VectorGemm.pack' not in fr and 'VectorGemm.stripKernel' not in fr),
        ('encoder attention', lambda fr: 'VectorAttention.tiledBlock' in fr or 'VectorAttention.lambda$run$0' in fr),
        ('GELU', lambda fr: 'VectorGelu.apply' in fr),
        ('step products (gemvRows)', lambda fr: 'VectorBackend.gemvRows' in fr),
        ('step attention (few queries)', lambda fr: any(f.startswith('CpuBackend.lambda$attentionFewQueries') for f in fr)),
        ('mel', lambda fr: any(f.startswith('LogMel') or f.startswith('StreamingSpectrogram') for f in fr)),
        ('worker idle spin', lambda fr: fr and fr[0].startswith('WorkerPool')),
       ]
for f,dur in [(sys.argv[1],float(sys.argv[2])),(sys.argv[3],float(sys.argv[4]))]:
    sel=load(f,dur); n=len(sel); c=collections.Counter(); rest=0
    for fr in sel:
        for name,pred in groups:
            if pred(fr): c[name]+=1; break
        else: rest+=1
    print(f, 'samples', n, 'wall', dur)
    for name,_ in groups: print('   %-32s %5d  %5.1f%%  ~%.2f s' % (name, c[name], 100*c[name]/n, c[name]/n*dur))
    print('   %-32s %5d  %5.1f%%' % ('rest', rest, 100*rest/n))
