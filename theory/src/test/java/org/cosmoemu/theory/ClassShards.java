package org.cosmoemu.theory;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.cosmoemu.api.testing.SharedTestData;

/**
 * Test helper: every design point of every CLASS training shard {@code class-lcdm/train-*.h5} present
 * (the set grows over time, so the shards are listed, never named).
 */
public final class ClassShards {

    /** One CLASS design point. */
    public record Point(long index, String shard, double omegaB, double omegaCdm, double hubble0, double[] parameters,
            double[] derived, double[] hubbleOverC, double[] angularDiameterDistance, float[][] pkLinear) {
    }

    /** All points, the background redshift grid, the derived names and the P(k) grids. */
    public record Data(List<Point> points, double[] z, List<String> derivedNames, double[] pkZ, double[] pkK) {
        public int derivedIndex(String name) {
            int i = derivedNames.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no derived quantity " + name + " in " + derivedNames);
            }
            return i;
        }
    }

    private static Data cached;

    /**
     * Estimates a CLASS derived quantity at a parameter point inside the design by a least-squares fit of its
     * logarithm to a full cubic polynomial in the six (rescaled) parameters over all design points.
     *
     * @param name       a derived name, e.g. sigma8_cb
     * @param parameters the six parameters in the shards' order (omega_b, omega_cdm, H0, tau_reio, n_s, ln10^10 A_s)
     * @param lower      lower design bounds
     * @param upper      upper design bounds
     * @return {estimate, max |relative error| on the last shard when fitted on the others}
     */
    public static double[] cubicFit(String name, double[] parameters, double[] lower, double[] upper) {
        Data d = load();
        int col = d.derivedIndex(name);
        int n = d.points().size();
        java.util.function.Function<double[], double[]> features = p -> {
            double[] x = new double[6];
            for (int i = 0; i < 6; i++) {
                x[i] = 2 * (p[i] - lower[i]) / (upper[i] - lower[i]) - 1;
            }
            List<Double> f = new ArrayList<>();
            f.add(1.0);
            for (int i = 0; i < 6; i++) {
                f.add(x[i]);
                for (int j = i; j < 6; j++) {
                    f.add(x[i] * x[j]);
                    for (int k = j; k < 6; k++) {
                        f.add(x[i] * x[j] * x[k]);
                    }
                }
            }
            return f.stream().mapToDouble(Double::doubleValue).toArray();
        };
        String last = d.points().get(n - 1).shard();
        double[] all = fit(d, col, features, p -> true);
        double[] train = fit(d, col, features, p -> !p.shard().equals(last));
        double worst = 0;
        for (Point p : d.points()) {
            if (p.shard().equals(last)) {
                double est = Math.exp(dot(train, features.apply(p.parameters())));
                worst = Math.max(worst, Math.abs(est / p.derived()[col] - 1));
            }
        }
        return new double[] {Math.exp(dot(all, features.apply(parameters))), worst};
    }

    private static double[] fit(Data d, int col, java.util.function.Function<double[], double[]> features,
            java.util.function.Predicate<Point> use) {
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Point p : d.points()) {
            if (use.test(p)) {
                rows.add(features.apply(p.parameters()));
                ys.add(Math.log(p.derived()[col]));
            }
        }
        org.ejml.data.DMatrixRMaj a = new org.ejml.data.DMatrixRMaj(rows.toArray(new double[0][]));
        org.ejml.data.DMatrixRMaj y = new org.ejml.data.DMatrixRMaj(ys.size(), 1);
        for (int i = 0; i < ys.size(); i++) {
            y.set(i, 0, ys.get(i));
        }
        var ls = org.ejml.dense.row.factory.LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        if (!ls.setA(a)) {
            throw new IllegalStateException("least-squares fit failed");
        }
        org.ejml.data.DMatrixRMaj c = new org.ejml.data.DMatrixRMaj(a.numCols, 1);
        ls.solve(y, c);
        return c.data;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private ClassShards() {
    }

    /**
     * @param dataSet a directory of the shared data holding {@code train-NNN.h5} shards, e.g. {@code class-lcdm}
     * @return its shards present, in order (the set grows over time: they are listed, never named)
     */
    public static List<Path> shards(String dataSet) {
        Path dir = SharedTestData.path(dataSet);
        List<Path> shards;
        try (Stream<Path> s = Files.list(dir)) {
            shards = s.filter(p -> p.getFileName().toString().matches("train-\\d+\\.h5")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (shards.isEmpty()) {
            throw new IllegalStateException("no train-*.h5 shards in " + dir);
        }
        return shards;
    }

    /** @return every design point of every shard (loaded once per JVM) */
    public static synchronized Data load() {
        if (cached != null) {
            return cached;
        }
        List<Path> shards = shards("class-lcdm");
        List<Point> points = new ArrayList<>();
        double[] z = null;
        double[] pkZ = null;
        double[] pkK = null;
        List<String> derivedNames = null;
        for (Path shard : shards) {
            try (HdfFile f = new HdfFile(shard)) {
                long[] index = (long[]) f.getDatasetByPath("index").getData();
                String[] names = (String[]) f.getDatasetByPath("parameters").getAttribute("names").getData();
                List<String> pn = Arrays.asList(names);
                double[][] par = (double[][]) f.getDatasetByPath("parameters").getData();
                double[][] der = (double[][]) f.getDatasetByPath("derived").getData();
                derivedNames = Arrays.asList((String[]) f.getDatasetByPath("derived").getAttribute("names").getData());
                double[][] hz = (double[][]) f.getDatasetByPath("background/H").getData();
                double[][] da = (double[][]) f.getDatasetByPath("background/D_A").getData();
                z = (double[]) f.getDatasetByPath("background/H").getAttribute("z").getData();
                float[][][] pk = (float[][][]) f.getDatasetByPath("pk/linear").getData();
                pkZ = (double[]) f.getDatasetByPath("pk/linear").getAttribute("z").getData();
                pkK = (double[]) f.getDatasetByPath("pk/linear").getAttribute("k_h_per_Mpc").getData();
                int ib = pn.indexOf("omega_b");
                int ic = pn.indexOf("omega_cdm");
                int ih = pn.indexOf("H0");
                for (int i = 0; i < index.length; i++) {
                    points.add(new Point(index[i], shard.getFileName().toString(), par[i][ib], par[i][ic], par[i][ih],
                            par[i], der[i], hz[i], da[i], pk[i]));
                }
            }
        }
        cached = new Data(List.copyOf(points), z, derivedNames, pkZ, pkK);
        return cached;
    }
}
