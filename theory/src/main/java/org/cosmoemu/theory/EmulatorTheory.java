package org.cosmoemu.theory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.api.RangePolicy;
import org.cosmoemu.theory.CmbSpectra.Spectrum;

/**
 * The theory layer: turns a point in cosmological parameter space into the observables likelihoods need,
 * from emulators (any backend) and the exact background. Likelihoods never see which emulator produced
 * what. Immutable and thread-safe (the emulators are).
 *
 * <pre>{@code
 * EmulatorTheory theory = EmulatorTheory.builder()
 *         .spectrum(Spectrum.PP, ppEmulator).derived(derivedEmulator)
 *         .background(BackgroundModel.flatLcdm())    // exact H(z), D_A(z), Omega_m
 *         .build();
 * Observables obs = theory.compute(Map.of("omega_b", 0.02237, ...), likelihood.requirements());
 * }</pre>
 *
 * <h2>Derived quantities</h2>
 * {@link Observables#derived(String)} knows every output of the derived-parameter emulator under its own
 * name (e.g. {@code sigma8}, {@code 100theta_star}, {@code rs_drag_Mpc}) and, computed here:
 * {@value Observables#RDRAG} (= {@code rs_drag_Mpc}), {@code theta_star} (= {@code 100theta_star}/100),
 * {@code Omega_m} (from the background: baryons + CDM + massive ν), {@code h}, {@code H0},
 * {@code omega_m} (= Ω_m h²), {@code S8} = σ8 (Ω_m/0.3)^0.5 and {@code S8_CMBL} = σ8 (Ω_m/0.3)^0.25.
 */
public final class EmulatorTheory {

    /**
     * Creates the exact background of a cosmology from the theory's input vector: it names the inputs it reads
     * ({@link #inputs()}), and the theory passes their values, in that order. Implementations are immutable.
     */
    public interface BackgroundModel {
        /** {@return the names of the inputs the background depends on, in the order {@link #create} takes them} */
        List<String> inputs();

        /**
         * {@return the background}
         *
         * @param inputs the values of {@link #inputs()}, in that order (not modified)
         * @throws org.cosmoemu.api.InvalidParameterException if the values describe no background
         */
        Background create(double[] inputs);

        /**
         * {@return flat ΛCDM with the training data's fixed physics ({@link FlatLcdmBackground}): inputs
         * {@code omega_b, omega_cdm, H0}}
         */
        static BackgroundModel flatLcdm() {
            return of(List.of(OMEGA_B, OMEGA_CDM, H0), v -> FlatLcdmBackground.ofH0(v[0], v[1], v[2]));
        }

        /**
         * {@return flat w0–wa dark energy with one massive neutrino and free N_eff ({@link CplBackground}): inputs
         * {@code omega_b, omega_cdm, H0, m_ncdm, N_eff, w0_fld, wa_fld}}
         */
        static BackgroundModel cpl() {
            return of(List.of(OMEGA_B, OMEGA_CDM, H0, M_NCDM, N_EFF, W0, WA),
                    v -> CplBackground.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
        }

        /**
         * {@return a background model}
         *
         * @param inputs  the input names it reads
         * @param factory creates the background from their values, in that order
         */
        static BackgroundModel of(List<String> inputs, java.util.function.Function<double[], Background> factory) {
            List<String> names = List.copyOf(inputs);
            Objects.requireNonNull(factory, "factory");
            return new BackgroundModel() {
                @Override
                public List<String> inputs() {
                    return names;
                }

                @Override
                public Background create(double[] values) {
                    return factory.apply(values);
                }

                @Override
                public String toString() {
                    return "BackgroundModel" + names;
                }
            };
        }
    }

    /** Input names of the bundled ΛCDM emulators that the background and re-parametrisations use. */
    public static final String OMEGA_B = "omega_b";
    /** ω_cdm input name. */
    public static final String OMEGA_CDM = "omega_cdm";
    /** H0 input name (km/s/Mpc). */
    public static final String H0 = "H0";
    /** ln(10¹⁰ A_s) input name. */
    public static final String LN_AS = "ln10^{10}A_s";
    /** The extra input of P(k, z) emulators. */
    public static final String REDSHIFT = "z";
    /** Σm_ν input name (eV, one massive species) of the extended family. */
    public static final String M_NCDM = "m_ncdm";
    /** N_eff input name of the extended family. */
    public static final String N_EFF = "N_eff";
    /** w0 input name (CPL dark energy) of the extended family. */
    public static final String W0 = "w0_fld";
    /** wa input name (CPL dark energy) of the extended family. */
    public static final String WA = "wa_fld";

    /** Spectrum emulators restricted to the multipoles a request reads, by spectrum and output count. */
    private final java.util.concurrent.ConcurrentHashMap<String, Emulator> restricted =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final Set<String> COMPUTED = Set.of(Observables.RDRAG, "theta_star", "Omega_m", "h", "H0",
            "omega_m", "S8", "S8_CMBL");

