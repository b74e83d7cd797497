#!/usr/bin/env python3
"""Reference linear growth D(z)/D(0) and f(z) for LinearGrowthTest, computed independently of the Java code.

Same physics as org.cosmoemu.theory.LinearGrowth (sub-horizon growth of CDM+baryons, massive neutrinos in H(a)
only), but: its own background (CLASS constants, massive-neutrino density/pressure by scipy.integrate.quad on a
fine grid, cubic spline in ln y), scipy's DOP853 integrator at rtol 1e-12 started at a = 1e-6, and for the
radiation-free LCDM case the closed-form Heath integral D ∝ E(a) ∫ da / (a E)^3.

Run:  python3 theory/src/test/scripts/growth_reference.py
"""
import numpy as np
from scipy.integrate import quad, solve_ivp
from scipy.interpolate import CubicSpline

c, G, kB, hP, eV, Mpc = 2.99792458e8, 6.67428e-11, 1.3806504e-23, 6.62606896e-34, 1.602176487e-19, 3.085677581282e22
sigB = 2 * np.pi**5 * kB**4 / (15 * hP**3 * c**2)
J0 = 7 * np.pi**4 / 120

lny = np.linspace(np.log(1e-7), np.log(1e5), 2401)
fd = lambda q: 1 / (np.exp(q) + 1)
R = np.array([quad(lambda q: q * q * np.sqrt(q * q + y * y) * fd(q), 0, 80, points=[y], limit=200)[0] / J0
              for y in np.exp(lny)])
P = np.array([quad(lambda q: q**4 / (3 * np.sqrt(q * q + y * y)) * fd(q), 0, 80, points=[y], limit=200)[0] / J0
              for y in np.exp(lny)])
Rs, Ps = CubicSpline(lny, np.log(R)), CubicSpline(lny, np.log(P))


def background(ob, oc, h, masses=(0.06,), Nur=2.0328, Tn=0.71611, T=2.7255):
    Og = 4 * sigB / c * T**4 / (3 * c * c * 1e10 * h * h / Mpc**2 / (8 * np.pi * G))
    Our = Nur * 7 / 8 * (4 / 11)**(4 / 3) * Og
    On1 = 7 / 8 * Tn**4 * Og
    y0 = [m * eV / (kB * Tn * T) for m in masses]
    Ocb = (ob + oc) / h / h
    OL = 1 - Og - Our - Ocb - sum(On1 * np.exp(Rs(np.log(y))) for y in y0)

    def e2(a):
        nu = sum(On1 * np.exp(Rs(np.log(y * a))) for y in y0)
        return (Og + Our + nu) / a**4 + Ocb / a**3 + OL

    def rho_plus_p(a):
        nu = sum(On1 * (np.exp(Rs(np.log(y * a))) + np.exp(Ps(np.log(y * a)))) for y in y0)
        return (4 / 3 * (Og + Our) + nu) / a**4 + Ocb / a**3

    return e2, rho_plus_p, Ocb, OL


def growth(ob, oc, h, zs, **kw):
    e2, rpp, Ocb, OL = background(ob, oc, h, **kw)

    def rhs(n, y):
        a = np.exp(n)
        E2 = e2(a)
        return [y[1], -(2 - 1.5 * rpp(a) / E2) * y[1] + 1.5 * Ocb / (a**3 * E2) * y[0]]

    ai = 1e-6
    aeq = (e2(ai) - Ocb / ai**3 - OL) * ai**4 / Ocb
    sol = solve_ivp(rhs, [np.log(ai), 0], [aeq + 1.5 * ai, 1.5 * ai], method="DOP853", rtol=1e-12, atol=1e-30,
                    dense_output=True)
    Y = sol.sol(-np.log1p(np.array(zs)))
    return Y[0] / sol.sol(0.0)[0], Y[1] / Y[0]


def heath(Om, zs):
    E = lambda a: np.sqrt(Om / a**3 + 1 - Om)
    I = lambda a: quad(lambda x: 1 / (x * E(x))**3, 0, a, epsabs=0, epsrel=1e-13)[0]
    D = lambda a: E(a) * I(a)
    out_d, out_f = [], []
    for z in zs:
        a = 1 / (1 + z)
        out_d.append(D(a) / D(1.0))
        out_f.append(-1.5 * Om / (a**3 * E(a)**2) + 1 / (a**2 * E(a)**3 * I(a)))
    return np.array(out_d), np.array(out_f)


zs = [0.0, 0.295, 0.51, 1.0, 2.33, 5.0, 20.0]
print("z =", zs)
for label, args, kw in [("planck", (0.02237, 0.1200, 0.6736), {}),
                        ("two_massive", (0.0220, 0.1100, 0.70), dict(masses=(0.1, 0.05), Nur=1.0196))]:
    d, f = growth(*args, zs, **kw)
    print(label, "D/D0 =", ", ".join(f"{v:.12g}" for v in d))
    print(label, "f    =", ", ".join(f"{v:.12g}" for v in f))
d, f = heath(0.3, zs)
print("heath_Om0.3 D/D0 =", ", ".join(f"{v:.12g}" for v in d))
print("heath_Om0.3 f    =", ", ".join(f"{v:.12g}" for v in f))
