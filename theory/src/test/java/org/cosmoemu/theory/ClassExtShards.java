package org.cosmoemu.theory;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test helper: the parameters, derived parameters and background of every design point of every CLASS shard
 * {@code class-ext/train-*.h5} present (the set grows over time, so the shards are listed, never named).
 */
public final class ClassExtShards {

    /** One design point: the ten parameters in the file's order, the derived values, H/c and D_A. */
    public record Point(long index, double[] parameters, double[] derived, double[] hubbleOverC,
            double[] angularDiameterDistance) {
    }

    /** All points, the parameter and derived names and the background redshift grid. */
    public record Data(List<Point> points, List<String> parameterNames, List<String> derivedNames, double[] z) {
        /** @return the value of a named parameter at a point */
        public double parameter(Point p, String name) {
            int i = parameterNames.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no parameter " + name + " in " + parameterNames);
            }
            return p.parameters()[i];
        }

        /** @return the value of a named derived quantity at a point */
        public double derived(Point p, String name) {
            int i = derivedNames.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no derived " + name + " in " + derivedNames);
            }
            return p.derived()[i];
        }
    }

    private static Data cached;

    private ClassExtShards() {
    }

    /** @return every design point of every shard (loaded once per JVM) */
    public static synchronized Data load() {
        if (cached != null) {
            return cached;
        }
        List<Path> shards = ClassShards.shards("class-ext");
        List<Point> points = new ArrayList<>();
        List<String> pn = null;
        List<String> dn = null;
        double[] z = null;
        for (Path shard : shards) {
            try (HdfFile f = new HdfFile(shard)) {
                long[] index = (long[]) f.getDatasetByPath("index").getData();
                pn = Arrays.asList((String[]) f.getDatasetByPath("parameters").getAttribute("names").getData());
                dn = Arrays.asList((String[]) f.getDatasetByPath("derived").getAttribute("names").getData());
                double[][] par = (double[][]) f.getDatasetByPath("parameters").getData();
                double[][] der = (double[][]) f.getDatasetByPath("derived").getData();
                double[][] hz = (double[][]) f.getDatasetByPath("background/H").getData();
                double[][] da = (double[][]) f.getDatasetByPath("background/D_A").getData();
                z = (double[]) f.getDatasetByPath("background/H").getAttribute("z").getData();
                for (int i = 0; i < index.length; i++) {
                    points.add(new Point(index[i], par[i], der[i], hz[i], da[i]));
                }
            }
        }
        cached = new Data(List.copyOf(points), pn, dn, z);
        return cached;
    }
}
