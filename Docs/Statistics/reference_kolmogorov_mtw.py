import mpmath as mp
mp.mp.dps = 60
def K(n, d):
    d = mp.mpf(d)
    k = int(mp.floor(n*d)) + 1; m = 2*k-1; h = k - n*d
    H = mp.matrix(m, m)
    for i in range(m):
        for j in range(m):
            H[i,j] = 1 if i-j+1 >= 0 else 0
    for i in range(m):
        H[i,0] -= h**(i+1)
        H[m-1,i] -= h**(m-i)
    if 2*h-1 > 0: H[m-1,0] += (2*h-1)**m
    for i in range(m):
        for j in range(m):
            if i-j+1 > 0:
                H[i,j] /= mp.factorial(i-j+1)
    Q = H**n
    return Q[k-1,k-1] * mp.factorial(n) / mp.mpf(n)**n
import sys
for n,d in [(100,0.25),(500,0.03),(1000,0.04),(1000,0.06),(30,0.45),(10,0.274),(2000,0.025)]:
    print(n, d, mp.nstr(1-K(n,d), 20)); sys.stdout.flush()
