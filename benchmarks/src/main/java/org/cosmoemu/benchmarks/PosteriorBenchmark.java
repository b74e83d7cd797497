package org.cosmoemu.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.Precision;
import org.cosmoemu.inference.Posterior;
import org.cosmoemu.inference.SampledParameter;
import org.cosmoemu.inference.analysis.Analysis;
import org.cosmoemu.models.BundledModels;
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
 * The whole posterior of an input file, from cosmological parameters to ln P, per evaluation: parameter
 * mapping, the networks, the background, every likelihood, priors and bookkeeping, one thread. Next to it, one
 * forward pass of {@code lcdm/pp} at the same batch size and precision, so the ratio (evaluation / forward pass)
 * comes from one run. Scores are µs per call of {@code batch} points: divide by {@code batch} for µs per point.
 *
 * <pre>
 *   ./build -q package -DskipTests -pl benchmarks -am
 *   benchmarks/run-jmh Posterior -p batch=1,64 -p precision=float64,float32
 * </pre>
 * The input file defaults to {@code examples/analyses/act-dr6-bao.yaml} (ACT DR6 lensing + SDSS/6dF BAO); set
 * {@code -Dcosmoemu.bench.analysis=FILE} for another. Points are drawn around the file's reference point.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class PosteriorBenchmark {
    /** Points per call. */
    @Param({"1", "64"})
    public int batch;
    /** The networks' precision. */
    @Param({"float64", "float32"})
    public String precision;

    private Posterior posterior;
    private double[] points;
    private double[] out;
    private double[] derived;
    private Emulator pp;
    private double[] ppIn;
    private double[] ppOut;

    /** Reads the analysis and draws the points. */
    @Setup
    public void setup() {
        Precision p = Precision.parse(precision);
        Path file = Path.of(System.getProperty("cosmoemu.bench.analysis", "examples/analyses/act-dr6-bao.yaml"));
        Analysis a = Analysis.fromYaml(file, EmulatorOptions.defaults().withPrecision(p));
        posterior = a.posterior().orElseThrow();
        List<SampledParameter> ps = posterior.parameters();
        int d = ps.size();
        double[] ref = a.referencePoint();
        SplittableRandom r = new SplittableRandom(1);
        points = new double[batch * d];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < d; i++) {
                SampledParameter q = ps.get(i);
                double w = q.referenceWidth() > 0 ? q.referenceWidth() : q.proposalWidth();
                double x = ref[i] + 0.5 * w * r.nextGaussian();
                points[s * d + i] = Double.isFinite(q.prior().logDensity(x)) ? x : ref[i];
            }
        }
        out = new double[batch];
        derived = new double[batch * posterior.derived().size()];
        pp = BundledModels.get("lcdm/pp", EmulatorOptions.defaults().withPrecision(p));
        ppIn = new double[batch * pp.parameterSpace().dimension()];
        double[] x = a.theory().orElseThrow().parameterSpace().toArray(org.cosmoemu.theory.ParameterBases.get("planck2018"));
        for (int s = 0; s < batch; s++) {
            System.arraycopy(x, 0, ppIn, s * x.length, x.length);
        }
        ppOut = new double[batch * pp.outputSize()];
    }

    /** @return ln P of the first point (JMH consumes it) */
    @Benchmark
    public double posterior() {
        posterior.logPosteriorBatch(points, batch, out, derived);
        return out[0];
    }

    /** @return one output (JMH consumes it): the forward pass of lcdm/pp at the same batch and precision */
    @Benchmark
    public double ppForwardPass() {
        pp.predictBatch(ppIn, batch, ppOut);
        return ppOut[0];
    }
}
