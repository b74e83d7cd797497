package org.cosmoemu.likelihoods.bao;

import java.util.List;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.theory.Background;
import org.cosmoemu.theory.Observables;

/**
 * A tabulated two-dimensional BAO likelihood: ln L = S(x, y), with x, y two observables at one redshift and S
 * the bicubic spline ({@link BicubicGridSpline}, scipy {@code RectBivariateSpline(kx=3, ky=3)}) through ln p
 * on a grid — cobaya's eBOSS DR16 Lyα likelihoods (D_M/r_d, D_H/r_d at z = 2.334). Outside the grid the
 * likelihood is −∞ (cobaya's spline would clamp to the grid edge; the grid spans many σ, where ln p ≲ −20).
 * Immutable and thread-safe; allocation-free.
 */
final class BicubicBaoLikelihood extends AbstractBaoLikelihood {
    private final BaoObservable first;
    private final BaoObservable second;
    private final double z;
    private final BicubicGridSpline lnL;

    private BicubicBaoLikelihood(String name, BaoObservable first, BaoObservable second, double z, double rsRescale,
            BicubicGridSpline lnL) {
        super(name, rsRescale, List.of(first, second), new double[0]);
        this.first = first;
        this.second = second;
        this.z = z;
        this.lnL = lnL;
    }

    /**
     * @param name      the name
     * @param first     the observable along the grid's first axis
     * @param second    the observable along its second axis
     * @param z         their redshift
     * @param rsRescale the factor applied to r_drag
     * @param lnL       spline of ln L
     * @return the likelihood
     * @throws InvalidOptionException if an observable is f σ8 (not supported on 2-D grids)
     */
    public static BicubicBaoLikelihood of(String name, BaoObservable first, BaoObservable second, double z,
            double rsRescale, BicubicGridSpline lnL) {
        if (first == BaoObservable.F_SIGMA8 || second == BaoObservable.F_SIGMA8) {
            throw new InvalidOptionException("observable", name + ": f_sigma8 is not supported on a 2-D grid");
        }
        return new BicubicBaoLikelihood(name, first, second, z, rsRescale, lnL);
    }

    /** @return the spline of ln L over (first, second) */
    public BicubicGridSpline spline() {
        return lnL;
    }

    @Override
    double logLike(Observables theory, Background bg, double rs) {
        double x = first.predict(theory, bg, z, rs);
        double y = second.predict(theory, bg, z, rs);
        if (!lnL.contains(x, y)) {
            return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Double.NEGATIVE_INFINITY;
        }
        return lnL.value(x, y);
    }
}
