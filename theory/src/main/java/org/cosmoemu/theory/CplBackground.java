package org.cosmoemu.theory;

import org.cosmoemu.api.InvalidParameterException;

/**
 * The exact homogeneous background of a spatially flat universe with w0–wa (CPL) dark energy, one massive
 * neutrino species and a free number of relativistic species N_eff, computed the way CLASS computes it: the
 * physics of the {@code class-ext} training data, so that H(z), distances and BAO need no emulator anywhere in
 * that family.
 *
 * <h2>Physics and conventions</h2>
 * <ul>
 *   <li>Inputs: ω_b = Ω_b h², ω_cdm = Ω_cdm h², H0, Σm_ν (eV, carried by one massive species), N_eff, w0 and
 *       wa.</li>
 *   <li>Photons: Ω_γ from the Stefan–Boltzmann law at T_cmb = {@value FlatLcdmBackground#DEFAULT_T_CMB} K with the
 *       constants CLASS v3 uses (as {@link FlatLcdmBackground}).</li>
 *   <li>Massive neutrino: ν + ν̄ at T_ncdm = {@value FlatLcdmBackground#DEFAULT_T_NCDM_OVER_T_CMB} T_cmb, density
 *       and pressure from the exact Fermi–Dirac momentum integrals ({@link FermiDiracNeutrinos}, tabulated once per
 *       JVM). At early times it counts {@value #N_EFF_MASSIVE} towards N_eff (the training data's convention,
 *       {@code class-ext/README.md}).</li>
 *   <li>Massless species: N_ur = N_eff − {@value #N_EFF_MASSIVE}, Ω_ur = N_ur (7/8) (4/11)^{4/3} Ω_γ. So N_eff is
 *       the number the data file lists as input; CLASS's own derived N_eff differs from it by the rounding of
 *       {@value #N_EFF_MASSIVE} (2e-4, see the tests).</li>
 *   <li>Dark energy: a fluid with w(a) = w0 + wa (1 − a), so ρ_DE(a) = ρ_DE,0 a^{−3(1+w0+wa)} e^{−3 wa (1−a)}, filling
 *       the closure: Ω_DE = 1 − Ω_γ − Ω_ur − Ω_b − Ω_cdm − Ω_ncdm (no cosmological constant, no curvature). w0 = −1,
 *       wa = 0 is ΛCDM.</li>
 * </ul>
 * Units: H in km/s/Mpc, distances in Mpc, c = {@value Background#C_KM_S} km/s. {@link #omegaM()} counts baryons,
 * CDM and the non-relativistic part ρ_ν − 3p_ν of the neutrino (as CLASS's {@code Omega_m}).
 *
 * <h2>Accuracy and cost</h2>
 * H(z) is exact (one table look-up for the neutrino). The comoving distance is tabulated on a grid uniform in
 * ln(1+z) (step {@value FlatLcdmBackground#DX}, 6-point Gauss–Legendre per step), filled on demand up to the
 * largest redshift asked so far (BAO to z = 2.33 costs about 150 evaluations of H, the whole table to z = 10⁴
 * about 1100); a query integrates the remaining partial step with 5-point Gauss–Legendre quadrature, so
 * distances carry no interpolation error. Against CLASS v3.3.4 over every design point of the {@code class-ext} shards and
 * 0 ≤ z ≤ 20: where CLASS is self-consistent (its H(z = 0) equals the input H0 to 1e-6, 212 of the first 384
 * points) the agreement is 1e-6 in H and 2.6e-6 in D_A (median 4e-7 and 2e-6). Where w0 + wa is very negative,
 * CLASS, which integrates the fluid density numerically, misses its own input H0 by up to 3.4e-4 at z = 0, and the
 * difference to this class is that error (never more than 2e-7 in H and 2e-6 in D_A beyond it). See
 * {@code CplBackgroundTest}.
 *
 * <p>Immutable and thread-safe; every accessor after construction is allocation-free.
 */
public final class CplBackground implements Background {

    /** What the massive species contributes to N_eff in the training data's convention (T_ncdm = 0.71611). */
    public static final double N_EFF_MASSIVE = 1.0132;

    // CLASS v3 constants (common.h / background.c), SI units, as FlatLcdmBackground.
    private static final double C_M_S = 2.99792458e8;
    private static final double G_NEWTON = 6.67428e-11;
    private static final double K_BOLTZMANN = 1.3806504e-23;
    private static final double H_PLANCK = 6.62606896e-34;
    private static final double EV_J = 1.602176487e-19;
    private static final double MPC_M = 3.085677581282e22;
    private static final double SIGMA_SB = 2.0 * Math.pow(Math.PI, 5) * Math.pow(K_BOLTZMANN, 4) / 15.0
            / Math.pow(H_PLANCK, 3) / (C_M_S * C_M_S);
    private static final double T_CMB = FlatLcdmBackground.DEFAULT_T_CMB;
    private static final double T_NCDM = FlatLcdmBackground.DEFAULT_T_NCDM_OVER_T_CMB;

