package org.cosmoemu.theory;

import java.util.Arrays;
import org.cosmoemu.api.InvalidParameterException;

/**
 * The exact homogeneous background of a spatially flat ΛCDM universe with photons, massless neutrinos
 * ("ultra-relativistic species", N_ur) and massive neutrinos with a Fermi–Dirac momentum distribution,
 * computed the way CLASS computes it, so that H(z) and distances need no emulator.
 *
 * <h2>Physics and conventions</h2>
 * <ul>
 *   <li>Inputs are the physical densities ω_b = Ω_b h², ω_cdm = Ω_cdm h² and h = H0 / (100 km/s/Mpc).</li>
 *   <li>Photons: Ω_γ h² from the Stefan–Boltzmann law at T_cmb (default {@value #DEFAULT_T_CMB} K), with the
 *       CODATA-2006 constants CLASS v3 uses.</li>
 *   <li>Massless neutrinos: Ω_ur = N_ur (7/8) (4/11)^{4/3} Ω_γ (default N_ur = {@value #DEFAULT_N_UR}).</li>
 *   <li>Massive neutrinos (default: one of {@value #DEFAULT_M_NU_EV} eV): each species is ν + ν̄ with
 *       temperature T_ncdm = {@value #DEFAULT_T_NCDM_OVER_T_CMB} T_cmb (the CLASS default, which makes
 *       N_eff = 3.046 with N_ur = 2.0328 and gives Ω_ν h² = Σm / 93.14 eV); density and pressure are the
 *       exact Fermi–Dirac momentum integrals ({@link FermiDiracNeutrinos}).</li>
 *   <li>Flatness: Ω_Λ = 1 − Ω_γ − Ω_ur − Ω_b − Ω_cdm − Σ Ω_ncdm, with every Ω today (as CLASS does).</li>
 *   <li>w = −1, no curvature, no other species.</li>
 * </ul>
 * Units: H in km/s/Mpc, distances in Mpc (physical, not h-scaled), c = {@value Background#C_KM_S} km/s.
 * {@link #omegaM()} follows CLASS: it counts baryons, CDM and the non-relativistic part ρ_ν − 3p_ν of the
 * massive neutrinos.
 *
 * <h2>Accuracy and cost</h2>
 * H(z) is evaluated exactly (one table look-up per massive species, tens of ns). The comoving distance χ(z) is
 * precomputed at construction at the nodes of a grid uniform in x = ln(1+z) from 0 to
 * ln(1 + {@value #Z_TABLE_MAX}), step {@value #DX}, with 6-point Gauss–Legendre quadrature per step; a query
 * adds the integral over the remaining partial step with 5-point Gauss–Legendre quadrature (5 evaluations of
 * H), so distances carry no interpolation error (relative error ~1e-14, see the tests). Beyond the table the
 * integral is continued by quadrature. The table is filled on demand, up to the largest redshift asked so far
 * (36 evaluations of H per unit of ln(1+z): BAO to z = 2.33 costs about 150, the whole table to z = 10⁴ about
 * 1100, a few tens of µs); the values do not depend on the order of the queries. Every accessor is
 * allocation-free. Against CLASS v3.3.4 the agreement is 8e-8 in H
 * and 2e-6 in D_A (max over 0 ≤ z ≤ 20 and every design point of the CLASS training shards; see the tests).
 *
 * <p>Immutable and thread-safe.
 */
public final class FlatLcdmBackground implements Background {

    /** Default CMB temperature today, K (FIRAS, as in CLASS). */
    public static final double DEFAULT_T_CMB = 2.7255;
    /** Default number of massless neutrino species (CLASS default with one massive species: N_eff = 3.046). */
    public static final double DEFAULT_N_UR = 2.0328;
    /** Default massive-neutrino temperature over T_cmb (CLASS default T_ncdm). */
    public static final double DEFAULT_T_NCDM_OVER_T_CMB = 0.71611;
    /** Default mass of the single massive neutrino, eV. */
    public static final double DEFAULT_M_NU_EV = 0.06;

    /** The distance table ends at this redshift; beyond it χ is continued by quadrature. */
    public static final double Z_TABLE_MAX = 1.0e4;
    /** Step of the distance table in ln(1+z). */
    public static final double DX = 0.05;

    // CLASS v3 constants (common.h / background.c), SI units.
    private static final double C_M_S = 2.99792458e8;
    private static final double G_NEWTON = 6.67428e-11;
    private static final double K_BOLTZMANN = 1.3806504e-23;
    private static final double H_PLANCK = 6.62606896e-34;
    private static final double EV_J = 1.602176487e-19;
    private static final double MPC_M = 3.085677581282e22;
    private static final double SIGMA_SB = 2.0 * Math.pow(Math.PI, 5) * Math.pow(K_BOLTZMANN, 4) / 15.0
            / Math.pow(H_PLANCK, 3) / (C_M_S * C_M_S);

