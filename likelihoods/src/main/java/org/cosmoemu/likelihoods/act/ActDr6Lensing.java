package org.cosmoemu.likelihoods.act;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.likelihoods.DataTables;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.theory.Requirements;
import org.cosmoemu.likelihoods.lensing.BandpowerWindows;
import org.cosmoemu.likelihoods.lensing.GaussianBandpowers;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.Observables;

/**
 * The ACT DR6 CMB-lensing likelihood (Madhavacheril et al. 2024, arXiv:2304.05203; Qu et al. 2024,
 * arXiv:2304.05202), as {@code act_dr6_lenslike} v1.2 computes it ({@code load_data} + {@code generic_lnlike}):
 * <pre>
 *   C_L^κκ = [L(L+1)]² C_L^φφ / 4                       (L = 0 .. 2999, trim_lmax 2998)
 *   t      = [ B_ACT[start:end] C^κκ , B_Planck C^κκ ]    (Planck PR4 block only for actplanck_*)
 *   ln L   = −½ (d − t)ᵀ h C⁻¹ (d − t),  h = (N_s − N_b − 2)/(N_s − 1)   (Hartlap; no constant)
 * </pre>
 * ACT bins 2..11 (L 40–763) for {@code *_baseline}-type variants, 2..14 (L 40–1300) for {@code *_extended};
 * N_s = nsims_act, or min(nsims_act, nsims_planck) with Planck. The ℓ-conversion is folded into the binning
 * weights at construction, so {@link #logLike} is a sparse dot product over the windows' support plus an
 * N_b × N_b quadratic form, allocation-free.
 *
 * <p><b>Choices and reference quirks.</b>
 * <ul>
 *   <li>Default {@code nsims_act} is 792, the value of the cobaya class {@code ACTDR6LensLike} (and candl, and
 *       the public chains); the generic python API {@code load_data} (and the official {@code test_act.py}
 *       values) uses 796. {@code nsims_planck} is 400.</li>
 *   <li>Default {@code lens_only = true} (CMB-marginalised covariance), the combination for lensing without
 *       primary-CMB data and candl's default; cobaya's class default is {@code false}.</li>
 *   <li>{@code act_polonly} with {@code lens_only} uses {@code covmat_act_cmbmarg.txt}, as the reference does
 *       (it tests {@code v == 'pol'}, never true); {@code covmat_act_polonly_cmbmarg.txt} is never read.</li>
 *   <li>{@code lens_only = false} needs an explicit {@link Corrections} choice, because the reference's default
 *       there (normalisation + N1 corrections) needs {@code like_corrs/} matrices that are not publicly
 *       available outside the 345 MB LAMBDA tarball: {@link Corrections#NONE} is the reference with
 *       {@code no_like_corrections = True}; {@link Corrections#N1} adds the N1 part exactly, from candl's
 *       pre-binned response matrices (ACT bins 2..11 only); {@link Corrections#FULL} is refused.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class ActDr6Lensing implements Likelihood {
    /** Where the v1.2 data are published. */
    public static final String SOURCE = "NASA LAMBDA, ACT_dr6_likelihood_v1.2.tgz at "
            + "https://lambda.gsfc.nasa.gov/data/suborbital/ACT/ACT_dr6/likelihood/data/ (unpacks to v1.2/)";
    /** Where candl's pre-binned ACT DR6 lensing response matrices are published. */
    public static final String CANDL_SOURCE = "https://github.com/Lbalkenhol/candl_data (candl_data/ACT_DR6_Lens_v1)";
    /** cobaya's (and the chains') number of ACT simulations behind the covariance. */
    public static final double DEFAULT_NSIMS_ACT = 792;
    /** Number of Planck simulations behind the ACT+Planck covariance. */
    public static final double DEFAULT_NSIMS_PLANCK = 400;
    /** Multipoles above trim_lmax + 1 = 2999 are dropped, as in the reference. */
    public static final int TRIM_LMAX = 2998;
    /** Where the data lives inside the data directory. */
    public static final String DATA_SUBDIR = "likelihoods/act_dr6_lenslike";
    /** Folder of the v1.2 files inside the data directory. */
    public static final String V12 = "v1.2";
    /** Folder of candl's ACT DR6 lensing files inside the data directory. */
    public static final String CANDL = "candl_ACT_DR6_Lens_v1";

    private static final int N_ACT = 18;
    private static final int N_PLANCK = 9;
    private static final int NLEN = TRIM_LMAX + 2;

    /** The data combinations of act_dr6_lenslike. */
    public enum Variant {
        /** ACT, L 40–763 (the baseline). */
        ACT_BASELINE("act_baseline", false, false, ""),
        /** ACT, L 40–1300. */
        ACT_EXTENDED("act_extended", true, false, ""),
        /** ACT baseline plus the 9 Planck PR4 bins (L 8–400). */
        ACTPLANCK_BASELINE("actplanck_baseline", false, true, ""),
        /** ACT extended plus the 9 Planck PR4 bins. */
        ACTPLANCK_EXTENDED("actplanck_extended", true, true, ""),
        /** ACT polarisation-only reconstruction, baseline range (lens_only only). */
        ACT_POLONLY("act_polonly", false, false, "_polonly"),
        /** ACT CIB-deprojected reconstruction, baseline range (lens_only only). */
        ACT_CIBDEPROJ("act_cibdeproj", false, false, "_cibdeproj"),
        /** ACT CIB-inpainted reconstruction, baseline range. */
        ACT_CINPAINT("act_cinpaint", false, false, "_cinpaint");

        private final String id;
        private final boolean extended;
        private final boolean withPlanck;
        private final String suffix;

        Variant(String id, boolean extended, boolean withPlanck, String suffix) {
            this.id = id;
            this.extended = extended;
            this.withPlanck = withPlanck;
            this.suffix = suffix;
        }

        /** {@return the reference's name, e.g. {@code act_baseline}} */
        public String id() {
            return id;
        }

        /** {@return {@code true} for the L &lt; 1250 range (ACT bins 2..14)} */
        public boolean extended() {
            return extended;
        }

        /** {@return {@code true} if the Planck PR4 bandpowers are appended} */
        public boolean withPlanck() {
            return withPlanck;
        }

        /**
         * {@return the variant}
         *
         * @param id a name such as {@code act_baseline}
         * @throws InvalidOptionException listing the valid names
         */
        public static Variant fromId(String id) {
            for (Variant v : values()) {
                if (v.id.equals(id)) {
                    return v;
                }
            }
            throw new InvalidOptionException("variant", "unknown ACT DR6 lensing variant '" + id + "'; variants: "
                    + java.util.Arrays.stream(values()).map(Variant::id).toList());
        }
    }

    /** Which likelihood corrections (lens+CMB only) are applied. */
    public enum Corrections {
        /** None: the reference with {@code no_like_corrections = True} (always so for lens_only). */
        NONE,
        /**
         * The N1 part of the corrections (response of the N1 bias to C^κκ and the lensed CMB spectra), binned
         * with candl's {@code lens_delta_windows_phicmb} for ACT bins 2..11: act_baseline and act_cinpaint (the
         * reference applies the same matrices to both). Omits the normalisation correction.
         */
        N1,
        /** Normalisation + N1 (the reference default): refused, its data are not publicly available. */
        FULL;

        /** {@return the option value ({@code none}, {@code n1}, {@code full})} */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final BandpowerWindows windows;
    private final GaussianBandpowers gaussian;
    private final Requirements requirements;
    private final ThreadLocal<double[]> scratch;

    private ActDr6Lensing(String name, BandpowerWindows windows, GaussianBandpowers gaussian) {
        this.name = name;
        this.windows = windows;
        this.gaussian = gaussian;
        this.requirements = Requirements.cmb(windows.lmax(), windows.spectra().toArray(new Spectrum[0]));
        int n = windows.size();
        this.scratch = ThreadLocal.withInitial(() -> new double[n]);
    }

    /** {@return a builder with the defaults (act_baseline, lens_only, nsims 792/400, Hartlap on)} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Requirements requirements() {
        return requirements;
    }

    /** @return none: the likelihood has no nuisance parameters */
    @Override
    public List<NuisanceParameter> nuisanceParameters() {
        return List.of();
    }

    /** {@return the number of bandpowers used (10, 13, 19 or 22)} */
    public int size() {
        return gaussian.size();
    }

    /** {@return the binned theory as a linear map of the spectra (for inspection)} */
    public BandpowerWindows windows() {
        return windows;
    }

    /** {@return the data vector and h C⁻¹} */
    public GaussianBandpowers gaussian() {
        return gaussian;
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidParameterException if {@code nuisance} is not empty
     * @throws MissingQuantityException  if the theory lacks C^φφ (or, with corrections, a CMB spectrum) up to
     *                                   {@code requirements().lmax()}
     * @throws NumericalException        if the theory spectra give a non-finite log-likelihood
     */
    @Override
    public double logLike(Observables theory, double[] nuisance) {
        if (nuisance.length != 0) {
            throw new InvalidParameterException(null, name + " has no nuisance parameters, got " + nuisance.length);
        }
        CmbSpectra cmb = theory.cmb();
        windows.requireCovered(cmb, name);
        double[] t = scratch.get();
        windows.evaluate(cmb, 1.0, t);
        double lnL = -0.5 * gaussian.chi2(t);
        if (!Double.isFinite(lnL)) {
            throw new NumericalException(name + ": log-likelihood is " + lnL
                    + "; the theory spectra are not finite at the multipoles used");
        }
        return lnL;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Configures and loads {@link ActDr6Lensing}. Not thread-safe. */
    public static final class Builder {
        private Variant variant = Variant.ACT_BASELINE;
        private boolean lensOnly = true;
        private double nsimsAct = DEFAULT_NSIMS_ACT;
        private double nsimsPlanck = DEFAULT_NSIMS_PLANCK;
        private Corrections corrections;
        private boolean hartlap = true;

        private Builder() {
        }

        /**
         * {@return this builder}
         *
         * @param v the data combination (default act_baseline)
         */
        public Builder variant(Variant v) {
            this.variant = Objects.requireNonNull(v, "variant");
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param b {@code true} (default): CMB-marginalised covariance, for use without primary-CMB data;
         *   {@code false}: the covariance for combination with CMB power spectra
         */
        public Builder lensOnly(boolean b) {
            this.lensOnly = b;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param n number of ACT simulations behind the covariance (default 792)
         */
        public Builder nsimsAct(double n) {
            this.nsimsAct = n;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param n number of Planck simulations (default 400; actplanck only)
         */
        public Builder nsimsPlanck(double n) {
            this.nsimsPlanck = n;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param c the corrections; with lens_only only {@link Corrections#NONE}; with lens_only = false there is
         *   no default
         */
        public Builder corrections(Corrections c) {
            this.corrections = Objects.requireNonNull(c, "corrections");
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param b apply the Hartlap factor (default {@code true})
         */
        public Builder hartlap(boolean b) {
            this.hartlap = b;
            return this;
        }

        /**
         * Loads the likelihood from the configured data directory ({@code likelihoods/act_dr6_lenslike} in
         * {@link DataDirectory#root()}).
         *
         * @return the likelihood, data loaded and covariance inverted
         * @throws DataFileException if the data is missing (the message says where it is published) or malformed
         * @see #build(Path)
         */
        public ActDr6Lensing build() {
            validate(); // an unsupported combination is reported before the data directory is looked at
            return build(DataDirectory.require(DATA_SUBDIR, SOURCE));
        }

        /**
         * Checks the configuration without reading data.
         *
         * @return this builder
         * @throws InvalidOptionException for an unsupported combination (the message says why and what works):
         *                                corrections with lens_only; lens_only = false without a corrections
         *                                choice, with {@link Corrections#FULL}, or for act_polonly /
         *                                act_cibdeproj; {@link Corrections#N1} for a variant other than
         *                                act_baseline / act_cinpaint; N_s not finite and positive
         */
        public Builder check() {
            validate();
            return this;
        }

        /**
         * {@return the likelihood, data loaded and covariance inverted}
         *
         * @param dataDir the folder holding {@code v1.2/} (and, for {@link Corrections#N1},
         *   {@code candl_ACT_DR6_Lens_v1/}): the shared-data {@code likelihoods/act_dr6_lenslike}
         * @throws InvalidOptionException as {@link #check()}, or if N_s is too small for the Hartlap factor
         * @throws DataFileException      naming a missing or malformed file and where the data is published
         */
        public ActDr6Lensing build(Path dataDir) {
            Objects.requireNonNull(dataDir, "dataDir");
            Corrections corr = validate();
            Path v12 = dataDir.resolve(V12);
            boolean planck = variant.withPlanck();
            int start = 2;
            int end = variant.extended() ? N_ACT - 3 : N_ACT - 6; // exclusive: python [2:-3] / [2:-6]
            int nAct = end - start;
            int nbins = nAct + (planck ? N_PLANCK : 0);

            double[] actData = DataTables.readVector(v12.resolve("clkk_bandpowers_act" + variant.suffix + ".txt"),
                    SOURCE, N_ACT);
            double[] data = new double[nbins];
            System.arraycopy(actData, start, data, 0, nAct);

            BandpowerWindows.Builder w = BandpowerWindows.builder(nbins);
            Path actBinning = v12.resolve("binning_matrix_act.txt");
            double[][] bAct = DataTables.read(actBinning, SOURCE, DataTables.ANY, N_ACT);
            addKappaBinning(w, bAct, start, end, 0);
            if (planck) {
                Path pData = v12.resolve("clkk_bandpowers_planck.txt");
                double[] planckData = DataTables.readVector(pData, SOURCE, N_PLANCK);
                System.arraycopy(planckData, 0, data, nAct, N_PLANCK);
                Path pBinning = v12.resolve("binning_matrix_planck.txt");
                double[][] bPlanck = DataTables.read(pBinning, SOURCE, DataTables.ANY, N_PLANCK);
                addKappaBinning(w, bPlanck, 0, N_PLANCK, nAct);
            }
            if (corr == Corrections.N1) {
                addN1Responses(w, dataDir.resolve(CANDL), nAct);
            }

            Path covFile = v12.resolve(covarianceFile());
            double[][] full = DataTables.readSquare(covFile, SOURCE, N_ACT + (planck ? N_PLANCK : 0));
            int[] keep = new int[nbins];
            int k = 0;
            for (int i = 0; i < full.length; i++) {
                boolean trailingAct = i >= end && i < N_ACT;
                if (i >= start && !trailingAct) {
                    keep[k++] = i;
                }
            }
            double[][] cov = new double[nbins][nbins];
            for (int i = 0; i < nbins; i++) {
                for (int j = 0; j < nbins; j++) {
                    cov[i][j] = full[keep[i]][keep[j]];
                }
            }
            double ns = planck ? Math.min(nsimsAct, nsimsPlanck) : nsimsAct;
            double h = hartlap ? (ns - nbins - 2.0) / (ns - 1.0) : 1.0;
            if (!(h > 0)) {
                throw new InvalidOptionException(planck && nsimsPlanck < nsimsAct ? "nsims_planck" : "nsims_act",
                        "act_dr6_lensing: Hartlap factor (N_s - N_b - 2)/(N_s - 1) = " + h
                        + " for N_s = " + ns + ", N_b = " + nbins + "; N_s must exceed " + (nbins + 2));
            }
            GaussianBandpowers g = GaussianBandpowers.of(data, cov, h, covFile.toString());
            return new ActDr6Lensing(describe(corr), w.build(), g);
        }

        private Corrections validate() {
            if (!(nsimsAct > 0) || !Double.isFinite(nsimsAct) || !(nsimsPlanck > 0) || !Double.isFinite(nsimsPlanck)) {
                String bad = !(nsimsAct > 0) || !Double.isFinite(nsimsAct) ? "nsims_act" : "nsims_planck";
                throw new InvalidOptionException(bad,
                        "act_dr6_lensing: nsims_act = " + nsimsAct + " and nsims_planck = "
                        + nsimsPlanck + " must be finite and positive");
            }
            if (lensOnly) {
                if (corrections != null && corrections != Corrections.NONE) {
                    throw new InvalidOptionException("corrections", "act_dr6_lensing: corrections=" + corrections.id()
                            + " needs lens_only=false; lens_only runs use the CMB-marginalised covariance and no "
                            + "likelihood corrections (as the reference requires)");
                }
                return Corrections.NONE;
            }
            if (variant == Variant.ACT_POLONLY || variant == Variant.ACT_CIBDEPROJ) {
                throw new InvalidOptionException("lens_only",
                        "act_dr6_lensing: variant " + variant.id() + " has no covariance "
                        + "without CMB marginalisation; use lens_only=true (lens_only=false supports act_baseline, "
                        + "act_extended, actplanck_baseline, actplanck_extended, act_cinpaint)");
            }
            if (corrections == null) {
                throw new InvalidOptionException("corrections",
                        "act_dr6_lensing: lens_only=false needs an explicit corrections "
                        + "choice. The reference applies normalisation + N1 likelihood corrections there, whose "
                        + "matrices (v1.2/like_corrs/) are not publicly available outside the LAMBDA tarball; choose "
                        + "corrections=none (the reference with no_like_corrections=True) or corrections=n1 "
                        + "(N1 part only, act_baseline and act_cinpaint)");
            }
            if (corrections == Corrections.FULL) {
                throw new InvalidOptionException("corrections",
                        "act_dr6_lensing: corrections=full (normalisation + N1) is not "
                        + "available: it needs v1.2/like_corrs/ (norm_correction_matrix_Lmin0_Lmax4000.npy, "
                        + "n0mv_fiducial_*.txt, N1der_*.txt, and the Planck analogues) from " + SOURCE
                        + ", which no public repository carries, and candl's substitute for the normalisation part "
                        + "(dAL_dC_*.fits) is incomplete and lossy; use corrections=none or corrections=n1");
            }
            if (corrections == Corrections.N1 && variant != Variant.ACT_BASELINE && variant != Variant.ACT_CINPAINT) {
                throw new InvalidOptionException("corrections",
                        "act_dr6_lensing: corrections=n1 is available for act_baseline and "
                        + "act_cinpaint only (candl's pre-binned N1 responses cover ACT bins 2..11; the Planck N1 "
                        + "matrices are not public), not for " + variant.id() + "; use corrections=none");
            }
            return corrections;
        }

        private String covarianceFile() {
            if (lensOnly) {
                if (variant.withPlanck()) {
                    return "covmat_actplanck_cmbmarg.txt";
                }
                // reference quirk: only cibdeproj has its own file; act_polonly uses the default one
                return variant == Variant.ACT_CIBDEPROJ ? "covmat_act_cibdeproj_cmbmarg.txt" : "covmat_act_cmbmarg.txt";
            }
            return variant.withPlanck() ? "covmat_actplanck.txt" : "covmat_act.txt";
        }

        private String describe(Corrections corr) {
            StringBuilder s = new StringBuilder("act_dr6_lensing[variant=").append(variant.id())
                    .append(", lens_only=").append(lensOnly)
                    .append(", nsims_act=").append(number(nsimsAct));
            if (variant.withPlanck()) {
                s.append(", nsims_planck=").append(number(nsimsPlanck));
            }
            if (!lensOnly) {
                s.append(", corrections=").append(corr.id());
            }
            if (!hartlap) {
                s.append(", hartlap=false");
            }
            return s.append(']').toString();
        }

        private static String number(double x) {
            return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
        }

        /** Rows [from, to) of a C^κκ binning matrix (columns L = 0..), as weights on C^φφ into bins offset.. */
        private static void addKappaBinning(BandpowerWindows.Builder w, double[][] matrix, int from, int to,
                int offset) {
            for (int r = from; r < to; r++) {
                double[] row = matrix[r];
                int n = Math.min(row.length, NLEN);
                for (int ell = 2; ell < n; ell++) {
                    if (row[ell] != 0.0) {
                        double l1 = ell * (ell + 1.0);
                        w.add(offset + r - from, Spectrum.PP, ell, row[ell] * l1 * l1 / 4.0);
                    }
                }
            }
        }

        /**
         * candl's lens_delta_windows_phicmb/window_{b}.txt: rows L, M_TT, M_TE, M_EE, M_BB (on D_ℓ in µK²), M_κκ
         * (on C^κκ); fiducial_correction.txt = Σ_X M_X · X_fid. Adds Σ_X M_X · X − F to the ACT bins.
         */
        private static void addN1Responses(BandpowerWindows.Builder w, Path candl, int nAct) {
            Path fidFile = candl.resolve("fiducial_correction.txt");
            double[] fid = DataTables.readVector(fidFile, CANDL_SOURCE, nAct);
            Spectrum[] cols = {Spectrum.TT, Spectrum.TE, Spectrum.EE, Spectrum.BB, Spectrum.PP};
            for (int b = 0; b < nAct; b++) {
                Path f = candl.resolve("lens_delta_windows_phicmb").resolve("window_" + b + ".txt");
                double[][] rows = DataTables.read(f, CANDL_SOURCE);
                if (rows[0].length != 6) {
                    throw new DataFileException(f + ": " + rows[0].length + " columns, expected L TT TE EE BB kk");
                }
                for (double[] r : rows) {
                    int ell = (int) r[0];
                    if (ell != r[0] || ell < 0) {
                        throw new DataFileException(f + ": first column " + r[0] + " is not a multipole");
                    }
                    double l1 = ell * (ell + 1.0);
                    for (int c = 0; c < cols.length; c++) {
                        double m = r[c + 1];
                        if (m != 0.0) {
                            double factor = cols[c] == Spectrum.PP ? l1 * l1 / 4.0 : l1 / (2.0 * Math.PI);
                            w.add(b, cols[c], ell, m * factor);
                        }
                    }
                }
                w.subtract(b, fid[b]);
            }
        }
    }
}
