import mpmath as mp
mp.mp.dps=50
def cdf(t,nu):
    t=mp.mpf(t); nu=mp.mpf(nu)
    x=nu/(nu+t*t)
    low=mp.betainc(nu/2,mp.mpf(1)/2,0,x,regularized=True)/2
    return low if t<=0 else 1-low
print("// Student t CDF: 1/2 I_{nu/(nu+t^2)}(nu/2, 1/2) in 50-digit mpmath")
for t,df in [(-3.0,1.0),(0.5,1.0),(-2.0,2.0),(1.7,3.0),(-2.5,4.5),(0.1,10.0),(-40.0,5.0),(3.0,30.0),(-1.0,1000.0),(2.0,99999.0),(-2.0,1e6),(4.0,1e9),(-1e10,3.0),(-3.0,2e5)]:
    print(f"({t!r}, {df!r}, {float(cdf(t,df))!r}),")
print("// Student t quantile: mpmath.findroot on that CDF")
import scipy.stats as st
for p,df in [(0.975,1.0),(0.975,2.0),(0.975,3.0),(0.025,4.0),(0.995,5.0),(0.9,7.5),(0.5000001,10.0),(1e-10,3.0),(1e-30,10.0),(0.975,29.0),(0.975,999.0),(0.95,99999.0),(0.975,1e6),(0.999,20.0),(0.6,0.5),(1e-300,50.0)]:
    pp=mp.mpf(p)
    r=mp.findroot(lambda t: cdf(t,df)-pp, mp.mpf(st.t.ppf(p,df)), tol=mp.mpf(10)**-40)
    print(f"({p!r}, {df!r}, {float(r)!r}),")