    private final double omegaBH2;
    private final double omegaCdmH2;
    private final double h;
    private final double tCmb;
    private final double nUr;
    private final double tNcdmOverTCmb;
    private final double[] massesEv;

    // Density parameters today (fractions of the critical density).
    private final double omegaGamma;
    private final double omegaUr;
    private final double omegaB;
    private final double omegaCdm;
    private final double omegaNcdmMassless; // density one massive species would have if massless, per species
    private final double[] yToday;          // m / (k_B T_ncdm) today, per species
    private final double omegaNcdm;
    private final double omegaLambda;
    private final double omegaM;

    /** χ(z), tabulated on demand. */
    private final DistanceTable distances;

    private FlatLcdmBackground(Builder b) {
        this.omegaBH2 = b.omegaBH2;
        this.omegaCdmH2 = b.omegaCdmH2;
        this.h = b.h;
        this.tCmb = b.tCmb;
        this.nUr = b.nUr;
        this.tNcdmOverTCmb = b.tNcdmOverTCmb;
        this.massesEv = b.massesEv.clone();

        double h2 = h * h;
        double rhoCritOverH2 = 3.0 * (C_M_S * C_M_S) * 1.0e10 / (MPC_M * MPC_M) / (8.0 * Math.PI * G_NEWTON); // J/m³ per h²
        this.omegaGamma = 4.0 * SIGMA_SB / C_M_S * Math.pow(tCmb, 4) / (rhoCritOverH2 * h2);
        this.omegaUr = nUr * 7.0 / 8.0 * Math.pow(4.0 / 11.0, 4.0 / 3.0) * omegaGamma;
        this.omegaB = omegaBH2 / h2;
        this.omegaCdm = omegaCdmH2 / h2;
        this.omegaNcdmMassless = 7.0 / 8.0 * Math.pow(tNcdmOverTCmb, 4) * omegaGamma;
        this.yToday = new double[massesEv.length];
        double onc = 0;
        double oncMatter = 0;
        for (int i = 0; i < massesEv.length; i++) {
            yToday[i] = massesEv[i] * EV_J / (K_BOLTZMANN * tNcdmOverTCmb * tCmb);
            onc += omegaNcdmMassless * FermiDiracNeutrinos.densityRatio(yToday[i]);
            oncMatter += omegaNcdmMassless * (FermiDiracNeutrinos.densityRatio(yToday[i])
                    - 3.0 * FermiDiracNeutrinos.pressureRatio(yToday[i]));
        }
        this.omegaNcdm = onc;
        this.omegaLambda = 1.0 - omegaGamma - omegaUr - omegaB - omegaCdm - omegaNcdm;
        this.omegaM = omegaB + omegaCdm + oncMatter;

        this.distances = new DistanceTable(this::dChiDx);
    }


    // ---- factories ------------------------------------------------------------------------------------

    /**
     * A background with the CLASS defaults for everything but the three arguments: T_cmb = 2.7255 K,
     * N_ur = 2.0328, one massive neutrino of 0.06 eV at T_ncdm = 0.71611 T_cmb.
     *
     * @param omegaBH2   ω_b = Ω_b h² &gt; 0
     * @param omegaCdmH2 ω_cdm = Ω_cdm h² ≥ 0
     * @param h          H0 / (100 km/s/Mpc) &gt; 0
     * @return the background
     * @throws InvalidParameterException naming the parameter if one is not finite or out of its domain
     */
    public static FlatLcdmBackground of(double omegaBH2, double omegaCdmH2, double h) {
        return builder().omegaBH2(omegaBH2).omegaCdmH2(omegaCdmH2).h(h).build();
    }

    /**
     * As {@link #of} but with H0 in km/s/Mpc instead of h.
     *
     * @param omegaBH2   ω_b
     * @param omegaCdmH2 ω_cdm
     * @param hubble0    H0 in km/s/Mpc
     * @return the background
     * @throws InvalidParameterException naming the parameter if one is not finite or out of its domain
     */
    public static FlatLcdmBackground ofH0(double omegaBH2, double omegaCdmH2, double hubble0) {
        return builder().omegaBH2(omegaBH2).omegaCdmH2(omegaCdmH2).H0(hubble0).build();
    }

    /** {@return a builder preset to the CLASS defaults (ω_b, ω_cdm and h must be set)} */
    public static Builder builder() {
        return new Builder();
    }

    // ---- Background -----------------------------------------------------------------------------------

