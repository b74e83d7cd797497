package org.cosmoemu.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.theory.CmbSpectra;
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
    public int run(String[] argv, int from, PrintStream out) {
        Args a = new Args("loglike")
                .value("likelihood", "NAME", "likelihood name: " + Likelihoods.names())
                .repeated("option", "KEY=VALUE", "likelihood option, e.g. variant=act_baseline")
                .repeated("param", "NAME=VALUE", "a cosmological input or nuisance parameter (e.g. A_planck=1.0)")
                .value("spectra", "FILE", "theory spectra table (CAMB format: L TT TE EE BB PP, D_l in muK^2) instead of emulators")
                .flag("json", "print one JSON object")
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
        Observables theory;
        if (a.has("spectra")) {
            if (!params.isEmpty()) {
                throw new UsageException("--param " + params.keySet() + " cannot apply: with --spectra the theory comes "
                        + "from the file; only nuisance parameters " + nuisanceUsed.keySet() + " may be set");
            }
            theory = SimpleObservables.of(CmbSpectra.readCambTable(Path.of(a.get("spectra"))));
        } else {
            throw new CosmoEmuException("evaluating '" + name + "' from parameters needs the emulator theory layer, "
                    + "which is not available yet; pass --spectra FILE");
        }
        double logL = like.logLike(theory, nv);
        if (a.has("json")) {
            Json j = Json.object().put("logL", logL).put("chi2", -2.0 * logL).put("likelihood", like.name());
            j.putRaw("options", stringMap(options));
            j.putNumbers("parameters", theory.parameters());
            j.putNumbers("nuisance", nuisanceUsed);
            if (a.has("spectra")) {
                j.put("spectra", a.get("spectra"));
            }
            out.println(j.end());
        } else {
            out.printf("%s: logL = %.10g, chi2 = %.10g%n", like.name(), logL, -2.0 * logL);
            if (!nuisanceUsed.isEmpty()) {
                out.println("nuisance: " + nuisanceUsed);
            }
        }
        return 0;
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
