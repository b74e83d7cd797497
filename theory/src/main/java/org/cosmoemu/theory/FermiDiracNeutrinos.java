package org.cosmoemu.theory;

/**
 * Energy density and pressure of one massive neutrino species (neutrino + antineutrino, one helicity each)
 * with a relativistic Fermi–Dirac momentum distribution frozen at decoupling, as functions of
 * y = m a / (k_B T_ν0), the mass over the neutrino temperature at scale factor a.
 *
 * <p>With q the comoving momentum in units of k_B T_ν0 and f(q) = 1/(e^q + 1):
 * <pre>
 *   ρ_ν(a) = ρ_ν,massless(a) · R(y),   R(y) = ∫ q² √(q² + y²) f(q) dq / ∫ q³ f(q) dq
 *   p_ν(a) = ρ_ν,massless(a) · P(y),   P(y) = ∫ q⁴ / (3 √(q² + y²)) f(q) dq / ∫ q³ f(q) dq
 * </pre>
 * where ρ_ν,massless(a) = (7/8) (T_ν0/T_γ0)⁴ ρ_γ(a) is the density the species would have if it were
 * massless; R(0) = 1, P(0) = 1/3, and R(y) → (180 ζ(3) / 7π⁴) y for y → ∞.
 *
 * <p>R and P depend on y only, so they are tabulated once per JVM (about 10 ms): values and exact
 * derivatives on a grid uniform in ln y between {@value #Y_MIN} and {@value #Y_MAX}, step
 * {@value #DU}, each from a composite 8-point Gauss–Legendre quadrature after the substitution
 * q = y sinh s (which removes the branch points at q = ±iy that slow quadrature down at small y).
 * Between nodes a cubic Hermite interpolant is used (relative error below 1e-10); below Y_MIN the
 * small-mass expansion R = 1 + (5/7π²) y², P = 1/3 − (5/21π²) y² and above Y_MAX the large-mass
 * expansion in 1/y² up to 1/y⁷ (truncation error below 1e-9 relative) are used. Immutable and thread-safe;
 * evaluation allocates nothing.
 */
final class FermiDiracNeutrinos {

    /** Lower end of the table in y; below it the small-mass series is used. */
    static final double Y_MIN = 1e-3;
    /** Upper end of the table in y; above it the large-mass series is used. */
    static final double Y_MAX = 100.0;
    /** Table step in ln y. */
    static final double DU = 0.02;

    /** ∫ q³ f(q) dq = 7π⁴/120. */
    static final double J0 = 7.0 * Math.pow(Math.PI, 4) / 120.0;

    private static final double ZETA3 = 1.2020569031595942;
    private static final double ZETA5 = 1.0369277551433699;
    private static final double ZETA7 = 1.0083492773819228;
    private static final double ZETA9 = 1.0020083928260822;
    private static final double ZETA11 = 1.0004941886041195;
    /** Fermi–Dirac moments ∫ q^n f(q) dq = (1 − 2^−n) n! ζ(n+1) for n = 2, 4, 6, 8. */
    private static final double M2 = 0.75 * 2.0 * ZETA3;
    private static final double M4 = (15.0 / 16.0) * 24.0 * ZETA5;
    private static final double M6 = (63.0 / 64.0) * 720.0 * ZETA7;
    private static final double M8 = (255.0 / 256.0) * 40320.0 * ZETA9;
    private static final double M10 = (1023.0 / 1024.0) * 3628800.0 * ZETA11;
    /** ∫ q f(q) dq = π²/12, the y² coefficient of the small-mass expansion. */
    private static final double M1 = Math.PI * Math.PI / 12.0;

    private static final double U_MIN = Math.log(Y_MIN);
    private static final int NODES = (int) Math.ceil((Math.log(Y_MAX) - U_MIN) / DU) + 1;

    private FermiDiracNeutrinos() {
    }

    /**
     * @param y m a / (k_B T_ν0) ≥ 0
     * @return R(y) = ρ_ν / ρ_ν,massless
     */
    static double densityRatio(double y) {
        if (y < Y_MIN) {
            return 1.0 + 0.5 * M1 / J0 * y * y;
        }
        if (y > Y_MAX) {
            double iy2 = 1.0 / (y * y);
            // √(q²+y²) = y [1 + x/2 − x²/8 + x³/16 − 5x⁴/128 + …], x = q²/y²
            return y * (M2 + iy2 * (0.5 * M4 + iy2 * (-0.125 * M6 + iy2 * (0.0625 * M8 + iy2 * (-5.0 / 128.0 * M10)))))
                    / J0;
        }
        return hermite(Math.log(y), 0);
    }