    /**
     * @param z redshift ≥ 0
     * @return H(z) in km/s/Mpc
     * @throws InvalidParameterException if z is negative or NaN
     */
    @Override
    public double hubble(double z) {
        checkRedshift(z);
        return 100.0 * h * Math.sqrt(e2(1.0 / (1.0 + z)));
    }

    /**
     * {@return the comoving (line-of-sight) distance χ(z) = ∫₀^z c dz'/H(z') in Mpc; equal to D_M (flat)}
     *
     * @param z redshift ≥ 0
     * @throws InvalidParameterException if z is negative or NaN
     */
    public double comovingDistance(double z) {
        checkRedshift(z);
        return distances.comovingDistance(z);
    }

    /** @return D_M(z) = χ(z) in Mpc (flat space) @throws InvalidParameterException if z &lt; 0 or NaN */
    @Override
    public double comovingAngularDistance(double z) {
        return comovingDistance(z);
    }

    /**
     * @param z redshift ≥ 0
     * @return D_A(z) = χ(z) / (1+z) in Mpc
     * @throws InvalidParameterException if z is negative or NaN
     */
    @Override
    public double angularDiameterDistance(double z) {
        return comovingDistance(z) / (1.0 + z);
    }

    // ---- density parameters ---------------------------------------------------------------------------

    /** {@return h = H0 / (100 km/s/Mpc)} */
    public double h() {
        return h;
    }

    /** {@return H0 in km/s/Mpc} */
    public double hubble0() {
        return 100.0 * h;
    }

    /** {@return ω_b = Ω_b h² (as given)} */
    public double omegaBH2() {
        return omegaBH2;
    }

    /** {@return ω_cdm = Ω_cdm h² (as given)} */
    public double omegaCdmH2() {
        return omegaCdmH2;
    }

    /** {@return Σ Ω_ncdm h² of the massive neutrinos today (full density ρ_ν, CLASS omega_ncdm)} */
    public double omegaNcdmH2() {
        return omegaNcdm * h * h;
    }

    /** {@return Ω_b today} */
    public double omegaB() {
        return omegaB;
    }

    /** {@return Ω_cdm today} */
    public double omegaCdm() {
        return omegaCdm;
    }

    /** {@return Σ Ω_ncdm today: the full density of the massive neutrinos} */
    public double omegaNcdm() {
        return omegaNcdm;
    }

    /** {@return Ω_γ today} */
    public double omegaGamma() {
        return omegaGamma;
    }

    /** {@return Ω_ur today (massless neutrinos)} */
    public double omegaUr() {
        return omegaUr;
    }

    /** {@return Ω_Λ = 1 − (all other species) today} */
    public double omegaLambda() {
        return omegaLambda;
    }

    /**
     * @return Ω_m today as CLASS defines it: Ω_b + Ω_cdm + Σ(ρ_ν − 3p_ν)/ρ_crit, i.e. including the
     *         non-relativistic part of the massive neutrinos (differs from Ω_b + Ω_cdm + Ω_ncdm by
     *         3p_ν/ρ_crit ≈ 1e-7 for 0.06 eV)
     */
    public double omegaM() {
        return omegaM;
    }

    /** {@return the CMB temperature today, K} */
    public double tCmb() {
        return tCmb;
    }

    /** {@return N_ur, the number of massless neutrino species} */
    public double nUr() {
        return nUr;
    }

    /** {@return T_ncdm / T_cmb of the massive neutrinos} */
    public double tNcdmOverTCmb() {
        return tNcdmOverTCmb;
    }

    /** {@return a copy of the massive-neutrino masses, eV} */
    public double[] neutrinoMassesEv() {
        return massesEv.clone();
    }

    /**
     * {@return N_eff in the early (all-relativistic) universe: N_ur + Σ (T_ncdm / T_ν,std)⁴ with T_ν,std = (4/11)^{1/3}
     * T_cmb}
     *
     */
    public double nEff() {
        return nUr + massesEv.length * Math.pow(tNcdmOverTCmb, 4) / Math.pow(4.0 / 11.0, 4.0 / 3.0);
    }

    // ---- internals (package-private for LinearGrowth) ------------------------------------------------------

    /** @return (H(a)/H0)² */
    double e2(double a) {
        double a2 = a * a;
        double a4 = a2 * a2;
        double rel = omegaGamma + omegaUr;
        for (double y0 : yToday) {
            rel += omegaNcdmMassless * FermiDiracNeutrinos.densityRatio(y0 * a);
        }
        return rel / a4 + (omegaB + omegaCdm) / (a2 * a) + omegaLambda;
    }

