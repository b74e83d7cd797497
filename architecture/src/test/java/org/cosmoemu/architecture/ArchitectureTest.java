package org.cosmoemu.architecture;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.targetOwner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that hold the module tree together, checked on the main classes of every module (the jars or
 * class folders of the reactor, never their tests). The layers follow the data flow:
 *
 * <pre>
 * api → cpu → nd4j → training          (emulators, and the pipeline that trains them)
 * api → theory → models                (observables from emulators; the bundled weights and their catalogue)
 *       theory → likelihoods           (data and likelihood maths: no weights)
 * likelihoods + models → inference → cli → examples, benchmarks
 *                          inference → spark (Apache Spark; nothing depends on it, and it never needs the CLI)
 * </pre>
 *
 * A rule that fails names the offending class and dependency.
 */
class ArchitectureTest {
    private static final String API = "api";
    private static final String CPU = "cpu";
    private static final String ND4J = "nd4j";
    private static final String TRAINING = "training";
    private static final String THEORY = "theory";
    private static final String MODELS = "models";
    private static final String LIKELIHOODS = "likelihoods";
    private static final String INFERENCE = "inference";
    private static final String CLI = "cli";
    private static final String EXAMPLES = "examples";
    private static final String BENCHMARKS = "benchmarks";
    private static final String SPARK = "spark";

    static JavaClasses main;

    /** Main classes only: test class folders and test jars are left out. */
    static final ImportOption MAIN_ONLY = (Location location) -> !location.contains("/test-classes/")
            && !location.contains("-tests.jar") && !location.contains("/architecture/");

    @BeforeAll
    static void load() {
        main = new ClassFileImporter().withImportOption(MAIN_ONLY).importPackages("org.cosmoemu");
    }

    /** Every module's classes are found: a rule checked on nothing would pass for the wrong reason. */
    @Test
    void everyModuleIsImported() {
        for (String p : new String[] {"api", "cpu", "nd4j", "training", "theory", "models", "likelihoods", "inference",
            "cli", "plots", "examples", "benchmarks", "spark"}) {
            if (main.stream().noneMatch(c -> c.getPackageName().startsWith("org.cosmoemu." + p))) {
                throw new AssertionError("no main classes found in org.cosmoemu." + p);
            }
        }
    }

