#!/usr/bin/env python3
"""Independent NumPy re-implementation of the CMB lensing likelihoods, used to cross-check the Java code.

Written from the SPEC.md files under likelihoods/{act_dr6_lenslike,planck2018_lensing,planck_pr4_lensing}
(which describe act_dr6_lenslike.py and cobaya's CMBlikes), with plain dense linear algebra (np.linalg.inv),
no code shared with the Java implementation.

Usage (from the repository root):
    python3 likelihoods/src/test/scripts/lensing_check.py [DATA_DIR]
DATA_DIR defaults to ../shared/data. Prints every value the Java tests assert against.
"""
import os
import sys
import numpy as np

DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '../../../../../shared/data')
LIK = os.path.join(DATA, 'likelihoods')
ACT = os.path.join(LIK, 'act_dr6_lenslike')
V12 = os.path.join(ACT, 'v1.2')
CANDL = os.path.join(ACT, 'candl_ACT_DR6_Lens_v1')
P18 = os.path.join(LIK, 'planck2018_lensing', '2018')
PR4 = os.path.join(LIK, 'planck_pr4_lensing', 'data_pr4')
NLEN = 3000  # trim_lmax 2998 + 2


# ---------------------------------------------------------------- theory inputs (all on L = 0 .. n-1)
def on_grid(ls, vals, n):
    out = np.zeros(n)
    ls = ls.astype(int)
    keep = ls < n
    out[ls[keep]] = vals[keep]
    return out


def cosmo2017(n=NLEN):
    """cosmo2017 fiducial: C_kk = PP 2pi/4, CMB C_l (muK^2) from lensedCls (cols L TT EE BB TE)."""
    lp = np.loadtxt(os.path.join(ACT, 'fiducial_cosmo2017', 'cosmo2017_10K_acc3_lenspotentialCls.dat'))
    le = np.loadtxt(os.path.join(ACT, 'fiducial_cosmo2017', 'cosmo2017_10K_acc3_lensedCls.dat'))
    kk = on_grid(lp[:, 0], lp[:, 5] * 2 * np.pi / 4, n)
    l = le[:, 0]
    f = 2 * np.pi / (l * (l + 1))
    cmb = {x: on_grid(l, le[:, c] * f, n) for x, c in (('tt', 1), ('ee', 2), ('bb', 3), ('te', 4))}
    return kk, cmb


def camb_table(path, n):
    """CAMB table L TT TE EE BB PP (D_l muK^2; PP = [L(L+1)]^2 C^pp / 2pi): returns kk, C_l dict, D_l dict, PP."""
    t = np.loadtxt(path, skiprows=1)
    l = t[:, 0]
    f = 2 * np.pi / (l * (l + 1))
    dl = {x: on_grid(l, t[:, c], n) for x, c in (('tt', 1), ('te', 2), ('ee', 3), ('bb', 4))}
    cl = {x: on_grid(l, t[:, c] * f, n) for x, c in (('tt', 1), ('te', 2), ('ee', 3), ('bb', 4))}
    pp = on_grid(l, t[:, 5], n)
    kk = on_grid(l, t[:, 5] * 2 * np.pi / 4, n)
    return kk, cl, dl, pp


# ---------------------------------------------------------------- ACT DR6 (act_dr6_lenslike generic API)
def act_lnlike(variant, lens_only, nsims_act, kk, nsims_planck=400, cmb=None, n1=False):
    planck = variant.startswith('actplanck')
    extended = variant.endswith('_extended')
    start, end = (2, -3) if extended else (2, -6)
    vec = {'act_polonly': '_polonly', 'act_cibdeproj': '_cibdeproj', 'act_cinpaint': '_cinpaint'}.get(variant, '')
    y = np.loadtxt(os.path.join(V12, 'clkk_bandpowers_act%s.txt' % vec))
    data = y[start:end]
    bm = np.loadtxt(os.path.join(V12, 'binning_matrix_act.txt'))[start:end, :NLEN]
    if lens_only:
        if planck:
            cf = 'covmat_actplanck_cmbmarg.txt'
        elif variant == 'act_cibdeproj':
            cf = 'covmat_act_cibdeproj_cmbmarg.txt'
        else:  # upstream quirk: act_polonly uses the default CMB-marginalised covariance
            cf = 'covmat_act_cmbmarg.txt'
    else:
        cf = 'covmat_actplanck.txt' if planck else 'covmat_act.txt'
    c = np.loadtxt(os.path.join(V12, cf))
    nact = y.size
    keep = [i for i in range(c.shape[0]) if not (i < start or (nact + end <= i < nact))]
    c = c[np.ix_(keep, keep)]
    theory = bm @ kk[:NLEN]
    if n1:
        # candl pre-binned N1 responses: cols L=2..3001, TT TE EE BB (act on D_l muK^2), kk (acts on C_kk)
        ls = np.arange(NLEN)
        d = {x: cmb[x] * ls * (ls + 1) / (2 * np.pi) for x in cmb}
        fid = np.loadtxt(os.path.join(CANDL, 'fiducial_correction.txt'))
        for b in range(10):
            w = np.loadtxt(os.path.join(CANDL, 'lens_delta_windows_phicmb', 'window_%d.txt' % b))
            L = w[:, 0].astype(int)
            sel = L < NLEN
            L = L[sel]
            w = w[sel]
            theory[b] += (w[:, 1] @ d['tt'][L] + w[:, 2] @ d['te'][L] + w[:, 3] @ d['ee'][L]
                          + w[:, 4] @ d['bb'][L] + w[:, 5] @ kk[L]) - fid[b]
    if planck:
        data = np.append(data, np.loadtxt(os.path.join(V12, 'clkk_bandpowers_planck.txt')))
        bp = np.loadtxt(os.path.join(V12, 'binning_matrix_planck.txt'))[:, :NLEN]
        theory = np.append(theory, bp @ kk[:NLEN])
    nb = data.size
    ns = min(nsims_act, nsims_planck) if planck else nsims_act
    h = (ns - nb - 2.0) / (ns - 1.0)
    cinv = np.linalg.inv(c) * h
    dd = data - theory
    return -0.5 * dd @ cinv @ dd


