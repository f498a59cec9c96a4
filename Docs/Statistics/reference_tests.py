import scipy.stats as st, numpy as np
f=repr
print("// kstwo.sf(d, n)")
for n,d in [(1,0.7),(5,0.3),(10,0.274),(20,0.1),(50,0.2),(100,0.05),(100,0.12),(100,0.25),(500,0.03),(1000,0.04),(1000,0.06),(2000,0.025),(10,0.6),(30,0.45)]:
    print(f"({n}, {f(d)}, {f(float(st.kstwo.sf(d,n)))}),")
print("// kstwobign.sf")
for l in [0.3,0.8,1.0,1.18,1.36,2.0,3.0]:
    print(f"({f(l)}, {f(float(st.kstwobign.sf(l)))}),")
a=[0.61,-1.22,0.05,2.31,-0.47,1.08,-0.93,0.35,-1.76,0.88,0.12,-0.29]
b=[1.41,0.72,2.05,-0.15,1.93,0.66,1.27,2.84,0.38]
r=st.kstest(a,'norm'); print("// kstest(a,'norm')", f(float(r.statistic)), f(float(r.pvalue)))
r=st.ks_2samp(a,b,method='exact'); print("// ks_2samp exact", f(float(r.statistic)), f(float(r.pvalue)))
rng=np.random.default_rng(1)
c=list(np.round(rng.normal(size=60),3)); d=list(np.round(rng.normal(0.5,1,size=45),3))
r=st.ks_2samp(c,d,method='exact'); print("// c,d exact", f(float(r.statistic)), f(float(r.pvalue)))
print("c=",c); print("d=",d)
print("// chisquare")
o=[16,18,16,14,12,12]; e=[16,16,16,16,16,8]
r=st.chisquare(o,e); print(f(float(r.statistic)), f(float(r.pvalue)))
o=[30,14,34,45,57,20]; e=[20,20,30,40,60,30]
r=st.chisquare(o,e,ddof=1); print(f(float(r.statistic)), f(float(r.pvalue)))
o=[200,10]; e=[105,105]
r=st.chisquare(o,e); print(f(float(r.statistic)), f(float(r.pvalue)))
