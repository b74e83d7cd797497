package org.cosmoemu.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.Emulator;
import org.cosmoemu.api.EmulatorOptions;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the catalogue serves the {@code ext/…} family (flat w0–wa + Σmν + N_eff, trained on {@code class-ext}):
 * every model loads with its ten inputs and their ranges from the data design, rejects points outside them (or NaN)
 * on every input with the named exceptions, lazily as eagerly, and reproduces the held-out CLASS points of
 * {@code class-ext} within the accuracy {@code models/ACCURACY-ext.md} claims.
 */
class ExtModelsTest {
    /** The inputs of the family with their ranges: the design table of class-ext's README. */
    private static final Map<String, double[]> DESIGN = new java.util.LinkedHashMap<>();

    static {
        DESIGN.put("omega_b", new double[] {0.0200, 0.0250});
        DESIGN.put("omega_cdm", new double[] {0.0900, 0.1500});
        DESIGN.put("H0", new double[] {55.0, 80.0});
        DESIGN.put("tau_reio", new double[] {0.020, 0.100});
        DESIGN.put("n_s", new double[] {0.900, 1.030});
        DESIGN.put("ln10^{10}A_s", new double[] {2.70, 3.30});
        DESIGN.put("m_ncdm", new double[] {0.005, 0.500});
        DESIGN.put("N_eff", new double[] {2.2, 4.0});
        DESIGN.put("w0_fld", new double[] {-1.5, -0.5});
        DESIGN.put("wa_fld", new double[] {-2.0, 0.5});
    }

    private static HeldOutClass heldOut;

    @BeforeAll
    static void setUp() {
        heldOut = new HeldOutClass("class-ext", "accuracy-claims-ext.properties");
    }

    private static List<String> extNames() {
        return BundledModels.names().stream().filter(n -> n.startsWith("ext/")).toList();
    }

    @Test
    void theCatalogueListsTheFifteenExtModels() {
        assertEquals(List.of("ext/tt", "ext/te", "ext/ee", "ext/bb", "ext/pp", "ext/tt_unlensed", "ext/te_unlensed",
                "ext/ee_unlensed", "ext/pk_lin", "ext/pk_nl", "ext/pk_lin_cb", "ext/pk_nl_cb", "ext/derived",
                "ext/hubble", "ext/angular_distance"), extNames());
    }

    @Test
    void everyExtModelLoadsWithTheDeclaredContract() {
        for (String name : extNames()) {
            assertTrue(BundledModels.isAvailable(name), name + " is not shipped");
            NetworkModel m = BundledModels.model(name);
            assertEquals(name, m.name());
            List<Parameter> ps = m.parameterSpace().parameters();
            List<String> design = List.copyOf(DESIGN.keySet());
            assertEquals(design, m.parameterSpace().names().subList(0, 10), name);
            for (int i = 0; i < 10; i++) {
                assertEquals(DESIGN.get(design.get(i))[0], ps.get(i).lower(), 1e-12, name + " " + design.get(i));
                assertEquals(DESIGN.get(design.get(i))[1], ps.get(i).upper(), 1e-12, name + " " + design.get(i));
            }
            assertTrue(m.provenance().containsKey("validation.headline_p99"), name + ": measured accuracy in metadata");
            String s = name.substring(4);
            if (s.startsWith("pk_")) {
                assertEquals(List.of("z"), m.parameterSpace().names().subList(10, 11), name);
                assertEquals(5.0, ps.get(10).upper(), name);
                assertEquals("h/Mpc", m.grid().unit());
                assertEquals(256, m.grid().size());
                assertEquals(50.0, m.grid().value(255), 1e-3, name);
            } else if (s.equals("derived")) {
                assertTrue(m.grid().labels().containsAll(List.of("sigma8", "sigma8_cb", "100theta_s", "rs_drag_Mpc",
                        "N_eff")), m.grid().labels().toString());
                assertEquals(10, ps.size());
            } else if (s.equals("hubble") || s.equals("angular_distance")) {
                assertEquals(201, m.grid().size(), name);
                assertEquals(10, ps.size());
            } else {
                assertEquals(OutputGrid.multipoles(2, 5000), m.grid(), name);
                assertEquals(EllFactor.L_L1_OVER_2PI, m.quantity().ellFactor(), name);
                assertEquals(10, ps.size());
            }
        }
    }

