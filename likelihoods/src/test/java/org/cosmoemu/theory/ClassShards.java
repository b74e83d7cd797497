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
final class ClassShards {

    /** One CLASS design point. */
    record Point(long index, String shard, double omegaB, double omegaCdm, double hubble0, double[] parameters,
            double[] derived, double[] hubbleOverC, double[] angularDiameterDistance, float[][] pkLinear) {
    }

    /** All points, the background redshift grid, the derived names and the P(k) grids. */
    record Data(List<Point> points, double[] z, List<String> derivedNames, double[] pkZ, double[] pkK) {
        int derivedIndex(String name) {
            int i = derivedNames.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no derived quantity " + name + " in " + derivedNames);
            }
            return i;
        }
    }

    private static Data cached;

    private ClassShards() {
    }

    static synchronized Data load() {
        if (cached != null) {
            return cached;
        }
        Path dir = SharedTestData.path("class-lcdm");
        List<Path> shards;
        try (Stream<Path> s = Files.list(dir)) {
            shards = s.filter(p -> p.getFileName().toString().matches("train-\\d+\\.h5")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (shards.isEmpty()) {
            throw new IllegalStateException("no train-*.h5 shards in " + dir);
        }
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
