package org.cosmoemu.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;

/**
 * The samples one model learns from, assembled from the CLASS shards as a {@link ModelSpec} says: inputs
 * (the cosmological parameters the shards declare, as many as they have, plus {@code z} for P(k, z) models), the physical output values on the
 * output grid, and the design index of each sample (for {@link HeldOutSplit}). The arrays are shared, not
 * copied: treat them as read-only.
 *
 * @param inputs      the inputs in network order with their ranges (training ranges from the data's README
 *                    table, as the shards declare them; {@code z} in [0, z_max])
 * @param x           {@code x[sample][input]}
 * @param y           {@code y[sample][output]}: physical values (before any transform)
 * @param designIndex the design index of each sample
 * @param redshift    the redshift of each sample for z-input models, otherwise {@code null}
 * @param grid        the output grid
 * @param quantity    what the outputs mean, with the spec's transform
 */
record TrainingSamples(ParameterSpace inputs, double[][] x, double[][] y, long[] designIndex,
        double[] redshift, OutputGrid grid, OutputQuantity quantity) {

    /** Name of the extra input of P(k, z) models. */
    public static final String Z = "z";

    /**
     * @param data the CLASS shards
     * @param spec what to assemble
     * @return the samples
     * @throws DataFileException if the dataset is missing or its shape does not fit the spec, or a log10 model
     *                           meets a value that is not positive
     */
    public static TrainingSamples assemble(ClassTrainingData data, ModelSpec spec) {
        return assemble(data, spec, data.read(spec.dataset()));
    }

    /**
     * As {@link #assemble(ClassTrainingData, ModelSpec)} with the dataset already read.
     *
     * @param data  the CLASS shards
     * @param spec  what to assemble
     * @param block {@code data.read(spec.dataset())}
     * @return the samples
     */
    public static TrainingSamples assemble(ClassTrainingData data, ModelSpec spec, ClassTrainingData.Block block) {
        String ds = spec.dataset();
        int[] shape = block.perPoint();
        double[] axis;
        OutputGrid.Axis kind;
        String unit = "";
        List<String> labels = null;
        double[] zAxis = null;
        if (ds.startsWith("cl/") || ds.startsWith("cl_unlensed/")) {
            axis = data.axis(ds, "ell");
            kind = OutputGrid.Axis.MULTIPOLE;
        } else if (ds.startsWith("pk/")) {
            axis = data.axis(ds, "k_h_per_Mpc");
            kind = OutputGrid.Axis.WAVENUMBER;
            unit = "h/Mpc";
            zAxis = data.axis(ds, "z");
        } else if (ds.startsWith("background/")) {
            axis = data.axis(ds, "z");
            kind = OutputGrid.Axis.REDSHIFT;
        } else if (ds.equals("derived")) {
            labels = data.names(ds);
            axis = new double[labels.size()];
            for (int i = 0; i < axis.length; i++) {
                axis[i] = i;
            }
            kind = OutputGrid.Axis.NAMED;
        } else {
            throw new DataFileException(spec.source() + ": dataset '" + ds + "' is not one the trainer knows (cl/*, "
                    + "cl_unlensed/*, pk/*, background/*, derived)");
        }
        int gridLen = axis.length;
        int zLen = zAxis == null ? 1 : zAxis.length;
        if (zAxis == null ? !(shape.length == 1 && shape[0] == gridLen)
                : !(shape.length == 2 && shape[0] == zLen && shape[1] == gridLen)) {
            throw new DataFileException(data.directory() + ": dataset '" + ds + "' has per-point shape "
                    + Arrays.toString(shape) + ", which does not match its axes");
        }
        if (zAxis != null && !spec.zInput()) {
            throw new DataFileException(spec.source() + ": dataset '" + ds + "' depends on z: set z_input = true");
        }
        if (zAxis == null && spec.zInput()) {
            throw new DataFileException(spec.source() + ": z_input = true but dataset '" + ds + "' has no z axis");
        }
        // outputs kept: grid value within [grid_min, grid_max]
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < gridLen; j++) {
            if (kind == OutputGrid.Axis.NAMED || (axis[j] >= spec.gridMin() && axis[j] <= spec.gridMax())) {
                keep.add(j);
            }
        }
        if (keep.isEmpty()) {
            throw new DataFileException(spec.source() + ": grid_min/grid_max leave no output of '" + ds + "'");
        }
        OutputGrid grid;
        if (kind == OutputGrid.Axis.NAMED) {
            grid = OutputGrid.named(labels);
        } else {
            double[] g = keep.stream().mapToDouble(j -> axis[j]).toArray();
            grid = kind == OutputGrid.Axis.MULTIPOLE && isContiguousIntegers(g)
                    ? OutputGrid.multipoles((int) g[0], (int) g[g.length - 1]) : OutputGrid.of(kind, unit, g);
        }
        List<Integer> zs = new ArrayList<>();
        for (int iz = 0; iz < zLen; iz++) {
            double zi = zAxis == null ? 0 : zAxis[iz];
            if (zAxis == null || (zi <= spec.zMax() + 1e-12
                    && java.util.Arrays.stream(spec.zExclude()).noneMatch(x -> Math.abs(x - zi) < 1e-9))) {
                zs.add(iz);
            }
        }
        ParameterSpace base = data.parameterSpace();
        List<Parameter> ps = new ArrayList<>(base.parameters());
        if (zAxis != null) {
            ps.add(Parameter.of(Z, 0.0, spec.zMax()));
        }
        ParameterSpace inputs = ParameterSpace.of(ps);
        double[][] reference = null;
        if (spec.dropEqualTo() != null) {
            ClassTrainingData.Block ref = data.read(spec.dropEqualTo());
            if (!Arrays.equals(ref.perPoint(), shape)) {
                throw new DataFileException(spec.source() + ": drop_equal_to dataset '" + spec.dropEqualTo()
                        + "' has per-point shape " + Arrays.toString(ref.perPoint()) + ", '" + ds + "' has "
                        + Arrays.toString(shape));
            }
            reference = ref.rows();
        }
        int n = data.size() * zs.size();
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        long[] idx = new long[n];
        double[] zOf = zAxis == null ? null : new double[n];
        long[] design = data.indices();
        int s = 0;
        for (int p = 0; p < data.size(); p++) {
            double[] theta = data.parameters(p);
            double[] row = block.rows()[p];
            for (int iz : zs) {
                if (reference != null && equalBlock(row, reference[p], iz * gridLen, gridLen)) {
                    continue; // e.g. CLASS fell back to the linear spectrum: not a valid sample
                }
                double[] xi = Arrays.copyOf(theta, ps.size());
                if (zAxis != null) {
                    xi[theta.length] = zAxis[iz];
                    zOf[s] = zAxis[iz];
                }
                double[] yi = new double[keep.size()];
                for (int j = 0; j < yi.length; j++) {
                    double v = row[iz * gridLen + keep.get(j)];
                    if (!Double.isFinite(v) || (spec.transform() == OutputTransform.LOG10 && !(v > 0))) {
                        throw new DataFileException(data.directory() + ": dataset '" + ds + "' design index " + design[p]
                                + " output " + grid.label(j) + " = " + v + (spec.transform() == OutputTransform.LOG10
                                        ? ": a log10 model needs positive finite values" : ": not finite"));
                    }
                    yi[j] = v;
                }
                x[s] = xi;
                y[s] = yi;
                idx[s] = design[p];
                s++;
            }
        }
        OutputQuantity q = OutputQuantity.of(spec.quantity(), spec.units(), spec.ellFactor(), spec.transform());
        if (s < n) {
            x = Arrays.copyOf(x, s);
            y = Arrays.copyOf(y, s);
            idx = Arrays.copyOf(idx, s);
            zOf = zOf == null ? null : Arrays.copyOf(zOf, s);
        }
        return new TrainingSamples(inputs, x, y, idx, zOf, grid, q);
    }

    private static boolean equalBlock(double[] a, double[] b, int offset, int length) {
        for (int j = offset; j < offset + length; j++) {
            if (Math.abs(a[j] - b[j]) > 1e-6 * Math.abs(b[j])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isContiguousIntegers(double[] g) {
        for (int i = 0; i < g.length; i++) {
            if (g[i] != Math.rint(g[i]) || (i > 0 && g[i] != g[i - 1] + 1)) {
                return false;
            }
        }
        return true;
    }

    /** @return the number of samples */
    public int size() {
        return x.length;
    }

    /**
     * @param role a role
     * @return the sample numbers whose design point has that role, ascending
     */
    public int[] rowsWith(HeldOutSplit.Role role) {
        return java.util.stream.IntStream.range(0, designIndex.length)
                .filter(i -> HeldOutSplit.role(designIndex[i]) == role).toArray();
    }
}
