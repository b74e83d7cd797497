package org.cosmoemu.likelihoods.lensing;

import java.util.Arrays;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A Gaussian likelihood of binned data: χ² = (t − d)ᵀ h C⁻¹ (t − d) for a data vector d, covariance C and
 * inverse-covariance factor h (the Hartlap factor, or 1). The inverse is computed once, at construction, from
 * a Cholesky factorisation. Immutable and thread-safe.
 */
public final class GaussianBandpowers {
    /** Relative tolerance of the symmetry check, |C_ij − C_ji| ≤ tol · sqrt(C_ii C_jj). */
    static final double SYMMETRY_TOLERANCE = 1e-10;

    private final double[] data;
    private final double[] inverse; // h C^-1, row-major n x n

    private GaussianBandpowers(double[] data, double[] inverse) {
        this.data = data;
        this.inverse = inverse;
    }

    /**
     * {@return the likelihood}
     *
     * @param data         the measured bandpowers d (not modified)
     * @param covariance   their covariance C, {@code [n][n]} (not modified); must be symmetric (to a relative
     *   {@value #SYMMETRY_TOLERANCE}; the mean of C and Cᵀ is used) and positive definite
     * @param inverseScale h, multiplies C⁻¹ (&gt; 0)
     * @param description  what the covariance is (e.g. its file), for messages
     * @throws DataFileException      naming {@code description} if C has the wrong shape, is not finite, not
     *   symmetric or not positive definite
     * @throws InvalidOptionException if {@code inverseScale} is not finite and positive
     */
    public static GaussianBandpowers of(double[] data, double[][] covariance, double inverseScale, String description) {
        int n = data.length;
        if (!(inverseScale > 0) || !Double.isFinite(inverseScale)) {
            throw new InvalidOptionException(null,
                    description + ": inverse-covariance factor must be finite and > 0, got "
                    + inverseScale);
        }
        if (covariance.length != n) {
            throw new DataFileException(description + ": covariance has " + covariance.length + " rows for " + n
                    + " bandpowers");
        }
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            if (covariance[i].length != n) {
                throw new DataFileException(description + ": covariance row " + i + " has " + covariance[i].length
                        + " entries, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                double a = covariance[i][j];
                double b = covariance[j][i];
                if (!Double.isFinite(a)) {
                    throw new DataFileException(description + ": covariance entry (" + i + ", " + j + ") is " + a);
                }
                double scale = Math.sqrt(Math.abs(covariance[i][i] * covariance[j][j]));
                if (Math.abs(a - b) > SYMMETRY_TOLERANCE * scale) {
                    throw new DataFileException(description + ": covariance is not symmetric at (" + i + ", " + j
                            + "): " + a + " vs " + b);
                }
                c.set(i, j, 0.5 * (a + b));
            }
        }
        LinearSolverDense<DMatrixRMaj> cholesky = LinearSolverFactory_DDRM.chol(n);
        if (!cholesky.setA(c)) {
            throw new DataFileException(description + ": covariance is not positive definite (Cholesky failed)");
        }
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        cholesky.invert(inv);
        double[] inverse = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // symmetrise away the round-off of the triangular solves
                inverse[i * n + j] = inverseScale * 0.5 * (inv.get(i, j) + inv.get(j, i));
            }
        }
        for (double v : inverse) {
            if (!Double.isFinite(v)) {
                throw new DataFileException(description + ": covariance is singular to double precision");
            }
        }
        return new GaussianBandpowers(data.clone(), inverse);
    }

    /** {@return the number of bandpowers} */
    public int size() {
        return data.length;
    }

    /** {@return a copy of the data vector} */
    public double[] data() {
        return data.clone();
    }

    /** {@return a copy of h C⁻¹, {@code [n][n]}} */
    public double[][] inverseCovariance() {
        int n = data.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOfRange(inverse, i * n, (i + 1) * n);
        }
        return m;
    }

    /**
     * χ² of a theory vector. Allocation-free.
     *
     * @param theory the binned theory t, length {@link #size()}; <b>overwritten</b> with the residual t − d
     * @return (t − d)ᵀ h C⁻¹ (t − d)
     */
    public double chi2(double[] theory) {
        int n = data.length;
        for (int i = 0; i < n; i++) {
            theory[i] -= data[i];
        }
        double chi2 = 0.0;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double off = 0.0;
            for (int j = 0; j < i; j++) {
                off += inverse[row + j] * theory[j];
            }
            chi2 += theory[i] * (inverse[row + i] * theory[i] + 2.0 * off);
        }
        return chi2;
    }
}
