package org.cosmoemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.testing.SharedTestData;
import org.cosmoemu.cpu.testing.Fixtures;
import org.cosmoemu.cpu.testing.ReferencePrediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's output contract, checked against the independent reference predictions of the fixtures. */
class CliTest {

    record Result(int code, String out, String err) {
        Map<String, Object> json() {
            return MiniJson.object(out.strip());
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = CosmoEmu.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static List<String> paramArgs(ReferencePrediction ref) {
        List<String> a = new ArrayList<>();
        ref.namedInputs().forEach((k, v) -> {
            a.add("--param");
            a.add(k + "=" + v);
        });
        return a;
    }

    @SuppressWarnings("unchecked")
    static double[] numbers(Object list) {
        return ((List<Object>) list).stream().mapToDouble(x -> (Double) x).toArray();
    }

    @Test
    void predictJsonMatchesReference() {
        ReferencePrediction ref = Fixtures.reference("CP_paper_cmb_PP_PCAplusNN__P18");
        List<String> args = new ArrayList<>(List.of("predict", "--model", ref.modelPath().toString(), "--log10", "--json"));
        args.addAll(paramArgs(ref));
        Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = r.json();
        for (String key : List.of("model", "parameters", "grid", "raw", "values", "quantity", "units")) {
            assertTrue(j.containsKey(key), "JSON lacks '" + key + "': " + j.keySet());
        }
        double[] raw = numbers(j.get("raw"));
        double[] values = numbers(j.get("values"));
        double[] grid = numbers(j.get("grid"));
        double[] expect = ref.raw();
        assertEquals(expect.length, raw.length);
        for (int i = 0; i < raw.length; i++) {
            assertEquals(expect[i], raw[i], 1e-9 * ref.scale(), "raw " + i);
            assertEquals(Math.pow(10, expect[i]), values[i], 1e-8 * Math.pow(10, expect[i]), "value " + i);
            assertEquals(ref.gridValues()[i], grid[i], 0.0);
        }
        assertEquals(ref.namedInputs().size(), ((Map<?, ?>) j.get("parameters")).size());
    }

    /** Planck 2018-like values of the bundled ΛCDM inputs, as {@code --param} arguments. */
    static final List<String> LCDM_PARAMS = List.of("--param", "omega_b=0.02237", "--param", "omega_cdm=0.12",
            "--param", "H0=67.36", "--param", "tau_reio=0.0544", "--param", "n_s=0.9649", "--param", "ln10^{10}A_s=3.044");

    /**
     * The CLI's logging: the shipped slf4j-simple configuration silences jHDF's INFO/spurious WARN lines and ND4J's
     * INFO banner, and the kernel choice is said once per JVM on standard error, never on standard output.
     */
    @Test
    void logsAreQuietAndTheKernelChoiceIsSaidOnce() {
        assertTrue(!org.slf4j.LoggerFactory.getLogger("io.jhdf.object.message.Message").isWarnEnabled(), "jHDF below ERROR");
        assertTrue(!org.slf4j.LoggerFactory.getLogger("org.nd4j.linalg.factory.Nd4jBackend").isInfoEnabled(), "ND4J quiet");
        assertTrue(org.slf4j.LoggerFactory.getLogger("org.nd4j.linalg.api").isWarnEnabled(), "ND4J warnings shown");
        assertTrue(org.slf4j.LoggerFactory.getLogger("org.cosmoemu.theory").isInfoEnabled(), "the SDK's own INFO shown");
        assertTrue(CosmoEmu.kernelNotice(true).contains("Vector API"), CosmoEmu.kernelNotice(true));
        assertTrue(CosmoEmu.kernelNotice(false).contains("scalar fallback")
                && CosmoEmu.kernelNotice(false).contains("--add-modules jdk.incubator.vector"), CosmoEmu.kernelNotice(false));
        List<String> args = new ArrayList<>(List.of("predict", "--model", "lcdm/derived", "--json"));
        args.addAll(LCDM_PARAMS);
        StringBuilder err = new StringBuilder();
        for (int k = 0; k < 2; k++) {
            Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.json().containsKey("values"), "standard output stays pure JSON: " + r.out());
            err.append(r.err());
        }
        int said = err.toString().split("cpu kernels:", -1).length - 1;
        assertTrue(said <= 1, "the kernel choice is said at most once per JVM: " + err);
        assertTrue(!err.toString().contains("io.jhdf"), "no jHDF lines: " + err);
    }