# ---------------------------------------------------------------- CMBlikes (cobaya), restricted to these datasets
def read_ini(path):
    ini = {}
    d = os.path.dirname(path)
    for line in open(path):
        s = line.strip()
        if not s or s.startswith('#'):
            continue
        if s.startswith('DEFAULT('):
            base = read_ini(os.path.join(d, s[8:-1]))
            for k, v in base.items():
                ini.setdefault(k, v)
            continue
        k, v = s.split('=', 1)
        ini[k.strip()] = v.strip()
    return ini


def cmblikes_lnlike(dataset, dls, pp, A=1.0):
    """dls: D_l dict (muK^2) on L=0..; pp: [L(L+1)]^2 C^pp / 2pi on L=0..."""
    ini = read_ini(dataset)
    d = os.path.dirname(dataset)
    lmin, lmax = int(ini['cl_lmin']), int(ini['cl_lmax'])
    nb = int(ini['nbins'])
    b0, b1 = int(ini.get('use_min', 1)) - 1, int(ini.get('use_max', nb)) - 1
    nbu = b1 - b0 + 1
    hdr = [l for l in open(os.path.join(d, ini['cl_hat_file'])) if l.startswith('#')][-1][1:].split()
    bp = np.loadtxt(os.path.join(d, ini['cl_hat_file']))
    data = np.zeros(nbu)
    for row in bp:
        b = int(row[0]) - 1
        if b0 <= b <= b1:
            data[b - b0] = row[hdr.index('PP')]
    cal = bool(ini.get('calibration_param', ''))
    req = ini['fields_required'].split()
    spec = {'PP': pp[lmin:lmax + 1]}
    for x in ('TT', 'EE', 'TE'):
        if x[0] in req and x[1] in req:
            spec[x] = dls[x.lower()][lmin:lmax + 1] / (A ** 2 if cal else 1.0)

    def windows(stem):
        order = ini[stem + '_in_order'].split()
        pat = os.path.join(d, ini[stem + '_files'])
        out = np.zeros(nbu)
        for b in range(nbu):
            w = np.loadtxt(pat.replace('%u', str(b + 1 + b0)), ndmin=2)
            W = np.zeros((len(order), lmax - lmin + 1))
            for row in w:
                L = int(row[0])
                if lmin <= L <= lmax:
                    W[:, L - lmin] = row[1:]
            out[b] = sum(W[i] @ spec[x] for i, x in enumerate(order))
        return out

    theory = windows('bin_window')
    if 'linear_correction_fiducial_file' in ini:
        fid = np.loadtxt(os.path.join(d, ini['linear_correction_fiducial_file']), ndmin=2)
        fidv = np.array([r[1] for r in fid if b0 <= int(r[0]) - 1 <= b1])
        theory = theory + windows('linear_correction_bin_window') - fidv
    cov = np.loadtxt(os.path.join(d, ini['covmat_fiducial']))[b0:b1 + 1, b0:b1 + 1]
    x = theory - data
    return -0.5 * x @ np.linalg.inv(cov) @ x


def ffp10(n=2501):
    le = np.loadtxt(os.path.join(PR4, 'FFP10_wdipole_lensedCls.dat'))
    lp = np.loadtxt(os.path.join(PR4, 'FFP10_wdipole_lenspotentialCls.dat'))
    dls = {x: on_grid(le[:, 0], le[:, c], n) for x, c in (('tt', 1), ('ee', 2), ('bb', 3), ('te', 4))}
    return dls, on_grid(lp[:, 0], lp[:, 5], n)


