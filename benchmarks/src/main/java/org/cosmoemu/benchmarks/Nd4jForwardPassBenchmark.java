package org.cosmoemu.benchmarks;

import java.util.concurrent.TimeUnit;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.ForwardPass;
import org.cosmoemu.cpu.SyntheticNetworks;
import org.cosmoemu.nd4j.Nd4jForwardPass;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ND4J forward pass ({@link Nd4jForwardPass}, on the ND4J backend on the classpath: the native CPU one
 * unless built with {@code -Dcuda}) on the network of {@code ForwardPassBenchmark}: 6 → 512×4 → 2999, random
 * weights, batches of 1, 64 and 1024 points, float32 and float64. Times one
 * {@link ForwardPass#forward(double[], int, double[])} call (no input validation), in µs; divide by
 * {@code batch} for µs per point. Run both in one JMH invocation: {@code benchmarks/run-jmh 'ForwardPass'}.
 *
 * <p>{@code nd4jThreads} caps ND4J's OpenMP and BLAS threads (1 compares with the single-threaded Vector API
 * kernel; 0 leaves ND4J's default, one per core).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Dorg.slf4j.simpleLogger.log.org.nd4j=warn"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class Nd4jForwardPassBenchmark {

    /** Points per call. */
    @Param({"1", "64", "1024"})
    public int batch;

    /** Weights and arithmetic precision. */
    @Param({"FLOAT32", "FLOAT64"})
    public Precision precision;

    /** ND4J's OpenMP/BLAS threads; 0 keeps ND4J's default. */
    @Param({"1"})
    public int nd4jThreads;

    private ForwardPass pass;
    private double[] points;
    private double[] out;

    /** Builds the network (6 → 512×4 → 2999, random weights, seed 42) and the input/output arrays. */
    @Setup
    public void setUp() {
        if (nd4jThreads > 0) {
            Nd4j.getEnvironment().setMaxThreads(nd4jThreads);
            Nd4j.getEnvironment().setMaxMasterThreads(nd4jThreads);
            Nd4j.factory().blas().setMaxThreads(nd4jThreads);
        }
        NetworkModel model = SyntheticNetworks.random(42, 6, 512, 4, 2999, 0);
        pass = new Nd4jForwardPass(model, precision, 0);
        points = SyntheticNetworks.points(7, batch, model.inputSize());
        out = new double[batch * model.outputSize()];
        pass.forward(points, batch, out); // this thread's ND4J arrays for this batch size
    }

    /** @return the outputs (so that the call cannot be optimised away) */
    @Benchmark
    public double[] nd4j() {
        pass.forward(points, batch, out);
        return out;
    }
}
