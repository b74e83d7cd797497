package org.cosmoemu.models;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputTransform;
import org.cosmoemu.api.testing.SharedTestData;

/**
 * The held-out CLASS points of one family's data (design index ≡ 0 mod 10) and the accuracy the report claims for
 * its models: reads the shards of {@code dataDir} (skipped when absent, failing under CI=true), re-implements the
 * metrics from their definitions (independently of the training package that wrote the claims), and checks a
 * bundled model against them.
 */
final class HeldOutClass {
    private final String dataDir;
    private final Properties claims = new Properties();
    private List<Path> shards;

    /**
     * @param dataDir        the data set's folder under the shared data, e.g. {@code class-lcdm}
     * @param claimsResource the claims file next to this class, written by AccuracyReport
     */
    HeldOutClass(String dataDir, String claimsResource) {
        this.dataDir = dataDir;
        try (InputStream in = HeldOutClass.class.getResourceAsStream(claimsResource)) {
            assertNotNull(in, claimsResource + " (written by AccuracyReport) is missing");
            claims.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Properties claims() {
        return claims;
    }

    private List<Path> shards() throws IOException {
        if (shards == null) {
            try (Stream<Path> s = Files.list(SharedTestData.path(dataDir))) {
                shards = s.filter(p -> p.getFileName().toString().matches("train-.*\\.h5")).sorted().toList();
            }
        }
        return shards;
    }

    /** Rows of a dataset for the test points of every shard, flattened per point, with their parameters. */
    record Truth(double[][] parameters, double[][] values, int[] perPoint) {
    }

    Truth truth(String dataset) throws IOException {
        List<double[]> pars = new ArrayList<>();
        List<double[]> vals = new ArrayList<>();
        int[] perPoint = null;
        for (Path f : shards()) {
            try (HdfFile h = new HdfFile(f)) {
                long[] index = (long[]) h.getDatasetByPath("index").getDataFlat();
                Dataset pd = h.getDatasetByPath("parameters");
                int np = pd.getDimensions()[1];
                double[] p = (double[]) pd.getDataFlat();
                Dataset d = h.getDatasetByPath(dataset);
                int[] dims = d.getDimensions();
                perPoint = Arrays.copyOfRange(dims, 1, dims.length);
                Object flat = d.getDataFlat();
                int width = java.lang.reflect.Array.getLength(flat) / dims[0];
                long maxIndex = Long.parseLong(claims.getProperty("max_design_index"));
                for (int r = 0; r < index.length; r++) {
                    if (index[r] % 10 != 0 || index[r] > maxIndex) {
                        continue;
                    }
                    pars.add(Arrays.copyOfRange(p, r * np, r * np + np));
                    double[] v = new double[width];
                    for (int j = 0; j < width; j++) {
                        v[j] = ((Number) java.lang.reflect.Array.get(flat, r * width + j)).doubleValue();
                    }
                    vals.add(v);
                }
            }
        }
        return new Truth(pars.toArray(double[][]::new), vals.toArray(double[][]::new), perPoint);
    }

    /** The redshifts of a P(k, z) dataset (its {@code z} attribute). */
    double[] redshifts(String dataset) throws IOException {
        try (HdfFile h = new HdfFile(shards().get(0))) {
            return (double[]) h.getDatasetByPath(dataset).getAttribute("z").getData();
        }
    }

    /** Blanks (NaN) the (point, z) blocks of a P(k, z) truth equal to the reference dataset's (no HMcode there). */
    void dropEqualTo(Truth t, String name, int zCount, int kCount) throws IOException {
        String reference = claims.getProperty(name + ".drop_equal_to");
        if (reference == null) {
            return;
        }
        Truth ref = truth(reference);
        for (int i = 0; i < t.values().length; i++) {
            for (int iz = 0; iz < zCount; iz++) {
                boolean equal = true;
                for (int j = 0; j < kCount && equal; j++) {
                    double r = ref.values()[i][iz * kCount + j];
                    equal = Math.abs(t.values()[i][iz * kCount + j] - r) <= 1e-6 * Math.abs(r);
                }
                if (equal) {
                    Arrays.fill(t.values()[i], iz * kCount, iz * kCount + kCount, Double.NaN);
                }
            }
        }
    }

    double claim(String name, String key) {
        String v = claims.getProperty(name + "." + key);
        assertNotNull(v, "no claim " + name + "." + key);
        return Double.parseDouble(v);
    }

    private static double numpyPercentile(List<Double> values, double p) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double pos = p / 100 * (a.length - 1);
        int i = (int) Math.floor(pos);
        return i >= a.length - 1 ? a[a.length - 1] : a[i] + (pos - i) * (a[i + 1] - a[i]);
    }

    /** The error scale of output {@code output} of test point {@code point}. */
    interface Scale {
        double of(int point, int output);
    }

    /** The grid value (ℓ, k, z) of output {@code output}. */
    interface GridValue {
        double of(int output);
    }

    /**
     * Predicts every test point (and, for P(k, z), every redshift of the data up to the model's z_max), computes
     * |Δ|/scale, and checks the worst band 99th percentile and the largest error in the target range against the
     * claims.
     *
     * @param zs the data's redshifts for P(k, z) models, {@code null} otherwise
     */
    void check(String name, Truth t, Scale scale, GridValue grid, double[] zs) {
        double[] f64 = measure(name, t, scale, grid, zs, org.cosmoemu.api.Precision.FLOAT64);
        double headline = f64[0];
        double worst = f64[1];
        NetworkModel model = BundledModels.model(name);
        double claimP99 = claim(name, "p99");
        double claimMax = claim(name, "max_error");
        assertTrue(headline <= claimP99 * (1 + 1e-9), name + ": worst band p99 " + headline + " > claimed " + claimP99);
        assertTrue(headline > 0.5 * claimP99, name + ": worst band p99 " + headline + " far below the claim " + claimP99
                + " (stale claims?)");
        assertTrue(worst <= claimMax * (1 + 1e-9), name + ": largest error " + worst + " > claimed " + claimMax);
        if (model.quantity().transform() == OutputTransform.LOG10) {
            Emulator em = BundledModels.get(name, EmulatorOptions.defaults().withKernel(EmulatorOptions.Kernel.SCALAR));
            assertTrue(Arrays.stream(em.predict(Arrays.copyOf(t.parameters()[0], model.inputSize()))).allMatch(v -> v > 0));
        }
        // float32 arithmetic (the weights are stored in float32): the same claims must hold, within a 0.5% margin
        // (ACCURACY.md, "float32 arithmetic"): a model that broke it would be unsafe to run in float32
        double[] f32 = measure(name, t, scale, grid, zs, org.cosmoemu.api.Precision.FLOAT32);
        System.out.printf(java.util.Locale.ROOT, "accuracy %s: p99 float64 %.6g float32 %.6g (claim %.6g), max float64 %.6g "
                + "float32 %.6g (claim %.6g)%n", name, headline, f32[0], claimP99, worst, f32[1], claimMax);
        assertTrue(f32[0] <= claimP99 * FLOAT32_MARGIN, name + ": float32 worst band p99 " + f32[0] + " > claimed "
                + claimP99 + " x " + FLOAT32_MARGIN);
        assertTrue(f32[1] <= claimMax * FLOAT32_MARGIN, name + ": float32 largest error " + f32[1] + " > claimed "
                + claimMax + " x " + FLOAT32_MARGIN);
    }

    /** How far float32 arithmetic may move a model's error above its (float64) claim: 0.5% (measured: none moves above it). */
    static final double FLOAT32_MARGIN = 1.005;

    /** @return {worst band p99, largest error} of {@code name} on the test points, computed in {@code precision} */
    private double[] measure(String name, Truth t, Scale scale, GridValue grid, double[] zs,
            org.cosmoemu.api.Precision precision) {
        NetworkModel model = BundledModels.model(name);
        Emulator em = BundledModels.get(name, EmulatorOptions.defaults().withPrecision(precision)
                .withKernel(precision == org.cosmoemu.api.Precision.FLOAT64 ? EmulatorOptions.Kernel.SCALAR
                        : EmulatorOptions.Kernel.AUTO));
        boolean named = model.grid().isNamed();
        int n = model.grid().size();
        int nPar = t.parameters()[0].length;
        double lo = claims.containsKey(name + ".min") ? claim(name, "min") : Double.NEGATIVE_INFINITY;
        double hi = claims.containsKey(name + ".max") ? claim(name, "max") : Double.POSITIVE_INFINITY;
        List<String> outputs = claims.containsKey(name + ".outputs")
                ? List.of(claims.getProperty(name + ".outputs").split(",")) : List.of();
        double[] bands = claims.containsKey(name + ".bands")
                ? Arrays.stream(claims.getProperty(name + ".bands").split(",")).mapToDouble(Double::parseDouble).toArray()
                : new double[0];
        double[] zList = zs == null ? new double[] {Double.NaN} : zs;
        int zCount = zs == null ? 1 : zs.length;
        double zMax = claims.containsKey(name + ".z_max") ? claim(name, "z_max") : Double.POSITIVE_INFINITY;
        // errors[group] where a group is (band or output) x z
        java.util.Map<String, List<Double>> groups = new java.util.LinkedHashMap<>();
        double worst = 0;
        for (int i = 0; i < t.parameters().length; i++) {
            for (int iz = 0; iz < zList.length; iz++) {
                if (zList[iz] > zMax) {
                    continue;
                }
                double[] point = Double.isNaN(zList[iz]) ? t.parameters()[i] : Arrays.copyOf(t.parameters()[i], nPar + 1);
                if (!Double.isNaN(zList[iz])) {
                    point[nPar] = zList[iz];
                }
                double[] pred = em.predict(point);
                for (int j = 0; j < n; j++) {
                    int col = iz * n + j;
                    String label = model.grid().label(j);
                    boolean inTarget = named ? outputs.isEmpty() || outputs.contains(label)
                            : grid.of(j) >= lo && grid.of(j) <= hi;
                    double truth = t.values()[i][col];
                    if (!inTarget || truth == 0 || Double.isNaN(truth)) {
                        continue;
                    }
                    double err = Math.abs(pred[j] - truth) / scale.of(i, zCount == 1 ? j : col);
                    String band = named ? label : bandOf(bands, grid.of(j));
                    groups.computeIfAbsent(band + "@" + zList[iz], x -> new ArrayList<>()).add(err);
                    worst = Math.max(worst, err);
                }
            }
        }
        double headline = 0;
        for (List<Double> g : groups.values()) {
            headline = Math.max(headline, numpyPercentile(g, 99));
        }
        return new double[] {headline, worst};
    }

    private static String bandOf(double[] edges, double v) {
        for (int b = 0; b + 1 < edges.length; b++) {
            boolean last = b + 2 == edges.length;
            if (v >= edges[b] && (last ? v <= edges[b + 1] : v < edges[b + 1])) {
                return "band" + b;
            }
        }
        return "all";
    }
}
