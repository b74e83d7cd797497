package org.cosmoemu.likelihoods.planck;

import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
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
     * @throws InvalidParameterException if nuisance is not one value, or A_planck is not positive and finite
     * @throws MissingQuantityException  if the theory has no CMB spectra, or they stop below {@code lmax}
     */
    static CmbSpectra check(String name, Observables theory, double[] nuisance, int lmax) {
        if (nuisance.length != 1) {
            throw new InvalidParameterException(null,
                    name + " takes 1 nuisance parameter (A_planck), got " + nuisance.length);
        }
        double cal = nuisance[0];
        if (!(cal > 0) || Double.isInfinite(cal)) {
            throw new InvalidParameterException("A_planck",
                    name + ": A_planck = " + cal + " must be positive and finite");
        }
        CmbSpectra cmb;
        try {
            cmb = theory.cmb();
        } catch (MissingQuantityException e) {
            throw new MissingQuantityException(name + " needs lensed CMB spectra: " + e.getMessage(), e);
        }
        if (cmb.lmax() < lmax) {
            throw new MissingQuantityException(name + " needs spectra up to l = " + lmax + ", the theory stops at l = "
                    + cmb.lmax());
        }
        return cmb;
    }
}