    /**
     * @return d ln H / d ln a = −(3/2) (ρ + p)_tot / ρ_tot
     */
    double dlnHdlna(double a, double e2) {
        double a2 = a * a;
        double a4 = a2 * a2;
        double rhoPlusP = 4.0 / 3.0 * (omegaGamma + omegaUr) / a4 + (omegaB + omegaCdm) / (a2 * a);
        for (double y0 : yToday) {
            double y = y0 * a;
            rhoPlusP += omegaNcdmMassless * (FermiDiracNeutrinos.densityRatio(y) + FermiDiracNeutrinos.pressureRatio(y)) / a4;
        }
        return -1.5 * rhoPlusP / e2;
    }

    /** @return Ω_b + Ω_cdm today */
    double omegaCb() {
        return omegaB + omegaCdm;
    }

    /** @return c (1+z) / H(z) = dχ/d ln(1+z) in Mpc at x = ln(1+z) */
    private double dChiDx(double x) {
        return C_KM_S * Math.exp(x) / (100.0 * h * Math.sqrt(e2(Math.exp(-x))));
    }



    private static void checkRedshift(double z) {
        if (!(z >= 0.0) || z == Double.POSITIVE_INFINITY) {
            throw new InvalidParameterException("z", "redshift must be finite and >= 0, got " + z);
        }
    }

    @Override
    public String toString() {
        return "FlatLcdmBackground[omega_b=" + omegaBH2 + ", omega_cdm=" + omegaCdmH2 + ", h=" + h + ", T_cmb=" + tCmb
                + ", N_ur=" + nUr + ", m_ncdm=" + Arrays.toString(massesEv) + " eV, T_ncdm=" + tNcdmOverTCmb + "]";
    }

    /**
     * Builds a {@link FlatLcdmBackground}. Starts from the CLASS defaults (T_cmb 2.7255 K, N_ur 2.0328, one
     * 0.06 eV neutrino at T_ncdm 0.71611); ω_b, ω_cdm and h (or H0) must be set. Not thread-safe.
     */
    public static final class Builder {
        private double omegaBH2 = Double.NaN;
        private double omegaCdmH2 = Double.NaN;
        private double h = Double.NaN;
        private double tCmb = DEFAULT_T_CMB;
        private double nUr = DEFAULT_N_UR;
        private double tNcdmOverTCmb = DEFAULT_T_NCDM_OVER_T_CMB;
        private double[] massesEv = {DEFAULT_M_NU_EV};

        private Builder() {
        }

        /**
         * {@return this builder}
         *
         * @param v ω_b = Ω_b h²
         */
        public Builder omegaBH2(double v) {
            this.omegaBH2 = v;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param v ω_cdm = Ω_cdm h²
         */
        public Builder omegaCdmH2(double v) {
            this.omegaCdmH2 = v;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param v h = H0 / (100 km/s/Mpc)
         */
        public Builder h(double v) {
            this.h = v;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param v H0 in km/s/Mpc
         */
        public Builder H0(double v) {
            this.h = v / 100.0;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param v CMB temperature today in K
         */
        public Builder tCmb(double v) {
            this.tCmb = v;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param v number of massless neutrino species N_ur ≥ 0
         */
        public Builder nUr(double v) {
            this.nUr = v;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param ev masses of the massive neutrino species in eV, each ≥ 0 (none: no massive species); the
         *   array is copied
         */
        public Builder neutrinoMassesEv(double... ev) {
            this.massesEv = ev.clone();
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param v T_ncdm / T_cmb of every massive species (CLASS T_ncdm)
         */
        public Builder tNcdmOverTCmb(double v) {
            this.tNcdmOverTCmb = v;
            return this;
        }

        /**
         * {@return the background (construction integrates the distance table: tens of µs)}
         *
         * @throws InvalidParameterException naming the parameter that is missing, not finite or out of domain
         */
        public FlatLcdmBackground build() {
            positive("omega_b", omegaBH2, false);
            positive("omega_cdm", omegaCdmH2, true);
            positive("h", h, false);
            positive("T_cmb", tCmb, false);
            positive("N_ur", nUr, true);
            positive("T_ncdm", tNcdmOverTCmb, false);
            for (int i = 0; i < massesEv.length; i++) {
                positive("m_ncdm[" + i + "]", massesEv[i], true);
            }
            return new FlatLcdmBackground(this);
        }

        private static void positive(String name, double v, boolean zeroAllowed) {
            if (Double.isNaN(v)) {
                throw new InvalidParameterException(name, "background parameter " + name + " is not set (NaN)");
            }
            if (Double.isInfinite(v) || v < 0 || (!zeroAllowed && v == 0)) {
                throw new InvalidParameterException(name, "background parameter " + name + " = " + v + " must be "
                        + (zeroAllowed ? ">= 0" : "> 0") + " and finite");
            }
        }
    }
}
