package org.cosmoemu.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.Parameter;

/** {@code info}: what a model takes and gives — parameters and bounds, grid, architecture, provenance. */
final class InfoCommand implements Command {

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "show a model's parameters, bounds, output grid, architecture and provenance";
    }

    @Override
    public int run(String[] argv, int from, PrintStream out) {
        Args a = new Args("info")
                .value("model", "FILE|NAME", "model file or bundled name")
                .flag("log10", "declare that the network was trained on log10")
                .value("transform", "identity|log10", "declare the output transform of a CosmoPower file")
                .flag("json", "print one JSON object")
                .parse(argv, from);
        NetworkModel m = ModelResolver.model(a);
        OutputGrid g = m.grid();
        OutputQuantity q = m.quantity();
        if (a.has("json")) {
            StringBuilder params = new StringBuilder("[");
            for (int i = 0; i < m.inputSize(); i++) {
                Parameter p = m.parameterSpace().get(i);
                Json pj = Json.object().put("name", p.name());
                if (Double.isFinite(p.lower())) {
                    pj.put("lower", p.lower());
                } else {
                    pj.put("lower", (String) null);
                }
                if (Double.isFinite(p.upper())) {
                    pj.put("upper", p.upper());
                } else {
                    pj.put("upper", (String) null);
                }
                params.append(i > 0 ? "," : "").append(pj.end());
            }
            params.append(']');
            StringBuilder arch = new StringBuilder("[");
            int[] ar = m.architecture();
            for (int i = 0; i < ar.length; i++) {
                arch.append(i > 0 ? "," : "").append(ar[i]);
            }
            arch.append(']');
            Json j = Json.object().put("model", m.name()).putRaw("parameters", params.toString())
                    .put("grid_axis", g.axis().token()).put("grid_unit", g.unit()).put("grid_size", g.size());
            if (g.isNamed()) {
                j.putStrings("grid", g.labels());
            } else {
                j.put("grid", g.values());
            }
            j.put("quantity", q.name()).put("units", q.units()).put("ell_factor", q.ellFactor().token())
                    .put("transform", q.transform().token()).putRaw("architecture", arch.toString())
                    .put("pca_components", m.pca() == null ? 0 : m.pca().components())
                    .put("multiply_adds_per_sample", m.multiplyAddsPerSample());
            StringBuilder prov = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, String> e : m.provenance().entrySet()) {
                prov.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                first = false;
            }
            j.putRaw("provenance", prov.append('}').toString());
            out.println(j.end());
            return 0;
        }
        out.println("model:        " + m.name());
        out.println("architecture: " + Arrays.toString(m.architecture())
                + (m.pca() == null ? " (NN)" : " + PCA " + m.pca().components() + " -> " + m.pca().outputs()));
        out.println("parameters (network order, training range):");
        for (Parameter p : m.parameterSpace().parameters()) {
            out.printf("  %-16s %s%n", p.name(), p.isBounded() ? "[" + p.lower() + ", " + p.upper() + "]"
                    : "range unknown (CosmoPower files store none; declare with convert --bounds)");
        }
        out.println("output grid:  " + g);
        out.println("quantity:     " + q.name() + " [" + q.units() + "], ell factor " + q.ellFactor().token()
                + ", transform " + q.transform().token()
                + (q.equals(OutputQuantity.unspecified()) ? " (undeclared: values = raw unless --log10)" : ""));
        out.println("cost:         " + m.multiplyAddsPerSample() + " multiply-adds per sample");
        if (!m.provenance().isEmpty()) {
            out.println("provenance:");
            m.provenance().forEach((k, v) -> out.println("  " + k + ": " + v));
        }
        return 0;
    }
}
