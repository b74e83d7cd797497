package org.cosmoemu.benchmarks;

import java.util.concurrent.TimeUnit;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.CpuBackend;
import org.cosmoemu.cpu.ForwardPass;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One forward pass of a batch through a Planck-sized network, 6 → 512×4 → 2999 (4.65 MFLOP per sample), with
 * the scalar reference or the Vector API kernel. The score is µs per call (per batch); {@link ForwardPassReport}
 * turns it into µs per sample, GFLOP/s and the fraction of the FMA peak measured in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class ForwardPassBenchmark {
    /** Inputs of the benchmark network. */
    public static final int INPUTS = 6;
    /** Width of its hidden layers. */
    public static final int HIDDEN = 512;
    /** Number of hidden layers. */
    public static final int LAYERS = 4;
    /** Outputs (Planck TT multipoles 2..3000). */
    public static final int OUTPUTS = 2999;

    /** {@code scalar} or {@code vector} ({@link CpuBackend} kernel names). */
    @Param({"scalar", "vector"})
    public String kernel;

    /** {@code float32} or {@code float64}. */
    @Param({"float32", "float64"})
    public String precision;

    /** Samples per call. */
    @Param({"1", "64", "256"})
    public int batch;

    private ForwardPass pass;
    private double[] points;
    private double[] out;

    /** @return the benchmark network (fixed seed) */
    public static NetworkModel network() {
        return SyntheticNetworks.random(2026, INPUTS, HIDDEN, LAYERS, OUTPUTS, 0);
    }

    /** Builds the network and the kernel (packing weights is not timed). */
    @Setup(Level.Trial)
    public void setUp() {
        NetworkModel model = network();
        pass = CpuBackend.forwardPass(model, Precision.parse(precision), org.cosmoemu.api.EmulatorOptions.Kernel.parse(kernel));
        points = SyntheticNetworks.points(7, batch, INPUTS);
        out = new double[batch * OUTPUTS];
    }

    /** @return the outputs (returned so the JIT cannot drop the work) */
    @Benchmark
    public double[] forward() {
        pass.forward(points, batch, out);
        return out;
    }
}
