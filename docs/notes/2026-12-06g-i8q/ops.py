# per arm: median ms (and GFLOP/s) of each product in the profiled 5-beam and 16-file steps, over every JVM under the given folders
import sys,re,glob,os,statistics as st
ops=['logits','mlp.fc1','mlp.fc2','self_attn.qkv','encoder_attn.qkv','self_attn.out_proj','encoder_attn.out_proj','encoder_attn.attention']
res={}
for d in sys.argv[1:]:
    for f in glob.glob(d+'/*.txt'):
        lab=os.path.basename(f).split('-r')[0]; t=open(f).read()
        for sec_name,nxt in (('5-beam','profile of one 16-file step'),('16-file','by CPU time')):
            if 'profile of one '+sec_name not in t: continue
            sec=t.split('profile of one '+sec_name)[1].split(nxt)[0]
            for op in ops:
                m=re.search(r'\n\s+'+re.escape(op)+r'\s+([\d.]+)\s+\S+\s+\S+\s+\S+\s+([\d.]+)',sec)
                if m: res.setdefault((sec_name,op,lab),[]).append((float(m.group(1)),float(m.group(2))))
for sec_name in ('5-beam','16-file'):
    labs=sorted({k[2] for k in res if k[0]==sec_name})
    print(f"{sec_name}: op | "+" | ".join(f"{l} ms med [range] (GF med)" for l in labs))
    for op in ops:
        row=[]
        for l in labs:
            v=res.get((sec_name,op,l),[])
            if not v: row.append('-'); continue
            ms=[a for a,_ in v]; gf=[b for _,b in v]
            row.append(f"{st.median(ms):.3f} [{min(ms):.3f}-{max(ms):.3f}] ({st.median(gf):.1f})")
        print(f"| {op} | "+" | ".join(row)+" |")
