package org.cosmoemu.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.cpu.Emulators;

/**
 * The errors of a model on held-out CLASS points, in the measure its spec names ({@link ModelSpec.Metric}):
 * for C_ℓ, |ΔC_ℓ|/σ_ℓ with the cosmic-variance σ_ℓ = sqrt(2/(2ℓ+1)) C_ℓ (TE: sqrt((C_TE² + C_TT C_EE)/(2ℓ+1)));
 * otherwise the relative error |Δy|/|y|. The model is evaluated as users get it: the CPU emulator with default
 * options (float64 arithmetic on the stored weights) and the scalar reference kernel. Immutable.
 */
final class ModelErrors {

    /**
     * Percentiles of the error over the (sample, output) pairs of a group of outputs (and, for P(k, z), one z).
     *
     * @param label    e.g. {@code "2 <= ell < 30"}, {@code "z = 0.5"}, {@code "sigma8"}
     * @param z        the redshift of the group for z-input models, NaN otherwise
     * @param min      smallest grid value in the group
     * @param max      largest grid value in the group
     * @param p50      median
     * @param p95      95th percentile
     * @param p99      99th percentile
     * @param maximum  largest error
     * @param inTarget whether the spec's target applies to this group
     */
    public record Group(String label, double z, double min, double max, double p50, double p95, double p99,
            double maximum, boolean inTarget) {
    }

    private final ModelSpec spec;
    private final OutputGrid grid;
    private final double[][] errors; // [sample][output], NaN where undefined
    private final double[] redshift; // per sample, or null
    private final long[] designIndex;

    private ModelErrors(ModelSpec spec, OutputGrid grid, double[][] errors, double[] redshift, long[] designIndex) {
        this.spec = spec;
        this.grid = grid;
        this.errors = errors;
        this.redshift = redshift;
        this.designIndex = designIndex;
    }

    /**
     * @param model the model
     * @param data  the CLASS shards
     * @param spec  the model's spec (dataset, z handling, metric)
     * @param role  which points to evaluate on (the accuracy report uses {@link HeldOutSplit.Role#TEST})
     * @return the errors
     * @throws DataFileException if the model's grid or inputs do not match the data the spec selects
     */
    public static ModelErrors evaluate(NetworkModel model, ClassTrainingData data, ModelSpec spec,
            HeldOutSplit.Role role) {
        TrainingSamples s = TrainingSamples.assemble(data, spec);
        if (!s.grid().equals(model.grid())) {
            throw new DataFileException("model '" + model.name() + "' has grid " + model.grid() + " but spec "
                    + spec.source() + " selects " + s.grid());
        }
        if (!s.inputs().names().equals(model.parameterSpace().names())) {
            throw new DataFileException("model '" + model.name() + "' takes " + model.parameterSpace().names()
                    + " but the data gives " + s.inputs().names());
        }
        int[] rows = s.rowsWith(role);
        int dim = s.inputs().dimension();
        int n = s.grid().size();
        double[] points = new double[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(s.x()[rows[i]], 0, points, i * dim, dim);
        }
        double[] pred = new double[rows.length * n];
        Emulator em = Emulators.create(model, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
        if (rows.length > 0) {
            em.predictBatch(points, rows.length, pred);
        }
        double[][] predicted = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            predicted[i] = java.util.Arrays.copyOfRange(pred, i * n, (i + 1) * n);
        }
        return of(data, spec, s, rows, predicted);
    }

