package org.cosmoemu.likelihoods;

/**
 * A one-dimensional prior, normalised: {@link #logDensity} includes the normalisation constant.
 * Implementations are immutable.
 */
public sealed interface Prior permits Prior.Uniform, Prior.Gaussian {

    /**
     * @param x a value
     * @return the log of the normalised density at {@code x}; {@code -Infinity} outside the support
     */
    double logDensity(double x);

    /** @return the lower end of the support ({@code -Infinity} for Gaussians) */
    double lower();

    /** @return the upper end of the support ({@code +Infinity} for Gaussians) */
    double upper();

    /**
     * @param lower lower bound
     * @param upper upper bound, &gt; lower
     * @return the uniform prior U[lower, upper]
     */
    static Prior uniform(double lower, double upper) {
        return new Uniform(lower, upper);
    }

    /**
     * @param mean  mean
     * @param sigma standard deviation, &gt; 0
     * @return the Gaussian prior N(mean, sigma²)
     */
    static Prior gaussian(double mean, double sigma) {
        return new Gaussian(mean, sigma);
    }

    /**
     * U[lower, upper].
     *
     * @param lower lower bound
     * @param upper upper bound
     */
    record Uniform(double lower, double upper) implements Prior {
        /** @throws IllegalArgumentException unless {@code lower < upper}, both finite */
        public Uniform {
            if (!(lower < upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
                throw new IllegalArgumentException("uniform prior needs finite lower < upper, got [" + lower + ", " + upper + "]");
            }
        }

        @Override
        public double logDensity(double x) {
            return x >= lower && x <= upper ? -Math.log(upper - lower) : Double.NEGATIVE_INFINITY;
        }
    }

    /**
     * N(mean, sigma²).
     *
     * @param mean  mean
     * @param sigma standard deviation
     */
    record Gaussian(double mean, double sigma) implements Prior {
        /** @throws IllegalArgumentException unless sigma &gt; 0 and both are finite */
        public Gaussian {
            if (!(sigma > 0) || !Double.isFinite(sigma) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException("Gaussian prior needs finite mean and sigma > 0, got N(" + mean + ", " + sigma + ")");
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
    }
}
