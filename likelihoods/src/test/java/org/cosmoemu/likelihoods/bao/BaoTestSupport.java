package org.cosmoemu.likelihoods.bao;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.cosmoemu.theory.Background;

/**
 * An independent re-derivation of cobaya's Gaussian BAO χ², written from SPEC.md without calling the code
 * under test: its own file parsing, its own prediction formulas and its own (Gauss–Jordan) matrix inverse.
 */
final class BaoTestSupport {
    static final double C = 299792.458;

    private BaoTestSupport() {
    }

    /** A background that returns fixed D_M and H at every redshift (to place the theory exactly). */
    record StubBackground(double dm, double hubbleKmSMpc) implements Background {
        @Override
        public double hubble(double z) {
            return hubbleKmSMpc;
        }

        @Override
        public double angularDiameterDistance(double z) {
            return dm / (1 + z);
        }
    }

    /** χ² = (t − d)ᵀ C⁻¹ (t − d) from the measurement and covariance files, rs = rdrag × rsRescale. */
    static double chi2(Path mean, Path cov, double rsRescale, Background bg, double rdrag, DoubleUnaryOperator fsigma8) {
        List<double[]> diff = new ArrayList<>();
        for (String line : lines(mean)) {
            String[] f = line.split("\\s+");
            double z = Double.parseDouble(f[0]);
            double value = Double.parseDouble(f[1]);
            String obs = f[2].startsWith("bao_") ? f[2].substring(4) : f[2];
            diff.add(new double[] {predict(obs, z, bg, rdrag * rsRescale, fsigma8) - value});
        }
        List<String> covLines = lines(cov);
        int n = diff.size();
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.stream(covLines.get(i).split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        }
        double[][] inv = gaussJordanInverse(m);
        double chi2 = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                chi2 += diff.get(i)[0] * inv[i][j] * diff.get(j)[0];
            }
        }
        return chi2;
    }

    static double predict(String obs, double z, Background bg, double rs, DoubleUnaryOperator fsigma8) {
        double da = bg.angularDiameterDistance(z);
        double h = bg.hubble(z);
        double dm = (1 + z) * da;
        double dv = Math.cbrt(dm * dm * C * z / h);
        switch (obs) {
            case "DM_over_rs": return dm / rs;
            case "DH_over_rs": return C / h / rs;
            case "DV_over_rs": return dv / rs;
            case "rs_over_DV": return rs / dv;
            case "DA_over_rs": return da / rs;
            case "Hz_rs": return h * rs;
            case "f_sigma8": return fsigma8.applyAsDouble(z);
            case "F_AP": return dm * h / C;
            default: throw new AssertionError("observable " + obs);
        }
    }

    static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p).stream().map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] gaussJordanInverse(double[][] a0) {
        int n = a0.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a0[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[p];
            a[p] = a[c];
            a[c] = t;
            double d = a[c][c];
            for (int j = 0; j < 2 * n; j++) {
                a[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
