import mpmath as mp
mp.mp.dps=60
def cdf(t,nu):
    t=mp.mpf(t); nu=mp.mpf(nu)
    x=nu/(nu+t*t)
    return mp.betainc(nu/2,mp.mpf(1)/2,0,x,regularized=True)/2
out=[]
for nu in [1e5,1e6,1e7,1e9,1e12]:
    for t in [-0.5,-2.0,-5.0,-10.0,-30.0]:
        out.append(f"({t!r}, {nu!r}, {float(cdf(t,nu))!r}),")
print("\n".join(out))
import mpmath as mp
mp.mp.dps=60
def cdf(t,nu):
    t=mp.mpf(t); nu=mp.mpf(nu)
    x=nu/(nu+t*t)
    return mp.betainc(nu/2,mp.mpf(1)/2,0,x,regularized=True)/2
out=[]
for nu in [1e3, 1e4,3e4,1e5]:
    for t in [-0.5,-1.0,-1.6448536269514722,-2.0,-3.0,-4.0,-5.0,-8.0]:
        out.append(f"({t!r}, {nu!r}, {float(cdf(t,nu))!r}),")
print("\n".join(out))
