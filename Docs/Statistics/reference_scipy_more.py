import scipy.stats as st, numpy as np, mpmath as mp
import scipy.special as sc
f=repr
print("// Student t CDF: scipy.stats.t.cdf(t, df)")
for t,df in [(-3.0,1.0),(0.5,1.0),(-2.0,2.0),(1.7,3.0),(-2.5,4.5),(0.1,10.0),(-40.0,5.0),(3.0,30.0),(-1.0,1000.0),(2.0,99999.0),(-2.0,1e6),(4.0,1e9),(-1e10,3.0)]:
    print(f"({f(t)}, {f(df)}, {f(float(st.t.cdf(t,df)))}),")
print("// Student t quantile: scipy.stats.t.ppf(p, df)")
for p,df in [(0.975,1.0),(0.975,2.0),(0.975,3.0),(0.025,4.0),(0.995,5.0),(0.9,7.5),(0.5000001,10.0),(1e-10,3.0),(1e-30,10.0),(0.975,29.0),(0.975,999.0),(0.95,99999.0),(0.975,1e6),(0.999,20.0),(0.6,0.5)]:
    print(f"({f(p)}, {f(df)}, {f(float(st.t.ppf(p,df)))}),")
print("// type 7 quantiles: numpy.quantile(x, p) (method='linear')")
x=[3.1,-0.4,2.2,7.9,0.0,5.5,-2.3,1.1,4.4]
for p in [0,0.05,0.1,0.25,0.333,0.5,0.9,0.95,1]:
    print(f"({f(p)}, {f(float(np.quantile(x,p)))}),")
a=[0.2,1.5,-0.7,3.3,2.8]; b=[0.1,-1.2,4.0]
print("// w1: scipy.stats.wasserstein_distance", f(float(st.wasserstein_distance(a,b))))
c=[1,1,2,5,5,5,9]; d=[0,2,2,3,10,10]
print("// w1 ties:", f(float(st.wasserstein_distance(c,d))))
p=[0.1,0.2,0.3,0.4]; q=[0.25,0.25,0.25,0.25]
print("// KL scipy.stats.entropy(p,q)", f(float(st.entropy(p,q))), "entropy(p)", f(float(st.entropy(p))), "bits", f(float(st.entropy(p,base=2))))
cnt=[3,0,5,2]; cq=[1,1,1,1]
print("// counts KL", f(float(st.entropy(cnt,cq))), "H", f(float(st.entropy(cnt))))