    private final double omegaBH2;
    private final double omegaCdmH2;
    private final double h;
    private final double mNuEv;
    private final double nEff;
    private final double w0;
    private final double wa;

    private final double omegaGamma;
    private final double omegaUr;
    private final double omegaB;
    private final double omegaCdm;
    private final double omegaNcdmMassless;
    private final double yToday;
    private final double omegaNcdm;
    private final double omegaDe;
    private final double omegaM;

    /** χ(z), tabulated on demand. */
    private final DistanceTable distances;

    private CplBackground(double omegaBH2, double omegaCdmH2, double h, double mNuEv, double nEff, double w0,
            double wa) {
        this.omegaBH2 = omegaBH2;
        this.omegaCdmH2 = omegaCdmH2;
        this.h = h;
        this.mNuEv = mNuEv;
        this.nEff = nEff;
        this.w0 = w0;
        this.wa = wa;
        double h2 = h * h;
        double rhoCritOverH2 = 3.0 * (C_M_S * C_M_S) * 1.0e10 / (MPC_M * MPC_M) / (8.0 * Math.PI * G_NEWTON);
        this.omegaGamma = 4.0 * SIGMA_SB / C_M_S * Math.pow(T_CMB, 4) / (rhoCritOverH2 * h2);
        this.omegaUr = (nEff - N_EFF_MASSIVE) * 7.0 / 8.0 * Math.pow(4.0 / 11.0, 4.0 / 3.0) * omegaGamma;
        this.omegaB = omegaBH2 / h2;
        this.omegaCdm = omegaCdmH2 / h2;
        this.omegaNcdmMassless = 7.0 / 8.0 * Math.pow(T_NCDM, 4) * omegaGamma;
        this.yToday = mNuEv * EV_J / (K_BOLTZMANN * T_NCDM * T_CMB);
        this.omegaNcdm = omegaNcdmMassless * FermiDiracNeutrinos.densityRatio(yToday);
        this.omegaM = omegaB + omegaCdm + omegaNcdmMassless * (FermiDiracNeutrinos.densityRatio(yToday)
                - 3.0 * FermiDiracNeutrinos.pressureRatio(yToday));
        this.omegaDe = 1.0 - omegaGamma - omegaUr - omegaB - omegaCdm - omegaNcdm;
        if (!(omegaDe > 0)) {
            throw new InvalidParameterException("omega_cdm", "Omega_DE = " + omegaDe + " <= 0: the matter and radiation "
                    + "densities (omega_b = " + omegaBH2 + ", omega_cdm = " + omegaCdmH2 + ", m_ncdm = " + mNuEv
                    + " eV, N_eff = " + nEff + ") exceed the critical density at H0 = " + 100 * h);
        }
        this.distances = new DistanceTable(this::dChiDx);
    }


    /**
     * {@return the background}
     *
     * @param omegaBH2   ω_b = Ω_b h² &gt; 0
     * @param omegaCdmH2 ω_cdm = Ω_cdm h² ≥ 0
     * @param hubble0    H0 in km/s/Mpc &gt; 0
     * @param mNuEv      Σm_ν in eV ≥ 0, carried by one massive species
     * @param nEff       N_eff ≥ {@value #N_EFF_MASSIVE} (the massive species' share; the rest is massless)
     * @param w0         dark-energy equation of state today
     * @param wa         its evolution, w(a) = w0 + wa (1 − a); w0 + wa must be below 0 (else dark energy does not
     *                   become negligible at early times and the integral for χ diverges)
     * @throws InvalidParameterException naming the parameter that is not finite or out of its domain, or
     *   {@code omega_cdm} if the densities leave no room for dark energy (Ω_DE ≤ 0)
     */
    public static CplBackground of(double omegaBH2, double omegaCdmH2, double hubble0, double mNuEv, double nEff,
            double w0, double wa) {
        positive("omega_b", omegaBH2, false);
        positive("omega_cdm", omegaCdmH2, true);
        positive("H0", hubble0, false);
        positive("m_ncdm", mNuEv, true);
        finite("N_eff", nEff);
        if (nEff < N_EFF_MASSIVE) {
            throw new InvalidParameterException("N_eff", "N_eff = " + nEff + " is below the massive species' share "
                    + N_EFF_MASSIVE + " (N_ur would be negative)");
        }
        finite("w0_fld", w0);
        finite("wa_fld", wa);
        if (!(w0 + wa < 0)) {
            throw new InvalidParameterException("wa_fld", "w0_fld + wa_fld = " + (w0 + wa) + " must be < 0 (dark "
                    + "energy must become negligible at early times)");
        }
        return new CplBackground(omegaBH2, omegaCdmH2, hubble0 / 100.0, mNuEv, nEff, w0, wa);
    }

