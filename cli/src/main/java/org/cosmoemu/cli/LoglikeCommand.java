package org.cosmoemu.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.NumericalException;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.LikelihoodDescriptor;
import org.cosmoemu.likelihoods.LikelihoodOption;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.theory.CmbSpectra;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.models.ModelFamily;
import org.cosmoemu.theory.ParameterBases;
import org.cosmoemu.theory.Reparametrisation;
import org.cosmoemu.theory.Observables;
import org.cosmoemu.theory.SimpleObservables;

/**
 * {@code loglike}: evaluates one likelihood, on theory spectra from a file ({@code --spectra}) or from the
 * bundled emulators ({@code --base}, {@code --param}, {@code --set}).
 */
final class LoglikeCommand implements Command {

    @Override
    public String name() {
        return "loglike";
    }

    @Override
    public String summary() {
        return "evaluate a likelihood (ACT DR6 lensing, Planck, BAO, ...) at a parameter point or on given spectra";
    }

    @Override
    public boolean evaluatesNetworks() {
        return true;
    }

    @Override
    public int run(String[] argv, int from, PrintStream out) {
        Args a = new Args("loglike")
                .value("likelihood", "NAME", "likelihood name (listed below with their options)")
                .repeated("option", "KEY=VALUE", "likelihood option, e.g. variant=act_baseline")
                .repeated("param", "NAME=VALUE", "a cosmological input or nuisance parameter (e.g. A_planck=1.0)")
                .value("spectra", "FILE", "theory spectra table instead of emulators: D_l in muK^2 (PP as [L(L+1)]^2 C_L/2pi), "
                        + "columns from its header (CAMB lensedCls/lenspotentialCls/scalCls, Planck minimum-theory, L TT TE EE BB PP)")
                .value("columns", "L,TT,...", "the --spectra table's column order when its header does not state it, e.g. L,TT,TE,EE,BB,PP "
                        + "(TP, EP, TB, EB and - are skipped)")
                .value("base", "NAME", "start from a named parameter set: " + ParameterBases.names())
                .repeated("set", "NAME=VALUE", "set a derived quantity by solving for an input: sigma8, S8, S8_CMBL (A_s), Omega_m (omega_cdm), 100theta_star (H0)")
                .value("family", "lcdm|ext", "bundled model family (default: ext if a --param gives m_ncdm, N_eff, "
                        + "w0_fld or wa_fld a value other than LCDM's, else lcdm); with ext, those the point does not set "
                        + "take LCDM's values (m_ncdm 0.06, N_eff 3.046, w0_fld -1, wa_fld 0)")
                .value("backend", "cpu|nd4j", "emulator backend (default cpu)")
                .value("precision", "float64|float32", "emulator precision (default float64)")
                .flag("json", "print one JSON object")
                .epilogue(catalogue())
                .parse(argv, from);
        String name = a.require("likelihood");
        Map<String, String> options = a.keyValues("option");
        Likelihood like = Likelihoods.create(name, options);
        Map<String, Double> params = new LinkedHashMap<>(a.assignments("param"));

        List<NuisanceParameter> nuisance = like.nuisanceParameters();
        double[] nv = new double[nuisance.size()];
        Map<String, Double> nuisanceUsed = new LinkedHashMap<>();
        for (int i = 0; i < nv.length; i++) {
            NuisanceParameter p = nuisance.get(i);
            Double v = params.remove(p.name());
            nv[i] = v == null ? p.defaultValue() : v;
            nuisanceUsed.put(p.name(), nv[i]);
        }
        if (a.has("columns") && !a.has("spectra")) {
            throw new UsageException("--columns describes the --spectra table; give --spectra FILE too");
        }
        Observables theory;
        Map<String, Double> achieved = Map.of();
        Map<String, Double> derived = Map.of();
        if (a.has("spectra")) {
            if (!params.isEmpty() || a.has("base") || a.has("set") || a.has("family")) {
                throw new UsageException("with --spectra the theory comes from the file: --base, --set, --family and --param "
                        + params.keySet() + " cannot apply (only nuisance parameters " + nuisanceUsed.keySet() + ")");
            }
            List<String> columns = a.has("columns") ? List.of(a.get("columns").split("\\s*,\\s*")) : null;
            theory = SimpleObservables.of(CmbSpectra.readTable(Path.of(a.get("spectra")), columns));
        } else {
            Map<String, Double> inputs = new LinkedHashMap<>();
            if (a.has("base")) {
                inputs.putAll(ParameterBases.get(a.get("base")));
            }
            inputs.putAll(params);
            ModelFamily family = a.has("family") ? ModelFamily.parse(a.get("family")) : ModelFamily.forPoint(inputs);
            EmulatorTheory t = family.theory(ModelResolver.options(a));
            t.check(like.requirements(), "likelihood " + like.name());
            inputs = family.complete(inputs);
            Map<String, Double> targets = a.assignments("set");
            for (String target : targets.keySet()) {
                String control = Reparametrisation.controlOf(target);
                if (params.containsKey(control)) {
                    throw new UsageException("--set " + target + " solves for " + control + ", which --param also sets");
                }
            }
            if (!targets.isEmpty()) {
                Reparametrisation.Solution sol = Reparametrisation.of(t).solve(inputs, targets);
                inputs = new LinkedHashMap<>(sol.inputs());
                achieved = sol.achieved();
            }
            EmulatorTheory.TheoryResult r = t.compute(inputs, like.requirements().union(
                    org.cosmoemu.theory.Requirements.background(t.derivedNames().toArray(String[]::new))));
            theory = r;
            derived = r.derivedValues();
        }
        double logL = like.logLike(theory, nv);
        if (!Double.isFinite(logL)) {
            // JSON has no non-finite numbers, and a NaN or infinite log-likelihood is no answer to report as success
            throw new NumericalException(like.name() + ": log-likelihood is " + logL + (logL == Double.NEGATIVE_INFINITY
                    ? ": the data rule this point out entirely (e.g. a spectrum outside a tabulated likelihood's range)"
                    : ": the theory is not finite where the likelihood uses it"));
        }
        if (a.has("json")) {
            Json j = Json.object().put("logL", logL).put("chi2", -2.0 * logL).put("likelihood", like.name());
            j.putRaw("options", stringMap(options));
            j.putNumbers("parameters", theory.parameters());
            if (!achieved.isEmpty()) {
                j.putNumbers("set", achieved);
            }
            if (!derived.isEmpty()) {
                j.putNumbers("derived", derived);
            }
            j.putNumbers("nuisance", nuisanceUsed);
            if (a.has("spectra")) {
                j.put("spectra", a.get("spectra"));
            }
            out.println(j.end());
        } else {
            out.printf("%s: logL = %.10g, chi2 = %.10g%n", like.name(), logL, -2.0 * logL);
            if (!theory.parameters().isEmpty()) {
                out.println("parameters: " + theory.parameters());
            }
            if (!achieved.isEmpty()) {
                out.println("set: " + achieved);
            }
            if (!nuisanceUsed.isEmpty()) {
                out.println("nuisance: " + nuisanceUsed);
            }
        }
        return 0;
    }

    /**
     * The likelihoods and their options, generated from the catalogue ({@link Likelihoods#descriptors()}): the
     * same list the code validates against.
     */
    static String catalogue() {
        StringBuilder sb = new StringBuilder("\nlikelihoods (--likelihood NAME) and their options (--option KEY=VALUE):\n");
        for (LikelihoodDescriptor d : Likelihoods.descriptors()) {
            sb.append("\n  ").append(d.name()).append(": ").append(d.summary()).append('\n');
            sb.append("    data: ").append(d.data()).append('\n');
            if (d.options().isEmpty()) {
                sb.append("    (no options)\n");
            }
            for (LikelihoodOption o : d.options()) {
                String head = "    " + o.key() + "=" + o.valueHint();
                sb.append(head.length() < 44 ? String.format("%-44s", head) : head + "\n" + " ".repeat(44))
                        .append(o.description())
                        .append(o.defaultValue() == null ? " (no default)" : " (default " + o.defaultValue() + ")")
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private static String stringMap(Map<String, String> m) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : m.entrySet()) {
            sb.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
            first = false;
        }
        return sb.append('}').toString();
    }
}