    private final Map<Spectrum, Emulator> spectra;
    private final Map<Spectrum, int[]> spectrumInputs;
    private final Emulator derivedEmulator;
    private final int[] derivedInputs;
    private final BackgroundModel backgroundModel;
    private final Emulator pkLinear;
    private final Emulator pkNonlinear;
    private final Emulator pkCbLinear;
    private final Emulator pkCbNonlinear;
    private final Map<Spectrum, Emulator> unlensed;
    private final Map<Spectrum, int[]> unlensedInputs;
    private final List<InputConstraint> constraints;
    private final int[][] constraintInputs;
    private final int[] backgroundInputs;
    private final ParameterSpace space;
    private final int iOmegaB;
    private final int iOmegaCdm;
    private final int iH0;

    private EmulatorTheory(Builder b) {
        this.spectra = Collections.unmodifiableMap(new EnumMap<>(b.spectra));
        this.derivedEmulator = b.derived;
        this.backgroundModel = b.background;
        this.pkLinear = b.pkLinear;
        this.pkNonlinear = b.pkNonlinear;
        this.pkCbLinear = b.pkCbLinear;
        this.pkCbNonlinear = b.pkCbNonlinear;
        this.unlensed = Collections.unmodifiableMap(new EnumMap<>(b.unlensed));
        this.constraints = List.copyOf(b.constraints);
        List<Emulator> all = new ArrayList<>(spectra.values());
        if (derivedEmulator != null) {
            all.add(derivedEmulator);
        }
        if (all.isEmpty()) {
            throw new InvalidOptionException(null, "a theory needs at least one emulator");
        }
        this.space = commonSpace(all);
        Map<Spectrum, int[]> si = new EnumMap<>(Spectrum.class);
        spectra.forEach((s, e) -> si.put(s, inputMap(space, e)));
        this.spectrumInputs = Collections.unmodifiableMap(si);
        this.derivedInputs = derivedEmulator == null ? null : inputMap(space, derivedEmulator);
        Map<Spectrum, int[]> ui = new EnumMap<>(Spectrum.class);
        unlensed.forEach((s, e) -> ui.put(s, inputMap(space, e)));
        this.unlensedInputs = Collections.unmodifiableMap(ui);
        for (Emulator pk : new Emulator[] {pkLinear, pkNonlinear, pkCbLinear, pkCbNonlinear}) {
            if (pk != null) {
                checkPowerInputs(space, pk);
            }
        }
        this.constraintInputs = new int[constraints.size()][];
        for (int c = 0; c < constraints.size(); c++) {
            constraintInputs[c] = indices(space, constraints.get(c).inputs(), "constraint " + constraints.get(c).name());
        }
        this.backgroundInputs = backgroundModel == null ? null
                : indices(space, backgroundModel.inputs(), "the background");
        this.iOmegaB = space.indexOf(OMEGA_B);
        this.iOmegaCdm = space.indexOf(OMEGA_CDM);
        this.iH0 = space.indexOf(H0);
        if (backgroundModel != null && (iOmegaB < 0 || iOmegaCdm < 0 || iH0 < 0)) {
            throw new InvalidOptionException("background", "the background needs inputs "
                    + List.of(OMEGA_B, OMEGA_CDM, H0) + "; the emulators take " + space.names());
        }
    }

