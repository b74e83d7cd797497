package org.cosmoemu.theory;

import org.cosmoemu.api.InvalidParameterException;

/**
 * Stand-ins for the comoving sound horizon at the baryon-drag epoch, r_drag = r_s(z_drag) in Mpc, until it
 * comes from a derived-parameter emulator. The exact value needs recombination physics (a Boltzmann code);
 * these are fitting formulae, and BAO likelihoods never call them: they read {@code rdrag} from
 * {@link Observables#derived(String)}, so whoever assembles the theory decides where r_drag comes from.
 *
 * <ul>
 *   <li>{@link #aubourg2015}: eq. 16 of Aubourg et al. 2015 (arXiv:1411.1074), calibrated to CAMB; 0.021%
 *       claimed against CAMB. Measured against CLASS v3.3.4 (HyRec) on every CLASS design point: it is high by
 *       0.06% on average, max |error| 0.23%, 99th percentile 0.21% (CLASS and CAMB differ in recombination
 *       and in the definition of z_drag at this level).</li>
 *   <li>{@link #classCalibrated}: Aubourg's formula times exp(quadratic polynomial in ln ω_b, ln ω_cb),
 *       fitted by least squares to CLASS rs_drag_Mpc on the 256 design points of shard train-000 (design points
 *       0–255; {@code DragSoundHorizonTest#fitCorrection} re-derives the coefficients). On the held-out
 *       points of the later shards its max |error| is 4e-5. Valid only for what CLASS was run with: N_eff =
 *       3.046, Σm_ν = 0.06 eV, BBN helium, and 0.020 ≤ ω_b ≤ 0.025, 0.09 ≤ ω_cdm ≤ 0.15 (outside that it
 *       extrapolates; for other neutrino masses only Aubourg's neutrino factor is applied).</li>
 * </ul>
 * The current errors are measured and logged by {@code DragSoundHorizonTest}.
 */
public final class DragSoundHorizon {

    /** Reference point of the calibration polynomial: ω_b. */
    static final double OMEGA_B_REF = 0.0224;
    /** Reference point of the calibration polynomial: ω_cb = ω_b + ω_cdm. */
    static final double OMEGA_CB_REF = 0.14;
    /**
     * ln(r_CLASS / r_Aubourg) = Σ c_i t_i with t = (1, x_b, x_cb, x_b², x_b x_cb, x_cb²), x_b = ln(ω_b/0.0224),
     * x_cb = ln(ω_cb/0.14). From {@code DragSoundHorizonTest#fitCorrection} on shard train-000.
     */
    static final double[] CLASS_CORRECTION = {2.5883265270237177E-4, -4.4980702149093E-4, -5.106997154128161E-4,
        -0.035300543545525004, 0.014086017530455217, -0.04701441594148729};

    private DragSoundHorizon() {
    }

    /**
     * Aubourg et al. 2015, eq. 16: r_d = 55.154 exp[−72.3 (ω_ν + 0.0006)²] / (ω_cb^0.25351 ω_b^0.12807) Mpc.
     *
     * @param omegaBH2  ω_b = Ω_b h²
     * @param omegaCbH2 ω_cb = (Ω_b + Ω_cdm) h²
     * @param omegaNuH2 ω_ν = Ω_ν h² of the massive neutrinos (0.06 eV: 6.44e-4)
     * @return r_drag in Mpc
     * @throws InvalidParameterException if ω_b or ω_cb is not positive and finite, or ω_ν is negative or infinite
     */
    public static double aubourg2015(double omegaBH2, double omegaCbH2, double omegaNuH2) {
        check(omegaBH2, omegaCbH2, omegaNuH2);
        double nu = omegaNuH2 + 0.0006;
        return 55.154 * Math.exp(-72.3 * nu * nu) / (Math.pow(omegaCbH2, 0.25351) * Math.pow(omegaBH2, 0.12807));
    }

    /**
     * Aubourg's formula corrected to CLASS v3.3.4 (see the class comment for the calibration and its domain).
     *
     * @param omegaBH2  ω_b
     * @param omegaCbH2 ω_cb = ω_b + ω_cdm
     * @param omegaNuH2 ω_ν of the massive neutrinos
     * @return r_drag in Mpc
     * @throws InvalidParameterException if ω_b or ω_cb is not positive and finite, or ω_ν is negative or infinite
     */
    public static double classCalibrated(double omegaBH2, double omegaCbH2, double omegaNuH2) {
        double xb = Math.log(omegaBH2 / OMEGA_B_REF);
        double xcb = Math.log(omegaCbH2 / OMEGA_CB_REF);
        double[] c = CLASS_CORRECTION;
        double lnCorr = c[0] + c[1] * xb + c[2] * xcb + c[3] * xb * xb + c[4] * xb * xcb + c[5] * xcb * xcb;
        return aubourg2015(omegaBH2, omegaCbH2, omegaNuH2) * Math.exp(lnCorr);
    }

    /**
     * {@return {@link #classCalibrated} for its ω_b, ω_cb and ω_ν}
     *
     * @param background a background
     */
    public static double classCalibrated(FlatLcdmBackground background) {
        return classCalibrated(background.omegaBH2(), background.omegaBH2() + background.omegaCdmH2(),
                background.omegaNcdmH2());
    }

    /**
     * {@return {@link #aubourg2015} for its ω_b, ω_cb and ω_ν}
     *
     * @param background a background
     */
    public static double aubourg2015(FlatLcdmBackground background) {
        return aubourg2015(background.omegaBH2(), background.omegaBH2() + background.omegaCdmH2(),
                background.omegaNcdmH2());
    }

    private static void check(double ob, double ocb, double onu) {
        if (!(ob > 0) || !(ocb > 0) || !(onu >= 0) || Double.isInfinite(ob) || Double.isInfinite(ocb)
                || Double.isInfinite(onu)) {
            String bad = !(ob > 0) || Double.isInfinite(ob) ? "omega_b"
                    : !(ocb > 0) || Double.isInfinite(ocb) ? "omega_cb" : "omega_nu";
            throw new InvalidParameterException(bad, "r_drag fit needs omega_b > 0, omega_cb > 0, omega_nu >= 0 "
                    + "(finite), got " + ob + ", " + ocb + ", " + onu);
        }
    }
}
