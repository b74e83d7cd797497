package org.cosmoemu.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.likelihoods.DataTables;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
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
 * Cost of one CMB-lensing log-likelihood evaluation with the theory spectra already computed (what a sampler
 * pays per point on top of the emulator). Theory: the cosmo2017 fiducial of act_dr6_lenslike, ℓ ≤ 3000.
 * Needs the shared data ({@code -Dcosmoemu.data.dir=...}, default {@code ../shared/data}).
 *
 * <pre>
 *   ./build -q package -DskipTests -pl benchmarks -am
 *   benchmarks/run-jmh LensingLikelihood -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LensingLikelihoodBenchmark {

    /** Which likelihood configuration. */
    @Param({"act_baseline", "act_extended", "actplanck_baseline", "actplanck_extended", "act_baseline_n1",
        "planck2018_native", "planck2018_cmbmarged", "planck2018_agr2_native", "pr4_ps1", "pr4_cmbmarged",
        "pr4_polonly"})
    public String config;

    private Likelihood likelihood;
    private Observables theory;
    private double[] nuisance;

    /** Loads the likelihood and the theory. */
    @Setup
    public void setup() {
        likelihood = switch (config) {
            case "act_baseline" -> Likelihoods.create("act_dr6_lensing", Map.of());
            case "act_extended" -> Likelihoods.create("act_dr6_lensing", Map.of("variant", "act_extended"));
            case "actplanck_baseline" -> Likelihoods.create("act_dr6_lensing", Map.of("variant", "actplanck_baseline"));
            case "actplanck_extended" -> Likelihoods.create("act_dr6_lensing", Map.of("variant", "actplanck_extended"));
            case "act_baseline_n1" -> Likelihoods.create("act_dr6_lensing",
                    Map.of("lens_only", "false", "corrections", "n1"));
            case "planck2018_native" -> Likelihoods.create("planck2018_lensing", Map.of());
            case "planck2018_cmbmarged" -> Likelihoods.create("planck2018_lensing", Map.of("variant", "cmbmarged"));
            case "planck2018_agr2_native" -> Likelihoods.create("planck2018_lensing", Map.of("dataset", "agr2"));
            case "pr4_ps1" -> Likelihoods.create("planck_pr4_lensing", Map.of());
            case "pr4_cmbmarged" -> Likelihoods.create("planck_pr4_lensing", Map.of("variant", "cmbmarged"));
            case "pr4_polonly" -> Likelihoods.create("planck_pr4_lensing", Map.of("variant", "polonly"));
            default -> throw new InvalidOptionException("config", "unknown config " + config);
        };
        List<NuisanceParameter> n = likelihood.nuisanceParameters();
        nuisance = n.stream().mapToDouble(NuisanceParameter::defaultValue).toArray();
        theory = SimpleObservables.of(cosmo2017(3000));
    }

    /** @return ln L */
    @Benchmark
    public double logLike() {
        return likelihood.logLike(theory, nuisance);
    }

    /** cosmo2017 CAMB files: lensedCls (L TT EE BB TE, D_ℓ) and lenspotentialCls (column 5 PP). */
    private static CmbSpectra cosmo2017(int lmax) {
        Path dir = DataDirectory.require("likelihoods/act_dr6_lenslike/fiducial_cosmo2017", null);
        double[][] le = DataTables.read(dir.resolve("cosmo2017_10K_acc3_lensedCls.dat"), null);
        double[][] lp = DataTables.read(dir.resolve("cosmo2017_10K_acc3_lenspotentialCls.dat"), null);
        CmbSpectra.Builder b = CmbSpectra.builder(lmax);
        Spectrum[] cmb = {Spectrum.TT, Spectrum.EE, Spectrum.BB, Spectrum.TE};
        for (int c = 0; c < cmb.length; c++) {
            b.set(cmb[c], (int) le[0][0], DataTables.column(le, c + 1), EllFactor.L_L1_OVER_2PI, 1.0);
        }
        b.set(Spectrum.PP, (int) lp[0][0], DataTables.column(lp, 5), EllFactor.L_L1_SQUARED_OVER_2PI, 1.0);
        return b.build();
    }
}