    /**
     * {@code analyse}: GetDist's files next to the chains and the statistics as JSON, on chains drawn from a Gaussian
     * N(0.8, 0.02²) and a half-Gaussian against its prior bound at 0 (limits within Monte-Carlo error of the exact
     * ones; ChainAnalysisTest checks them closely).
     */
    @Test
    @SuppressWarnings("unchecked")
    void analyseWritesGetDistStatisticsOfChains(@TempDir Path dir) throws IOException {
        java.util.Random rng = new java.util.Random(11);
        double inf = Double.POSITIVE_INFINITY;
        List<org.cosmoemu.inference.Chains.Column> cols = List.of(
                new org.cosmoemu.inference.Chains.Column("s8", "\\sigma_8", false, -inf, inf),
                new org.cosmoemu.inference.Chains.Column("r", "r", false, 0, inf));
        List<double[][]> chains = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            double[][] rows = new double[20_000][];
            for (int i = 0; i < rows.length; i++) {
                double s8 = 0.8 + 0.02 * rng.nextGaussian();
                double r = Math.abs(0.05 * rng.nextGaussian());
                rows[i] = new double[] {1, 0.5 * Math.pow((s8 - 0.8) / 0.02, 2), s8, r};
            }
            chains.add(rows);
        }
        org.cosmoemu.inference.Chains.of(cols, chains).write(dir.resolve("g"));
        Result r = run("analyse", dir.resolve("g").toString(), "--burn", "0", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = r.json();
        Map<String, Object> s8 = (Map<String, Object>) ((Map<String, Object>) j.get("parameters")).get("s8");
        Map<String, Object> s68 = (Map<String, Object>) ((Map<String, Object>) s8.get("limits")).get("68");
        assertEquals(0.8, (Double) s8.get("mean"), 0.001);
        assertEquals(0.8 - 0.9945 * 0.02, (Double) s68.get("lower"), 0.001);
        assertEquals("two", s68.get("tail"));
        Map<String, Object> rr = (Map<String, Object>) ((Map<String, Object>) j.get("parameters")).get("r");
        Map<String, Object> r95 = (Map<String, Object>) ((Map<String, Object>) rr.get("limits")).get("95");
        assertEquals(">", r95.get("tail"), "a one-tail upper limit against the prior bound");
        assertEquals(1.96 * 0.05, (Double) r95.get("upper"), 0.004);
        assertTrue((Double) s8.get("effective_samples") > 30_000, "iid samples: " + s8.get("effective_samples"));
        assertTrue((Double) j.get("r_minus_1") < 0.01, "R-1 " + j.get("r_minus_1"));
        for (String ext : List.of(".margestats", ".likestats", ".constraints.tex")) {
            assertTrue(Files.exists(dir.resolve("g" + ext)), ext);
        }
        assertTrue(Files.readString(dir.resolve("g.constraints.tex")).contains("$< 0.09"), "r < 0.098 at 95%");

        Result text = run("analyse", dir.resolve("g").toString(), "--burn", "0", "--no-files", "--params", "r");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("< 0.0") && !text.out().contains("s8 "), text.out());
        assertEquals(2, run("analyse").code(), "no chains root is a usage error");
        Result missing = run("analyse", dir.resolve("none").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("none"), missing.err());
    }