    /** Below the lower bound, above the upper bound and NaN, on each of the ten inputs, eager and lazy. */
    @Test
    void everyInputIsRangeChecked() {
        for (String name : extNames()) {
            Emulator eager = BundledModels.get(name);
            Emulator lazy = BundledModels.lazy(name, EmulatorOptions.defaults());
            int n = eager.parameterSpace().dimension();
            double[] mid = new double[n];
            for (int i = 0; i < n; i++) {
                Parameter p = eager.parameterSpace().get(i);
                mid[i] = 0.5 * (p.lower() + p.upper());
            }
            assertEquals(eager.outputSize(), eager.predict(mid).length, name);
            for (Emulator e : List.of(eager, lazy)) {
                for (int i = 0; i < 10; i++) {
                    Parameter p = e.parameterSpace().get(i);
                    double width = p.upper() - p.lower();
                    for (double bad : new double[] {p.lower() - 0.01 * width, p.upper() + 0.01 * width}) {
                        double[] x = mid.clone();
                        x[i] = bad;
                        ParameterOutOfRangeException ex = assertThrows(ParameterOutOfRangeException.class,
                                () -> e.predict(x), name + " " + p.name() + " = " + bad);
                        assertTrue(ex.getMessage().contains(p.name()), ex.getMessage());
                    }
                    double[] x = mid.clone();
                    x[i] = Double.NaN;
                    InvalidParameterException ex = assertThrows(InvalidParameterException.class, () -> e.predict(x),
                            name + " " + p.name() + " = NaN");
                    assertTrue(ex.getMessage().contains(p.name()), ex.getMessage());
                }
            }
        }
    }

    @Test
    void cmbSpectraReproduceHeldOutClassWithinTheClaims() throws IOException {
        for (String s : List.of("tt", "te", "ee", "bb", "pp", "tt_unlensed", "te_unlensed", "ee_unlensed")) {
            String name = "ext/" + s;
            String group = s.endsWith("_unlensed") ? "cl_unlensed/" : "cl/";
            String spectrum = s.replace("_unlensed", "");
            HeldOutClass.Truth t = heldOut.truth(group + spectrum);
            HeldOutClass.Truth tt = spectrum.equals("te") ? heldOut.truth(group + "tt") : null;
            HeldOutClass.Truth ee = spectrum.equals("te") ? heldOut.truth(group + "ee") : null;
            heldOut.check(name, t, (i, j) -> {
                double ell = j + 2;
                double c = t.values()[i][j];
                return switch (heldOut.claims().getProperty(name + ".metric")) {
                    case "cosmic_variance" -> Math.sqrt(2 / (2 * ell + 1)) * Math.abs(c);
                    case "cosmic_variance_te" -> Math.sqrt((c * c + tt.values()[i][j] * ee.values()[i][j]) / (2 * ell + 1));
                    default -> Math.abs(c);
                };
            }, j -> j + 2.0, null);
        }
    }

    @Test
    void matterPowerReproducesHeldOutClassWithinTheClaims() throws IOException {
        Map<String, String> datasets = Map.of("pk_lin", "pk/linear", "pk_nl", "pk/nonlinear", "pk_lin_cb",
                "pk/linear_cb", "pk_nl_cb", "pk/nonlinear_cb");
        for (String s : List.of("pk_lin", "pk_nl", "pk_lin_cb", "pk_nl_cb")) {
            String name = "ext/" + s;
            HeldOutClass.Truth t = heldOut.truth(datasets.get(s));
            double[] zs = heldOut.redshifts(datasets.get(s));
            heldOut.dropEqualTo(t, name, zs.length, 256);
            double[] k = BundledModels.model(name).grid().values();
            heldOut.check(name, t, (i, j) -> Math.abs(t.values()[i][j]), j -> k[j % 256], zs);
        }
    }

    @Test
    void backgroundAndDerivedReproduceHeldOutClassWithinTheClaims() throws IOException {
        for (String s : List.of("hubble", "angular_distance", "derived")) {
            String name = "ext/" + s;
            HeldOutClass.Truth t = heldOut.truth(switch (s) {
                case "hubble" -> "background/H";
                case "angular_distance" -> "background/D_A";
                default -> "derived";
            });
            double[] z = BundledModels.model(name).grid().values();
            heldOut.check(name, t, (i, j) -> Math.abs(t.values()[i][j]), j -> z[j], null);
        }
    }

    /** The accuracy the report claims is also what each model's own metadata says (rounded up, 3 digits). */
    @Test
    void theMetadataStatesTheMeasuredAccuracy() {
        List<String> missing = new ArrayList<>();
        for (String name : extNames()) {
            Map<String, String> p = BundledModels.model(name).provenance();
            String claimed = heldOut.claims().getProperty(name + ".p99");
            if (!Arrays.asList(p.getOrDefault("test.headline_p99", "")).contains(claimed)) {
                missing.add(name + ": metadata test.headline_p99 = " + p.get("test.headline_p99") + ", report " + claimed);
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }
}
