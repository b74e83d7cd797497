package org.cosmoemu.likelihoods.lensing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;

/**
 * The binned theory of a bandpower likelihood as a linear map of the canonical spectra of {@link CmbSpectra}
 * (C_ℓ in µK² for TT/TE/EE/BB, C_ℓ^φφ for PP, no ℓ factors):
 * <pre>
 *   t_b = Σ_X Σ_ℓ W_{b,X}(ℓ) C_X(ℓ) · (X ≠ PP ? cmbFactor : 1) − offset_b
 * </pre>
 * Whatever ℓ-convention the data's windows act on (D_ℓ, C_L^κκ, [L(L+1)]² C_L^φφ/2π) is folded into W at
 * construction, so evaluation is a dot product per bin and spectrum over the window's support only (over the
 * listed multipoles for sparse windows such as Planck's CMB-marginalised corrections).
 * Immutable and thread-safe.
 */
public final class BandpowerWindows {
    private final int nbins;
    private final int[] segmentBin;
    private final Spectrum[] segmentSpectrum;
    private final int[] segmentLmin;
    private final double[][] segmentWeights;
    private final int[][] segmentElls; // null: dense weights on lmin, lmin+1, ...; else the multipole of each weight
    private final double[] offset;
    private final Set<Spectrum> spectra;
    private final Spectrum[] spectraArray;
    private final int lmax;

    private BandpowerWindows(int nbins, List<Segment> segments, double[] offset) {
        this.nbins = nbins;
        int n = segments.size();
        segmentBin = new int[n];
        segmentSpectrum = new Spectrum[n];
        segmentLmin = new int[n];
        segmentWeights = new double[n][];
        segmentElls = new int[n][];
        EnumSet<Spectrum> s = EnumSet.noneOf(Spectrum.class);
        int lm = 0;
        for (int i = 0; i < n; i++) {
            Segment g = segments.get(i);
            segmentBin[i] = g.bin;
            segmentSpectrum[i] = g.spectrum;
            segmentLmin[i] = g.lmin;
            segmentWeights[i] = g.weights;
            segmentElls[i] = g.ells;
            s.add(g.spectrum);
            lm = Math.max(lm, g.ells == null ? g.lmin + g.weights.length - 1 : g.ells[g.ells.length - 1]);
        }
        this.offset = offset;
        this.spectra = Collections.unmodifiableSet(s);
        this.spectraArray = s.toArray(new Spectrum[0]);
        this.lmax = lm;
    }

    /**
     * {@return a builder with all weights and offsets zero}
     *
     * @param nbins number of bins
     */
    public static Builder builder(int nbins) {
        return new Builder(nbins);
    }

    /** {@return the number of bins} */
    public int size() {
        return nbins;
    }

    /** {@return the spectra with a non-zero weight somewhere} */
    public Set<Spectrum> spectra() {
        return spectra;
    }

    /** {@return the highest multipole with a non-zero weight (0 if none)} */
    public int lmax() {
        return lmax;
    }

    /**
     * {@return W_{bin,spectrum}(ℓ), the weight on the canonical C_ℓ}
     *
     * @param bin      a bin
     * @param spectrum a spectrum
     * @param ell      a multipole
     */
    public double weight(int bin, Spectrum spectrum, int ell) {
        double w = 0.0;
        for (int i = 0; i < segmentBin.length; i++) {
            if (segmentBin[i] != bin || segmentSpectrum[i] != spectrum) {
                continue;
            }
            if (segmentElls[i] == null) {
                int k = ell - segmentLmin[i];
                w += k >= 0 && k < segmentWeights[i].length ? segmentWeights[i][k] : 0.0;
            } else {
                int k = Arrays.binarySearch(segmentElls[i], ell);
                w += k >= 0 ? segmentWeights[i][k] : 0.0;
            }
        }
        return w;
    }

    /**
     * Checks that {@code cmb} holds every spectrum these windows use up to {@link #lmax()}. Allocation-free.
     *
     * @param cmb        the theory spectra
     * @param likelihood the likelihood's name, for the message
     * @throws MissingQuantityException naming the likelihood and the missing spectrum or multipole range
     */
    public void requireCovered(CmbSpectra cmb, String likelihood) {
        for (Spectrum s : spectraArray) {
            if (!cmb.has(s)) {
                throw new MissingQuantityException(likelihood + " needs the " + s
                        + " spectrum, which the theory lacks");
            }
        }
        if (cmb.lmax() < lmax) {
            throw new MissingQuantityException(likelihood + " needs spectra " + spectra + " up to l = " + lmax
                    + "; the theory stops at l = " + cmb.lmax());
        }
    }

