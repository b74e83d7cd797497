package org.cosmoemu.likelihoods.bao;

import java.util.List;
import org.cosmoemu.theory.Background;
import org.cosmoemu.theory.Observables;

/**
 * A tabulated three-dimensional BAO+RSD likelihood: ln L = trilinear interpolation of ln(p + 1e-300) on a grid
 * of three observables at one redshift, as cobaya's eBOSS DR16 ELG "BAOplus" likelihood (D_M/r_d, D_H/r_d,
 * f σ8 at z = 0.85; scipy {@code RegularGridInterpolator}). Outside the grid the likelihood is −∞ (cobaya:
 * ln 1e-300 ≈ −690.8). Immutable and thread-safe; allocation-free.
 */
final class TrilinearBaoLikelihood extends AbstractBaoLikelihood {
    private final BaoObservable o1;
    private final BaoObservable o2;
    private final BaoObservable o3;
    private final double z;
    private final TrilinearGrid lnL;

    private TrilinearBaoLikelihood(String name, BaoObservable o1, BaoObservable o2, BaoObservable o3, double z,
            double rsRescale, TrilinearGrid lnL) {
        super(name, rsRescale, List.of(o1, o2, o3),
                List.of(o1, o2, o3).contains(BaoObservable.F_SIGMA8) ? new double[] {z} : new double[0]);
        this.o1 = o1;
        this.o2 = o2;
        this.o3 = o3;
        this.z = z;
        this.lnL = lnL;
    }

    /**
     * @param name      the name
     * @param o1        observable along the first axis
     * @param o2        observable along the second axis
     * @param o3        observable along the third axis
     * @param z         their redshift
     * @param rsRescale the factor applied to r_drag
     * @param lnL       the grid of ln L
     * @return the likelihood
     */
    public static TrilinearBaoLikelihood of(String name, BaoObservable o1, BaoObservable o2, BaoObservable o3, double z,
            double rsRescale, TrilinearGrid lnL) {
        return new TrilinearBaoLikelihood(name, o1, o2, o3, z, rsRescale, lnL);
    }

    @Override
    double logLike(Observables theory, Background bg, double rs) {
        double x = o1.predict(theory, bg, z, rs);
        double y = o2.predict(theory, bg, z, rs);
        double w = o3.predict(theory, bg, z, rs);
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(w)) {
            return Double.NaN;
        }
        if (!lnL.contains(x, y, w)) {
            return Double.NEGATIVE_INFINITY;
        }
        return lnL.value(x, y, w);
    }
}
