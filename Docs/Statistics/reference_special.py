import mpmath as mp
import scipy.special as sc, scipy.stats as st
mp.mp.dps = 40
def f(x): return repr(float(x))
print("// digamma: mpmath.digamma (40 digits)")
for x in [1e-8, 0.1, 0.5, 1.0, 1.4616321449683622, 2.5, 7.3, 10.0, 123.456, 1e6, -0.5, -2.7]:
    print(f"({f(x)}, {f(mp.digamma(mp.mpf(x)))}),")
print("// logGamma: mpmath.loggamma")
for x in [1e-10, 0.5, 1.5, 3.0, 10.5, 1000.25, 1e8]:
    print(f"({f(x)}, {f(mp.loggamma(mp.mpf(x)))}),")
print("// P, Q: mpmath.gammainc(regularized=True)")
for a,x in [(0.5,0.1),(1.0,1.0),(3.0,2.5),(3.0,20.0),(10.0,3.0),(10.0,10.0),(10.0,60.0),(50.0,49.0),(0.01,0.9),(1e4,1e4+100),(1e4,9800.0),(2.5,200.0),(100.0,300.0),(1e6,1e6),(1e6,1.003e6)]:
    P = mp.gammainc(mp.mpf(a),0,mp.mpf(x),regularized=True); Q = mp.gammainc(mp.mpf(a),mp.mpf(x),mp.inf,regularized=True)
    print(f"({f(a)}, {f(x)}, {f(P)}, {f(Q)}),")
print("// I_x(a,b): mpmath.betainc(regularized=True)")
for a,b,x in [(0.5,0.5,0.3),(2.0,3.0,0.4),(5.0,0.5,0.99),(0.5,5.0,0.001),(10.0,20.0,0.3),(100.0,200.0,0.4),(1.0,1.0,0.77),(2.5,0.5,0.999999),(50.0,0.5,0.1),(1000.0,1000.0,0.49)]:
    print(f"({f(a)}, {f(b)}, {f(x)}, {f(mp.betainc(mp.mpf(a),mp.mpf(b),0,mp.mpf(x),regularized=True))}),")
print("// Phi: mpmath.ncdf")
for x in [-38.0,-30.0,-20.0,-10.0,-5.0,-1.96,-0.5,0.0,0.3,1.0,3.0,8.0]:
    print(f"({f(x)}, {f(mp.ncdf(mp.mpf(x)))}),")
print("// quantile: -sqrt(2)*erfcinv(2p) in mpmath")
for p in [1e-300,1e-100,1e-20,1e-10,1e-5,0.001,0.025,0.075,0.2,0.5,0.6,0.9,0.975,0.999,1-1e-10]:
    pp = mp.mpf(p)
    q = mp.sqrt(2)*mp.erfinv(2*pp-1) if p>1e-3 and p<0.999 else None
    if q is None:
        q = mp.findroot(lambda z: mp.ncdf(z)-pp, sc.ndtri(p))
    print(f"({f(p)}, {f(q)}),")
print("// log binom: mpmath")
for n,k in [(10,3),(100,50),(1000,1),(10**9,2),(10**6,500000),(10**15,40),(60,31)]:
    print(f"({n}, {k}, {f(mp.log(mp.binomial(n,k)))}),")