    /** Each plot command's output, in a vector format, and the errors that keep unrelated quantities off one curve. */
    @Test
    void plotCommandsWriteVectorFiguresAndRefuseUnrelatedQuantities(@TempDir Path dir) throws IOException {
        Path svg = dir.resolve("pk.svg");
        Result pk = run("plot-spectra", "--model", "lcdm/pk_lin", "--vary", "n_s", "--count", "3", "--output", svg.toString());
        assertEquals(0, pk.code(), pk.err());
        assertTrue(Files.readString(svg).contains("<svg"), "an SVG document");
        Result derived = run("plot-spectra", "--model", "lcdm/derived", "--vary", "n_s", "--output",
                dir.resolve("d.png").toString());
        assertEquals(1, derived.code());
        assertTrue(derived.err().contains("--output-name") && derived.err().contains("unrelated"), derived.err());
        Result one = run("plot-spectra", "--model", "lcdm/derived", "--output-name", "sigma8", "--vary", "omega_cdm",
                "--output", dir.resolve("s8.pdf").toString());
        assertEquals(0, one.code(), one.err());
        assertEquals("%PDF", new String(Files.readAllBytes(dir.resolve("s8.pdf")), 0, 4, StandardCharsets.US_ASCII));
        Result help = run("plot-spectra", "--help");
        assertTrue(help.out().contains("z=Z") && help.out().contains(".svg"), help.out());
        Result gif = run("plot-spectra", "--vary", "n_s", "--output", dir.resolve("tt.gif").toString());
        assertEquals(1, gif.code());
        assertTrue(gif.err().contains(".svg, .pdf or .eps"), gif.err());

        java.util.Random rng = new java.util.Random(3);
        double[][] rows = new double[4000][];
        for (int i = 0; i < rows.length; i++) {
            double a = rng.nextGaussian();
            rows[i] = new double[] {1, 0, 0.3 + 0.01 * a, 0.8 + 0.01 * (0.5 * a + rng.nextGaussian())};
        }
        double inf = Double.POSITIVE_INFINITY;
        org.cosmoemu.inference.Chains.of(List.of(new org.cosmoemu.inference.Chains.Column("Omega_m", "\\Omega_{\\rm m}",
                false, -inf, inf), new org.cosmoemu.inference.Chains.Column("sigma8", "\\sigma_8", false, -inf, inf)),
                List.<double[][]>of(rows)).write(dir.resolve("c"));
        Path tri = dir.resolve("tri.pdf");
        Result t = run("plot-triangle", "--chains", dir.resolve("c").toString(), "--output", tri.toString());
        assertEquals(0, t.code(), t.err());
        assertEquals("%PDF", new String(Files.readAllBytes(tri), 0, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void nd4jBackendGivesTheSameJson() {
        ReferencePrediction ref = Fixtures.reference("cpjax_mpk_lin__ALT");
        List<String> args = new ArrayList<>(List.of("predict", "--model", ref.modelPath().toString(), "--log10", "--json"));
        args.addAll(paramArgs(ref));
        Map<String, Object> cpu = run(args.toArray(String[]::new)).json();
        args.addAll(List.of("--backend", "nd4j"));
        Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        Map<String, Object> nd4j = r.json();
        assertEquals("nd4j-cpu", nd4j.get("backend"));
        assertEquals(cpu.keySet(), nd4j.keySet());
        double[] a = numbers(cpu.get("raw"));
        double[] b = numbers(nd4j.get("raw"));
        for (int i = 0; i < a.length; i++) {
            assertEquals(ref.raw()[i], b[i], 1e-9 * ref.scale(), "nd4j raw " + i);
            assertEquals(a[i], b[i], 1e-9 * ref.scale(), "nd4j vs cpu raw " + i);
        }
        for (String k : List.of("model", "parameters", "grid", "quantity", "units", "transform")) {
            assertEquals(cpu.get(k), nd4j.get(k), k);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void loglikeSolvesForTheTargetsAndReportsEveryInput() {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        Result r = run("loglike", "--likelihood", "act_dr6_lensing", "--base", "planck2018", "--set", "sigma8=0.8",
                "--set", "Omega_m=0.31", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = r.json();
        double logL = (Double) j.get("logL");
        assertTrue(Double.isFinite(logL) && logL < 0, "logL " + logL);
        assertEquals(-2 * logL, (Double) j.get("chi2"), 1e-12 * Math.abs(logL));
        Map<String, Object> p = (Map<String, Object>) j.get("parameters");
        assertEquals(List.of("omega_b", "omega_cdm", "H0", "tau_reio", "n_s", "ln10^{10}A_s"), List.copyOf(p.keySet()));
        assertEquals(0.02237, p.get("omega_b"));
        assertTrue((Double) p.get("omega_cdm") != 0.12, "omega_cdm was solved for");
        Map<String, Object> set = (Map<String, Object>) j.get("set");
        assertEquals(0.8, (Double) set.get("sigma8"), 1e-9);
        assertEquals(0.31, (Double) set.get("Omega_m"), 1e-9);
        // the solved point, passed back as plain inputs, gives the same log-likelihood
        List<String> args = new ArrayList<>(List.of("loglike", "--likelihood", "act_dr6_lensing", "--json"));
        p.forEach((k, v) -> {
            args.add("--param");
            args.add(k + "=" + v);
        });
        assertEquals(logL, (Double) run(args.toArray(String[]::new)).json().get("logL"), 1e-12 * Math.abs(logL));
        // a target outside the emulators' range fails clearly, as a numerical failure (exit code 4)
        Result far = run("loglike", "--likelihood", "act_dr6_lensing", "--base", "planck2018", "--set", "sigma8=2");
        assertEquals(4, far.code(), far.err());
        assertTrue(far.err().contains("cannot set sigma8 = 2.0"), far.err());
    }

    /**
     * Example 2 of the inference issue: ACT DR6 lensing (actplanck_baseline) + SDSS/6dF BAO must converge and
     * land on the published intervals (Madhavacheril et al. 2024, arXiv:2304.05203, table 3, ACT+Planck lensing
     * + BAO: σ8 = 0.812 ± 0.013, H0 = 68.1 ± 1.0, S8 = 0.831 ± 0.023). Tolerance: the mean within half a
     * published σ (the emulators, τ fixed at 0.055 and the training-box cut are the expected differences), the
     * posterior width within 25%.
     */
    @Test
    @SuppressWarnings("unchecked")
    void sampleExampleConvergesToThePublishedIntervals(@TempDir Path dir) {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        SharedTestData.path("likelihoods/bao");
        Result r = run("sample", "--example", "act-dr6-bao", "--output", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = r.json();
        assertEquals(true, j.get("converged"));
        assertTrue((Double) j.get("r_minus_1") < 0.01, "R-1 " + j.get("r_minus_1"));
        assertTrue(Files.exists(dir.resolve("act_dr6_bao.1.txt")) && Files.exists(dir.resolve("act_dr6_bao.paramnames"))
                && Files.exists(dir.resolve("act_dr6_bao.ranges")), "GetDist files written");
        Map<String, Object> priors = (Map<String, Object>) j.get("priors");
        assertEquals("fixed 0.055", priors.get("tau_reio"));
        double[][] published = {{0.812, 0.013}, {68.1, 1.0}, {0.831, 0.023}};
        String[] names = {"sigma8", "H0", "S8"};
        for (int i = 0; i < names.length; i++) {
            Map<String, Object> q = (Map<String, Object>) j.get(names[i]);
            double mean = (Double) q.get("mean");
            double sd = (Double) q.get("sd");
            assertEquals(published[i][0], mean, 0.5 * published[i][1], names[i] + " mean");
            assertEquals(published[i][1], sd, 0.25 * published[i][1], names[i] + " sd");
        }
    }

    /**
     * {@code plot-spectra --compare}: the bundled TT/EE emulators at the Planck 2018 parameters against the Planck
     * 2018 best-fit CAMB spectra (an independent Boltzmann code at nearly the same point): within 1% at
     * 30 ≤ ℓ ≤ 2500 (measured 0.38%: CAMB vs CLASS and the small difference of the parameter points), and the
     * PNG has the size and content of a figure.
     */
    @Test
    void plotSpectraComparesWithACambTable(@TempDir Path dir) throws Exception {
        Path table = SharedTestData.path("reference/planck2018_bestfit_theory_cls.txt");
        Path png = dir.resolve("cmp.png");
        Result r = run("plot-spectra", "--compare", table.toString(), "--output", png.toString());
        assertEquals(0, r.code(), r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9.]+)%").matcher(r.out());
        assertTrue(m.find(), r.out());
        double worstPercent = Double.parseDouble(m.group(1));
        assertTrue(worstPercent < 1.0, "largest TT/EE difference " + worstPercent + "%");
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 600 && img.getHeight() >= 400, img.getWidth() + "x" + img.getHeight());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "a blank image: " + colours.size() + " colours");
        assertEquals(2, run("plot-spectra", "--compare", table.toString(), "--vary", "n_s", "--output",
                png.toString()).code(), "--compare with --vary is a usage error");
    }

    @Test
    void undeclaredTransformMeansValuesEqualRaw() {
        ReferencePrediction ref = Fixtures.reference("jense_camb_neff_Hubble__ALT");
        List<String> args = new ArrayList<>(List.of("predict", "--model", ref.modelPath().toString(), "--json"));
        args.addAll(paramArgs(ref));
        Map<String, Object> j = run(args.toArray(String[]::new)).json();
        assertEquals(j.get("raw"), j.get("values"));
        assertEquals("identity", j.get("transform"));
    }

    @Test
    void paramsFilePrintsOneObjectPerRow(@TempDir Path dir) throws Exception {
        ReferencePrediction p18 = Fixtures.reference("jense_camb_mnu_derived__P18");
        ReferencePrediction alt = Fixtures.reference("jense_camb_mnu_derived__ALT");
        Path csv = dir.resolve("points.csv");
        List<String> names = p18.inputNames();
        StringBuilder sb = new StringBuilder("# two points\n" + String.join(",", names) + "\n");
        for (ReferencePrediction r : List.of(p18, alt)) {
            sb.append(names.stream().map(n -> Double.toString(r.namedInputs().get(n))).reduce((a, b) -> a + "," + b).get())
                    .append('\n');
        }
        Files.writeString(csv, sb);
        Result r = run("predict", "--model", p18.modelPath().toString(), "--params-file", csv.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        ReferencePrediction[] refs = {p18, alt};
        for (int k = 0; k < 2; k++) {
            double[] raw = numbers(MiniJson.object(lines[k]).get("raw"));
            for (int i = 0; i < raw.length; i++) {
                assertEquals(refs[k].raw()[i], raw[i], 1e-9 * refs[k].scale());
            }
        }
        // a bad row names the file and line
        Files.writeString(csv, String.join(",", names) + "\n" + "1,2\n");
        Result bad = run("predict", "--model", p18.modelPath().toString(), "--params-file", csv.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("points.csv line 2"), bad.err());
    }

    @Test
    void convertDeclaresMeaningAndBoundsThatPredictEnforces(@TempDir Path dir) {
        ReferencePrediction ref = Fixtures.reference("CP_paper_PKLIN_NN__P18");
        Path h5 = dir.resolve("pk.h5");
        Result c = run("convert", "--model", ref.modelPath().toString(), "--output", h5.toString(), "--log10",
                "--quantity", "P_lin(k,z)", "--units", "Mpc^3", "--grid-axis", "k", "--grid-unit", "1/Mpc",
                "--bounds", "h=0.6:0.8", "--storage", "float32");
        assertEquals(0, c.code(), c.err());
        Map<String, Object> info = run("info", "--model", h5.toString(), "--json").json();
        assertEquals("k", info.get("grid_axis"));
        assertEquals("log10", info.get("transform"));
        assertEquals("Mpc^3", info.get("units"));
        // in range: float32-stored weights reproduce the reference to float32 rounding
        List<String> args = new ArrayList<>(List.of("predict", "--model", h5.toString(), "--json"));
        args.addAll(paramArgs(ref));
        Map<String, Object> j = run(args.toArray(String[]::new)).json();
        double[] raw = numbers(j.get("raw"));
        for (int i = 0; i < raw.length; i++) {
            assertEquals(ref.raw()[i], raw[i], 1e-5 * ref.scale());
        }
        // out of range: a clear error naming the parameter, in JSON too
        args.set(args.indexOf("h=" + ref.namedInputs().get("h")), "h=0.9");
        Result out = run(args.toArray(String[]::new));
        assertEquals(1, out.code());
        assertEquals("h", out.json().get("parameter"));
        assertEquals("parameter_out_of_range", out.json().get("kind"));
        assertTrue(out.err().contains("'h' = 0.9 is outside the range [0.6, 0.8]"), out.err());
        // a contradicting declaration is refused instead of silently applied twice
        Result twice = run("predict", "--model", h5.toString(), "--transform", "identity", "--param", "h=0.7");
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("declares its output transform as log10"), twice.err());
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        ReferencePrediction ref = Fixtures.reference("jense_camb_neff_Hubble__P18");
        String model = ref.modelPath().toString();
        Result unknownOpt = run("predict", "--model", model, "--frobnicate");
        assertEquals(2, unknownOpt.code());
        assertTrue(unknownOpt.err().contains("unknown option --frobnicate"), unknownOpt.err());
        Result notNumber = run("predict", "--model", model, "--param", "ombh2=abc");
        assertEquals(2, notNumber.code());
        assertTrue(notNumber.err().contains("'abc' is not a number"), notNumber.err());
        Result missing = run("predict", "--model", model, "--param", "ombh2=0.022");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("missing parameter(s)"), missing.err());
        Result unknown = run("predict", "--model", model, "--param", "omega_x=1", "--json");
        assertTrue(unknown.err().contains("unknown parameter(s) [omega_x]"), unknown.err());
        assertEquals("omega_x", unknown.json().get("parameter"));
        Result nan = run("predict", "--model", model, "--param", "ombh2=NaN");
        assertEquals(1, nan.code());
        Result noFile = run("info", "--model", "/no/such/model.h5");
        assertEquals(1, noFile.code());
        assertTrue(noFile.err().contains("/no/such/model.h5"), noFile.err());
        assertEquals(2, run("nonsense").code());
    }

    /** The spark-* commands only point at ./cosmo-emu-spark: this tool does not depend on Spark. */
    @Test
    void sparkCommandsPointAtTheSparkLauncher() {
        for (String c : new String[] {"emulate", "scan", "chains"}) {
            Result r = run("spark-" + c, "--input", "x.parquet");
            assertEquals(2, r.code());
            assertTrue(r.err().contains("./cosmo-emu-spark " + c), r.err());
        }
        assertTrue(run("help").out().contains("spark-scan"));
    }

    /**
     * Each kind of error has its documented exit code (README, "Exit codes") and, with {@code --json}, its
     * {@code kind} token next to {@code error} and {@code type}, plus {@code parameter} or {@code option} when
     * the error names one.
     */
    @Test
    void errorKindsHaveTheirExitCodesAndJsonKinds(@TempDir Path dir) throws IOException {
        ReferencePrediction ref = Fixtures.reference("jense_camb_neff_Hubble__P18");
        String model = ref.modelPath().toString();
        List<String> nan = new ArrayList<>(List.of("predict", "--model", model, "--json"));
        nan.addAll(paramArgs(ref));
        nan.set(nan.indexOf("ombh2=" + ref.namedInputs().get("ombh2")), "ombh2=NaN");
        Result badParameter = run(nan.toArray(String[]::new));
        assertError(badParameter, 1, "invalid_parameter", "InvalidParameterException");
        assertEquals("ombh2", badParameter.json().get("parameter"));
        Result unknownParameter = run("predict", "--model", model, "--param", "omega_x=1", "--json");
        assertError(unknownParameter, 1, "invalid_parameter", "InvalidParameterException");
        assertEquals("omega_x", unknownParameter.json().get("parameter"));
        Result missingModel = run("info", "--model", dir.resolve("missing.h5").toString(), "--json");
        assertError(missingModel, 1, "model_format", "ModelFormatException");
        assertTrue(((String) missingModel.json().get("error")).contains("missing.h5"), missingModel.out());
        Result badBackend = run("predict", "--model", model, "--backend", "gpu", "--param", "ombh2=0.022", "--json");
        assertError(badBackend, 1, "invalid_option", "InvalidOptionException");
        assertEquals("backend", badBackend.json().get("option"));
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Result unwritable = run("sample", "--example", "act-dr6-bao", "--output", blocker.resolve("chains").toString(),
                "--json");
        assertError(unwritable, 5, "output", "OutputException");
        assertTrue(unwritable.err().contains(blocker.resolve("chains").toString()), unwritable.err());
        Result unwritableModel = run("convert", "--model", model, "--output", dir.resolve("no/such/m.h5").toString());
        assertEquals(5, unwritableModel.code(), unwritableModel.err());
        Result usage = run("predict", "--model", model, "--frobnicate", "--json");
        assertError(usage, 2, "usage", "usage");
    }

    @Test
    void likelihoodErrorKindsHaveTheirExitCodes() {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        SharedTestData.path("likelihoods/bao");
        Path table = SharedTestData.path("reference/planck2018_bestfit_theory_cls.txt");
        // a target the solver cannot reach inside the emulators' range: a numerical failure
        Result far = run("loglike", "--likelihood", "act_dr6_lensing", "--base", "planck2018", "--set", "sigma8=5",
                "--json");
        assertError(far, 4, "numerical", "NumericalException");
        assertTrue(far.err().contains("cannot set sigma8 = 5.0"), far.err());
        // a likelihood whose requirements the theory lacks: BAO needs the background, a spectra table has none
        Result noBackground = run("loglike", "--likelihood", "bao", "--spectra", table.toString(), "--json");
        assertError(noBackground, 1, "missing_quantity", "MissingQuantityException");
        assertTrue(noBackground.err().contains("background"), noBackground.err());
    }

    /** An unknown likelihood option, or a bad value, is an invalid option (exit 1) that names the option. */
    @Test
    void unknownLikelihoodOptionIsAnInvalidOption() {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        Result unknownOption = run("loglike", "--likelihood", "act_dr6_lensing", "--option", "nonsense=1", "--json");
        assertTrue(unknownOption.err().contains("nonsense"), unknownOption.err());
        assertError(unknownOption, 1, "invalid_option", "InvalidOptionException");
        assertEquals("nonsense", unknownOption.json().get("option"));
        Result badValue = run("loglike", "--likelihood", "act_dr6_lensing", "--option", "nsims_act=many", "--json");
        assertError(badValue, 1, "invalid_option", "InvalidOptionException");
        assertEquals("nsims_act", badValue.json().get("option"));
        Result unknownName = run("loglike", "--likelihood", "act_dr7_lensing", "--json");
        assertError(unknownName, 1, "invalid_option", "InvalidOptionException");
    }

    private static void assertError(Result r, int code, String kind, String type) {
        assertEquals(code, r.code(), r.err());
        Map<String, Object> j = r.json();
        assertEquals(kind, j.get("kind"), r.out());
        assertEquals(type, j.get("type"), r.out());
        assertTrue(j.get("error") instanceof String s && !s.isBlank(), r.out());
    }

    /** predict, info and bench resolve every name of the bundled catalogue (no hard-coded prefix). */
    @Test
    void everyBundledModelIsReachableByName() {
        for (String name : org.cosmoemu.models.BundledModels.names()) {
            org.cosmoemu.api.Emulator e = org.cosmoemu.models.BundledModels.get(name);
            List<String> args = new ArrayList<>(List.of("predict", "--model", name, "--json"));
            double[] mid = new double[e.parameterSpace().dimension()];
            for (int i = 0; i < mid.length; i++) {
                org.cosmoemu.api.Parameter p = e.parameterSpace().get(i);
                mid[i] = 0.5 * (p.lower() + p.upper());
                args.add("--param");
                args.add(p.name() + "=" + mid[i]);
            }
            Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), name + ": " + r.err());
            double[] values = numbers(r.json().get("values"));
            double[] expect = e.predict(mid);
            assertEquals(expect.length, values.length, name);
            for (int i = 0; i < values.length; i++) {
                assertEquals(expect[i], values[i], 1e-12 * Math.abs(expect[i]), name + " output " + i);
            }
            Result info = run("info", "--model", name, "--json");
            assertEquals(0, info.code(), name + ": " + info.err());
            assertEquals(name, info.json().get("model"), info.out());
            Result bench = run("bench", "--model", name, "--batch", "2", "--seconds", "0.02", "--json");
            assertEquals(0, bench.code(), name + ": " + bench.err());
            assertTrue((Double) bench.json().get("us_per_sample") > 0, bench.out());
        }
        Result unknown = run("predict", "--model", "lcdm/nonsense", "--param", "H0=67");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("lcdm/tt"), "the error lists the catalogue: " + unknown.err());
    }

