package org.cosmoemu.likelihoods.planck;

import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.Observables;

/**
 * The input checks the Planck CMB likelihoods share (plik-lite, native low-ℓ TT and EE): one nuisance parameter,
 * the calibration A_planck, positive and finite; lensed CMB spectra present and reaching the likelihood's ℓ_max.
 */
final class CalibratedCmb {
    private CalibratedCmb() {
    }

    /**
     * @param name     the likelihood, for messages
     * @param theory   the theory result
     * @param nuisance {A_planck}
     * @param lmax     the largest ℓ the likelihood reads
     * @return the theory's CMB spectra
     * @throws IllegalArgumentException if nuisance is not one value, A_planck is not positive and finite, or the
     *                                  spectra stop below {@code lmax}
     * @throws IllegalStateException    if the theory has no CMB spectra
     */
    static CmbSpectra check(String name, Observables theory, double[] nuisance, int lmax) {
        if (nuisance.length != 1) {
            throw new IllegalArgumentException(name + " takes 1 nuisance parameter (A_planck), got " + nuisance.length);
        }
        double cal = nuisance[0];
        if (!(cal > 0) || Double.isInfinite(cal)) {
            throw new IllegalArgumentException(name + ": A_planck = " + cal + " must be positive and finite");
        }
        CmbSpectra cmb;
        try {
            cmb = theory.cmb();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(name + " needs lensed CMB spectra: " + e.getMessage(), e);
        }
        if (cmb.lmax() < lmax) {
            throw new IllegalArgumentException(name + " needs spectra up to l = " + lmax + ", the theory stops at l = "
                    + cmb.lmax());
        }
        return cmb;
    }
}