def main():
    np.set_printoptions(precision=12)
    kk, cmb = cosmo2017()
    print('# ACT DR6: chi2 at cosmo2017 fiducial (nsims_act 796 | 792)')
    for v, lo in [('act_baseline', True), ('act_baseline', False), ('actplanck_baseline', True),
                  ('actplanck_baseline', False), ('act_extended', True), ('act_extended', False),
                  ('actplanck_extended', True), ('actplanck_extended', False), ('act_polonly', True),
                  ('act_cibdeproj', True), ('act_cinpaint', True), ('act_cinpaint', False)]:
        print('%-20s lens_only=%-5s %.10f %.10f' % (v, lo, -2 * act_lnlike(v, lo, 796, kk),
                                                    -2 * act_lnlike(v, lo, 792, kk)))
    print('# candl tests (792): lnL from the candl test spectra (kk column) and with n1 corrections')
    for name, lo in (('ACT_DR6_Lens_test_spec.txt', True), ('ACT_DR6_Lens_and_CMB_test_spec.txt', False)):
        t = np.loadtxt(os.path.join(ACT, 'candl_tests', name))
        k = on_grid(t[:, 0], t[:, 6], NLEN)
        l = t[:, 0]
        c = {x: on_grid(l, t[:, col] * 2 * np.pi / (l * (l + 1)), NLEN) for x, col in
             (('tt', 1), ('te', 2), ('ee', 3), ('bb', 4))}
        print('%s lnL=%.16f' % (name, act_lnlike('act_baseline', lo, 792, k)))
        if not lo:
            print('%s n1 lnL=%.16f' % (name, act_lnlike('act_baseline', lo, 792, k, cmb=c, n1=True)))
    print('# ACT n1 corrections away from the fiducial: C_TT*1.02, C_EE*0.99, C_kk*1.03 (792)')
    cmb2 = dict(cmb)
    cmb2['tt'] = cmb['tt'] * 1.02
    cmb2['ee'] = cmb['ee'] * 0.99
    print('act_baseline lens+CMB n1   lnL=%.12f' % act_lnlike('act_baseline', False, 792, kk * 1.03, cmb=cmb2, n1=True))
    print('act_baseline lens+CMB none lnL=%.12f' % act_lnlike('act_baseline', False, 792, kk * 1.03))

    print('# Planck lensing at FFP10 (A_planck = 1), chi2')
    dls, pp = ffp10()
    sets = {'planck2018 consext8 native': os.path.join(P18, 'smicadx12_Dec5_ftl_mv2_ndclpp_p_teb_consext8.dataset'),
            'planck2018 consext8 cmbmarged': os.path.join(P18, 'smicadx12_Dec5_ftl_mv2_ndclpp_p_teb_consext8_CMBmarged.dataset'),
            'planck2018 agr2 native': os.path.join(P18, 'smicadx12_Dec5_ftl_mv2_ndclpp_p_teb_agr2.dataset'),
            'planck2018 agr2 cmbmarged': os.path.join(P18, 'smicadx12_Dec5_ftl_mv2_ndclpp_p_teb_agr2_CMBmarged.dataset'),
            'pr4 ps1': os.path.join(PR4, 'pp_consext8_npipe_smicaed_TiPi_jTP_pre30T_kfilt_rdn0cov_PS1.dataset'),
            'pr4 cmbmarged': os.path.join(PR4, 'pp_consext8_npipe_smicaed_TiPi_jTP_pre30T_kfilt_rdn0cov_PS1_CMBmarged.dataset'),
            'pr4 polonly': os.path.join(PR4, 'PP_consext8_npipe_smicaed_Ponly_kfilt_rdn0cov.dataset')}
    for k, f in sets.items():
        print('%-32s %.10f' % (k, -2 * cmblikes_lnlike(f, dls, pp)))
    print('# A_planck = 1.0025 (native only; calibration divides TT, EE, TE by A^2)')
    for k in ('planck2018 consext8 native', 'pr4 ps1'):
        print('%-32s %.10f' % (k, -2 * cmblikes_lnlike(sets[k], dls, pp, A=1.0025)))

    print('# planck2018_bestfit_theory_cls.txt (CLI --spectra mode), chi2')
    path = os.path.join(DATA, 'reference', 'planck2018_bestfit_theory_cls.txt')
    kkb, clb, dlb, ppb = camb_table(path, 2509)
    kk3 = np.zeros(NLEN)
    kk3[:2509] = kkb
    for v in ('act_baseline', 'act_extended', 'actplanck_baseline', 'actplanck_extended'):
        print('%-32s %.10f' % (v + ' lens_only 792', -2 * act_lnlike(v, True, 792, kk3)))
    for k, f in sets.items():
        print('%-32s %.10f' % (k, -2 * cmblikes_lnlike(f, dlb, ppb)))


if __name__ == '__main__':
    main()
