import sys,re,glob,os
ops=['logits','mlp.fc1','mlp.fc2','self_attn.qkv','encoder_attn.qkv','self_attn.out_proj','encoder_attn.out_proj']
for f in sorted(glob.glob(sys.argv[1]+'/*.txt'), key=lambda x:(int(re.search(r'-r(\d+)',x).group(1)), x)):
    t=open(f).read()
    i=t.find('profile of one 16-file step')
    if i<0: continue
    sec=t[i:]
    vals=[]
    tot=0
    for op in ops:
        m=re.search(r'\n\s+'+re.escape(op)+r'\s+([\d.]+)\s+\S+\s+\S+\s+\S+\s+([\d.]+)',sec)
        vals.append(f"{op.split('.')[-1] if op!='encoder_attn.qkv' and op!='encoder_attn.out_proj' else 'x'+op.split('.')[-1]} {m.group(1)}({m.group(2)})")
        tot+=float(m.group(1))
    print(os.path.basename(f)[:-4], 'products %.2f ms |'%tot, ' '.join(vals))
