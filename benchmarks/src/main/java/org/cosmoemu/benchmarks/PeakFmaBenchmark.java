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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The register-FMA peak of one core: {@value #CHAINS} independent chains of vector fused multiply-adds (enough
 * to keep two FMA units with 4-cycle latency busy), no memory traffic. Score: µs per call of {@value #ITERATIONS}
 * iterations; {@link #flopsPerCall} converts it to GFLOP/s. The forward pass's GFLOP/s are quoted as a fraction
 * of this, measured in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class PeakFmaBenchmark {
    /** Loop iterations per call. */
    public static final int ITERATIONS = 20_000;
    /** Independent accumulator chains. */
    public static final int CHAINS = 12;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    /** Multiplier below 1 so the chains converge instead of overflowing (a field, so it is not a constant). */
    public double multiplier = 0.999_999;
    /** Addend. */
    public double addend = 1e-3;

    /**
     * @param precision {@code float32} or {@code float64}
     * @return floating-point operations (2 per lane per FMA) in one call of {@link #float32} or {@link #float64}
     */
    public static double flopsPerCall(String precision) {
        int lanes = "float32".equals(precision) ? F.length() : D.length();
        return 2.0 * ITERATIONS * CHAINS * lanes;
    }

    /** @return the sum of the chains (so the JIT keeps them) */
    @Benchmark
    public float float32() {
        FloatVector m = FloatVector.broadcast(F, (float) multiplier);
        FloatVector c = FloatVector.broadcast(F, (float) addend);
        FloatVector a0 = c, a1 = c.add(1), a2 = c.add(2), a3 = c.add(3), a4 = c.add(4), a5 = c.add(5);
        FloatVector a6 = c.add(6), a7 = c.add(7), a8 = c.add(8), a9 = c.add(9), a10 = c.add(10), a11 = c.add(11);
        for (int i = 0; i < ITERATIONS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** @return the sum of the chains (so the JIT keeps them) */
    @Benchmark
    public double float64() {
        DoubleVector m = DoubleVector.broadcast(D, multiplier);
        DoubleVector c = DoubleVector.broadcast(D, addend);
        DoubleVector a0 = c, a1 = c.add(1), a2 = c.add(2), a3 = c.add(3), a4 = c.add(4), a5 = c.add(5);
        DoubleVector a6 = c.add(6), a7 = c.add(7), a8 = c.add(8), a9 = c.add(9), a10 = c.add(10), a11 = c.add(11);
        for (int i = 0; i < ITERATIONS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
