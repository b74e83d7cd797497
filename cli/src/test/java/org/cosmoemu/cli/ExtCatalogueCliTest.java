package org.cosmoemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.models.BundledModels;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the CLI serves every {@code ext/…} model by name on both backends (cpu and nd4j give the same values),
 * {@code info} shows its ten inputs with their ranges, and an out-of-range or NaN input is refused by name.
 */
class ExtCatalogueCliTest {

    private static List<String> extNames() {
        return BundledModels.names().stream().filter(n -> n.startsWith("ext/")).toList();
    }

    private static List<String> predictArgs(String name, double[] x, Emulator e) {
        List<String> args = new ArrayList<>(List.of("predict", "--model", name, "--json"));
        for (int i = 0; i < x.length; i++) {
            args.add("--param");
            args.add(e.parameterSpace().get(i).name() + "=" + x[i]);
        }
        return args;
    }

    @Test
    void everyExtModelPredictsTheSameOnBothBackends() {
        assertEquals(15, extNames().size());
        for (String name : extNames()) {
            Emulator e = BundledModels.get(name);
            double[] x = new double[e.parameterSpace().dimension()];
            for (int i = 0; i < x.length; i++) {
                Parameter p = e.parameterSpace().get(i);
                x[i] = p.lower() + 0.37 * (p.upper() - p.lower());
            }
            double[] api = e.predict(x);
            List<String> args = predictArgs(name, x, e);
            CliTest.Result cpu = CliTest.run(args.toArray(String[]::new));
            assertEquals(0, cpu.code(), name + ": " + cpu.err());
            args.addAll(List.of("--backend", "nd4j"));
            CliTest.Result nd4j = CliTest.run(args.toArray(String[]::new));
            assertEquals(0, nd4j.code(), name + ": " + nd4j.err());
            assertEquals("nd4j-cpu", nd4j.json().get("backend"), name);
            double[] a = CliTest.numbers(cpu.json().get("values"));
            double[] b = CliTest.numbers(nd4j.json().get("values"));
            assertEquals(api.length, a.length, name);
            assertEquals(api.length, b.length, name);
            for (int j = 0; j < api.length; j++) {
                double tol = 1e-9 * Math.max(Math.abs(api[j]), 1e-300);
                assertEquals(api[j], a[j], tol, name + " cpu output " + j);
                // ND4J evaluates in float64 too, in another order of operations
                assertEquals(api[j], b[j], 1e-7 * Math.abs(api[j]) + 1e-300, name + " nd4j output " + j);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void infoShowsTheTenRangeCheckedInputs() {
        CliTest.Result r = CliTest.run("info", "--model", "ext/pk_nl_cb", "--json");
        assertEquals(0, r.code(), r.err());
        List<Object> params = (List<Object>) r.json().get("parameters");
        assertEquals(11, params.size(), r.out());
        Map<String, Object> mnu = (Map<String, Object>) params.get(6);
        assertEquals("m_ncdm", mnu.get("name"));
        assertEquals(0.005, (Double) mnu.get("lower"), 1e-12);
        assertEquals(0.5, (Double) mnu.get("upper"), 1e-12);
        Map<String, Object> wa = (Map<String, Object>) params.get(9);
        assertEquals("wa_fld", wa.get("name"));
        assertEquals(-2.0, (Double) wa.get("lower"), 1e-12);
        assertEquals("z", ((Map<String, Object>) params.get(10)).get("name"));
    }

    @Test
    void outOfRangeAndNanInputsAreRefusedByName() {
        for (String backend : List.of("cpu", "nd4j")) {
            Emulator e = BundledModels.get("ext/tt");
            double[] x = new double[e.parameterSpace().dimension()];
            for (int i = 0; i < x.length; i++) {
                Parameter p = e.parameterSpace().get(i);
                x[i] = 0.5 * (p.lower() + p.upper());
            }
            x[8] = -1.6; // w0_fld below -1.5
            List<String> args = predictArgs("ext/tt", x, e);
            args.addAll(List.of("--backend", backend));
            CliTest.Result r = CliTest.run(args.toArray(String[]::new));
            assertEquals(1, r.code(), r.out());
            assertEquals("ParameterOutOfRangeException", r.json().get("type"), r.out());
            assertEquals("w0_fld", r.json().get("parameter"), r.out());
            x[8] = -1.0;
            List<String> nan = predictArgs("ext/tt", x, e);
            nan.set(nan.indexOf("m_ncdm=" + x[6]), "m_ncdm=NaN");
            nan.addAll(List.of("--backend", backend));
            CliTest.Result n = CliTest.run(nan.toArray(String[]::new));
            assertEquals(1, n.code(), n.out());
            assertTrue(String.valueOf(n.json().get("type")).endsWith("Exception"), n.out());
            assertEquals("m_ncdm", n.json().get("parameter"), n.out());
        }
    }
}
