import numpy as np, scipy.stats as st
f=repr
x=np.array([3.1,-0.4,2.2,7.9,0.0,5.5,-2.3,1.1,4.4])
m=x.mean(); se=st.sem(x)
print("// scipy.stats.t.interval(level, n-1, loc=mean, scale=sem)")
for lv in [0.9,0.95,0.99]:
    lo,hi=st.t.interval(lv,len(x)-1,loc=m,scale=se); print(f(lv), f(float(lo)), f(float(hi)))
print("mean var", f(float(m)), f(float(x.var(ddof=1))), f(float(x.var())), f(float(se)))
w=np.array([1.0,2.0,0.5,3.0,1.5,1.0,2.5,0.25,4.0])
print("// numpy.average(x, weights=w), numpy.cov(x, aweights=w), numpy.cov(x, fweights=...)")
print("wmean", f(float(np.average(x,weights=w))), "rel", f(float(np.cov(x,aweights=w))))
fw=np.array([1,2,1,3,1,1,2,1,4])
print("fmean", f(float(np.average(x,weights=fw))), "freq", f(float(np.cov(x,fweights=fw))))
