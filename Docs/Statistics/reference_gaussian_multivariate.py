import mpmath as mp
mp.mp.dps = 40
S1 = mp.matrix([[2, 0.3, 0.1],[0.3, 1, -0.2],[0.1, -0.2, 0.5]])
S2 = mp.matrix([[1, -0.4, 0],[-0.4, 1.5, 0.3],[0, 0.3, 0.8]])
m1 = mp.matrix([0.1, -0.5, 1]); m2 = mp.matrix([0, 0.2, 0.7])
def kl(m1,S1,m2,S2):
    d = S1.rows; S2i = S2**-1; dm = m2-m1
    tr = sum((S2i*S1)[i,i] for i in range(d))
    return (tr + (dm.T*S2i*dm)[0] - d + mp.log(mp.det(S2)) - mp.log(mp.det(S1)))/2
def w2(m1,S1,m2,S2):
    R = mp.sqrtm(S2); C = mp.sqrtm(R*S1*R)
    d=S1.rows; dm=m1-m2
    return sum(dm[i]**2 for i in range(d)) + sum(S1[i,i]+S2[i,i]-2*C[i,i] for i in range(d))
print("// mpmath 1.3.0, 40 digits: KL and W2^2 for the 3-d example")
print("KL12", repr(float(kl(m1,S1,m2,S2))), "KL21", repr(float(kl(m2,S2,m1,S1))))
print("W2sq", repr(float(w2(m1,S1,m2,S2))), repr(float(w2(m2,S2,m1,S1))))
