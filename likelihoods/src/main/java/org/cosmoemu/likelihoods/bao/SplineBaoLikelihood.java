package org.cosmoemu.likelihoods.bao;

import java.util.List;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.theory.Background;
import org.cosmoemu.theory.Observables;

/**
 * A tabulated one-dimensional BAO likelihood: ln L = S(x) where x is one observable at one redshift and S
 * the FITPACK interpolating cubic spline ({@link InterpolatingSpline}) through a table of ln L, as cobaya
 * builds for SDSS DR7 MGS ({@code prob_dist}: S through −χ²/2 on an α grid) and eBOSS DR16 ELG
 * ({@code grid_file} with one observable: S through ln p). Outside [lower, upper] — the table's range — the
 * likelihood is −∞ (cobaya: −inf for MGS; scipy raises for ELG). Immutable and thread-safe; allocation-free.
 */
final class SplineBaoLikelihood extends AbstractBaoLikelihood {
    private final BaoObservable observable;
    private final double z;
    private final InterpolatingSpline lnL;
    private final double lower;
    private final double upper;

    private SplineBaoLikelihood(String name, BaoObservable observable, double z, double rsRescale,
            InterpolatingSpline lnL, double lower, double upper) {
        super(name, rsRescale, List.of(observable), observable == BaoObservable.F_SIGMA8 ? new double[] {z} : new double[0]);
        this.observable = observable;
        this.z = z;
        this.lnL = lnL;
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * @param name       the name
     * @param observable the quantity tabulated
     * @param z          its redshift
     * @param rsRescale  the factor applied to r_drag
     * @param lnL        spline of ln L over the observable
     * @param lower      smallest observable value with finite likelihood
     * @param upper      largest observable value with finite likelihood
     * @return the likelihood
     * @throws DataFileException naming {@code name} if lower ≥ upper or the range exceeds the spline's data range
     */
    public static SplineBaoLikelihood of(String name, BaoObservable observable, double z, double rsRescale,
            InterpolatingSpline lnL, double lower, double upper) {
        if (!(lower < upper) || lower < lnL.xMin() || upper > lnL.xMax()) {
            throw new DataFileException(name + ": range [" + lower + ", " + upper + "] must lie within the table ["
                    + lnL.xMin() + ", " + lnL.xMax() + "]");
        }
        return new SplineBaoLikelihood(name, observable, z, rsRescale, lnL, lower, upper);
    }

    @Override
    double logLike(Observables theory, Background bg, double rs) {
        double x = observable.predict(theory, bg, z, rs);
        if (x < lower || x > upper) {
            return Double.NEGATIVE_INFINITY;
        }
        return lnL.value(x);
    }

    /** @return the tabulated observable */
    public BaoObservable observable() {
        return observable;
    }

    /** @return its redshift */
    public double redshift() {
        return z;
    }

    /** @return the spline of ln L over the observable */
    public InterpolatingSpline spline() {
        return lnL;
    }

    /** @return the table range: {lower, upper} */
    public double[] range() {
        return new double[] {lower, upper};
    }
}
