package org.cosmoemu.benchmarks;

import java.util.concurrent.TimeUnit;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The harness's own cost, to read the other scores against: returning a field, and copying one
 * point's inputs (what a caller does at least once per forward pass).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class BaselineBenchmark {
    private final double[] point = SyntheticNetworks.points(7, 1, ForwardPassBenchmark.INPUTS);
    private final double[] copy = new double[ForwardPassBenchmark.INPUTS];

    /** @return a field */
    @Benchmark
    public double[] returnField() {
        return point;
    }

    /** @return a copy of one point's inputs */
    @Benchmark
    public double[] copyInput() {
        System.arraycopy(point, 0, copy, 0, point.length);
        return copy;
    }
}
