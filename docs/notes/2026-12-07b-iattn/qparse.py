import json,sys,statistics as st
# usage: qparse.py qab*.out : cold (run 0) / warm (run 1) encoder and prefill per JVM, medians, paired diffs (B - A)
R={}
for f in sys.argv[1:]:
    cur=None
    for line in open(f):
        if line.startswith('== '):
            _,v,i,_t=line.split(); cur=(v,int(i))
        elif line.startswith('{') and cur:
            R[cur]=json.loads(line)['runs']
pairs=sorted({i for (_,i) in R if ('A',i) in R and ('B',i) in R})
for key in ['encoder_ms','prefill_ms','decode_ms','mel_ms','total_ms']:
    for run,name in [(0,'cold'),(1,'warm')]:
        a=[R[('A',i)][run][key] for i in pairs]; b=[R[('B',i)][run][key] for i in pairs]; d=[y-x for x,y in zip(a,b)]
        print('%-11s %s: A median %7.1f  B median %7.1f  paired diff median %+6.1f ms  B lower %d/%d   diffs %s'%(key,name,st.median(a),st.median(b),st.median(d),sum(x<0 for x in d),len(d),' '.join('%+.0f'%x for x in d)))
