package org.cosmoemu.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Sets derived quantities instead of inputs, by solving for the input that controls each:
 * <table>
 *   <caption>targets and the inputs solved for</caption>
 *   <tr><th>target</th><th>solved input</th><th>method</th></tr>
 *   <tr><td>{@code sigma8}, {@code S8}, {@code S8_CMBL}</td><td>{@code ln10^{10}A_s}</td>
 *       <td>σ8² ∝ A_s at fixed other parameters gives the first step, then secant/Brent until the
 *       emulator confirms the target</td></tr>
 *   <tr><td>{@code Omega_m}</td><td>{@code omega_cdm}</td><td>root-find on the exact background's Ω_m</td></tr>
 *   <tr><td>{@code 100theta_star}, {@code theta_star}, {@code 100theta_s}</td><td>{@code H0}</td><td>root-find on the
 *       derived emulator</td></tr>
 * </table>
 * Several targets are solved together, by Newton's method over their inputs (Ω_m depends on H0, σ8 on ω_cdm, and
 * θ* on ω_cdm as strongly as on H0). A target the emulators cannot reach within their training range fails with a message
 * naming the target, the input and its range.
 */
public final class Reparametrisation {
    /** Newton steps allowed when several targets are solved together. */
    private static final int MAX_NEWTON_STEPS = 50;
    /** Finite-difference step of the Jacobian, as a fraction of the input's training range. */
    private static final double JACOBIAN_STEP = 1e-4;
    /** Relative tolerance of a target with float64 emulators... */
    private static final double REL_TOL = 1e-10;
    /** ... and with float32 emulators, whose outputs carry ~1e-7 relative rounding. */
    private static final double REL_TOL_FLOAT32 = 1e-6;