    /**
     * @param y m a / (k_B T_ν0) ≥ 0
     * @return P(y) = p_ν / ρ_ν,massless
     */
    static double pressureRatio(double y) {
        if (y < Y_MIN) {
            return 1.0 / 3.0 - M1 / (6.0 * J0) * y * y;
        }
        if (y > Y_MAX) {
            double iy2 = 1.0 / (y * y);
            // q⁴/(3√(q²+y²)) = (q⁴/3y) [1 − x/2 + 3x²/8 − 5x³/16 + …]
            return (M4 + iy2 * (-0.5 * M6 + iy2 * (0.375 * M8 + iy2 * (-0.3125 * M10)))) / (3.0 * y * J0);
        }
        return hermite(Math.log(y), 2);
    }

    private static double hermite(double u, int which) {
        double s = (u - U_MIN) / DU;
        int i = (int) s;
        if (i >= NODES - 1) {
            i = NODES - 2;
        }
        double t = s - i;
        int a = 4 * i + which;
        int b = a + 4;
        double y0 = TABLE[a];
        double d0 = TABLE[a + 1] * DU;
        double y1 = TABLE[b];
        double d1 = TABLE[b + 1] * DU;
        double t2 = t * t;
        double t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * d0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * d1;
    }

    // ---- table construction ------------------------------------------------------------------------

    /** 8-point Gauss–Legendre rule on [−1, 1]. */
    private static final double[][] GL = GaussLegendre.rule(8);
    private static final double[] GL_X = GL[0];
    private static final double[] GL_W = GL[1];

    /** Momenta above this (in units of k_B T_ν0) contribute below 1e-18 relative. */
    private static final double Q_MAX = 60.0;

    /** Per node: R, dR/du, P, dP/du (u = ln y). Declared after the quadrature constants it uses. */
    private static final double[] TABLE = buildTable();

    private static double[] buildTable() {
        double[] t = new double[4 * NODES];
        double[] m = new double[4];
        for (int i = 0; i < NODES; i++) {
            double y = Math.exp(U_MIN + i * DU);
            moments(y, m);
            t[4 * i] = m[0] / J0;
            t[4 * i + 1] = y * m[1] / J0; // dR/du = y dR/dy
            t[4 * i + 2] = m[2] / J0;
            t[4 * i + 3] = y * m[3] / J0;
        }
        return t;
    }

    /**
     * Computes, with q = y sinh s (dq = y cosh s ds, √(q²+y²) = y cosh s):
     * out[0] = ∫ q² √(q²+y²) f = ∫ y⁴ sinh²s cosh²s f ds,
     * out[1] = d/dy of out[0] = ∫ q² y/√(q²+y²) f dq = ∫ y³ sinh²s f ds,
     * out[2] = ∫ q⁴/(3√(q²+y²)) f = ∫ y⁴ sinh⁴s / 3 f ds,
     * out[3] = d/dy of out[2] = −∫ q⁴ y / (3 (q²+y²)^{3/2}) f dq = −∫ y³ sinh⁴s / (3 cosh²s) f ds.
     * Package-private for tests.
     */
    static void moments(double y, double[] out) {
        double sMax = asinh(Q_MAX / y);
        // Panels resolve both the scale of f in q (≤ 0.5 apart in q) and the logarithmic scale in s.
        int panels = (int) Math.max(Math.ceil(sMax / 0.05), Math.ceil(Q_MAX / 0.5));
        double h = sMax / panels;
        double rho = 0;
        double drho = 0;
        double p = 0;
        double dp = 0;
        double y3 = y * y * y;
        double y4 = y3 * y;
        for (int k = 0; k < panels; k++) {
            double mid = (k + 0.5) * h;
            for (int g = 0; g < GL_X.length; g++) {
                double s = mid + 0.5 * h * GL_X[g];
                double w = 0.5 * h * GL_W[g];
                double sh = Math.sinh(s);
                double ch = Math.cosh(s);
                double q = y * sh;
                double f = 1.0 / (Math.exp(q) + 1.0);
                double sh2 = sh * sh;
                rho += w * y4 * sh2 * ch * ch * f;
                drho += w * y3 * sh2 * f;
                p += w * y4 * sh2 * sh2 / 3.0 * f;
                dp -= w * y3 * sh2 * sh2 / (3.0 * ch * ch) * f;
            }
        }
        out[0] = rho;
        out[1] = drho;
        out[2] = p;
        out[3] = dp;
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1.0));
    }
}
