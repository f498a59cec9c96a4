import mpmath as mp, sys
exec(open("reference_kolmogorov_mtw.py").read().split("import sys")[0])
print("// 1 - K(n, d): the Marsaglia-Tsang-Wang matrix power evaluated in 60-digit mpmath arithmetic")
for n,d in [(1,0.7),(5,0.3),(10,0.274),(20,0.1),(50,0.2),(100,0.05),(100,0.12),(100,0.25),(500,0.03),(1000,0.04),(1000,0.06),(2000,0.025),(10,0.6),(30,0.45)]:
    print(f"({n}, {d!r}, {float(1-K(n,d))!r}),"); sys.stdout.flush()
