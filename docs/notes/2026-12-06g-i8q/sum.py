import sys,re,glob,os
ops=['logits','mlp.fc1','mlp.fc2','self_attn.qkv','encoder_attn.qkv','self_attn.out_proj','encoder_attn.out_proj']
for f in sorted(glob.glob(sys.argv[1]+'/*.txt'), key=lambda x:(int(re.search(r'-r(\d+)',x).group(1)), x)):
    t=open(f).read()
    st=re.search(r'== \S+ r\d+ (\S+) load ([\d.]+)',t); en=re.search(r'== end (\S+) load ([\d.]+)',t)
    g=re.search(r'greedy step\s+([\d.]+) ms',t); b=re.search(r'5 beams, one step\s+([\d.]+) ms\s+\(([\d.]+)x',t)
    s=re.search(r'16 files, one step\s+([\d.]+) ms\s+\(([\d.]+) ms per file, ([\d.]+)x',t)
    h=re.search(r'heap allocated per step on the calling thread: greedy ([\d.]+) KB, 5 beams ([\d.]+) KB, 16 files ([\d.]+) KB',t)
    # 5-beam profile section
    sec=t.split('profile of one 5-beam step')[1].split('profile of one 16-file step')[0] if 'profile of one 5-beam step' in t else ''
    per={}
    for op in ops:
        m=re.search(r'\n\s+'+re.escape(op)+r'\s+([\d.]+)\s+\S+\s+\S+\s+\S+\s+([\d.]+)',sec)
        if m: per[op]=(float(m.group(1)),m.group(2))
    prod=sum(v[0] for v in per.values())
    xa=re.search(r'\n\s+encoder_attn.attention\s+([\d.]+)',sec)
    sec16=t.split('profile of one 16-file step')[1] if 'profile of one 16-file step' in t else ''
    p16=0
    for op in ops:
        m=re.search(r'\n\s+'+re.escape(op)+r'\s+([\d.]+)',sec16)
        if m: p16+=float(m.group(1))
    name=os.path.basename(f)[:-4]
    print(f"| {name} ({st.group(1)}, {st.group(2)}) | {g.group(1)} | {b.group(1)} ({b.group(2)}) | {s.group(1)} ({s.group(3)}) | {prod:.2f} (logits {per['logits'][0]:.3f} / {per['logits'][1]} GF) | {xa.group(1)} | {p16:.2f} | {'/'.join(h.groups())} |")
# medians per arm (label before -r)
import statistics as st2
arms={}
for f in glob.glob(sys.argv[1]+'/*.txt'):
    t=open(f).read(); lab=os.path.basename(f).split('-r')[0]
    g=re.search(r'greedy step\s+([\d.]+) ms',t); b=re.search(r'5 beams, one step\s+([\d.]+) ms',t); s=re.search(r'16 files, one step\s+([\d.]+) ms\s+\(([\d.]+) ms per file',t)
    if not (g and b and s): continue
    a=arms.setdefault(lab,{'g':[],'b':[],'f':[],'rb':[],'rf':[]})
    G=float(g.group(1)); B=float(b.group(1)); F=float(s.group(2))
    a['g'].append(G); a['b'].append(B); a['f'].append(F); a['rb'].append(B/G); a['rf'].append(F/G)
for lab,a in sorted(arms.items()):
    print(lab, len(a['g']), ' '.join(f"{k}: med {st2.median(v):.3f} [{min(v):.3f}-{max(v):.3f}]" for k,v in a.items()))
