import sys,re,glob,os
for f in sorted(glob.glob(sys.argv[1]+'/*.txt'), key=lambda x:(int(re.search(r'-r(\d+)',x).group(1)), x)):
    t=open(f).read()
    g=re.search(r'greedy step\s+([\d.]+) ms',t); b=re.search(r'5 beams, one step\s+([\d.]+) ms\s+\(([\d.]+)x',t)
    s=re.search(r'16 files, one step\s+([\d.]+) ms\s+\(([\d.]+) ms per file, ([\d.]+)x',t)
    h=re.search(r'heap allocated per step on the calling thread: greedy ([\d.]+) KB, 5 beams ([\d.]+) KB, 16 files ([\d.]+) KB',t)
    xa=re.findall(r'encoder_attn.attention\s+([\d.]+)\s+\S+\s+\S+\s+([\d.]+)',t)
    ld=re.findall(r'load ([\d.]+)',t)
    print(os.path.basename(f)[:-4], 'load',ld[0],'->',ld[-1] if ld else '', '| greedy',g and g.group(1),'| 5b',b and b.group(1),b and b.group(2),'| 16f',s and s.group(1),s and s.group(3),'| xattn g/5b/16f',' '.join(a+'('+gb+')' for a,gb in xa),'| heap',h and '/'.join(h.groups()))