    /**
     * @param z redshift ≥ 0
     * @return H(z) in km/s/Mpc
     * @throws InvalidParameterException if z is negative or not finite
     */
    @Override
    public double hubble(double z) {
        checkRedshift(z);
        return 100.0 * h * Math.sqrt(e2(1.0 / (1.0 + z)));
    }

    /**
     * {@return the comoving distance χ(z) = ∫₀^z c dz'/H(z') in Mpc; equal to D_M (flat)}
     *
     * @param z redshift ≥ 0
     * @throws InvalidParameterException if z is negative or not finite
     */
    public double comovingDistance(double z) {
        checkRedshift(z);
        return distances.comovingDistance(z);
    }

    /** @return D_M(z) = χ(z) in Mpc (flat space) @throws InvalidParameterException if z &lt; 0 or not finite */
    @Override
    public double comovingAngularDistance(double z) {
        return comovingDistance(z);
    }

    /**
     * @param z redshift ≥ 0
     * @return D_A(z) = χ(z) / (1+z) in Mpc
     * @throws InvalidParameterException if z is negative or not finite
     */
    @Override
    public double angularDiameterDistance(double z) {
        return comovingDistance(z) / (1.0 + z);
    }

    /**
     * {@return the dark-energy equation of state w(z) = w0 + wa z / (1+z)}
     *
     * @param z redshift ≥ 0
     */
    public double w(double z) {
        return w0 + wa * z / (1.0 + z);
    }

    /** {@return Ω_m today: baryons, CDM and the non-relativistic part of the neutrino (CLASS's Omega_m)} */
    @Override
    public double omegaM() {
        return omegaM;
    }

    /** {@return Ω_DE today (the closure)} */
    public double omegaDe() {
        return omegaDe;
    }

    /** {@return Ω_ncdm today: the full density of the massive neutrino} */
    public double omegaNcdm() {
        return omegaNcdm;
    }

    /** {@return Ω_ur today (the massless species)} */
    public double omegaUr() {
        return omegaUr;
    }

    /** {@return Ω_γ today} */
    public double omegaGamma() {
        return omegaGamma;
    }

    /** {@return h = H0 / (100 km/s/Mpc)} */
    public double h() {
        return h;
    }

    /** {@return N_eff as given} */
    public double nEff() {
        return nEff;
    }

    /** {@return N_ur = N_eff − {@value #N_EFF_MASSIVE}, the number of massless species} */
    public double nUr() {
        return nEff - N_EFF_MASSIVE;
    }

    /** {@return Σm_ν in eV as given} */
    public double neutrinoMassEv() {
        return mNuEv;
    }

    /** {@return w0 as given} */
    public double w0() {
        return w0;
    }

    /** {@return wa as given} */
    public double wa() {
        return wa;
    }

    /** @return (H(a)/H0)² */
    double e2(double a) {
        double a2 = a * a;
        double a4 = a2 * a2;
        double rel = omegaGamma + omegaUr + omegaNcdmMassless * FermiDiracNeutrinos.densityRatio(yToday * a);
        double de = omegaDe * Math.exp(-3.0 * (1.0 + w0 + wa) * Math.log(a) - 3.0 * wa * (1.0 - a));
        return rel / a4 + (omegaB + omegaCdm) / (a2 * a) + de;
    }

    private double dChiDx(double x) {
        return C_KM_S * Math.exp(x) / (100.0 * h * Math.sqrt(e2(Math.exp(-x))));
    }



    private static void checkRedshift(double z) {
        if (!(z >= 0.0) || z == Double.POSITIVE_INFINITY) {
            throw new InvalidParameterException("z", "redshift must be finite and >= 0, got " + z);
        }
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new InvalidParameterException(name, "background parameter " + name + " = " + v + " is not finite");
        }
    }

    private static void positive(String name, double v, boolean zeroAllowed) {
        finite(name, v);
        if (v < 0 || (!zeroAllowed && v == 0)) {
            throw new InvalidParameterException(name, "background parameter " + name + " = " + v + " must be "
                    + (zeroAllowed ? ">= 0" : "> 0"));
        }
    }

    @Override
    public String toString() {
        return "CplBackground[omega_b=" + omegaBH2 + ", omega_cdm=" + omegaCdmH2 + ", H0=" + 100 * h + ", m_ncdm="
                + mNuEv + " eV, N_eff=" + nEff + ", w0=" + w0 + ", wa=" + wa + "]";
    }
}
