#!/usr/bin/env python3
"""Reference values for LowlLikelihoodsTest: cobaya's native Planck low-l TT and EE algorithms
(cobaya/likelihoods/planck_2018_lowl/{TT,EE}.py, transcribed below with scipy) applied to SYNTHETIC tables
(the real data files are not available). The tables are defined by formulas that use only correctly rounded
operations (+ - * / sqrt, min/max, numpy.linspace), so the Java test rebuilds them bit for bit.

TT tables (30 multipoles l = 2..31, so the l <= 29 cut is exercised; 1000 knots):
  m_i = 1000 + 50 i, s_i = 100 + 5 i                      (i = l - 2)
  cl2x_1[:, i] = linspace(0, 2 m_i, 1000)
  cl2x_2[j, i] = min(5, max(-5, 6 u / sqrt(u^2 + s_i^2))), u = cl2x_1[j, i] - m_i
  cov[i, k] = 0.3^|i-k| * (1 + 0.01 i),  mu[i] = 0.05 * ((i % 7) - 3),  mu_sigma[i] = m_i + 7
EE table (3000 x 28): table[k, c] = -0.5 * ((k * 1e-4 - (0.01 + 0.001 c)) / 0.004)^2
Theory: TT D_l = m_i + 3 * ((7 * i) % 11) - 15;  EE D_l = 0.01 + 0.001 c + 0.000037 * ((3 c) % 5) - 0.000083

Run:  python3 likelihoods/src/test/scripts/lowl_reference.py
"""
import numpy as np
from scipy.interpolate import InterpolatedUnivariateSpline

n, nb = 30, 1000
i = np.arange(n)
m = 1000.0 + 50.0 * i
s = 100.0 + 5.0 * i
cl1 = np.empty((nb, n))
cl2 = np.empty((nb, n))
for c in range(n):
    cl1[:, c] = np.linspace(0.0, 2 * m[c], nb)
    u = cl1[:, c] - m[c]
    cl2[:, c] = np.minimum(5.0, np.maximum(-5.0, 6.0 * u / np.sqrt(u * u + s[c] * s[c])))
cov = np.array([[0.3 ** abs(a - b) * (1 + 0.01 * a) for b in range(n)] for a in range(n)])
cov = 0.5 * (cov + cov.T)  # symmetric (the Java test builds the same)
mu = 0.05 * ((i % 7) - 3.0)
mu_sigma = m + 7.0

lmin, lmax = 2, 29
sl = slice(lmin - 2, lmax + 1 - 2)
covinv = np.linalg.inv(cov[sl, sl])
mu_c = mu[sl]
spl, dspl, bounds = [], [], []
for c in range(lmax - lmin + 1):
    j = 0
    while abs(cl2[j, c] + 5) < 1e-4:
        j += 1
    lo = cl1[j + 2, c]
    j = nb - 1
    while abs(cl2[j, c] - 5) < 1e-4:
        j -= 1
    hi = cl1[j - 2, c]
    bounds.append((lo, hi))
    sp = InterpolatedUnivariateSpline(cl1[:, c], cl2[:, c])
    spl.append(sp)
    dspl.append(sp.derivative())


def loglike(theory, offset):
    if any(t < b[0] or t > b[1] for t, b in zip(theory, bounds)):
        return -np.inf
    logl = 0.0
    x = np.zeros_like(theory)
    for k, t in enumerate(theory):
        d = dspl[k](t)
        if d < 0:
            return -np.inf
        logl += np.log(d)
        x[k] = spl[k](t)
    delta = x - mu_c
    return logl - 0.5 * covinv.dot(delta).dot(delta) - offset


offset = loglike(mu_sigma[sl], 0.0)
dl = (m + 3.0 * ((7 * i) % 11) - 15.0)[sl]
print("TT bounds l=2:", [float(v) for v in bounds[0]], " l=29:", [float(v) for v in bounds[-1]])
print("TT lnL(mu_sigma) =", repr(float(loglike(mu_sigma[sl], offset))))
print("TT lnL(theory, A=1) =", repr(float(loglike(dl, offset))))
print("TT lnL(theory, A=1.01) =", repr(float(loglike(dl / 1.01**2, offset))))

c = np.arange(28)
table = np.array([[-0.5 * ((k * 1e-4 - (0.01 + 0.001 * cc)) / 0.004) ** 2 for cc in c] for k in range(3000)])
ee = 0.01 + 0.001 * c + 0.000037 * ((3 * c) % 5) - 0.000083
for cal in (1.0, 1.01):
    idx = (ee / (cal**2 * 1e-4)).astype(int)
    print(f"EE lnL(A={cal}) =", repr(float(np.take_along_axis(table, idx[np.newaxis, :], 0).sum())))