    /**
     * Errors of given predictions (e.g. the PCA reconstruction of the truth, to measure the floor a PCA size
     * sets).
     *
     * @param data      the CLASS shards (for the TE metric's TT and EE truth)
     * @param spec      the spec (metric, bands)
     * @param s         the samples {@code predicted} belongs to
     * @param rows      the sample numbers predicted
     * @param predicted {@code predicted[i]}: physical values for sample {@code rows[i]}
     * @return the errors
     */
    public static ModelErrors of(ClassTrainingData data, ModelSpec spec, TrainingSamples s, int[] rows,
            double[][] predicted) {
        int n = s.grid().size();
        double[][] tt = null;
        double[][] ee = null;
        if (spec.metric() == ModelSpec.Metric.COSMIC_VARIANCE_TE) {
            // the TT and EE of the same family of spectra: cl/te needs cl/tt, cl_unlensed/te cl_unlensed/tt
            String group = spec.dataset().substring(0, spec.dataset().lastIndexOf('/') + 1);
            tt = aligned(data, group + "tt", s.grid());
            ee = aligned(data, group + "ee", s.grid());
        }
        double[][] err = new double[rows.length][n];
        double[] zs = s.redshift() == null ? null : new double[rows.length];
        long[] idx = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            double[] truth = s.y()[r];
            idx[i] = s.designIndex()[r];
            if (zs != null) {
                zs[i] = s.redshift()[r];
            }
            for (int j = 0; j < n; j++) {
                double d = Math.abs(predicted[i][j] - truth[j]);
                double ell = s.grid().value(j);
                err[i][j] = switch (spec.metric()) {
                    case RELATIVE -> truth[j] == 0 ? Double.NaN : d / Math.abs(truth[j]);
                    case COSMIC_VARIANCE -> d / (Math.sqrt(2.0 / (2 * ell + 1)) * Math.abs(truth[j]));
                    case COSMIC_VARIANCE_TE -> {
                        // rows of tt/ee follow the design points; sample r is design row r (no z axis for C_l)
                        double te = truth[j];
                        yield d / Math.sqrt((te * te + tt[r][j] * ee[r][j]) / (2 * ell + 1));
                    }
                };
            }
        }
        return new ModelErrors(spec, s.grid(), err, zs, idx);
    }

    /** The rows of a C_ℓ dataset at the grid's multipoles. */
    private static double[][] aligned(ClassTrainingData data, String dataset, OutputGrid grid) {
        double[] ell = data.axis(dataset, "ell");
        int[] col = new int[grid.size()];
        for (int j = 0; j < col.length; j++) {
            col[j] = -1;
            for (int c = 0; c < ell.length; c++) {
                if (ell[c] == grid.value(j)) {
                    col[j] = c;
                    break;
                }
            }
            if (col[j] < 0) {
                throw new DataFileException(dataset + " has no ell = " + grid.value(j));
            }
        }
        double[][] rows = data.read(dataset).rows();
        double[][] out = new double[rows.length][col.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < col.length; j++) {
                out[i][j] = rows[i][col[j]];
            }
        }
        return out;
    }

    /** @return the spec the errors were measured with */
    public ModelSpec spec() {
        return spec;
    }

    /** @return the output grid */
    public OutputGrid grid() {
        return grid;
    }

    /** @return the number of evaluated samples (points, or point-z pairs) */
    public int samples() {
        return errors.length;
    }

    /** @return the number of distinct design points evaluated */
    public int points() {
        return (int) Arrays.stream(designIndex).distinct().count();
    }

    /** @return the distinct redshifts of a z-input model, ascending (empty otherwise) */
    public double[] redshifts() {
        if (redshift == null) {
            return new double[0];
        }
        return new TreeSet<>(Arrays.stream(redshift).boxed().toList()).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * @param p percentile in [0, 100]
     * @param z for z-input models the redshift to restrict to, NaN for all
     * @return per output, the {@code p}-th percentile over samples (NaN where no sample defines it)
     */
    public double[] perOutputPercentile(double p, double z) {
        int n = grid.size();
        double[] out = new double[n];
        double[] buf = new double[errors.length];
        for (int j = 0; j < n; j++) {
            int m = 0;
            for (int i = 0; i < errors.length; i++) {
                if ((Double.isNaN(z) || redshift == null || redshift[i] == z) && !Double.isNaN(errors[i][j])) {
                    buf[m++] = errors[i][j];
                }
            }
            out[j] = percentile(buf, m, p);
        }
        return out;
    }

    /**
     * The report's groups: for named grids each output; otherwise the spec's bands (one band if none), and for
     * z-input models also each redshift over all bands.
     *
     * @return the groups with their percentiles
     */
    public List<Group> groups() {
        List<Group> out = new ArrayList<>();
        if (grid.isNamed()) {
            List<String> target = spec.metricOutputs();
            for (int j = 0; j < grid.size(); j++) {
                String name = grid.label(j);
                out.add(group(name, Double.NaN, j, j, target.isEmpty() || target.contains(name)));
            }
            return out;
        }
        double[] edges = spec.bands();
        if (edges.length < 2) {
            edges = new double[] {grid.value(0), grid.value(grid.size() - 1)};
        }
        for (int b = 0; b + 1 < edges.length; b++) {
            boolean last = b + 2 == edges.length;
            int lo = -1;
            int hi = -1;
            for (int j = 0; j < grid.size(); j++) {
                double v = grid.value(j);
                if (v >= edges[b] && (last ? v <= edges[b + 1] : v < edges[b + 1])) {
                    lo = lo < 0 ? j : lo;
                    hi = j;
                }
            }
            if (lo < 0) {
                continue;
            }
            String label = fmt(grid.value(lo)) + " <= " + grid.axis().token() + " <= " + fmt(grid.value(hi));
            boolean inTarget = grid.value(lo) >= spec.metricMin() && grid.value(hi) <= spec.metricMax();
            out.add(group(label, Double.NaN, lo, hi, inTarget));
        }
        for (double z : redshifts()) {
            int lo = 0;
            int hi = grid.size() - 1;
            boolean inTarget = true;
            long count = Arrays.stream(redshift).filter(v -> v == z).count();
            out.add(group(String.format(Locale.ROOT, "z = %s, all k (%d points)", fmt(z), count), z, lo, hi, inTarget));
        }
        return out;
    }

    private Group group(String label, double z, int lo, int hi, boolean inTarget) {
        double[] buf = new double[errors.length * (hi - lo + 1)];
        int m = 0;
        for (int i = 0; i < errors.length; i++) {
            if (!Double.isNaN(z) && redshift[i] != z) {
                continue;
            }
            for (int j = lo; j <= hi; j++) {
                if (!Double.isNaN(errors[i][j])) {
                    buf[m++] = errors[i][j];
                }
            }
        }
        return new Group(label, z, grid.value(lo), grid.value(hi), percentile(buf, m, 50), percentile(buf, m, 95),
                percentile(buf, m, 99), percentile(buf, m, 100), inTarget);
    }

    /**
     * The headline number compared with the spec's target: the worst 99th percentile of the groups the target
     * applies to, each group's percentile taken over its (sample, output) pairs within the target's grid range.
     *
     * @return the headline 99th percentile
     */
    public double headline() {
        double worst = 0;
        if (grid.isNamed()) {
            for (Group g : groups()) {
                if (g.inTarget()) {
                    worst = Math.max(worst, g.p99());
                }
            }
            return worst;
        }
        int lo = -1;
        int hi = -1;
        for (int j = 0; j < grid.size(); j++) {
            if (grid.value(j) >= spec.metricMin() && grid.value(j) <= spec.metricMax()) {
                lo = lo < 0 ? j : lo;
                hi = j;
            }
        }
        if (lo < 0) {
            return Double.NaN;
        }
        double[] edges = spec.bands();
        List<int[]> ranges = new ArrayList<>();
        if (edges.length < 2) {
            ranges.add(new int[] {lo, hi});
        } else {
            for (int b = 0; b + 1 < edges.length; b++) {
                boolean last = b + 2 == edges.length;
                int a = -1;
                int e = -1;
                for (int j = lo; j <= hi; j++) {
                    double v = grid.value(j);
                    if (v >= edges[b] && (last ? v <= edges[b + 1] : v < edges[b + 1])) {
                        a = a < 0 ? j : a;
                        e = j;
                    }
                }
                if (a >= 0) {
                    ranges.add(new int[] {a, e});
                }
            }
        }
        double[] zs = redshifts();
        if (zs.length == 0) {
            zs = new double[] {Double.NaN};
        }
        for (int[] r : ranges) {
            for (double z : zs) {
                worst = Math.max(worst, group("", z, r[0], r[1], true).p99());
            }
        }
        return worst;
    }

    /** @return the largest error over all samples and the outputs the target applies to */
    public double maximumInTarget() {
        List<String> outputs = spec.metricOutputs();
        double worst = 0;
        for (int j = 0; j < grid.size(); j++) {
            boolean in = grid.isNamed() ? outputs.isEmpty() || outputs.contains(grid.label(j))
                    : grid.value(j) >= spec.metricMin() && grid.value(j) <= spec.metricMax();
            if (!in) {
                continue;
            }
            for (double[] row : errors) {
                if (!Double.isNaN(row[j])) {
                    worst = Math.max(worst, row[j]);
                }
            }
        }
        return worst;
    }

    /**
     * Linear-interpolation percentile (numpy's default) of the first {@code m} values of {@code buf}, which it
     * sorts.
     */
    static double percentile(double[] buf, int m, double p) {
        if (m == 0) {
            return Double.NaN;
        }
        Arrays.sort(buf, 0, m);
        double pos = p / 100.0 * (m - 1);
        int i = (int) Math.floor(pos);
        if (i >= m - 1) {
            return buf[m - 1];
        }
        double f = pos - i;
        return buf[i] + f * (buf[i + 1] - buf[i]);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }
}