    private static int[] indices(ParameterSpace space, List<String> names, String who) {
        int[] m = new int[names.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = space.indexOf(names.get(i));
            if (m[i] < 0) {
                throw new InvalidOptionException("background", who + " needs input '" + names.get(i)
                        + "'; the emulators take " + space.names());
            }
        }
        return m;
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The cosmological inputs: the emulators' common input names, in the order of the first emulator, with
     * the intersection of their training ranges.
     *
     * @return the parameter space
     */
    public ParameterSpace parameterSpace() {
        return space;
    }

    /**
     * {@return {@link org.cosmoemu.api.Precision#FLOAT32} if any of its emulators computes in float32 (its outputs
     * then carry ~1e-7 relative rounding), else float64}
     */
    public org.cosmoemu.api.Precision precision() {
        List<Emulator> all = new ArrayList<>(spectra.values());
        if (derivedEmulator != null) {
            all.add(derivedEmulator);
        }
        for (Emulator e : new Emulator[] {pkLinear, pkNonlinear, pkCbLinear, pkCbNonlinear}) {
            if (e != null) {
                all.add(e);
            }
        }
        all.addAll(unlensed.values());
        return all.stream().anyMatch(e -> e.precision() == org.cosmoemu.api.Precision.FLOAT32)
                ? org.cosmoemu.api.Precision.FLOAT32 : org.cosmoemu.api.Precision.FLOAT64;
    }

    /** {@return the spectra this theory can compute} */
    public Set<Spectrum> spectra() {
        return spectra.keySet();
    }

    /** {@return the unlensed spectra this theory can compute ({@link #unlensedSpectra(double[], Spectrum...)})} */
    public Set<Spectrum> unlensedSpectra() {
        return unlensed.keySet();
    }

    /** {@return the constraints between inputs that every point must satisfy (unmodifiable)} */
    public List<InputConstraint> constraints() {
        return constraints;
    }

    /** {@return whether the theory has the exact background} */
    public boolean hasBackground() {
        return backgroundModel != null;
    }

    /**
     * {@return whether it has a P(k, z) emulator of that kind}
     *
     * @param nonlinear the non-linear (else linear) spectrum
     * @param cb        baryons + CDM only (else total matter)
     */
    public boolean hasMatterPower(boolean nonlinear, boolean cb) {
        return (cb ? (nonlinear ? pkCbNonlinear : pkCbLinear) : (nonlinear ? pkNonlinear : pkLinear)) != null;
    }

    /**
     * {@return whether the point satisfies every one of {@link #constraints()} (the range is not checked)}
     *
     * @param x inputs in {@link #parameterSpace()} order (not modified)
     */
    public boolean meetsConstraints(double[] x) {
        for (int c = 0; c < constraints.size(); c++) {
            int[] idx = constraintInputs[c];
            double[] v = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                v[i] = x[idx[i]];
            }
            if (!constraints.get(c).holds(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a point as every computation does: finite values of the right count, inside the emulators' training
     * ranges, and satisfying {@link #constraints()}.
     *
     * @param x       inputs in {@link #parameterSpace()} order (not modified)
     * @param context what is evaluated, for messages (e.g. {@code the theory})
     * @throws org.cosmoemu.api.InvalidParameterException     for a bad value or length
     * @throws org.cosmoemu.api.ParameterOutOfRangeException  outside the training range
     * @throws org.cosmoemu.api.ParameterConstraintException  if a constraint is broken
     */
    public void checkPoint(double[] x, String context) {
        validate(space, x, context);
        for (int c = 0; c < constraints.size(); c++) {
            constraints.get(c).check(x, constraintInputs[c], context);
        }
    }

    /** {@return every name {@link Observables#derived(String)} answers} */
    public Set<String> derivedNames() {
        Set<String> s = new TreeSet<>();
        if (derivedEmulator != null) {
            s.addAll(derivedEmulator.outputGrid().labels());
        }
        for (String c : COMPUTED) {
            if (canCompute(c)) {
                s.add(c);
            }
        }
        return s;
    }

    /** {@return the highest multipole all spectrum emulators reach (0 without spectra)} */
    public int lmax() {
        int l = Integer.MAX_VALUE;
        for (Emulator e : spectra.values()) {
            OutputGrid g = e.outputGrid();
            l = Math.min(l, (int) g.value(g.size() - 1));
        }
        return spectra.isEmpty() ? 0 : l;
    }

    /**
     * Checks that this theory can satisfy {@code req}.
     *
     * @param req       what a likelihood needs
     * @param requester who needs it (for the message)
     * @throws MissingQuantityException naming what is missing
     */
    public void check(Requirements req, String requester) {
        List<String> missing = new ArrayList<>();
        for (Spectrum s : req.spectra()) {
            if (!spectra.containsKey(s)) {
                missing.add("spectrum " + s);
            }
        }
        if (!req.spectra().isEmpty() && req.lmax() > lmax()) {
            missing.add("multipoles up to " + req.lmax() + " (the emulators reach " + lmax() + ")");
        }
        if (req.background() && backgroundModel == null) {
            missing.add("the background");
        }
        for (String d : req.derived()) {
            if (!derivedNames().contains(d)) {
                missing.add("derived '" + d + "'");
            }
        }
        if (req.fsigma8Redshifts().length > 0) {
            missing.add("f sigma8(z)");
        }
        if (!missing.isEmpty()) {
            throw new MissingQuantityException(requester + " needs " + String.join(", ", missing)
                    + ", which this theory cannot provide (spectra " + spectra.keySet() + ", derived " + derivedNames() + ")");
        }
    }

    /**
     * {@return the observables}
     *
     * @param params values by input name; must name exactly the inputs of {@link #parameterSpace()}
     * @param req    what to compute
     * @throws org.cosmoemu.api.InvalidParameterException for a missing/unknown name or a bad value
     * @throws org.cosmoemu.api.ParameterOutOfRangeException outside the emulators' training range, and its
     *   {@link org.cosmoemu.api.ParameterConstraintException} if the point breaks one of {@link #constraints()}
     */
    public TheoryResult compute(Map<String, ? extends Number> params, Requirements req) {
        return compute(space.toArray(params), req);
    }

    /**
     * {@return the observables}
     *
     * @param x   inputs in {@link #parameterSpace()} order (not modified)
     * @param req what to compute
     * @throws org.cosmoemu.api.InvalidParameterException for a bad value
     * @throws org.cosmoemu.api.ParameterOutOfRangeException outside the emulators' training range, and its
     *   {@link org.cosmoemu.api.ParameterConstraintException} if the point breaks one of {@link #constraints()}
     */
    public TheoryResult compute(double[] x, Requirements req) {
        check(req, "the request");
        checkPoint(x, "the theory");
        CmbSpectra cmb = null;
        if (!req.spectra().isEmpty()) {
            CmbSpectra.Builder b = CmbSpectra.builder(lmax());
            for (Spectrum s : req.spectra()) {
                setSpectrum(b, s, x);
            }
            cmb = b.build();
        }
        boolean needDerived = !req.derived().isEmpty();
        Background bg = req.background() || needDerived ? background(x) : null;
        Map<String, Double> derived = needDerived ? derived(x, bg) : Map.of();
        return new TheoryResult(space.toMap(x), cmb, bg, derived);
    }

    /**
     * {@return an evaluator of this theory for {@code req}: the same numbers as {@link #compute(double[],
     * Requirements)}, to the last bit, without its per-point costs, and a batch of points at a time}
     *
     * <p>Each spectrum network is restricted to the multipoles up to {@code req.lmax()} (so its {@link CmbSpectra}
     * end there, not at {@link #lmax()}); the restricted networks are created once per theory and shared by every
     * evaluator. The evaluator is not thread-safe: create one per thread.
     *
     * @param req      what to compute at each point
     * @param capacity the most points one {@link TheoryEvaluator#computeBatch} takes, ≥ 1 (its buffers are sized
     *                 for it)
     * @throws MissingQuantityException if this theory cannot satisfy {@code req}
     * @throws InvalidOptionException   if {@code capacity} &lt; 1
     */
    public TheoryEvaluator evaluator(Requirements req, int capacity) {
        return new TheoryEvaluator(this, req, capacity);
    }

    /** @return the emulator of {@code s} computing only the multipoles up to {@code lmax} (shared) */
    Emulator spectrumEmulator(Spectrum s, int lmax) {
        Emulator e = spectra.get(s);
        OutputGrid g = e.outputGrid();
        int first = (int) g.value(0);
        int keep = Math.max(1, Math.min(g.size(), lmax - first + 1));
        if (keep == g.size()) {
            return e;
        }
        return restricted.computeIfAbsent(s + ":" + keep, k -> e.restrictedTo(0, keep));
    }

    /** @return for each input of {@code e}, its index in {@link #parameterSpace()} */
    int[] inputsOf(Emulator e) {
        return inputMap(space, e);
    }

    /** @return the factor into µK² of spectrum {@code s} (1 for φφ and for emulators in µK² already) */
    double unitScale(Spectrum s) {
        String units = spectra.get(s).quantity().units().toLowerCase(Locale.ROOT);
        return s != Spectrum.PP && units.startsWith("dimensionless") ? CmbSpectra.MUK2 : 1.0;
    }

    /** @return the derived-parameter emulator, or null */
    Emulator derivedEmulator() {
        return derivedEmulator;
    }

    /** @return the index of H0 in the inputs, or −1 */
    int h0Index() {
        return iH0;
    }

    /**
     * Evaluates one derived quantity (see the class comment for the names).
     *
     * @param name the quantity
     * @param x    inputs in {@link #parameterSpace()} order
     * @return its value
     * @throws MissingQuantityException if this theory cannot compute it
     */
    public double derived(String name, double[] x) {
        if (!derivedNames().contains(name)) {
            throw new MissingQuantityException("derived quantity '" + name + "' is not available; available: "
                    + derivedNames());
        }
        checkPoint(x, "the theory");
        Background bg = backgroundModel == null ? null : background(x);
        return derived(x, bg).get(name);
    }

    /**
     * Exact derivatives of derived quantities with respect to the inputs: the derived emulator's Jacobian
     * (chain rule through the network) combined with the analytic derivatives of the background terms
     * (Ω_m = (ω_b + ω_cdm + ω_ν)/h², so ∂Ω_m/∂ω_b = ∂Ω_m/∂ω_cdm = 1/h², ∂Ω_m/∂H0 = −2Ω_m/H0; S8 and
     * S8_CMBL by the product rule).
     *
     * @param x     inputs in {@link #parameterSpace()} order (not modified)
     * @param names derived quantities (see the class comment)
     * @return {@code [names.length][dimension]}: row {@code i} holds ∂names[i]/∂x_j
     * @throws MissingQuantityException if a name is not available
     */
    public double[][] derivedJacobian(double[] x, String... names) {
        checkPoint(x, "the theory");
        int dim = space.dimension();
        Map<String, double[]> rows = new LinkedHashMap<>();
        Map<String, Double> values = derived(x, background(x));
        if (derivedEmulator != null) {
            int n = derivedEmulator.outputSize();
            int ed = derivedEmulator.parameterSpace().dimension();
            double[] jac = new double[n * ed];
            derivedEmulator.jacobian(select(x, derivedInputs), null, jac);
            List<String> labels = derivedEmulator.outputGrid().labels();
            for (int o = 0; o < n; o++) {
                double[] row = new double[dim];
                for (int j = 0; j < ed; j++) {
                    row[derivedInputs[j]] += jac[o * ed + j];
                }
                rows.put(labels.get(o), row);
            }
        }
        if (iH0 >= 0) {
            double[] dH0 = new double[dim];
            dH0[iH0] = 1.0;
            rows.put("H0", dH0);
            double[] dh = new double[dim];
            dh[iH0] = 0.01;
            rows.put("h", dh);
        }
        if (rows.containsKey("rs_drag_Mpc")) {
            rows.put(Observables.RDRAG, rows.get("rs_drag_Mpc"));
        }
        if (rows.containsKey("100theta_star")) {
            rows.put("theta_star", scaled(rows.get("100theta_star"), 0.01));
        }
        if (backgroundModel != null) {
            double om = values.get("Omega_m");
            double h = x[iH0] / 100.0;
            double[] dOm = new double[dim];
            dOm[iOmegaB] = 1.0 / (h * h);
            dOm[iOmegaCdm] = 1.0 / (h * h);
            dOm[iH0] = -2.0 * om / x[iH0];
            rows.put("Omega_m", dOm);
            double[] dom = new double[dim];
            dom[iOmegaB] = 1.0;
            dom[iOmegaCdm] = 1.0;
            // other inputs of the background that hold matter (Σm_ν): central differences of Ω_m
            for (int k = 0; k < backgroundInputs.length; k++) {
                int j = backgroundInputs[k];
                if (j == iOmegaB || j == iOmegaCdm || j == iH0) {
                    continue;
                }
                double step = 1e-5 * Math.max(Math.abs(x[j]), 1e-2);
                double[] up = x.clone();
                double[] down = x.clone();
                up[j] += step;
                down[j] -= step;
                double d = (backgroundModel.create(select(up, backgroundInputs)).omegaM()
                        - backgroundModel.create(select(down, backgroundInputs)).omegaM()) / (2 * step);
                dOm[j] = d;
                dom[j] = d * h * h;
            }
            rows.put("omega_m", dom);
            double[] ds8 = rows.get(Observables.SIGMA8);
            if (ds8 != null) {
                double s8 = values.get(Observables.SIGMA8);
                for (double p : new double[] {0.5, 0.25}) {
                    double f = Math.pow(om / 0.3, p);
                    double df = p * f / om;
                    double[] row = new double[dim];
                    for (int j = 0; j < dim; j++) {
                        row[j] = f * ds8[j] + s8 * df * dOm[j];
                    }
                    rows.put(p == 0.5 ? "S8" : "S8_CMBL", row);
                }
            }
        }
        double[][] out = new double[names.length][];
        for (int i = 0; i < names.length; i++) {
            double[] row = rows.get(names[i]);
            if (row == null) {
                throw new MissingQuantityException("no derivative of '" + names[i] + "'; available: " + rows.keySet());
            }
            out[i] = row.clone();
        }
        return out;
    }

    private static double[] scaled(double[] a, double f) {
        double[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] *= f;
        }
        return b;
    }

    /**
     * The matter power spectrum P(k, z) from the P(k) emulators (inputs: the cosmological inputs plus
     * {@value #REDSHIFT}).
     *
     * @param x         cosmological inputs in {@link #parameterSpace()} order (not modified)
     * @param nonlinear {@code true} for the non-linear spectrum (HMcode in the bundled models), else linear
     * @param z         redshifts, within the emulator's z range
     * @return P(k, z) on the emulator's k grid
     * @throws MissingQuantityException                     if this theory has no such emulator
     * @throws org.cosmoemu.api.ParameterOutOfRangeException for an input or a z outside the training range
     */
    public MatterPower matterPower(double[] x, boolean nonlinear, double... z) {
        return power(nonlinear ? pkNonlinear : pkLinear, (nonlinear ? "non-linear" : "linear") + " P(k)", x, z);
    }

    /**
     * The power spectrum of baryons + CDM, P_cb(k, z), from the P_cb emulators where the family has them (with
     * massive neutrinos it differs from the total-matter P(k) and is what galaxy clustering traces).
     *
     * @param x         cosmological inputs in {@link #parameterSpace()} order (not modified)
     * @param nonlinear {@code true} for the non-linear spectrum, else linear
     * @param z         redshifts, within the emulator's z range
     * @return P_cb(k, z) on the emulator's k grid
     * @throws MissingQuantityException                     if this theory has no such emulator
     * @throws org.cosmoemu.api.ParameterOutOfRangeException for an input or a z outside the training range
     */
    public MatterPower matterPowerCb(double[] x, boolean nonlinear, double... z) {
        return power(nonlinear ? pkCbNonlinear : pkCbLinear, (nonlinear ? "non-linear" : "linear") + " P_cb(k)", x, z);
    }

    /**
     * Unlensed CMB spectra where the family has their emulators (for delensing forecasts), in the canonical
     * convention of {@link CmbSpectra} (C_ℓ in µK², no ℓ factor).
     *
     * @param x       cosmological inputs in {@link #parameterSpace()} order (not modified)
     * @param spectra which of {@link #unlensedSpectra()} (TT, TE, EE); none: all of them
     * @return the unlensed spectra up to the emulators' highest multipole
     * @throws MissingQuantityException                     if a spectrum has no unlensed emulator
     * @throws org.cosmoemu.api.ParameterOutOfRangeException outside the training range (or a broken constraint)
     */
    public CmbSpectra unlensedSpectra(double[] x, Spectrum... spectra) {
        Set<Spectrum> want = spectra.length == 0 ? unlensed.keySet() : Set.of(spectra);
        if (want.isEmpty()) {
            throw new MissingQuantityException("this theory has no unlensed spectra");
        }
        int l = Integer.MAX_VALUE;
        for (Spectrum s : want) {
            Emulator e = unlensed.get(s);
            if (e == null) {
                throw new MissingQuantityException("this theory has no unlensed " + s + " emulator (it has "
                        + unlensed.keySet() + ")");
            }
            l = Math.min(l, (int) e.outputGrid().value(e.outputSize() - 1));
        }
        checkPoint(x, "the theory");
        CmbSpectra.Builder b = CmbSpectra.builder(l);
        for (Spectrum s : want) {
            Emulator e = unlensed.get(s);
            double[] v = e.predict(select(x, unlensedInputs.get(s)));
            String units = e.quantity().units().toLowerCase(Locale.ROOT);
            double scale = units.startsWith("dimensionless") ? CmbSpectra.MUK2 : 1.0;
            b.set(s, (int) e.outputGrid().value(0), v, e.quantity().ellFactor(), scale);
        }
        return b.build();
    }

    private MatterPower power(Emulator e, String what, double[] x, double[] z) {
        if (e == null) {
            throw new MissingQuantityException("this theory has no " + what + " emulator");
        }
        checkPoint(x, "the theory");
        ParameterSpace ps = e.parameterSpace();
        int dim = ps.dimension();
        double[] points = new double[z.length * dim];
        for (int s = 0; s < z.length; s++) {
            for (int i = 0; i < dim; i++) {
                String name = ps.get(i).name();
                points[s * dim + i] = name.equals(REDSHIFT) ? z[s] : x[space.indexOf(name)];
            }
        }
        int n = e.outputSize();
        double[] flat = new double[z.length * n];
        e.predictBatch(points, z.length, flat);
        double[][] pk = new double[z.length][];
        for (int s = 0; s < z.length; s++) {
            pk[s] = java.util.Arrays.copyOfRange(flat, s * n, (s + 1) * n);
        }
        return new MatterPower(e.outputGrid().values(), e.outputGrid().unit(), e.quantity().units(), z.clone(), pk);
    }

    /**
     * P(k, z) on a k grid.
     *
     * @param k      wavenumbers
     * @param kUnit  their unit, e.g. {@code h/Mpc}
     * @param pkUnit the unit of P, e.g. {@code (Mpc/h)^3}
     * @param z      the redshifts
     * @param pk     {@code pk[i][j]} = P(k_j, z_i)
     */
    public record MatterPower(double[] k, String kUnit, String pkUnit, double[] z, double[][] pk) {
    }

    private static void checkPowerInputs(ParameterSpace space, Emulator pk) {
        for (Parameter p : pk.parameterSpace().parameters()) {
            if (!p.name().equals(REDSHIFT) && space.indexOf(p.name()) < 0) {
                throw new InvalidOptionException("pk", "P(k) emulator '" + pk.name() + "' takes '" + p.name()
                        + "', which the other emulators do not");
            }
        }
        if (pk.parameterSpace().indexOf(REDSHIFT) < 0) {
            throw new InvalidOptionException("pk", "P(k) emulator '" + pk.name() + "' has no input '" + REDSHIFT + "'");
        }
    }

    private boolean canCompute(String name) {
        boolean bg = backgroundModel != null;
        boolean de = derivedEmulator != null;
        return switch (name) {
            case Observables.RDRAG -> de && derivedEmulator.outputGrid().indexOf("rs_drag_Mpc") >= 0;
            case "theta_star" -> de && derivedEmulator.outputGrid().indexOf("100theta_star") >= 0;
            case "h", "H0" -> iH0 >= 0;
            case "Omega_m", "omega_m" -> bg;
            case "S8", "S8_CMBL" -> bg && de && derivedEmulator.outputGrid().indexOf(Observables.SIGMA8) >= 0;
            default -> false;
        };
    }

    Background background(double[] x) {
        return backgroundModel == null ? null : backgroundModel.create(select(x, backgroundInputs));
    }

    private Map<String, Double> derived(double[] x, Background bg) {
        Map<String, Double> d = new LinkedHashMap<>();
        if (derivedEmulator != null) {
            double[] v = derivedEmulator.predict(select(x, derivedInputs));
            List<String> names = derivedEmulator.outputGrid().labels();
            for (int i = 0; i < v.length; i++) {
                d.put(names.get(i), v[i]);
            }
        }
        if (iH0 >= 0) {
            d.put("H0", x[iH0]);
            d.put("h", x[iH0] / 100.0);
        }
        if (d.containsKey("rs_drag_Mpc")) {
            d.put(Observables.RDRAG, d.get("rs_drag_Mpc"));
        }
        if (d.containsKey("100theta_star")) {
            d.put("theta_star", d.get("100theta_star") / 100.0);
        }
        if (bg != null) {
            double om = bg.omegaM();
            d.put("Omega_m", om);
            double h = x[iH0] / 100.0;
            d.put("omega_m", om * h * h);
            Double s8 = d.get(Observables.SIGMA8);
            if (s8 != null) {
                d.put("S8", s8 * Math.sqrt(om / 0.3));
                d.put("S8_CMBL", s8 * Math.pow(om / 0.3, 0.25));
            }
        }
        return d;
    }

    private void setSpectrum(CmbSpectra.Builder b, Spectrum s, double[] x) {
        Emulator e = spectra.get(s);
        double[] v = e.predict(select(x, spectrumInputs.get(s)));
        b.set(s, (int) e.outputGrid().value(0), v, e.quantity().ellFactor(), unitScale(s));
    }

    /** The remedy a theory's range error names: it never extrapolates, so there is no option to suggest. */
    static final String NO_EXTRAPOLATION = "a theory evaluates its emulators only inside their training ranges "
            + "(choose a value inside the range)";

    /**
     * Validates a point under {@link RangePolicy#REJECT}, with a range error that does not suggest extrapolating.
     *
     * @throws org.cosmoemu.api.InvalidParameterException    for a NaN or infinite value or a wrong length
     * @throws org.cosmoemu.api.ParameterOutOfRangeException outside the training range
     */
    static void validate(ParameterSpace space, double[] x, String context) {
        try {
            space.validate(x, RangePolicy.REJECT, context);
        } catch (org.cosmoemu.api.ParameterOutOfRangeException e) {
            throw new org.cosmoemu.api.ParameterOutOfRangeException(e.parameter(), e.value(), e.lower(), e.upper(),
                    context, NO_EXTRAPOLATION);
        }
    }

    private static double[] select(double[] x, int[] map) {
        double[] y = new double[map.length];
        for (int i = 0; i < map.length; i++) {
            y[i] = x[map[i]];
        }
        return y;
    }

    private static ParameterSpace commonSpace(List<Emulator> all) {
        ParameterSpace first = all.get(0).parameterSpace();
        List<Parameter> ps = new ArrayList<>();
        for (Parameter p : first.parameters()) {
            double lo = p.lower();
            double hi = p.upper();
            for (Emulator e : all) {
                int i = e.parameterSpace().indexOf(p.name());
                if (i < 0) {
                    throw new InvalidOptionException(null, "emulator '" + e.name() + "' lacks input '" + p.name()
                            + "' that '" + all.get(0).name() + "' takes");
                }
                lo = Math.max(lo, e.parameterSpace().get(i).lower());
                hi = Math.min(hi, e.parameterSpace().get(i).upper());
            }
            ps.add(Parameter.of(p.name(), lo, hi));
        }
        for (Emulator e : all) {
            if (e.parameterSpace().dimension() != first.dimension()) {
                throw new InvalidOptionException(null, "emulator '" + e.name() + "' takes " + e.parameterNames()
                        + ", '" + all.get(0).name() + "' takes " + first.names());
            }
        }
        return ParameterSpace.of(ps);
    }

    private static int[] inputMap(ParameterSpace space, Emulator e) {
        int[] m = new int[e.parameterSpace().dimension()];
        for (int i = 0; i < m.length; i++) {
            m[i] = space.indexOf(e.parameterSpace().get(i).name());
        }
        return m;
    }

    /** The observables at one point. Immutable. */
    public static final class TheoryResult implements Observables {
        private final Map<String, Double> parameters;
        private final CmbSpectra cmb;
        private final Background background;
        private final Map<String, Double> derived;

        TheoryResult(Map<String, Double> parameters, CmbSpectra cmb, Background background, Map<String, Double> derived) {
            this.parameters = parameters;
            this.cmb = cmb;
            this.background = background;
            this.derived = Collections.unmodifiableMap(derived);
        }

        @Override
        public CmbSpectra cmb() {
            if (cmb == null) {
                throw new MissingQuantityException("CMB spectra were not requested");
            }
            return cmb;
        }

        @Override
        public Background background() {
            if (background == null) {
                throw new MissingQuantityException("the background was not requested");
            }
            return background;
        }

        @Override
        public double derived(String name) {
            Double v = derived.get(name);
            if (v == null) {
                throw new MissingQuantityException("derived quantity '" + name + "' was not computed (have "
                        + derived.keySet() + ")");
            }
            return v;
        }

        /** {@return every derived value computed at this point (unmodifiable)} */
        public Map<String, Double> derivedValues() {
            return derived;
        }

        @Override
        public Map<String, Double> parameters() {
            return parameters;
        }
    }

    /** Builds an {@link EmulatorTheory}. */
    public static final class Builder {
        private final Map<Spectrum, Emulator> spectra = new EnumMap<>(Spectrum.class);
        private Emulator derived;
        private BackgroundModel background;
        private Emulator pkLinear;
        private Emulator pkNonlinear;
        private Emulator pkCbLinear;
        private Emulator pkCbNonlinear;
        private final Map<Spectrum, Emulator> unlensed = new EnumMap<>(Spectrum.class);
        private final List<InputConstraint> constraints = new ArrayList<>();

        private Builder() {
        }

        /**
         * {@return this builder}
         *
         * @param linear    linear P_cb(k, z) emulator of baryons + CDM (cosmological inputs + {@code z}), or
         *                  {@code null}
         * @param nonlinear non-linear P_cb(k, z) emulator, or {@code null}
         */
        public Builder matterPowerCb(Emulator linear, Emulator nonlinear) {
            this.pkCbLinear = linear;
            this.pkCbNonlinear = nonlinear;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param s TT, TE or EE
         * @param e its unlensed emulator (a multipole grid, values as for {@link #spectrum})
         * @throws InvalidOptionException if {@code s} has no unlensed form or {@code e} does not give multipoles
         */
        public Builder unlensedSpectrum(Spectrum s, Emulator e) {
            if (s != Spectrum.TT && s != Spectrum.TE && s != Spectrum.EE) {
                throw new InvalidOptionException("spectrum", "unlensed spectra are TT, TE and EE, not " + s);
            }
            if (e.outputGrid().axis() != OutputGrid.Axis.MULTIPOLE) {
                throw new InvalidOptionException("spectrum", "emulator '" + e.name() + "' for unlensed " + s
                        + " has a " + e.outputGrid().axis().token() + " grid; a spectrum needs multipoles");
            }
            unlensed.put(s, e);
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param c a constraint every point must satisfy (its inputs must be the theory's)
         */
        public Builder constraint(InputConstraint c) {
            constraints.add(Objects.requireNonNull(c));
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param linear    linear P(k, z) emulator (cosmological inputs + {@code z}), or {@code null}
         * @param nonlinear non-linear P(k, z) emulator, or {@code null}
         */
        public Builder matterPower(Emulator linear, Emulator nonlinear) {
            this.pkLinear = linear;
            this.pkNonlinear = nonlinear;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param s the spectrum
         * @param e its emulator: multipole grid, values with the ℓ-factor and units its {@code quantity()}
         *   declares (dimensionless or µK² for TT/TE/EE/BB)
         * @throws InvalidOptionException if {@code e} does not give multipoles
         */
        public Builder spectrum(Spectrum s, Emulator e) {
            if (e.outputGrid().axis() != OutputGrid.Axis.MULTIPOLE) {
                throw new InvalidOptionException("spectrum", "emulator '" + e.name() + "' for " + s + " has a "
                        + e.outputGrid().axis().token() + " grid; a spectrum needs multipoles");
            }
            spectra.put(s, Objects.requireNonNull(e));
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param e the derived-parameter emulator (named outputs)
         * @throws InvalidOptionException if {@code e} does not give named outputs
         */
        public Builder derived(Emulator e) {
            if (!e.outputGrid().isNamed()) {
                throw new InvalidOptionException("derived", "derived-parameter emulator '" + e.name()
                        + "' needs named outputs");
            }
            this.derived = e;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param m creates the exact background from the inputs it names (e.g. {@link BackgroundModel#flatLcdm()})
         */
        public Builder background(BackgroundModel m) {
            this.background = Objects.requireNonNull(m);
            return this;
        }

        /**
         * {@return the theory}
         *
         * @throws InvalidOptionException if there is no emulator, the emulators' inputs do not agree, or the
         *   background or a P(k) emulator needs an input the others lack
         */
        public EmulatorTheory build() {
            return new EmulatorTheory(this);
        }
    }
}
