package org.cosmoemu.api;

/**
 * The multipole factor a spectrum is stored with, so that the numbers say which convention they follow.
 * For non-spectral outputs use {@link #NONE}.
 */
public enum EllFactor {
    /** Plain C_ℓ (also any non-spectral output). */
    NONE("none"),
    /** ℓ(ℓ+1) C_ℓ / 2π, i.e. D_ℓ: the CLASS/CAMB convention for CMB temperature and polarisation. */
    L_L1_OVER_2PI("l(l+1)/2pi"),
    /** [ℓ(ℓ+1)]² C_ℓ / 2π: the CAMB/Planck "PP" convention for the lensing potential. */
    L_L1_SQUARED_OVER_2PI("[l(l+1)]^2/2pi"),
    /** [ℓ(ℓ+1)]² C_ℓ / 4: the lensing convergence C_ℓ^κκ from C_ℓ^φφ. */
    L_L1_SQUARED_OVER_4("[l(l+1)]^2/4");

    private final String token;

    EllFactor(String token) {
        this.token = token;
    }

    /** {@return the stable name used in model files and JSON} */
    public String token() {
        return token;
    }

    /**
     * {@return the factor f(ℓ) such that stored value = f(ℓ) · C_ℓ}
     *
     * @param ell the multipole (≥ 0)
     */
    public double factor(double ell) {
        double l1 = ell * (ell + 1.0);
        return switch (this) {
            case NONE -> 1.0;
            case L_L1_OVER_2PI -> l1 / (2.0 * Math.PI);
            case L_L1_SQUARED_OVER_2PI -> l1 * l1 / (2.0 * Math.PI);
            case L_L1_SQUARED_OVER_4 -> l1 * l1 / 4.0;
        };
    }

    /**
     * {@return the factor}
     *
     * @param token a value of {@link #token()}
     * @throws InvalidOptionException for an unknown token, naming the accepted ones
     */
    public static EllFactor fromToken(String token) {
        for (EllFactor f : values()) {
            if (f.token.equals(token.trim())) {
                return f;
            }
        }
        throw new InvalidOptionException("ell_factor",
                "unknown ell factor '" + token + "': use one of none, l(l+1)/2pi, "
                + "[l(l+1)]^2/2pi, [l(l+1)]^2/4");
    }
}