    /**
     * run FILE.yaml: the field task as an input file prints the same log-likelihood as loglike --set, with how each
     * key was understood; a bad file is an invalid option naming its YAML path.
     */
    @Test
    void runEvaluatesAnInputFile(@TempDir Path dir) throws Exception {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        Result r = run("run", "../examples/analyses/act-dr6-lensing-sigma8-omegam.yaml", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = r.json();
        assertEquals("evaluate", j.get("sampler"));
        Result ll = run("loglike", "--likelihood", "act_dr6_lensing", "--base", "planck2018", "--set", "sigma8=0.8",
                "--set", "Omega_m=0.31", "--json");
        double logL = (Double) ll.json().get("logL");
        assertEquals(logL, (Double) j.get("loglike"), 1e-6);
        assertTrue(r.out().contains("\"kind\":\"solved\""), "decisions are in the JSON: " + r.out());
        Result byName = run("run", "act-dr6-lensing-sigma8-omegam", "--quiet");
        assertEquals(0, byName.code(), byName.err());
        assertTrue(byName.out().contains("log-posterior"), byName.out());
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "likelihood:\n  act_dr6_lenslike.ACTDR6LensLike: {lens_only: true}\nparams:\n"
                + "  omch2: {prior: {min: 0.2, max: 0.1}}\n");
        Result refused = run("run", bad.toString(), "--json");
        assertEquals(1, refused.code(), refused.err());
        assertEquals("invalid_option", refused.json().get("kind"));
        assertEquals("params.omch2.prior.min", refused.json().get("option"));
    }