    /** Dependencies point down the data flow only. */
    @Test
    void dependenciesPointDownTheDataFlow() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer(API).definedBy("org.cosmoemu.api..")
                .layer(CPU).definedBy("org.cosmoemu.cpu..")
                .layer(ND4J).definedBy("org.cosmoemu.nd4j..")
                .layer(TRAINING).definedBy("org.cosmoemu.training..")
                .layer(THEORY).definedBy("org.cosmoemu.theory..")
                .layer(MODELS).definedBy("org.cosmoemu.models..")
                .layer(LIKELIHOODS).definedBy("org.cosmoemu.likelihoods..")
                .layer(INFERENCE).definedBy("org.cosmoemu.inference..")
                .layer(CLI).definedBy("org.cosmoemu.cli..", "org.cosmoemu.plots..")
                .layer(EXAMPLES).definedBy("org.cosmoemu.examples..")
                .layer(BENCHMARKS).definedBy("org.cosmoemu.benchmarks..")
                .layer(SPARK).definedBy("org.cosmoemu.spark..")
                .whereLayer(API).mayOnlyAccessLayers(API)
                .whereLayer(CPU).mayOnlyAccessLayers(API, CPU)
                .whereLayer(ND4J).mayOnlyAccessLayers(API, CPU, ND4J)
                .whereLayer(TRAINING).mayOnlyAccessLayers(API, CPU, ND4J, TRAINING)
                .whereLayer(THEORY).mayOnlyAccessLayers(API, THEORY)
                .whereLayer(MODELS).mayOnlyAccessLayers(API, CPU, THEORY, MODELS)
                .whereLayer(LIKELIHOODS).mayOnlyAccessLayers(API, THEORY, LIKELIHOODS)
                .whereLayer(INFERENCE).mayOnlyAccessLayers(API, CPU, THEORY, MODELS, LIKELIHOODS, INFERENCE)
                .whereLayer(CLI).mayOnlyAccessLayers(API, CPU, ND4J, TRAINING, THEORY, MODELS, LIKELIHOODS, INFERENCE, CLI)
                .whereLayer(EXAMPLES).mayNotBeAccessedByAnyLayer()
                .whereLayer(BENCHMARKS).mayNotBeAccessedByAnyLayer()
                .whereLayer(SPARK).mayOnlyAccessLayers(API, CPU, THEORY, MODELS, LIKELIHOODS, INFERENCE, SPARK)
                .whereLayer(SPARK).mayNotBeAccessedByAnyLayer();
        rule.check(main);
    }

    /** Likelihoods consume theory results; they never need (or pull in) model weights. */
    @Test
    void likelihoodsNeverTouchModels() {
        noClasses().that().resideInAPackage("org.cosmoemu.likelihoods..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cosmoemu.models..", "org.cosmoemu.cpu..",
                        "org.cosmoemu.nd4j..", "org.cosmoemu.training..")
                .because("a user with spectra from their own Boltzmann code needs the likelihoods without 42 MB of weights")
                .check(main);
    }

    /** Nothing depends on the examples: they are programs to read and copy, not a library. */
    @Test
    void nothingDependsOnExamples() {
        noClasses().that().resideOutsideOfPackage("org.cosmoemu.examples..")
                .should().dependOnClassesThat().resideInAPackage("org.cosmoemu.examples..")
                .check(main);
    }

    /** No package depends on itself through others. */
    @Test
    void noPackageCycles() {
        slices().matching("org.cosmoemu.(**)").should().beFreeOfCycles().check(main);
    }

    /**
     * Every module's jar names its module ({@code Automatic-Module-Name}), so that users on the module path get
     * stable names. Checked on the jars the reactor built (skipped for a module seen as a class folder, as in an
     * IDE).
     */
    @Test
    void everyJarHasAnAutomaticModuleName() throws java.io.IOException {
        java.util.Map<String, Class<?>> modules = new java.util.LinkedHashMap<>();
        modules.put("org.cosmoemu.api", org.cosmoemu.api.Emulator.class);
        modules.put("org.cosmoemu.cpu", org.cosmoemu.cpu.Emulators.class);
        modules.put("org.cosmoemu.nd4j", org.cosmoemu.nd4j.Nd4jBackend.class);
        modules.put("org.cosmoemu.training", org.cosmoemu.training.ModelSpec.class);
        modules.put("org.cosmoemu.theory", org.cosmoemu.theory.EmulatorTheory.class);
        modules.put("org.cosmoemu.models", org.cosmoemu.models.BundledModels.class);
        modules.put("org.cosmoemu.likelihoods", org.cosmoemu.likelihoods.Likelihoods.class);
        modules.put("org.cosmoemu.inference", org.cosmoemu.inference.Mcmc.class);
        modules.put("org.cosmoemu.cli", org.cosmoemu.cli.CosmoEmu.class);
        modules.put("org.cosmoemu.spark", org.cosmoemu.spark.ScanSpec.class);
        int jars = 0;
        for (java.util.Map.Entry<String, Class<?>> e : modules.entrySet()) {
            java.nio.file.Path p;
            try {
                p = java.nio.file.Path.of(e.getValue().getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (java.net.URISyntaxException ex) {
                throw new AssertionError(ex);
            }
            if (!p.toString().endsWith(".jar")) {
                continue;
            }
            jars++;
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(p.toFile())) {
                String name = jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                if (!e.getKey().equals(name)) {
                    throw new AssertionError(p + ": Automatic-Module-Name is " + name + ", expected " + e.getKey());
                }
            }
        }
        System.out.println("Automatic-Module-Name checked in " + jars + " jars");
    }

    /**
     * Errors raised on purpose are named kinds of {@code CosmoEmuException}: no main class constructs the JDK's
     * generic {@link IllegalArgumentException}, {@link IllegalStateException} or
     * {@link UnsupportedOperationException} (any constructor). The code JMH generates for the benchmarks is not
     * ours and is left out.
     */
    @Test
    void errorsAreNamedCosmoEmuExceptionKinds() {
        noClasses().that().resideOutsideOfPackage("org.cosmoemu.benchmarks.jmh_generated..")
                .should().callConstructorWhere(targetOwner(type(IllegalArgumentException.class)
                        .or(type(IllegalStateException.class)).or(type(UnsupportedOperationException.class))))
                .because("the SDK's errors are named CosmoEmuException kinds (InvalidParameterException, "
                        + "InvalidOptionException, DataFileException, ...) that callers catch by kind and the CLI maps "
                        + "to exit codes; a broken internal invariant is an AssertionError")
                .check(main);
    }

    /** Test helpers stay in test jars. */
    @Test
    void testHelpersAreNotInMainJars() {
        noClasses().should().haveSimpleNameStartingWith("Synthetic")
                .orShould().resideInAPackage("..testing..")
                .because("random networks and fixture readers are test helpers (test-jar), not SDK API")
                .check(main);
    }
}
