package org.cosmoemu.likelihoods.lensing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.likelihoods.Prior;
import org.cosmoemu.theory.Requirements;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.cosmoemu.theory.Observables;

/**
 * A binned Gaussian CMB-lensing likelihood of the CMBlikes form (cobaya {@code CMBlikes.log_likelihood} with
 * {@code like_approx = gaussian}), as used by the Planck 2018 and PR4 lensing likelihoods:
 * <pre>
 *   T_b   = Σ_L W_b(L) PP_L + [ Σ_L Σ_X M_{X,b}(L) X_L − F_b ]       X ∈ {TT, EE, TE (calibrated), PP}
 *   ln L  = −½ (T − d)ᵀ C⁻¹ (T − d)                                (no normalisation constant)
 * </pre>
 * with PP_L = [L(L+1)]² C_L^φφ/2π, CMB spectra as D_ℓ in µK² divided by A² for the calibration parameter A
 * (A_planck, prior N(1, 0.0025²)) where the data set has one and uses CMB spectra. Immutable and thread-safe;
 * {@link #logLike} allocates nothing after a thread's first call.
 */
final class CmbLikesLensing implements Likelihood {
    /** Prior of A_planck (cobaya {@code planck_calib.yaml}, PR4 {@code PlanckPR4Lensing.yaml}): N(1, 0.0025²). */
    public static final Prior A_PLANCK_PRIOR = Prior.gaussian(1.0, 0.0025);

    private final String name;
    private final BandpowerWindows windows;
    private final GaussianBandpowers gaussian;
    private final List<NuisanceParameter> nuisance;
    private final Requirements requirements;
    private final ThreadLocal<double[]> scratch;

    private CmbLikesLensing(String name, BandpowerWindows windows, GaussianBandpowers gaussian,
            List<NuisanceParameter> nuisance) {
        this.name = name;
        this.windows = windows;
        this.gaussian = gaussian;
        this.nuisance = nuisance;
        this.requirements = Requirements.cmb(windows.lmax(), windows.spectra().toArray(new Spectrum[0]));
        int n = windows.size();
        this.scratch = ThreadLocal.withInitial(() -> new double[n]);
    }

    /**
     * @param name    the likelihood's name (as {@link #name()} reports it)
     * @param dataset the data
     * @return the likelihood; its covariance inverse is computed here
     * @throws org.cosmoemu.api.DataFileException if the covariance is not symmetric positive definite
     */
    public static CmbLikesLensing of(String name, CmbLikesDataset dataset) {
        Objects.requireNonNull(name, "name");
        GaussianBandpowers g = GaussianBandpowers.of(dataset.bandpowers(), dataset.covariance(), 1.0,
                dataset.covarianceFile().toString());
        Optional<String> cal = dataset.calibrationParameter();
        List<NuisanceParameter> nuisance = cal.isPresent()
                ? List.of(new NuisanceParameter(cal.get(), 1.0, A_PLANCK_PRIOR))
                : List.of();
        return new CmbLikesLensing(name, dataset.windows(), g, nuisance);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Requirements requirements() {
        return requirements;
    }

    @Override
    public List<NuisanceParameter> nuisanceParameters() {
        return nuisance;
    }

    /** @return the number of bandpowers */
    public int size() {
        return gaussian.size();
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidParameterException if {@code nuisance} has the wrong length or the calibration is not finite
     *                                   and positive
     * @throws MissingQuantityException  if the theory lacks a needed spectrum or multipole
     * @throws NumericalException        if its spectra give a non-finite result (NaN/∞ in the multipoles used)
     */
    @Override
    public double logLike(Observables theory, double[] nuisanceValues) {
        if (nuisanceValues.length != nuisance.size()) {
            throw new InvalidParameterException(null, name + " takes " + nuisance.size() + " nuisance parameter(s) "
                    + nuisance.stream().map(NuisanceParameter::name).toList() + ", got " + nuisanceValues.length);
        }
        double cmbFactor = 1.0;
        if (!nuisance.isEmpty()) {
            double a = nuisanceValues[0];
            if (!(a > 0) || !Double.isFinite(a)) {
                throw new InvalidParameterException(nuisance.get(0).name(),
                        name + ": " + nuisance.get(0).name() + " = " + a
                        + " must be finite and > 0");
            }
            cmbFactor = 1.0 / (a * a);
        }
        CmbSpectra cmb = theory.cmb();
        windows.requireCovered(cmb, name);
        double[] t = scratch.get();
        windows.evaluate(cmb, cmbFactor, t);
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
}
