import numpy as np, mpmath as mp
mp.mp.dps=40
L=14.5
f32=np.float32
c=float(f32(1.2533141373155003))
def R(a): return mp.exp(a*a/2)*mp.erfc(a/mp.sqrt(2))
wmin=c/(L+c)
wm=float(f32((1+wmin)/2)); hw=max(1-wm, wm-wmin)*1.0005
def F(u):
    w=mp.mpf(u)+mp.mpf(wm); a=mp.mpf(c)*(1-w)/w
    return R(a)*mp.mpf(c)/w
deg=16
N=300
k=np.arange(N); s=np.cos(np.pi*(k+0.5)/N)
f=np.array([float(F(x*hw)) for x in s])
co=np.polynomial.chebyshev.chebfit(s,f,deg,w=1/f)
mono=np.polynomial.chebyshev.cheb2poly(co)
pu=mono/hw**np.arange(deg+1)
# check
ss=np.linspace(-1,1,3001)
ft=np.array([float(F(x*hw)) for x in ss])
print('approx rel err %.2e'%np.max(np.abs(np.polynomial.polynomial.polyval(ss*hw,pu)/ft-1)))
p0hi=float(f32(pu[0])); p0lo=float(f32(pu[0]-p0hi))
print('c=%r wm=%r'%(float(f32(c)),wm))
print('P0_HI=%r P0_LO=%r'%(float(f32(p0hi)),p0lo))
print('POLY = {'+', '.join(repr(float(f32(x)))+'f' for x in pu)+'}')
print('Frange',ft.min(),ft.max(), 'u range', (wmin-wm), 1-wm)
