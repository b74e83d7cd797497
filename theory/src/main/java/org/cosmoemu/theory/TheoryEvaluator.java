package org.cosmoemu.theory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.MissingQuantityException;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.theory.CmbSpectra.Spectrum;

/**
 * The fast path of {@link EmulatorTheory#compute(double[], Requirements)}: one theory and one set of requirements,
 * evaluated point after point or a batch at a time, with the same numbers to the last bit and without the
 * per-point costs of the general method:
 * <ul>
 *   <li>each spectrum emulator computes only the multipoles up to {@link Requirements#lmax()} (with PCA, only those
 *       columns are reconstructed: {@link Emulator#restrictedTo});</li>
 *   <li>each network runs once per batch ({@link Emulator#predictBatch}), not once per point;</li>
 *   <li>inputs, outputs, spectra and derived values live in buffers allocated once, at construction; what a
 *       point still allocates is its {@link Background} (built lazily, to the redshifts the likelihoods ask for)
 *       and, only if a likelihood asks, its {@link Observables#parameters()} map.</li>
 * </ul>
 *
 * <pre>{@code
 * TheoryEvaluator ev = theory.evaluator(likelihood.requirements(), 64);   // one per thread
 * ev.computeBatch(points, 64);                                            // 64 points, row-major
 * for (int i = 0; i < 64; i++) {
 *     lnL[i] = likelihood.logLike(ev.at(i), new double[0]);
 * }
 * }</pre>
 *
 * <p><b>Not thread-safe, and its results are views:</b> the {@link Observables} that {@link #at(int)} returns (and
 * the {@link CmbSpectra} in it) are overwritten by the next {@code compute} or {@code computeBatch} of this
 * evaluator. Use one evaluator per thread; {@link EmulatorTheory#evaluator} is cheap after the first call for the
 * same requirements (the restricted networks are shared).
 */
public final class TheoryEvaluator {

    private final EmulatorTheory theory;
    private final Requirements requirements;
    private final ParameterSpace space;
    private final int dimension;
    private final int capacity;

    // spectra: restricted emulators, their input maps, scratch and the conversion to canonical C_ell
    private final Spectrum[] kinds;
    private final Emulator[] spectrumEmulators;
    private final int[][] spectrumInputs;
    private final int[] firstEll;
    private final double[] unitScale;
    private final double[][] ellFactor;
    private final double[][] spectrumIn;
    private final double[][] spectrumOut;
    private final int lmax;

    // derived: the emulator and the computed quantities, by index
    private final boolean needDerived;
    private final boolean needBackground;
    private final Emulator derivedEmulator;
    private final int[] derivedInputs;
    private final double[] derivedIn;
    private final double[] derivedOut;
    private final String[] derivedNames;
    private final Map<String, Integer> derivedIndex;
    private final int[] fromEmulator; // derived slot -> emulator output, or -1
    private final int slotH0;
    private final int slotH;
    private final int slotRdrag;
    private final int slotThetaStar;
    private final int slotOmegaM;
    private final int slotOmegaMH2;
    private final int slotS8;
    private final int slotS8Cmbl;
    private final int emuRsDrag;
    private final int emuTheta;
    private final int emuSigma8;

    private final double[] one;
    private final Point[] points;