    /**
     * The result: every input (solved ones included) and the achieved target values.
     *
     * @param inputs   every input of the theory, in its parameter order
     * @param achieved each target's value at the solution
     */
    public record Solution(Map<String, Double> inputs, Map<String, Double> achieved) {
        /** {@return the inputs as a new array in the theory's parameter order, for its positional methods} */
        public double[] inputArray() {
            return inputs.values().stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private final EmulatorTheory theory;
    private final double tolerance;

    private Reparametrisation(EmulatorTheory theory) {
        this.theory = theory;
        this.tolerance = theory.precision() == org.cosmoemu.api.Precision.FLOAT32 ? REL_TOL_FLOAT32 : REL_TOL;
    }

    /**
     * {@return the solver}
     *
     * @param theory the theory whose derived quantities are targeted
     */
    public static Reparametrisation of(EmulatorTheory theory) {
        return new Reparametrisation(theory);
    }

    /**
     * {@return the input solved for when setting {@code target}}
     *
     * @param target a derived-quantity name
     * @throws InvalidParameterException naming {@code target} and listing the supported targets
     */
    public static String controlOf(String target) {
        return switch (target) {
            case "sigma8", "S8", "S8_CMBL" -> EmulatorTheory.LN_AS;
            case "Omega_m" -> EmulatorTheory.OMEGA_CDM;
            case "100theta_star", "theta_star", "100theta_s" -> EmulatorTheory.H0;
            default -> throw new InvalidParameterException(target, "cannot set '" + target + "': settable targets are "
                    + "sigma8, S8, S8_CMBL, Omega_m, 100theta_star, theta_star, 100theta_s");
        };
    }

    /**
     * The positional form of {@link #solve(Map, Map)}, without maps of boxed numbers (convenient from Kotlin and Scala).
     *
     * @param inputs       every input in the theory's parameter order ({@code theory.parameterSpace()})
     * @param targetNames  the derived quantities to set, e.g. {@code {"sigma8", "Omega_m"}}
     * @param targetValues their wanted values, in the same order
     * @return the solution
     * @throws InvalidParameterException as {@link #solve(Map, Map)}, or if the arrays disagree in length
     * @throws NumericalException        as {@link #solve(Map, Map)}
     */
    public Solution solve(double[] inputs, String[] targetNames, double[] targetValues) {
        if (targetNames.length != targetValues.length) {
            throw new InvalidParameterException(null, targetNames.length + " target names but " + targetValues.length
                    + " values");
        }
        return targets(targetNames, targetValues).solve(inputs);
    }

    private Targets targets(String[] names, double[] values) {
        Targets t = targets();
        for (int i = 0; i < names.length; i++) {
            t.set(names[i], values[i]);
        }
        return t;
    }

    /**
     * The builder form: {@code Reparametrisation.of(theory).targets().set("sigma8", 0.8).set("Omega_m", 0.31)
     * .solve(inputs)}.
     *
     * @return no targets yet
     */
    public Targets targets() {
        return new Targets();
    }

    /** Targets of a {@link Reparametrisation} under construction. Not thread-safe. */
    public final class Targets {
        private final Map<String, Double> targets = new LinkedHashMap<>();

        private Targets() {
        }

        /**
         * {@return these targets}
         *
         * @param name  a settable derived quantity ({@link #controlOf})
         * @param value its wanted value
         */
        public Targets set(String name, double value) {
            targets.put(name, value);
            return this;
        }

        /**
         * {@return the solution}
         *
         * @param inputs every input in the theory's parameter order (solved ones are starting points)
         * @throws InvalidParameterException as {@link Reparametrisation#solve(Map, Map)}
         * @throws NumericalException        as {@link Reparametrisation#solve(Map, Map)}
         */
        public Solution solve(double[] inputs) {
            return Reparametrisation.this.solve(theory.parameterSpace().toMap(inputs), targets);
        }

        /**
         * {@return the solution}
         *
         * @param inputs every input by name (solved ones are starting points)
         * @throws InvalidParameterException as {@link Reparametrisation#solve(Map, Map)}
         * @throws NumericalException        as {@link Reparametrisation#solve(Map, Map)}
         */
        public Solution solve(Map<String, ? extends Number> inputs) {
            return solve(theory.parameterSpace().toArray(inputs));
        }
    }

    /**
     * {@return the solution}
     *
     * @param inputs  every input of the theory (values of solved inputs are starting points)
     * @param targets derived quantity → wanted value
     * @throws InvalidParameterException for an unknown target, a target value that is null, NaN, infinite or
     *                                   outside the quantity's domain (every target is a positive quantity), a
     *                                   target whose input the theory lacks, or two targets fighting over one input
     * @throws NumericalException        if a target cannot be reached within the emulators' range, or the
     *   solver does not converge
     */
    public Solution solve(Map<String, Double> inputs, Map<String, Double> targets) {
        ParameterSpace space = theory.parameterSpace();
        double[] x = space.toArray(inputs);
        // a canonical order (the theory's order of the inputs solved for), so that the answer does not depend on
        // the iteration order of the caller's map (Map.of's is random per JVM)
        List<String> names = new ArrayList<>(targets.keySet());
        names.sort(java.util.Comparator.comparingInt((String n) -> space.indexOf(controlOf(n)))
                .thenComparing(java.util.Comparator.naturalOrder()));
        int[] control = new int[names.size()];
        for (int t = 0; t < names.size(); t++) {
            checkTarget(names.get(t), targets.get(names.get(t)));
            String c = controlOf(names.get(t));
            control[t] = space.indexOf(c);
            if (control[t] < 0) {
                throw new InvalidParameterException(names.get(t), "cannot set '" + names.get(t)
                        + "': the theory has no input '" + c + "'");
            }
            for (int u = 0; u < t; u++) {
                if (control[u] == control[t]) {
                    throw new InvalidParameterException(names.get(t), "'" + names.get(u) + "' and '" + names.get(t)
                            + "' are both set by solving for '" + c + "': set only one of them");
                }
            }
        }
        if (names.size() > 1) {
            return solveJointly(names, targets, control, x);
        }
        String name = names.get(0);
        double want = targets.get(name);
        double have = theory.derived(name, validated(space, x));
        if (Math.abs(have - want) > tolerance * Math.abs(want)) {
            x[control[0]] = solveOne(name, want, control[0], x);
        }
        return solution(names, x);
    }

    private Solution solution(List<String> names, double[] x) {
        Map<String, Double> achieved = new LinkedHashMap<>();
        for (String n : names) {
            achieved.put(n, theory.derived(n, x));
        }
        return new Solution(theory.parameterSpace().toMap(x), achieved);
    }

    /**
     * Several targets at once: Newton's method on the relative residuals {@code have/want - 1} of all targets
     * over their inputs, with a finite-difference Jacobian and a step halved until the largest residual shrinks,
     * kept inside the training range. Solving one target after the other does not do: θ* (through H0) and Ω_m
     * (through ω_cdm) are so strongly coupled that such sweeps walk out of the range.
     */
    private Solution solveJointly(List<String> names, Map<String, Double> targets, int[] control, double[] x) {
        ParameterSpace space = theory.parameterSpace();
        int k = names.size();
        double[] r = residuals(names, targets, validated(space, x));
        for (int it = 0; it < MAX_NEWTON_STEPS; it++) {
            double norm = maxAbs(r);
            if (norm <= tolerance) {
                return solution(names, x);
            }
            double[][] jac = new double[k][k];
            for (int j = 0; j < k; j++) {
                Parameter p = space.get(control[j]);
                double h = JACOBIAN_STEP * (p.upper() - p.lower());
                double[] xs = x.clone();
                xs[control[j]] = x[control[j]] + h <= p.upper() ? x[control[j]] + h : x[control[j]] - h;
                double dxj = xs[control[j]] - x[control[j]];
                double[] rs = residuals(names, targets, xs);
                for (int t = 0; t < k; t++) {
                    jac[t][j] = (rs[t] - r[t]) / dxj;
                }
            }
            double[] step = solveLinear(jac, r, targets);
            boolean accepted = false;
            for (double lambda = 1; lambda > 1e-9; lambda *= 0.5) {
                double[] xn = x.clone();
                for (int j = 0; j < k; j++) {
                    Parameter p = space.get(control[j]);
                    xn[control[j]] = Math.min(p.upper(), Math.max(p.lower(), x[control[j]] - lambda * step[j]));
                }
                double[] rn = residuals(names, targets, xn);
                if (maxAbs(rn) < norm) {
                    x = xn;
                    r = rn;
                    accepted = true;
                    break;
                }
            }
            if (!accepted) {
                throw new NumericalException("cannot set " + targets + " together: within the emulators' training "
                        + "range of " + controls(names, control) + " the closest point reaches " + solution(names, x)
                        .achieved());
            }
        }
        throw new NumericalException("setting " + targets + " did not converge in " + MAX_NEWTON_STEPS
                + " Newton steps (reached " + solution(names, x).achieved() + ")");
    }

    private double[] residuals(List<String> names, Map<String, Double> targets, double[] x) {
        double[] r = new double[names.size()];
        for (int t = 0; t < r.length; t++) {
            double want = targets.get(names.get(t));
            double have = theory.derived(names.get(t), x);
            if (!Double.isFinite(have)) {
                throw new NumericalException("cannot set " + targets + ": the theory gives " + names.get(t) + " = "
                        + have + " at " + theory.parameterSpace().toMap(x));
            }
            r[t] = have / want - 1;
        }
        return r;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    private String controls(List<String> names, int[] control) {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < control.length; t++) {
            Parameter p = theory.parameterSpace().get(control[t]);
            sb.append(sb.isEmpty() ? "" : ", ").append(p.name()).append(" in [").append(p.lower()).append(", ")
                    .append(p.upper()).append("] (for ").append(names.get(t)).append(')');
        }
        return sb.toString();
    }

    /** Solves {@code a x = b} ({@code a} and {@code b} are not modified), naming the targets if {@code a} is singular. */
    private static double[] solveLinear(double[][] a, double[] b, Map<String, Double> targets) {
        DMatrixRMaj x = new DMatrixRMaj(b.length, 1);
        if (!CommonOps_DDRM.solve(new DMatrixRMaj(a), new DMatrixRMaj(b), x) || !Double.isFinite(NormOps_DDRM.normF(x))) {
            throw new NumericalException("cannot set " + targets + " together: at this point they do not depend "
                    + "independently on their inputs (singular Jacobian)");
        }
        return x.getData();
    }

    /**
     * A target must be a finite value of its quantity: NaN used to pass the convergence test (every comparison
     * with NaN is false) and return the starting point, and a negative σ8 made the first step the log of a
     * negative number, blamed on ln10^{10}A_s.
     */
    private static void checkTarget(String name, Double value) {
        controlOf(name); // an unknown name is reported as such first
        if (value == null || !Double.isFinite(value)) {
            throw new InvalidParameterException(name, "cannot set " + name + " = " + value + ": a target must be a "
                    + "finite number");
        }
        if (!(value > 0)) {
            throw new InvalidParameterException(name, "cannot set " + name + " = " + value + ": " + name
                    + " is positive (" + switch (name) {
                        case "Omega_m" -> "the matter density parameter";
                        case "100theta_star", "theta_star" -> "an angle";
                        default -> "an amplitude of fluctuations";
                    } + ")");
        }
    }

    private double[] validated(ParameterSpace space, double[] x) {
        theory.checkPoint(x, "the starting point of the re-parametrisation");
        return x;
    }

    private double solveOne(String target, double want, int c, double[] x) {
        ParameterSpace space = theory.parameterSpace();
        Parameter p = space.get(c);
        double lo = p.lower();
        double hi = p.upper();
        double[] y = x.clone();
        // First step from the physics where we know it: sigma8^2 ∝ A_s, so Δ ln(10^10 A_s) = 2 ln(σ_want/σ_have).
        double x0 = x[c];
        double f0 = residual(target, want, y, c, x0);
        double x1;
        if (target.startsWith("sigma8") || target.startsWith("S8")) {
            x1 = x0 + 2.0 * Math.log(want / (f0 + want));
        } else {
            x1 = x0 + 1e-3 * (hi - lo);
        }
        if (!Double.isFinite(x1)) { // e.g. the quantity is not positive at the start: bisect instead
            return bisect(target, want, y, c, lo, hi);
        }
        // Secant iterations, kept inside the range; Brent-style bisection fallback if they stall.
        double a = x0;
        double fa = f0;
        for (int it = 0; it < 50; it++) {
            double b = Math.min(hi, Math.max(lo, x1));
            double fb = residual(target, want, y, c, b);
            if (Math.abs(fb) <= tolerance * Math.abs(want)) {
                return b;
            }
            if (fb == fa) {
                break;
            }
            double next = b - fb * (b - a) / (fb - fa);
            if (!Double.isFinite(next)) {
                break;
            }
            a = b;
            fa = fb;
            x1 = next;
            if ((next < lo && b == lo) || (next > hi && b == hi)) {
                break;
            }
        }
        return bisect(target, want, y, c, lo, hi);
    }

    private double bisect(String target, double want, double[] y, int c, double lo, double hi) {
        double flo = residual(target, want, y, c, lo);
        double fhi = residual(target, want, y, c, hi);
        if (flo * fhi > 0) {
            Parameter p = theory.parameterSpace().get(c);
            throw new NumericalException("cannot set " + target + " = " + want + ": over " + p.name() + " in [" + lo
                    + ", " + hi + "] (the emulators' training range) " + target + " spans [" + (Math.min(flo, fhi) + want)
                    + ", " + (Math.max(flo, fhi) + want) + "] at the other parameters");
        }
        for (int it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(hi)); it++) {
            double mid = 0.5 * (lo + hi);
            double fm = residual(target, want, y, c, mid);
            if (fm == 0) {
                return mid;
            }
            if ((fm > 0) == (flo > 0)) {
                lo = mid;
                flo = fm;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private double residual(String target, double want, double[] y, int c, double v) {
        y[c] = v;
        double have = theory.derived(target, y);
        if (!Double.isFinite(have)) {
            Parameter p = theory.parameterSpace().get(c);
            throw new NumericalException("cannot set " + target + " = " + want + ": the theory gives " + target + " = "
                    + have + " at " + p.name() + " = " + v);
        }
        return have - want;
    }
}
