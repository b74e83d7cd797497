package org.cosmoemu.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.OutputException;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.inference.PosteriorSummary;
import org.cosmoemu.likelihoods.Prior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input files as cobaya's documentation writes them: what is parsed, solved, cut, honoured and ignored, and the
 * named errors (with YAML paths) of bad files.
 */
class AnalysisTest {
    @TempDir
    Path tmp;

    static String resource(String name) throws IOException {
        try (InputStream in = AnalysisTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Analysis read(String yaml) {
        return Analysis.fromYaml(yaml, "test.yaml", null);
    }

    static InvalidOptionException refused(String yaml) {
        return assertThrows(InvalidOptionException.class, () -> read(yaml));
    }

    static Decision decision(Analysis a, String path) {
        return a.decisions().stream().filter(d -> d.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no decision for " + path + " in\n" + a.decisions().stream()
                        .map(Decision::toString).collect(Collectors.joining("\n"))));
    }

    // ------------------------------------------------------------------------------ cobaya's documented inputs

    /**
     * cobaya's CAMB example: every problem is reported at once, each with its path (the full plik likelihood,
     * the BBN quantities); the low-l likelihoods fail on their data, which this machine lacks.
     */
    @Test
    void cobayasCambExampleNamesExactlyWhatTheSdkCannotRun() throws IOException {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        InvalidOptionException e = refused(resource("cobaya-docs-basic-camb.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("likelihood.planck_2018_highl_plik.TTTEEE: the full Planck high-l likelihood"), m);
        assertTrue(m.contains("TTTEEE_lite_native"), "suggests what works: " + m);
        assertTrue(m.contains("params.Y_p: unknown parameter 'Y_p'"), m);
        assertTrue(m.contains("params.omega_de: unknown parameter"), m);
        assertTrue(m.contains("likelihood.planck_2018_lowl.TT"), m);
        assertEquals("likelihood.planck_2018_lowl.TT", e.option(), "the first problem's path");
    }

    /**
     * cobaya's CLASS example with plik-lite, native lensing and a τ prior: it runs; θ_s is solved for H0, the
     * priors are cut to the emulators' box, plik-lite's A_planck is added with its default prior, and every
     * extra_args key is accounted for.
     */
    @Test
    void cobayasClassExampleRunsWithEveryKeyAccountedFor() throws IOException {
        SharedTestData.path("likelihoods/planck2018_plik_lite");
        Analysis a = read(resource("cobaya-docs-basic-classy.yaml"));
        assertEquals(Analysis.SamplerKind.MCMC, a.sampler());
        assertEquals(List.of("logA", "n_s", "theta_s_1e2", "omega_b", "omega_cdm", "tau_reio", "A_planck"),
                a.sampledParameters().stream().map(p -> p.name()).toList());
        assertEquals(Decision.Kind.MAPPED, decision(a, "likelihood.planck_2018_highl_plik.TTTEEE_lite_native").kind());
        assertEquals(Decision.Kind.SOLVED, decision(a, "params.100*theta_s").kind());
        assertEquals(Decision.Kind.MAPPED, decision(a, "params.A_s").kind(), "A_s is the input ln10^{10}A_s");
        assertEquals(Decision.Kind.DEFAULTED, decision(a, "params.A_planck").kind());
        assertEquals(Prior.gaussian(1.0, 0.0025), a.sampledParameters().get(6).prior());
        // cut to the training box: omega_b [0.005, 0.1] -> [0.02, 0.025], tau [0.01, 0.8] -> [0.02, 0.1], ...
        assertEquals(Decision.Kind.CUT, decision(a, "params.omega_b.prior").kind());
        assertEquals(Prior.uniform(0.02, 0.025), a.sampledParameters().get(3).prior());
        assertEquals(Prior.uniform(0.9, 1.03), a.sampledParameters().get(1).prior());
        assertEquals(Prior.uniform(2.7, 3.3), a.sampledParameters().get(0).prior());
        assertEquals(Prior.uniform(0.02, 0.1), a.sampledParameters().get(5).prior());
        assertEquals(Decision.Kind.IGNORED, decision(a, "theory.classy.extra_args.non linear").kind(),
                "halofit is not HMcode: " + a.decisions());
        assertEquals(Decision.Kind.HONOURED, decision(a, "theory.classy.extra_args.N_ur").kind());
        assertEquals(Decision.Kind.HONOURED, decision(a, "theory.classy.extra_args.N_ncdm").kind());
        assertEquals(Decision.Kind.HONOURED, decision(a, "params.m_ncdm").kind());
        assertEquals(Decision.Kind.IGNORED, decision(a, "sampler.mcmc.covmat").kind());
        assertEquals(Decision.Kind.IGNORED, decision(a, "sampler.mcmc.drag").kind());
        assertEquals(Decision.Kind.HONOURED, decision(a, "sampler.mcmc.proposal_scale").kind());
        // the reference point evaluates: theta_s solved for H0, derived lambdas computed
        Evaluation e = a.evaluate();
        assertTrue(Double.isFinite(e.logPosterior()), e.toString());
        double h0 = e.theoryInputs().get("H0");
        assertTrue(h0 > 60 && h0 < 75, "H0 solved from 100 theta_s = 1.0416: " + h0);
        assertEquals(h0, e.parameters().get("H0"), 1e-12, "H0 is recorded as derived");
        assertEquals(1e9 * 1e-10 * Math.exp(3.05), e.parameters().get("A"), 1e-12);
        double om = e.parameters().get("Omega_m");
        assertEquals(om * h0 * h0 / 1e4, e.parameters().get("omegamh2"), 1e-12);
        assertEquals(e.chi2ByLikelihood().values().stream().mapToDouble(Double::doubleValue).sum(), e.chi2(), 1e-9);
    }

    /** cobaya's quickstart runs unchanged and samples the Gaussian it describes (checked by quadrature). */
    @Test
    void cobayasQuickstartSamplesItsGaussian() throws IOException {
        Analysis a = read(resource("cobaya-docs-quickstart.yaml"));
        assertTrue(a.theory().isEmpty(), "a likelihood without theory loads no emulator");
        assertEquals(List.of("derived_a", "derived_b", "minuslogprior", "chi2", "chi2__gaussian"),
                a.derivedParameters().stream().map(p -> p.name()).toList());
        AnalysisRun.Sampled r = (AnalysisRun.Sampled) a.runner().output(null).chains(4).seed(3).run();
        PosteriorSummary s = r.summary();
        // posterior ∝ N([a, b]; [0.2, 0], C) N(b; 0, 1) on a in [-0.5, 3]: moments by quadrature on a grid
        double[] mom = quadratureMoments();
        double n = r.mcmc().chains().totalRows();
        assertEquals(mom[0], s.get("a").mean(), 5 * mom[2] / Math.sqrt(n / 20), "mean of a");
        assertEquals(mom[1], s.get("b").mean(), 5 * mom[3] / Math.sqrt(n / 20), "mean of b");
        assertEquals(mom[2], s.get("a").sd(), 0.15 * mom[2], "sd of a");
        assertEquals(mom[3], s.get("b").sd(), 0.15 * mom[3], "sd of b");
        // the standardised coordinates have unit variance under the likelihood alone; here just finite and centred
        assertTrue(Math.abs(s.get("derived_a").mean()) < 0.3, "derived_a " + s.get("derived_a").mean());
        // one point by hand: ln L of the normalised Gaussian at (0.2, 0) is -ln(2 pi sqrt(det C))
        Evaluation e = a.evaluate(new double[] {0.2, 0.0});
        double det = 0.1 * 0.2 - 0.05 * 0.05;
        assertEquals(-Math.log(2 * Math.PI * Math.sqrt(det)), e.logLikelihood(), 1e-12);
        assertEquals(0.0, e.parameters().get("derived_a"), 1e-15);
    }

    private static double[] quadratureMoments() {
        double[][] inv = {{0.2 / (0.1 * 0.2 - 0.0025), -0.05 / (0.1 * 0.2 - 0.0025)},
            {-0.05 / (0.1 * 0.2 - 0.0025), 0.1 / (0.1 * 0.2 - 0.0025)}};
        double w = 0;
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        int n = 1200;
        for (int i = 0; i < n; i++) {
            double x = -0.5 + 3.5 * (i + 0.5) / n;
            for (int j = 0; j < n; j++) {
                double y = -4 + 8.0 * (j + 0.5) / n;
                double dx = x - 0.2;
                double q = inv[0][0] * dx * dx + 2 * inv[0][1] * dx * y + inv[1][1] * y * y;
                double p = Math.exp(-0.5 * q - 0.5 * y * y);
                w += p;
                sa += p * x;
                sb += p * y;
                saa += p * x * x;
                sbb += p * y * y;
            }
        }
        double ma = sa / w;
        double mb = sb / w;
        return new double[] {ma, mb, Math.sqrt(saa / w - ma * ma), Math.sqrt(sbb / w - mb * mb)};
    }

    // -------------------------------------------------------------------------------------- the field task

    /**
     * The field task as an input file gives the same log-likelihood as {@code loglike --set}: σ8 and Ω_m are
     * solved for A_s and ω_cdm.
     */
    @Test
    void sigma8AndOmegaMAreSolvedAsLoglikeDoes() {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        Analysis a = Analysis.fromYaml(Path.of("../examples/analyses/act-dr6-lensing-sigma8-omegam.yaml"));
        assertEquals(Analysis.SamplerKind.EVALUATE, a.sampler());
        assertEquals(Decision.Kind.SOLVED, decision(a, "params.sigma8").kind());
        assertEquals(Decision.Kind.SOLVED, decision(a, "params.omegam").kind());
        assertEquals(Decision.Kind.MAPPED, decision(a, "likelihood.act_dr6_lenslike.ACTDR6LensLike").kind());
        Evaluation e = a.evaluate();
        // the same point through the theory directly
        var theory = a.theory().orElseThrow();
        var solved = org.cosmoemu.theory.Reparametrisation.of(theory).solve(Map.of("omega_b", 0.02237, "omega_cdm", 0.12,
                "H0", 67.36, "tau_reio", 0.0544, "n_s", 0.9649, "ln10^{10}A_s", 3.044), Map.of("sigma8", 0.8, "Omega_m", 0.31));
        var act = org.cosmoemu.likelihoods.Likelihoods.create("act_dr6_lensing", Map.of());
        double lnL = act.logLike(theory.compute(solved.inputs(), act.requirements()));
        // the solver stops within 1e-10 of each target, from another starting point here: agreement to ~1e-9
        assertEquals(lnL, e.logLikelihood(), 1e-7);
        assertEquals(-2 * e.logLikelihood(), e.chi2ByLikelihood().get("act_dr6_lenslike.ACTDR6LensLike"), 1e-12);
        assertEquals(solved.inputs().get("omega_cdm"), e.parameters().get("omch2"), 1e-8);
        assertEquals(solved.inputs().get("ln10^{10}A_s"), e.parameters().get("logA"), 1e-8);
        assertEquals(0.8, e.parameters().get("sigma8"), 1e-10);
        assertTrue(Math.abs(lnL + 8.0935) < 0.001, "the documented value of the field task: " + lnL);
    }

    /** theory: cosmo_emu: {precision: float32} runs the networks in float32: the same posterior to ~1e-5. */
    @Test
    void precisionIsSelectablePerAnalysis() throws IOException {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        String yaml = Files.readString(Path.of("../examples/analyses/act-dr6-lensing-sigma8-omegam.yaml"));
        Analysis f64 = read(yaml);
        Analysis f32 = read(yaml + "theory:\n  cosmo_emu: {precision: float32}\n");
        assertEquals(Decision.Kind.HONOURED, decision(f32, "theory.cosmo_emu.precision").kind());
        double a = f64.evaluate().logLikelihood();
        double b = f32.evaluate().logLikelihood();
        assertTrue(a != b && Math.abs(a - b) < 1e-3 * Math.abs(a), a + " vs " + b);
        InvalidOptionException e = refused(yaml + "theory:\n  cosmo_emu: {precision: float16}\n");
        assertEquals("theory.cosmo_emu.precision", e.option(), e.getMessage());
    }

    /**
     * The batched posterior (each network once per batch, through the theory's fast path) gives the numbers of
     * the one-point path, bit for bit, at points inside and outside the priors and the emulators' box.
     */
    @Test
    void batchedPosteriorIsThePointByPointPosteriorBitForBit() {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        Analysis a = Analysis.fromYaml(Path.of("../examples/analyses/act-dr6-bao.yaml"));
        org.cosmoemu.inference.Posterior post = a.posterior().orElseThrow();
        int d = post.dimension();
        int nd = post.derived().size();
        double[] ref = a.referencePoint();
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int n = 40;
        double[] pts = new double[n * d];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < d; i++) {
                var p = post.parameters().get(i);
                pts[k * d + i] = ref[i] + 4 * p.proposalWidth() * r.nextGaussian();
            }
        }
        pts[5 * d] = -1.0;                        // ombh2: finite under its normal prior, outside the emulators' box
        pts[7 * d + 2] = 250.0;                   // H0 outside its prior
        pts[9 * d + 1] = 0.5;                     // omch2 inside its prior, outside the emulators' box
        double[] out = new double[n];
        double[] der = new double[n * nd];
        post.logPosteriorBatch(pts, n, out, der);
        int finite = 0;
        for (int k = 0; k < n; k++) {
            double[] one = java.util.Arrays.copyOfRange(pts, k * d, (k + 1) * d);
            double[] dv = new double[nd];
            double lp = post.logPosterior(one, dv);
            assertEquals(lp, out[k], 0.0, "point " + k);
            if (lp > Double.NEGATIVE_INFINITY) {
                finite++;
                assertArrayEquals(dv, java.util.Arrays.copyOfRange(der, k * nd, (k + 1) * nd), 0.0, "derived at point " + k);
            }
        }
        assertEquals(Double.NEGATIVE_INFINITY, out[5]);
        assertEquals(Double.NEGATIVE_INFINITY, out[7]);
        assertEquals(Double.NEGATIVE_INFINITY, out[9]);
        assertTrue(finite >= n / 2, finite + " finite points of " + n);
    }

    // ------------------------------------------------------------------------------------------ bad files

    private static final String GAUSS = "likelihood:\n  gaussian_mixture: {means: [0.1], covs: [[0.04]]}\n";

    @Test
    void badFilesAreNamedErrorsWithTheirYamlPaths() {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        assertPath(refused("likelihood:\n  act_dr7_lenslike.Foo:\nparams:\n  x: 1\n"), "likelihood.act_dr7_lenslike.Foo",
                "unknown likelihood 'act_dr7_lenslike.Foo'");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {min: 0, max: 1}}\n  y: {prior: {min: 0, max: 1}}\n"),
                "likelihood.gaussian_mixture", "dimension 1 but 2 input parameters");
        assertPath(refused("likelihood:\n  act_dr6_lenslike.ACTDR6LensLike: {lens_only: true}\nparams:\n"
                + "  ombh2: 0.0224\n  omch2: 0.12\n  H0: 67\n  tau: 0.05\n  ns: 0.96\n  logA: 3.05\n  flux_capacitor: 1.21\n"),
                "params.flux_capacitor", "unknown parameter 'flux_capacitor'");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {min: 1, max: 0}}\n"), "params.x.prior.min", "is not below max");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {dist: norm, loc: 0, scale: -1}}\n"), "params.x.prior.scale",
                "scale > 0");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {dist: lognorm, s: 1}}\n"), "params.x.prior.s", "unknown key 's'");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {min: 0, max: 1}}\n  y: {derived: 'lambda z: 2*z'}\n"),
                "params.y.derived", "uses 'z', which is not a parameter");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {min: 0, max: 1}}\n  y: {derived: 'lambda x: scipy.special.erf(x)'}\n"),
                "params.y.derived", "is not supported");
        assertPath(refused(GAUSS + "params:\n  x: {value: 0.5, prior: {min: 0, max: 1}}\n"), "params.x.prior",
                "both a prior and a value");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {min: 0, max: 1}}\n  y: {derived: 'lambda x, z: x + z'}\n"
                + "  z: {derived: 'lambda y: 2*y'}\n"), "params.y", "cycle: y -> z -> y");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {min: 0, max: 1}, ref: 2}\n"), "params.x.ref", "outside the prior");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {min: 0, max: 1}, colour: blue}\n"), "params.x.colour",
                "unknown key 'colour'");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {min: 0, max: 1}}\nsampler:\n  polychord: {}\n"), "sampler.polychord",
                "not available");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {min: 0, max: 1}}\nsampler:\n  mcmc: {Rminus1_stop: -1}\n"),
                "sampler.mcmc.Rminus1_stop", "must be > 0");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {min: 0, max: 1}}\nsampler:\n  mcmc: {speed_of_light: 1}\n"),
                "sampler.mcmc.speed_of_light", "unknown setting");
        assertPath(refused("likelihood:\n  act_dr6_lenslike.ACTDR6LensLike: {variant: act_dr7}\n"),
                "likelihood.act_dr6_lenslike.ACTDR6LensLike.variant", "act_dr7");
        assertPath(refused("likelihood:\n  act_dr6_lenslike.ACTDR6LensLike: {lens_only: true, speed: 10, colour: red}\n"),
                "likelihood.act_dr6_lenslike.ACTDR6LensLike.colour", "no option 'colour'");
        assertPath(refused("likelihood:\n  act_dr6_lenslike.ACTDR6LensLike: {}\nparams:\n  ombh2: 0.0224\n"),
                "likelihood.act_dr6_lenslike.ACTDR6LensLike.no_like_corrections", "corrections");
        assertPath(refused("likelihood:\n  act_dr6_lenslike.ACTDR6LensLike: {lens_only: true}\nparams:\n  ombh2: 0.0224\n"
                + "  omch2: 0.12\n  tau: 0.05\n  ns: 0.96\n  logA: 3.05\n  mnu: {prior: {min: 0, max: 1}}\n"
                + "theory:\n  cosmo_emu: {family: lcdm}\n"), "params.mnu", "fix at 0.06");
        assertPath(refused("likelihood:\n  act_dr6_lenslike.ACTDR6LensLike: {lens_only: true}\nparams:\n  ombh2: 0.0224\n"
                + "  omch2: 0.12\n  H0: 67\n  tau: 0.05\n  ns: 0.96\n  logA: 3.05\n  mnu: 0.06\n"
                + "theory:\n  cosmo_emu: {family: wcdm}\n"), "theory.cosmo_emu.family", "families: [lcdm, ext]");
        assertPath(refused("likelihood:\n  act_dr6_lenslike.ACTDR6LensLike: {lens_only: true}\nparams:\n  ombh2: 0.0224\n"
                + "  omch2: 0.12\n  tau: 0.05\n  ns: 0.96\n  logA: 3.05\n"), "params", "the theory needs H0");
        assertPath(refused("likelihood:\n  act_dr6_lenslike.ACTDR6LensLike: {lens_only: true}\nparams:\n  ombh2: 0.0224\n"
                + "  omch2: 0.12\n  H0: 67\n  tau: 0.05\n  ns: 0.96\n  logA: 3.05\n  As: 2.1e-9\n"), "params.As",
                "both set the theory's ln10^{10}A_s");
        assertPath(refused("likelihood: [1, 2]\n"), "likelihood", "expected a mapping");
        assertPath(refused(GAUSS + "params:\n  x: {prior: {min: 0, max: 1}}\nsampler:\n  mcmc:\n  minimize:\n"), "sampler",
                "exactly one sampler");
        InvalidOptionException notYaml = refused("likelihood: {a: [1, 2}\n");
        assertTrue(notYaml.getMessage().startsWith("test.yaml: not a valid YAML file"), notYaml.getMessage());
    }

    private static void assertPath(InvalidOptionException e, String path, String text) {
        assertEquals(path, e.option(), e.getMessage());
        assertTrue(e.getMessage().contains(path + ": ") && e.getMessage().contains(text), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.yaml: "), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------- outputs

    @Test
    void outputsAreWrittenAndAnExistingRunNeedsResumeOrForce() throws IOException {
        Analysis a = read(GAUSS + "params:\n  x: {prior: {min: -1, max: 1}, ref: 0.1, latex: x}\n  y: {derived: 'lambda x: 2*x'}\n"
                + "sampler:\n  evaluate:\n    override: {x: 0.3}\n");
        Path prefix = tmp.resolve("out/run");
        AnalysisRun.Evaluated r = (AnalysisRun.Evaluated) a.runner().output(prefix).run();
        assertEquals(0.6, r.evaluation().parameters().get("y"), 1e-15);
        double expect = -0.5 * Math.log(2 * Math.PI * 0.04) - 0.5 * (0.3 - 0.1) * (0.3 - 0.1) / 0.04;
        assertEquals(expect, r.evaluation().logLikelihood(), 1e-12);
        assertEquals(a.inputText(), Files.readString(tmp.resolve("out/run.input.yaml")));
        String updated = Files.readString(tmp.resolve("out/run.updated.yaml"));
        assertTrue(updated.contains("cosmo_emu_decisions") && updated.contains("override"), updated);
        assertTrue(Files.exists(tmp.resolve("out/run.1.txt")));
        OutputException exists = assertThrows(OutputException.class, () -> a.runner().output(prefix).run());
        assertTrue(exists.getMessage().contains("--resume") && exists.getMessage().contains("--force"), exists.getMessage());
        a.runner().output(prefix).force(true).run();
        assertThrows(InvalidOptionException.class, () -> a.runner().output(prefix).force(true).resume(true).run());
    }

    /** sampler: ensemble (emcee's stretch move) samples the quickstart's Gaussian as mcmc does. */
    @Test
    void theEnsembleSamplerRunsFromAnInputFile() throws IOException {
        String yaml = resource("cobaya-docs-quickstart.yaml").replace("  mcmc: {burn_in: 100, max_samples: 1000, "
                + "learn_proposal: True}", "  ensemble: {walkers: 24, seed: 2}");
        Analysis a = read(yaml);
        assertEquals(Analysis.SamplerKind.ENSEMBLE, a.sampler());
        AnalysisRun.Ensembled r = (AnalysisRun.Ensembled) a.runner().output(tmp.resolve("ens")).run();
        assertTrue(r.ensemble().converged(), "steps " + r.ensemble().steps());
        double[] mom = quadratureMoments();
        double n = r.ensemble().chains().totalRows() / Math.max(1, r.ensemble().tau()[0]);
        assertEquals(mom[0], r.summary().get("a").mean(), 5 * mom[2] / Math.sqrt(n), "mean of a");
        assertEquals(mom[2], r.summary().get("a").sd(), 0.1 * mom[2], "sd of a");
        assertTrue(Files.exists(tmp.resolve("ens.1.txt")) && Files.exists(tmp.resolve("ens.updated.yaml")));
    }

    @Test
    void minimizeFindsTheGaussiansPeak() {
        Analysis a = read("likelihood:\n  gaussian_mixture: {means: [0.1, -0.2], covs: [[0.04, 0.01], [0.01, 0.09]]}\n"
                + "params:\n  x: {prior: {min: -1, max: 1}}\n  y: {prior: {min: -1, max: 1}}\nsampler:\n  minimize: {best_of: 2}\n");
        AnalysisRun.Minimised r = (AnalysisRun.Minimised) a.runner().output(tmp.resolve("min")).run();
        assertEquals(0.1, r.minimum().point().get("x"), 1e-5);
        assertEquals(-0.2, r.minimum().point().get("y"), 1e-5);
        assertTrue(r.minimum().spread() < 1e-6, "both starts agree: " + r.minimum().spread());
        assertTrue(Files.exists(tmp.resolve("min.minimum")));
        assertFalse(r.minimum().evaluation().chi2ByLikelihood().isEmpty());
    }
}
