package org.cosmoemu.cpu;

/**
 * The weight layout the Vector API kernels read: a row-major {@code [in][out]} matrix cut into column
 * <em>panels</em> {@code pw} columns wide (a few vectors), each panel stored contiguously row after row, so
 * that the kernels' inner loop (over the inputs {@code i}) reads memory strictly sequentially.
 *
 * <p>The output width is padded with zero columns to {@code paddedOut}, a multiple of {@code pw}; panel
 * {@code p}, input row {@code i}, column {@code c} (0 ≤ c &lt; pw) is at {@code p*in*pw + i*pw + c} and holds
 * {@code W[i][p*pw + c]}. Because the padding columns are zero (and so are the bias and epilogue parameters
 * there), the padded outputs of a layer come out exactly 0 and the kernels never need masks.
 */
final class PackedPanels {
    private PackedPanels() {
    }

    /**
     * @param n     a width
     * @param align alignment
     * @return {@code n} rounded up to a multiple of {@code align}
     */
    static int padded(int n, int align) {
        return (n + align - 1) / align * align;
    }

    /**
     * @param w   row-major {@code [in][out]} weights (not modified)
     * @param in  rows
     * @param out columns
     * @param pw  panel width (columns)
     * @return the packed weights, {@code in * padded(out, pw)} long
     */
    static double[] pack(double[] w, int in, int out, int pw) {
        int panels = padded(out, pw) / pw;
        double[] packed = new double[in * panels * pw];
        int k = 0;
        for (int p = 0; p < panels; p++) {
            for (int i = 0; i < in; i++) {
                for (int c = p * pw; c < (p + 1) * pw; c++) {
                    packed[k++] = c < out ? w[i * out + c] : 0.0;
                }
            }
        }
        return packed;
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
