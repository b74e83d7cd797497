#!/usr/bin/env python3
"""Reference numbers for GelmanRubinTest (org.cosmoemu.inference).

Re-implements cobaya's mcmc convergence statistics with numpy, independently of the Java code:
R-1 of the means (cobaya mcmc.py check_convergence_and_learn_proposal) and R-1 of the bounds,
plus numpy's Hazen quantiles for WeightedStats.quantiles with equal weights.

Run:  python3 inference/src/test/scripts/gelman_rubin_reference.py
and paste the printed arrays/numbers into GelmanRubinTest.
"""
import numpy as np

rng = np.random.default_rng(20240611)
m, n, d = 3, 7, 2
x = np.round(rng.normal(size=(m, n, d)) + np.array([[0.0, 0.0], [0.3, -0.2], [-0.1, 0.4]])[:, None, :], 3)
w = rng.integers(1, 4, size=(m, n)).astype(float)

means = np.array([np.average(x[c], weights=w[c], axis=0) for c in range(m)])
covs = np.array([np.cov(x[c].T, fweights=w[c].astype(int)) for c in range(m)])
Ns = w.sum(axis=1)
mean_of_covs = np.average(covs, weights=Ns, axis=0)
cov_of_means = np.atleast_2d(np.cov(means.T))
dinv = np.diag(np.power(np.diag(cov_of_means), -0.5))
corr_of_means = dinv.dot(cov_of_means).dot(dinv)
norm_mean_of_covs = dinv.dot(mean_of_covs).dot(dinv)
L = np.linalg.cholesky(norm_mean_of_covs)
Linv = np.linalg.inv(L)
eig = np.linalg.eigvalsh(Linv.dot(corr_of_means).dot(Linv.T))
rminus1 = max(abs(eig))

# bounds: per-chain lower/upper (here: given numbers), std across chains (ddof=0) / sqrt(diag(W))
lower = np.round(rng.normal(size=(m, d)) - 2, 3)
upper = np.round(rng.normal(size=(m, d)) + 2, 3)
rcl = max(np.max(np.std(lower, axis=0) / np.sqrt(np.diag(mean_of_covs))),
          np.max(np.std(upper, axis=0) / np.sqrt(np.diag(mean_of_covs))))

def jarr(a):
    if a.ndim == 1:
        return "{" + ", ".join(repr(float(v)) for v in a) + "}"
    return "{" + ", ".join(jarr(r) for r in a) + "}"

print("x =", jarr(x))
print("w =", jarr(w))
print("means =", jarr(means))
print("covs =", jarr(covs))
print("meanOfCovs =", jarr(mean_of_covs))
print("rMinus1 =", repr(float(rminus1)))
print("lower =", jarr(lower))
print("upper =", jarr(upper))
print("rMinus1Cl =", repr(float(rcl)))

v = np.round(rng.normal(size=9), 3)
p = np.array([0.0, 0.05, 0.1587, 0.5, 0.8413, 0.97, 1.0])
print("v =", jarr(v))
print("p =", jarr(p))
print("hazen =", jarr(np.quantile(v, p, method="hazen")))
