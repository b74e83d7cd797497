#!/usr/bin/env python3
"""scipy reference numbers for InterpolatingSplineTest / BicubicGridSplineTest and the tabulated BAO likelihoods.

Builds exactly what cobaya builds (cobaya/likelihoods/base_classes/bao.py):
  MGS:   UnivariateSpline(linspace(0.8005, 1.1985, 399), -chi2/2, s=0)            (sdss_MGS_prob.txt)
  ELG:   UnivariateSpline(DV/rd column, log(prob), s=0, ext=2)                     (sdss_DR16_ELG_BAO_DVtable.txt)
  Lya:   RectBivariateSpline(unique(DM/rd), unique(DH/rd), log(prob).reshape, kx=3, ky=3)
plus a synthetic, non-uniformly spaced case (formula repeated in the Java test) and its derivative
(InterpolatedUnivariateSpline + derivative(), as the Planck low-l TT likelihood uses).

Run (from the repository root):
  python3 likelihoods/src/test/scripts/spline_reference.py ../shared/data/likelihoods/bao
"""
import sys
import numpy as np
from scipy.interpolate import UnivariateSpline, InterpolatedUnivariateSpline, RectBivariateSpline

d = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/likelihoods/bao"


def fmt(a):
    return ", ".join(repr(float(v)) for v in np.atleast_1d(a))


# Synthetic: x_i = i + 0.3 sin(i), y_i = sin(x_i) + 0.1 x_i^2, i = 0..19
i = np.arange(20)
xs = i + 0.3 * np.sin(i)
ys = np.sin(xs) + 0.1 * xs**2
s = InterpolatedUnivariateSpline(xs, ys)
q = np.array([-0.5, 0.0, 0.37, 1.0, 2.718, 5.5, 10.01, 17.3, xs[-1], 19.9])
print("synthetic knots =", fmt(s.get_knots()))
print("synthetic coeffs(first 6) =", fmt(s.get_coeffs()[:6]))
print("synthetic q =", fmt(q))
print("synthetic value =", fmt(s(q)))
print("synthetic deriv =", fmt(s.derivative()(q)))

chi2 = np.loadtxt(f"{d}/sdss_MGS_prob.txt")
alpha = np.linspace(0.8005, 1.1985, len(chi2))
mgs = UnivariateSpline(alpha, -chi2 / 2, s=0)
qa = np.array([0.8005, 0.80051, 0.8123456, 0.9, 0.95, 1.0, 1.0234567, 1.05, 1.1, 1.1984, 1.1985])
print("mgs q =", fmt(qa))
print("mgs value =", fmt(mgs(qa)))
print("mgs nknots =", len(mgs.get_knots()))

g = np.loadtxt(f"{d}/sdss_DR16_ELG_BAO_DVtable.txt")
elg = UnivariateSpline(g[:, 0], np.log(g[:, 1]), s=0, ext=2)
qe = np.array([g[0, 0], 15.0, 17.77, 18.5, 19.123, 20.0, 22.0, g[-1, 0]])
print("elg q =", fmt(qe))
print("elg value =", fmt(elg(qe)))

for name in ["LYAUTO", "LYxQSO"]:
    g = np.loadtxt(f"{d}/sdss_DR16_{name}_BAO_DMDHgrid.txt")
    x, y = np.unique(g[:, 0]), np.unique(g[:, 1])
    sp = RectBivariateSpline(x, y, np.reshape(np.log(g[:, 2]), [len(x), len(y)]), kx=3, ky=3)
    pts = [(x[0], y[0]), (37.5, 8.9), (39.1234, 8.47), (41.0, 9.5), (33.3, 7.2), (46.9, 10.3), (x[-1], y[-1])]
    print(name, "points =", ", ".join(f"{{{float(a)!r}, {float(b)!r}}}" for a, b in pts))
    print(name, "value =", fmt([sp(a, b)[0, 0] for a, b in pts]))