    /** loglike --help lists every likelihood and every option, from the catalogue the code validates against. */
    @Test
    void loglikeHelpIsGeneratedFromTheLikelihoodCatalogue() {
        Result r = run("loglike", "--help");
        assertEquals(0, r.code(), r.err());
        for (org.cosmoemu.likelihoods.LikelihoodDescriptor d : org.cosmoemu.likelihoods.Likelihoods.descriptors()) {
            assertTrue(r.out().contains("  " + d.name() + ": " + d.summary()), d.name() + " missing from\n" + r.out());
            for (org.cosmoemu.likelihoods.LikelihoodOption o : d.options()) {
                assertTrue(r.out().contains(o.key() + "=" + o.valueHint()), d.name() + "." + o.key() + " missing");
                assertTrue(r.out().contains(o.description()), d.name() + "." + o.key() + " undocumented");
            }
        }
    }

    @Test
    void benchReportsTheContractFields() {
        ReferencePrediction ref = Fixtures.reference("jense_camb_neff_Hubble__P18");
        Result r = run("bench", "--model", ref.modelPath().toString(), "--batch", "4", "--seconds", "0.05",
                "--precision", "float32", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = r.json();
        assertTrue((Double) j.get("us_per_sample") > 0);
        assertEquals(4.0, j.get("batch"));
        assertEquals("float32", j.get("precision"));
        assertTrue(((String) j.get("backend")).startsWith("cpu-"), j.toString());
        assertTrue((Double) j.get("spread_percent") >= 0 && (Double) j.get("warmup_seconds") > 0, j.toString());
        assertEquals(7.0, j.get("rounds"));
    }

    /** bench --analysis: posterior evaluations per second of an input file, at steady state. */
    @Test
    void benchMeasuresAnInputFilesPosterior() {
        SharedTestData.path("likelihoods/act_dr6_lenslike");
        SharedTestData.path("likelihoods/bao");
        Result r = run("bench", "--analysis", "../examples/analyses/act-dr6-bao.yaml", "--batch", "8", "--seconds", "0.2",
                "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = r.json();
        assertTrue((Double) j.get("evaluations_per_second") > 0, j.toString());
        assertEquals(1e6 / (Double) j.get("us_per_evaluation"), (Double) j.get("evaluations_per_second"), 1e-6);
        assertEquals(8.0, j.get("finite_points"), "every point near the reference has a finite posterior");
        assertEquals(2, run("bench", "--analysis", "x.yaml", "--model", "lcdm/tt").code());
    }
}
