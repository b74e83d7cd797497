package org.cosmoemu.cpu;

/**
 * The weight layout the Vector API kernels read: a row-major {@code [in][out]} matrix cut into column
 * <em>panels</em> a few vectors wide, each panel stored contiguously row after row, so that the kernel's
 * inner loop (over the inputs {@code i}) reads memory strictly sequentially.
 *
 * <p>With {@code vl} lanes per vector and {@code panel} vectors per panel ({@code pw = panel * vl} columns):
 * <ul>
 *   <li>the output width is padded with zero columns to {@code paddedOut}, a multiple of {@code vl};</li>
 *   <li>{@code fullPanels = (paddedOut / vl) / panel} panels of {@code pw} columns come first: panel
 *       {@code p}, input row {@code i}, column {@code c} (0 ≤ c &lt; pw) is at
 *       {@code p*in*pw + i*pw + c} and holds {@code W[i][p*pw + c]};</li>
 *   <li>the remaining {@code tailVectors = (paddedOut / vl) % panel} vectors follow as one-vector panels:
 *       tail vector {@code t}, row {@code i}, lane {@code c} is at {@code fullPanels*in*pw + t*in*vl + i*vl + c}
 *       and holds {@code W[i][fullPanels*pw + t*vl + c]}.</li>
 * </ul>
 * The padding columns are zero, so the padded outputs of a layer come out exactly 0 (given zero bias and,
 * for hidden layers, zero β and γ there) and never need masking inside the kernels.
 */
final class PackedPanels {
    private PackedPanels() {
    }

    /**
     * @param n  a width
     * @param vl vector length
     * @return {@code n} rounded up to a multiple of {@code vl}
     */
    static int padded(int n, int vl) {
        return (n + vl - 1) / vl * vl;
    }

    /**
     * @param w     row-major {@code [in][out]} weights (not modified)
     * @param in    rows
     * @param out   columns
     * @param vl    lanes per vector
     * @param panel vectors per full panel
     * @return the packed weights, {@code in * padded(out, vl)} long
     */
    static double[] pack(double[] w, int in, int out, int vl, int panel) {
        int paddedOut = padded(out, vl);
        int vectors = paddedOut / vl;
        int fullPanels = vectors / panel;
        int pw = panel * vl;
        double[] packed = new double[in * paddedOut];
        int k = 0;
        for (int p = 0; p < fullPanels; p++) {
            k = copyPanel(w, in, out, p * pw, pw, packed, k);
        }
        for (int t = 0; t < vectors % panel; t++) {
            k = copyPanel(w, in, out, fullPanels * pw + t * vl, vl, packed, k);
        }
        return packed;
    }

    private static int copyPanel(double[] w, int in, int out, int col0, int width, double[] packed, int k) {
        for (int i = 0; i < in; i++) {
            for (int c = col0; c < col0 + width; c++) {
                packed[k++] = c < out ? w[i * out + c] : 0.0;
            }
        }
        return k;
    }

    /**
     * @param v   values (not modified), may be {@code null}
     * @param len padded length ≥ {@code v.length}
     * @param pad the value of the padding
     * @return a copy of {@code v} padded with {@code pad} to {@code len}, or {@code null} if {@code v} is
     */
    static double[] pad(double[] v, int len, double pad) {
        if (v == null) {
            return null;
        }
        double[] p = new double[len];
        java.util.Arrays.fill(p, pad);
        System.arraycopy(v, 0, p, 0, v.length);
        return p;
    }

    /**
     * @param a values (not modified), may be {@code null}
     * @return {@code a} rounded to {@code float}, or {@code null}
     */
    static float[] toFloat(double[] a) {
        return a == null ? null : ScalarForwardPass.toFloat(a);
    }
}
