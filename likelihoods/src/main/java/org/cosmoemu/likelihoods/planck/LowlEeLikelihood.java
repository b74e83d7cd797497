package org.cosmoemu.likelihoods.planck;

import java.nio.file.Path;
import java.util.List;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.likelihoods.DataTables;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.theory.Requirements;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.Observables;

/**
 * Planck 2018 low-ℓ EE (SimAll), cobaya's native {@code planck_2018_lowl.EE}: a table of log-likelihood
 * contributions per multipole 2 ≤ ℓ ≤ 29 in steps of 1e-4 µK² of D_ℓ^EE,
 * <pre>  k_ℓ = trunc(D_ℓ^EE / (A_planck² 1e-4)),   ln L = Σ_ℓ table[k_ℓ][ℓ − 2]</pre>
 * (no interpolation, no constant). −∞ if some k_ℓ ≥ 3000, and — deliberately unlike numpy's index wrap-around
 * in cobaya — if some k_ℓ &lt; 0 (negative D_ℓ^EE). Needs {@code planck_2018_lowE_native/prob_table.txt} (see
 * {@link #of()}). Immutable, thread-safe and allocation-free.
 */
public final class LowlEeLikelihood implements Likelihood {
    static final String DIR = "planck_2018_lowE_native";
    static final String FILE = "prob_table.txt";
    private static final int LMIN = 2;
    private static final int LMAX = 29;
    private static final int STEPS = 3000;
    private static final double STEP = 1e-4;

    private final double[][] table; // [k][ℓ − 2]

    private LowlEeLikelihood(double[][] table) {
        this.table = table;
    }

    /**
     * {@return the likelihood with data from
     * {@link DataDirectory#root()}{@code /likelihoods/planck2018_lowl/planck_2018_lowE_native}}
     *
     * @throws DataFileException saying which file is missing and where it is published, or naming a malformed file
     */
    public static LowlEeLikelihood of() {
        return read(DataDirectory.root().resolve(LowlFiles.DATA_SUBDIR).resolve(DIR));
    }

    /**
     * {@return the likelihood}
     *
     * @param dir the folder holding prob_table.txt
     * @throws DataFileException saying which file is missing and where it is published, or naming a malformed file
     */
    public static LowlEeLikelihood read(Path dir) {
        LowlFiles.requireAll(dir, new String[] {FILE}, "planck2018_lowl_ee", "planck_2018_lowE.zip",
                "baseline/plc_3.0/low_l/simall/simall_100x143_offlike5_EE_Aplanck_B.clik");
        return new LowlEeLikelihood(DataTables.read(dir.resolve(FILE), "planck_2018_lowE.zip", LMAX - LMIN + 1, STEPS));
    }

    @Override
    public String name() {
        return "planck2018_lowl_ee";
    }

    @Override
    public Requirements requirements() {
        return Requirements.cmb(LMAX, Spectrum.EE);
    }

    /** @return [A_planck] (default 1) */
    @Override
    public List<NuisanceParameter> nuisanceParameters() {
        return List.of(PlikLiteLikelihood.A_PLANCK);
    }

    /**
     * @param theory   lensed CMB spectra up to ℓ = 29 (EE)
     * @param nuisance {A_planck}
     * @return ln L; −∞ where a D_ℓ leaves the tabulated range
     * @throws org.cosmoemu.api.NumericalException for a spectrum that is NaN at a multipole used
     * @throws InvalidParameterException if nuisance is not one value, or A_planck is not positive and finite
     * @throws MissingQuantityException  if the theory has no CMB spectra, or they stop below ℓ = 29
     */
    @Override
    public double logLike(Observables theory, double[] nuisance) {
        CmbSpectra cmb = CalibratedCmb.check(name(), theory, nuisance, LMAX);
        double scale = nuisance[0] * nuisance[0] * STEP;
        double sum = 0;
        for (int l = LMIN; l <= LMAX; l++) {
            double v = cmb.dl(Spectrum.EE, l) / scale;
            if (Double.isNaN(v)) {
                return Likelihood.checkedResult(name(), Double.NaN);
            }
            if (!(v > -1.0 && v < STEPS)) {
                return Double.NEGATIVE_INFINITY;
            }
            sum += table[(int) v][l - LMIN];
        }
        return sum;
    }
}