    TheoryEvaluator(EmulatorTheory theory, Requirements req, int capacity) {
        if (capacity < 1) {
            throw new InvalidOptionException("capacity", "an evaluator needs room for at least one point, got " + capacity);
        }
        theory.check(req, "the request");
        this.theory = theory;
        this.requirements = req;
        this.space = theory.parameterSpace();
        this.dimension = space.dimension();
        this.capacity = capacity;

        this.kinds = req.spectra().toArray(new Spectrum[0]);
        this.lmax = kinds.length == 0 ? 0 : Math.max(2, req.lmax());
        this.spectrumEmulators = new Emulator[kinds.length];
        this.spectrumInputs = new int[kinds.length][];
        this.firstEll = new int[kinds.length];
        this.unitScale = new double[kinds.length];
        this.ellFactor = new double[kinds.length][];
        this.spectrumIn = new double[kinds.length][];
        this.spectrumOut = new double[kinds.length][];
        for (int s = 0; s < kinds.length; s++) {
            Emulator e = theory.spectrumEmulator(kinds[s], lmax);
            spectrumEmulators[s] = e;
            spectrumInputs[s] = theory.inputsOf(e);
            firstEll[s] = (int) e.outputGrid().value(0);
            unitScale[s] = theory.unitScale(kinds[s]);
            EllFactor f = e.quantity().ellFactor();
            double[] fs = new double[lmax + 1];
            for (int ell = 2; ell <= lmax; ell++) {
                fs[ell] = f.factor(ell);
            }
            ellFactor[s] = fs;
            spectrumIn[s] = new double[capacity * e.parameterSpace().dimension()];
            spectrumOut[s] = new double[capacity * e.outputSize()];
        }

        this.needDerived = !req.derived().isEmpty();
        this.needBackground = req.background() || needDerived;
        this.derivedEmulator = needDerived ? theory.derivedEmulator() : null;
        List<String> labels = derivedEmulator == null ? List.of() : derivedEmulator.outputGrid().labels();
        this.derivedInputs = derivedEmulator == null ? null : theory.inputsOf(derivedEmulator);
        this.derivedIn = derivedEmulator == null ? null : new double[capacity * derivedEmulator.parameterSpace().dimension()];
        this.derivedOut = derivedEmulator == null ? null : new double[capacity * derivedEmulator.outputSize()];
        // the names, in the order EmulatorTheory.derived fills its map (a later name replaces an earlier one)
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new java.util.ArrayList<>();
        List<Integer> source = new java.util.ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), names.size());
            names.add(labels.get(i));
            source.add(i);
        }
        int iH0 = theory.h0Index();
        boolean hasBackground = theory.hasBackground();
        this.emuRsDrag = labels.indexOf("rs_drag_Mpc");
        this.emuTheta = labels.indexOf("100theta_star");
        this.emuSigma8 = labels.indexOf(Observables.SIGMA8);
        this.slotH0 = needDerived && iH0 >= 0 ? add("H0", index, names, source) : -1;
        this.slotH = needDerived && iH0 >= 0 ? add("h", index, names, source) : -1;
        this.slotRdrag = needDerived && emuRsDrag >= 0 ? add(Observables.RDRAG, index, names, source) : -1;
        this.slotThetaStar = needDerived && emuTheta >= 0 ? add("theta_star", index, names, source) : -1;
        this.slotOmegaM = needDerived && hasBackground ? add("Omega_m", index, names, source) : -1;
        this.slotOmegaMH2 = needDerived && hasBackground ? add("omega_m", index, names, source) : -1;
        this.slotS8 = needDerived && hasBackground && emuSigma8 >= 0 ? add("S8", index, names, source) : -1;
        this.slotS8Cmbl = needDerived && hasBackground && emuSigma8 >= 0 ? add("S8_CMBL", index, names, source) : -1;
        this.derivedNames = needDerived ? names.toArray(new String[0]) : new String[0];
        this.derivedIndex = needDerived ? Map.copyOf(index) : Map.of();
        this.fromEmulator = source.stream().mapToInt(Integer::intValue).toArray();

        this.one = new double[dimension];
        this.points = new Point[capacity];
        for (int i = 0; i < capacity; i++) {
            double[][] cl = new double[Spectrum.values().length][];
            for (Spectrum s : kinds) {
                cl[s.ordinal()] = new double[lmax + 1];
            }
            points[i] = new Point(kinds.length == 0 ? null : new CmbSpectra(lmax, cl), new double[dimension],
                    new double[derivedNames.length]);
        }
    }

    private static int add(String name, Map<String, Integer> index, List<String> names, List<Integer> source) {
        index.put(name, names.size());
        names.add(name);
        source.add(-1);
        return names.size() - 1;
    }

    /** {@return the theory} */
    public EmulatorTheory theory() {
        return theory;
    }

    /** {@return what each evaluation computes} */
    public Requirements requirements() {
        return requirements;
    }

    /** {@return the most points one {@link #computeBatch} takes} */
    public int capacity() {
        return capacity;
    }

    /**
     * Computes the observables at one point.
     *
     * @param x inputs in {@link EmulatorTheory#parameterSpace()} order (not modified)
     * @return the observables, valid until the next computation of this evaluator
     * @throws InvalidParameterException                     for a NaN or infinite value or a wrong length
     * @throws org.cosmoemu.api.ParameterOutOfRangeException outside the emulators' training range
     */
    public Observables compute(double[] x) {
        if (x.length != dimension) {
            throw new InvalidParameterException(null, "the theory takes " + dimension + " inputs " + space.names()
                    + ", got " + x.length);
        }
        computeBatch(x, 1);
        return points[0];
    }

    /**
     * Computes the observables at {@code count} points, each network once for all of them.
     *
     * @param xs    {@code count × dimension} inputs, row-major, in {@link EmulatorTheory#parameterSpace()} order
     *              (not modified)
     * @param count the number of points, 1 ≤ count ≤ {@link #capacity()}
     * @throws InvalidOptionException                        if {@code count} is out of bounds or {@code xs} too short
     * @throws InvalidParameterException                     for a NaN or infinite value
     * @throws org.cosmoemu.api.ParameterOutOfRangeException if a point is outside the emulators' training range
     */
    public void computeBatch(double[] xs, int count) {
        if (count < 1 || count > capacity || xs.length < count * dimension) {
            throw new InvalidOptionException("count", "a batch of " + count + " points of " + dimension
                    + " inputs needs 1 <= count <= " + capacity + " and " + count * dimension + " values; got "
                    + xs.length);
        }
        for (int k = 0; k < count; k++) {
            System.arraycopy(xs, k * dimension, one, 0, dimension);
            theory.checkPoint(one, "the theory");
            Point p = points[k];
            System.arraycopy(one, 0, p.x, 0, dimension);
            p.parameters = null;
        }
        for (int s = 0; s < kinds.length; s++) {
            Emulator e = spectrumEmulators[s];
            gather(xs, count, spectrumInputs[s], spectrumIn[s]);
            e.predictBatch(spectrumIn[s], count, spectrumOut[s]);
            int n = e.outputSize();
            double[] out = spectrumOut[s];
            double scale = unitScale[s];
            double[] f = ellFactor[s];
            int ord = kinds[s].ordinal();
            int l0 = firstEll[s];
            for (int k = 0; k < count; k++) {
                double[] a = points[k].cmb.rawArray(ord);
                // as CmbSpectra.Builder.set: v * unitScale / factor(ell), zero below ell = 2 and where not emulated
                Arrays.fill(a, 0.0);
                int base = k * n;
                for (int i = 0; i < n; i++) {
                    int ell = l0 + i;
                    if (ell > lmax) {
                        break;
                    }
                    if (ell >= 2) {
                        a[ell] = out[base + i] * scale / f[ell];
                    }
                }
            }
        }
        if (derivedEmulator != null) {
            gather(xs, count, derivedInputs, derivedIn);
            derivedEmulator.predictBatch(derivedIn, count, derivedOut);
        }
        for (int k = 0; k < count; k++) {
            Point p = points[k];
            p.background = needBackground ? theory.background(p.x) : null;
            if (needDerived) {
                fillDerived(p, k);
            }
        }
    }

    /**
     * {@return the observables at point {@code i} of the last computation, valid until the next one}
     *
     * @param i the point's index in the last batch
     * @throws InvalidOptionException if {@code i} is not in {@code 0 .. capacity-1}
     */
    public Observables at(int i) {
        if (i < 0 || i >= capacity) {
            throw new InvalidOptionException("i", "point " + i + " is outside the evaluator's " + capacity + " slots");
        }
        return points[i];
    }

    private void fillDerived(Point p, int k) {
        double[] d = p.derived;
        int n = derivedEmulator == null ? 0 : derivedEmulator.outputSize();
        for (int j = 0; j < fromEmulator.length; j++) {
            if (fromEmulator[j] >= 0) {
                d[j] = derivedOut[k * n + fromEmulator[j]];
            }
        }
        double[] x = p.x;
        int iH0 = theory.h0Index();
        if (slotH0 >= 0) {
            d[slotH0] = x[iH0];
            d[slotH] = x[iH0] / 100.0;
        }
        if (slotRdrag >= 0) {
            d[slotRdrag] = derivedOut[k * n + emuRsDrag];
        }
        if (slotThetaStar >= 0) {
            d[slotThetaStar] = derivedOut[k * n + emuTheta] / 100.0;
        }
        if (slotOmegaM >= 0) {
            double om = p.background.omegaM();
            d[slotOmegaM] = om;
            double h = x[iH0] / 100.0;
            d[slotOmegaMH2] = om * h * h;
            if (slotS8 >= 0) {
                double s8 = derivedOut[k * n + emuSigma8];
                d[slotS8] = s8 * Math.sqrt(om / 0.3);
                d[slotS8Cmbl] = s8 * Math.pow(om / 0.3, 0.25);
            }
        }
    }

    private void gather(double[] xs, int count, int[] map, double[] in) {
        int m = map.length;
        for (int k = 0; k < count; k++) {
            int src = k * dimension;
            int dst = k * m;
            for (int j = 0; j < m; j++) {
                in[dst + j] = xs[src + map[j]];
            }
        }
    }

    /** The observables at one slot of the evaluator; overwritten by the next computation. */
    private final class Point implements Observables {
        private final CmbSpectra cmb;
        private final double[] x;
        private final double[] derived;
        private Background background;
        private Map<String, Double> parameters;

        Point(CmbSpectra cmb, double[] x, double[] derived) {
            this.cmb = cmb;
            this.x = x;
            this.derived = derived;
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
            Integer i = derivedIndex.get(name);
            if (i == null) {
                throw new MissingQuantityException("derived quantity '" + name + "' was not computed (have "
                        + Arrays.toString(derivedNames) + ")");
            }
            return derived[i];
        }

        @Override
        public Map<String, Double> parameters() {
            if (parameters == null) {
                parameters = space.toMap(x);
            }
            return parameters;
        }
    }
}