    /**
     * Evaluates the binned theory. Allocation-free. The caller checks that {@code cmb} holds {@link #spectra()}
     * up to {@link #lmax()}.
     *
     * @param cmb       the spectra
     * @param cmbFactor multiplies the TT, TE, EE, BB contributions (a calibration, e.g. 1/A_planck²; 1 for none)
     * @param out       receives t_b, length ≥ {@link #size()} (overwritten)
     */
    public void evaluate(CmbSpectra cmb, double cmbFactor, double[] out) {
        System.arraycopy(offset, 0, out, 0, nbins);
        for (int i = 0; i < segmentBin.length; i++) {
            Spectrum s = segmentSpectrum[i];
            double sum = segmentElls[i] == null ? denseDot(cmb, s, segmentLmin[i], segmentWeights[i])
                    : sparseDot(cmb, s, segmentElls[i], segmentWeights[i]);
            out[segmentBin[i]] += s == Spectrum.PP ? sum : cmbFactor * sum;
        }
    }

    /** Σ_k w[k] C(l0 + k), with four independent partial sums (the dependency chain of one sum is the cost). */
    private static double denseDot(CmbSpectra cmb, Spectrum s, int l0, double[] w) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int n = w.length;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += w[k] * cmb.cl(s, l0 + k);
            s1 += w[k + 1] * cmb.cl(s, l0 + k + 1);
            s2 += w[k + 2] * cmb.cl(s, l0 + k + 2);
            s3 += w[k + 3] * cmb.cl(s, l0 + k + 3);
        }
        for (; k < n; k++) {
            s0 += w[k] * cmb.cl(s, l0 + k);
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double sparseDot(CmbSpectra cmb, Spectrum s, int[] ells, double[] w) {
        double sum = 0.0;
        for (int k = 0; k < w.length; k++) {
            sum += w[k] * cmb.cl(s, ells[k]);
        }
        return sum;
    }

    /** Weights of one bin and spectrum: dense from lmin ({@code ells == null}) or at the listed multipoles. */
    private record Segment(int bin, Spectrum spectrum, int lmin, double[] weights, int[] ells) {
    }

    /** Below this fraction of non-zero weights in its support, a window is stored sparsely. */
    private static final double DENSE_FRACTION = 0.5;

    /** Accumulates weights; not thread-safe. */
    public static final class Builder {
        private final int nbins;
        private final double[][][] dense; // [bin][spectrum][ell], grown on demand
        private final double[] offset;

        private Builder(int nbins) {
            if (nbins <= 0) {
                throw new DataFileException("bandpower windows need at least one bin, got " + nbins);
            }
            this.nbins = nbins;
            this.dense = new double[nbins][Spectrum.values().length][];
            this.offset = new double[nbins];
        }

        /**
         * Adds {@code weight} to W_{bin,spectrum}(ℓ).
         *
         * @param bin      0 ≤ bin &lt; nbins
         * @param spectrum the spectrum
         * @param ell      multipole ≥ 0
         * @param weight   weight on the canonical C_ℓ (finite)
         * @return this builder
         * @throws DataFileException if an argument is out of range or the weight is not finite (the windows come
         *                           from a data file)
         */
        public Builder add(int bin, Spectrum spectrum, int ell, double weight) {
            if (bin < 0 || bin >= nbins || ell < 0 || !Double.isFinite(weight)) {
                throw new DataFileException("bad bandpower window entry: bin " + bin + ", " + spectrum + ", ell " + ell
                        + ", weight " + weight);
            }
            double[] a = dense[bin][spectrum.ordinal()];
            if (a == null || a.length <= ell) {
                a = a == null ? new double[Math.max(ell + 1, 64)] : Arrays.copyOf(a, Math.max(ell + 1, 2 * a.length));
                dense[bin][spectrum.ordinal()] = a;
            }
            a[ell] += weight;
            return this;
        }

        /**
         * Subtracts a constant from t_bin (e.g. a fiducial linear correction).
         *
         * @param bin   the bin
         * @param value the constant
         * @return this builder
         */
        public Builder subtract(int bin, double value) {
            offset[bin] -= value;
            return this;
        }

        /** {@return the windows, each trimmed to its non-zero support, stored sparsely if mostly zero there} */
        public BandpowerWindows build() {
            List<Segment> segments = new ArrayList<>();
            for (int b = 0; b < nbins; b++) {
                for (Spectrum s : Spectrum.values()) {
                    double[] a = dense[b][s.ordinal()];
                    if (a == null) {
                        continue;
                    }
                    int lo = 0;
                    while (lo < a.length && a[lo] == 0.0) {
                        lo++;
                    }
                    int hi = a.length - 1;
                    while (hi >= lo && a[hi] == 0.0) {
                        hi--;
                    }
                    if (lo > hi) {
                        continue;
                    }
                    int nonZero = 0;
                    for (int l = lo; l <= hi; l++) {
                        nonZero += a[l] != 0.0 ? 1 : 0;
                    }
                    if (nonZero >= DENSE_FRACTION * (hi - lo + 1)) {
                        segments.add(new Segment(b, s, lo, Arrays.copyOfRange(a, lo, hi + 1), null));
                    } else {
                        int[] ells = new int[nonZero];
                        double[] w = new double[nonZero];
                        for (int l = lo, k = 0; l <= hi; l++) {
                            if (a[l] != 0.0) {
                                ells[k] = l;
                                w[k++] = a[l];
                            }
                        }
                        segments.add(new Segment(b, s, lo, w, ells));
                    }
                }
            }
            return new BandpowerWindows(nbins, segments, offset.clone());
        }
    }
}
