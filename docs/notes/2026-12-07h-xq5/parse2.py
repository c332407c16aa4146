import re, glob, json, statistics as st
import sys
L='/work/build/xq5/logs'
QP,PP,X=sys.argv[1],sys.argv[2],sys.argv[3]
def q(arm,i):
    t=open(f'{L}/{QP}-{arm}-{i}.txt').read()
    fr=re.search(r'^jfk.wav\s+asr4j\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+(\d+)',t,re.M)
    wa=re.search(r'^jfk.wav\s+asr4j warm\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+(\d+)',t,re.M)
    if not fr or not wa: return None
    return {'fresh encoder':float(fr.group(2)),'fresh prefill':float(fr.group(3)),'fresh total':float(fr.group(5)),
            'warm encoder':float(wa.group(2)),'warm total':float(wa.group(5))}
def w(arm,i):
    try: d=json.load(open(f'{L}/{PP}-card-f16-{arm}-{i}.json'))
    except Exception: return None
    return {'whisper f16 encoder':[p for p in d['passes'] if p['pass']=='encoder'][0]['total_ms']}
rows={}
for i in range(1,9):
    for f in (q,w):
        try: b=f('armM',i); c=f(X,i)
        except FileNotFoundError: continue
        if b and c:
            for k in b: rows.setdefault(k,[]).append((b[k],c[k]))
for k,v in rows.items():
    a=[x for x,_ in v]; b=[y for _,y in v]; d=[y-x for x,y in v]
    print(f"{k}: n={len(v)} gelu3 {st.median(a):.1f} merged {st.median(b):.1f} paired {st.median(d):+.1f} merged lower in {sum(x<0 for x in d)} of {len(v)}")
    print('   gelu3 ',a); print('   merged',b)
