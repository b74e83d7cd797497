package org.cosmoemu.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.DragSoundHorizon;
import org.cosmoemu.theory.FlatLcdmBackground;
import org.cosmoemu.theory.LinearGrowth;
import org.cosmoemu.theory.Observables;
import org.cosmoemu.theory.SimpleObservables;
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
 * Cost of one BAO or Planck plik_lite log-likelihood evaluation with the theory already computed (what a
 * sampler pays per point on top of the emulator), and of building the theory side this package adds: an
 * exact {@link FlatLcdmBackground} and its {@link LinearGrowth}. BAO theory: the exact background at
 * ω_b 0.02237, ω_cdm 0.12, h 0.6736 with the CLASS-calibrated r_drag; plik_lite theory: the planck-lite-py
 * test spectrum. Needs the shared data ({@code -Dcosmoemu.data.dir=...}, default {@code ../shared/data}).
 *
 * <pre>
 *   ./build -q package -DskipTests -pl benchmarks -am
 *   benchmarks/run-jmh BaoPlikLite -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BaoPlikLiteBenchmark {

    /** Which likelihood: a BAO data set (or comma-separated combination) or a plik_lite configuration. */
    @Param({"bao:desi_dr2", "bao:desi_dr1", "bao:sdss_dr12_consensus_final", "bao:sdss_dr16_baoplus_lrg",
        "bao:sdss_dr7_mgs", "bao:sdss_dr16_elg", "bao:sdss_dr16_lyauto", "bao:sixdf",
        "bao:desi_dr2,sdss_dr7_mgs,sixdf", "plik:TTTEEE", "plik:TT", "plik:TTTEEE+lowl"})
    public String config;

    private Likelihood likelihood;
    private Observables theory;
    private double[] nuisance;

    /** Loads the likelihood and the theory. */
    @Setup
    public void setup() {
        if (config.startsWith("bao:")) {
            likelihood = Likelihoods.create("bao", Map.of("dataset", config.substring(4)));
            FlatLcdmBackground bg = FlatLcdmBackground.of(0.02237, 0.1200, 0.6736);
            theory = SimpleObservables.builder().background(bg).derived(Observables.RDRAG, DragSoundHorizon.classCalibrated(bg))
                    .fsigma8(LinearGrowth.of(bg).fsigma8Function(0.81)).build();
        } else {
            String spec = config.substring(5);
            boolean lowl = spec.endsWith("+lowl");
            likelihood = Likelihoods.create("planck2018_plik_lite",
                    Map.of("spectra", lowl ? spec.substring(0, spec.length() - 5) : spec, "lowl_tt_bins", String.valueOf(lowl)));
            theory = SimpleObservables.of(CmbSpectra.readCambTable(DataDirectory.root()
                    .resolve("likelihoods/planck2018_plik_lite/test_spectrum/Dl_planck2015fit.dat")));
        }
        nuisance = likelihood.nuisanceParameters().stream().mapToDouble(NuisanceParameter::defaultValue).toArray();
    }

    /** @return ln L */
    @Benchmark
    public double logLike() {
        return likelihood.logLike(theory, nuisance);
    }

    /** Construction cost of the theory pieces, independent of {@link #config}. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public static class Theory {
        private double omegaCdm = 0.12;
        private FlatLcdmBackground background = FlatLcdmBackground.of(0.02237, 0.1200, 0.6736);

        /** @return a new background (distance table included) */
        @Benchmark
        public FlatLcdmBackground constructBackground() {
            omegaCdm = omegaCdm == 0.12 ? 0.1201 : 0.12; // defeat constant folding
            return FlatLcdmBackground.of(0.02237, omegaCdm, 0.6736);
        }

        /** @return the growth history of a fixed background */
        @Benchmark
        public LinearGrowth constructGrowth() {
            return LinearGrowth.of(background);
        }

        /** @return D_M at a BAO redshift (one partial-step quadrature) */
        @Benchmark
        public double comovingDistance() {
            return background.comovingDistance(0.934);
        }

        /** @return H at a BAO redshift */
        @Benchmark
        public double hubble() {
            return background.hubble(0.934);
        }
    }
}
