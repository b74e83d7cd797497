#!/usr/bin/env python3
"""Reference values of the massive-neutrino Fermi-Dirac integrals used by FermiDiracNeutrinosTest.

R(y) = int q^2 sqrt(q^2+y^2) f(q) dq / J0,  P(y) = int q^4 / (3 sqrt(q^2+y^2)) f(q) dq / J0,
f(q) = 1/(e^q+1), J0 = 7 pi^4 / 120, computed with mpmath at 30 significant digits (independent of the Java
quadrature, table and asymptotic series).

Run:  python3 theory/src/test/scripts/fermi_dirac_reference.py
"""
import mpmath as mp

mp.mp.dps = 30
J0 = 7 * mp.pi**4 / 120


def moments(y):
    f = lambda q: 1 / (mp.exp(q) + 1)
    pts = [0, y / 4, y, 1, 5, 20, 60, 200] if y > 0 else [0, 1, 5, 20, 60, 200]
    pts = sorted(set(p for p in pts))
    rho = mp.quad(lambda q: q**2 * mp.sqrt(q**2 + y**2) * f(q), pts)
    p = mp.quad(lambda q: q**4 / (3 * mp.sqrt(q**2 + y**2)) * f(q), pts)
    return rho / J0, p / J0


for y in ["1e-4", "1e-3", "0.0123", "0.1", "0.5", "1", "3.567", "10", "35.67", "99.9", "100.1", "356.7", "1000", "1e4"]:
    r, p = moments(mp.mpf(y))
    print(f"{{{y}, {mp.nstr(r, 17)}, {mp.nstr(p, 17)}}},")
