package org.cosmoemu.benchmarks;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The time to read the benchmark network's packed weights once (as many floats or doubles as the Vector API
 * kernel stores, padding included) with a vector sum: the lower bound for a batch-1 forward pass, which must
 * stream every weight once. Repeated calls read the array from cache (9.3 MB float32 / 18.6 MB float64: L3 here).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class WeightStreamBenchmark {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    /** {@code float32} or {@code float64}. */
    @Param({"float32", "float64"})
    public String precision;

    private float[] w32;
    private double[] w64;

    /**
     * @param precision {@code float32} or {@code float64}
     * @return bytes read by one call
     */
    public static long bytesPerCall(String precision) {
        boolean f32 = "float32".equals(precision);
        int lanes = f32 ? F.length() : D.length();
        return BenchmarkNetworks.packedWeights(ForwardPassBenchmark.network(), lanes) * (f32 ? 4 : 8);
    }

    /** Allocates and fills the array. */
    @Setup
    public void setUp() {
        int n;
        if ("float32".equals(precision)) {
            n = (int) (bytesPerCall(precision) / 4);
            w32 = new float[n / F.length() / 4 * F.length() * 4];
            java.util.Arrays.fill(w32, 1e-3f);
        } else {
            n = (int) (bytesPerCall(precision) / 8);
            w64 = new double[n / D.length() / 4 * D.length() * 4];
            java.util.Arrays.fill(w64, 1e-3);
        }
    }

    /** @return the sum of all weights */
    @Benchmark
    public double stream() {
        return w32 != null ? sum(w32) : sum(w64);
    }

    private static float sum(float[] w) {
        int l = F.length();
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
        for (int i = 0; i < w.length; i += 4 * l) {
            a0 = a0.add(FloatVector.fromArray(F, w, i));
            a1 = a1.add(FloatVector.fromArray(F, w, i + l));
            a2 = a2.add(FloatVector.fromArray(F, w, i + 2 * l));
            a3 = a3.add(FloatVector.fromArray(F, w, i + 3 * l));
        }
        return a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD);
    }

    private static double sum(double[] w) {
        int l = D.length();
        DoubleVector a0 = DoubleVector.zero(D), a1 = a0, a2 = a0, a3 = a0;
        for (int i = 0; i < w.length; i += 4 * l) {
            a0 = a0.add(DoubleVector.fromArray(D, w, i));
            a1 = a1.add(DoubleVector.fromArray(D, w, i + l));
            a2 = a2.add(DoubleVector.fromArray(D, w, i + 2 * l));
            a3 = a3.add(DoubleVector.fromArray(D, w, i + 3 * l));
        }
        return a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD);
    }
}
