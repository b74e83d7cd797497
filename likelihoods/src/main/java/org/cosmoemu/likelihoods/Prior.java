package org.cosmoemu.likelihoods;

import org.cosmoemu.api.InvalidOptionException;

/**
 * A one-dimensional prior, normalised: {@link #logDensity} includes the normalisation constant.
 * Implementations are immutable.
 */
public sealed interface Prior permits Prior.Uniform, Prior.Gaussian, Prior.TruncatedGaussian {

    /**
     * {@return the log of the normalised density at {@code x}; {@code -Infinity} outside the support}
     *
     * @param x a value
     */
    double logDensity(double x);

    /** {@return the lower end of the support ({@code -Infinity} for Gaussians)} */
    double lower();

    /** {@return the upper end of the support ({@code +Infinity} for Gaussians)} */
    double upper();

    /**
     * {@return the prior in the usual notation, e.g. {@code U[0.005, 0.99]}, {@code N(0.96, 0.02)} or
     * {@code N(0.96, 0.02) on [0.9, 1.03]}}
     *
     */
    String describe();

    /**
     * {@return the uniform prior U[lower, upper]}
     *
     * @param lower lower bound
     * @param upper upper bound, &gt; lower
     * @throws InvalidOptionException unless {@code lower < upper}, both finite
     */
    static Prior uniform(double lower, double upper) {
        return new Uniform(lower, upper);
    }

    /**
     * {@return the Gaussian prior N(mean, sigma²)}
     *
     * @param mean  mean
     * @param sigma standard deviation, &gt; 0
     * @throws InvalidOptionException unless sigma &gt; 0 and both are finite
     */
    static Prior gaussian(double mean, double sigma) {
        return new Gaussian(mean, sigma);
    }

    /**
     * {@return N(mean, sigma²) restricted to [lower, upper] and renormalised (e.g. a published Gaussian prior cut to an
     * emulator's training range)}
     *
     * @param mean  mean of the untruncated Gaussian
     * @param sigma its standard deviation, &gt; 0
     * @param lower lower bound of the support
     * @param upper upper bound of the support, &gt; lower
     * @throws InvalidOptionException unless sigma &gt; 0, lower &lt; upper, and the interval holds some mass
     */
    static Prior truncatedGaussian(double mean, double sigma, double lower, double upper) {
        return new TruncatedGaussian(mean, sigma, lower, upper);
    }

    /**
     * U[lower, upper].
     *
     * @param lower lower bound
     * @param upper upper bound
     */
    record Uniform(double lower, double upper) implements Prior {
        /**
         * Checks the components.
         *
         * @throws InvalidOptionException unless {@code lower < upper}, both finite
         */
        public Uniform {
            if (!(lower < upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
                throw new InvalidOptionException("prior",
                        "uniform prior needs finite lower < upper, got [" + lower + ", " + upper + "]");
            }
        }

        @Override
        public double logDensity(double x) {
            return x >= lower && x <= upper ? -Math.log(upper - lower) : Double.NEGATIVE_INFINITY;
        }

        @Override
        public String describe() {
            return "U[" + number(lower) + ", " + number(upper) + "]";
        }
    }

    /**
     * N(mean, sigma²).
     *
     * @param mean  mean
     * @param sigma standard deviation
     */
    record Gaussian(double mean, double sigma) implements Prior {
        /**
         * Checks the components.
         *
         * @throws InvalidOptionException unless sigma &gt; 0 and both are finite
         */
        public Gaussian {
            if (!(sigma > 0) || !Double.isFinite(sigma) || !Double.isFinite(mean)) {
                throw new InvalidOptionException("prior",
                        "Gaussian prior needs finite mean and sigma > 0, got N(" + mean + ", " + sigma + ")");
            }
        }

        @Override
        public double logDensity(double x) {
            double d = (x - mean) / sigma;
            return -0.5 * d * d - Math.log(sigma) - 0.5 * Math.log(2.0 * Math.PI);
        }

        @Override
        public double lower() {
            return Double.NEGATIVE_INFINITY;
        }

        @Override
        public double upper() {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public String describe() {
            return "N(" + number(mean) + ", " + number(sigma) + ")";
        }
    }

    /**
     * N(mean, sigma²) restricted to [lower, upper], renormalised to unit mass. Its normalisation (an error
     * function of the bounds) is computed once, at construction, so {@link #logDensity} costs what a Gaussian's
     * does. Immutable; equal when its four numbers are.
     */
    final class TruncatedGaussian implements Prior {
        private final double mean;
        private final double sigma;
        private final double lower;
        private final double upper;
        private final double logSigma;
        private final double logMass;

        /**
         * Checks the numbers and computes the normalisation.
         *
         * @param mean  mean of the untruncated Gaussian
         * @param sigma its standard deviation
         * @param lower lower bound of the support
         * @param upper upper bound of the support
         * @throws InvalidOptionException unless sigma &gt; 0, lower &lt; upper, and the interval holds some mass
         */
        public TruncatedGaussian(double mean, double sigma, double lower, double upper) {
            if (!(sigma > 0) || !Double.isFinite(sigma) || !Double.isFinite(mean)) {
                throw new InvalidOptionException("prior",
                        "truncated Gaussian prior needs finite mean and sigma > 0, got N("
                        + mean + ", " + sigma + ")");
            }
            if (!(lower < upper)) {
                throw new InvalidOptionException("prior",
                        "truncated Gaussian prior needs lower < upper, got [" + lower + ", "
                        + upper + "]");
            }
            double m = mass(mean, sigma, lower, upper);
            if (!(m > 0)) {
                throw new InvalidOptionException("prior",
                        "truncated Gaussian prior N(" + mean + ", " + sigma + ") has no mass in ["
                        + lower + ", " + upper + "]");
            }
            this.mean = mean;
            this.sigma = sigma;
            this.lower = lower;
            this.upper = upper;
            this.logSigma = Math.log(sigma);
            this.logMass = Math.log(m);
        }

        private static double mass(double mean, double sigma, double lower, double upper) {
            double s = sigma * Math.sqrt(2.0);
            return 0.5 * org.apache.commons.math3.special.Erf.erf((lower - mean) / s, (upper - mean) / s);
        }

        /** {@return the mean of the untruncated Gaussian} */
        public double mean() {
            return mean;
        }

        /** {@return the standard deviation of the untruncated Gaussian} */
        public double sigma() {
            return sigma;
        }

        @Override
        public double lower() {
            return lower;
        }

        @Override
        public double upper() {
            return upper;
        }

        @Override
        public double logDensity(double x) {
            if (!(x >= lower && x <= upper)) {
                return Double.NEGATIVE_INFINITY;
            }
            double d = (x - mean) / sigma;
            return -0.5 * d * d - logSigma - HALF_LOG_2PI - logMass;
        }

        @Override
        public String describe() {
            return "N(" + number(mean) + ", " + number(sigma) + ") on [" + number(lower) + ", " + number(upper) + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TruncatedGaussian t && Double.compare(t.mean, mean) == 0
                    && Double.compare(t.sigma, sigma) == 0 && Double.compare(t.lower, lower) == 0
                    && Double.compare(t.upper, upper) == 0;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(mean, sigma, lower, upper);
        }

        @Override
        public String toString() {
            return "TruncatedGaussian[mean=" + mean + ", sigma=" + sigma + ", lower=" + lower + ", upper=" + upper + "]";
        }

        private static final double HALF_LOG_2PI = 0.5 * Math.log(2.0 * Math.PI);
    }

    /** @return {@code x} without exponent or trailing zeros: 40, 0.00036 */
    private static String number(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
