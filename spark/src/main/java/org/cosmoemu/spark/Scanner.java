package org.cosmoemu.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cosmoemu.api.CosmoEmuException;
import org.cosmoemu.api.InvalidParameterException;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.likelihoods.NuisanceParameter;
import org.cosmoemu.models.LcdmTheory;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.ParameterBases;
import org.cosmoemu.theory.Reparametrisation;
import org.cosmoemu.theory.Requirements;

/**
 * What one JVM builds once for a {@link ScanSpec}: the bundled theory and the likelihoods (created from the catalogue
 * with the spec's options, as {@code cosmo-emu loglike} creates them), the union of their requirements plus every
 * derived quantity, and the base point. Thread-safe; cached per spec and options.
 */
final class Scanner {
    private static final Map<String, Scanner> CACHE = new ConcurrentHashMap<>();

    final ScanSpec spec;
    final EmulatorTheory theory;
    final List<Likelihood> likelihoods;
    final Requirements requirements;
    final List<String> inputs;
    final List<String> derived;
    /** The base point (theory inputs; NaN where neither the base nor a fixed value gives one). */
    final double[] template;
    /** Per likelihood, per nuisance parameter: the fixed or default value. */
    final double[][] nuisanceDefaults;
    final Map<String, Double> fixedTargets;

    private Scanner(ScanSpec spec, Opts opts) {
        this.spec = spec;
        this.theory = LcdmTheory.bundled(opts.toOptions());
        List<Likelihood> l = new ArrayList<>();
        Requirements req = Requirements.background(theory.derivedNames().toArray(String[]::new));
        for (int i = 0; i < spec.likelihoods().size(); i++) {
            Likelihood like = Likelihoods.create(spec.likelihoods().get(i), spec.options(i));
            theory.check(like.requirements(), "likelihood " + like.name());
            req = req.union(like.requirements());
            l.add(like);
        }
        this.likelihoods = List.copyOf(l);
        this.requirements = req;
        this.inputs = theory.parameterSpace().names();
        this.derived = List.copyOf(theory.derivedNames());
        this.template = new double[inputs.size()];
        java.util.Arrays.fill(template, Double.NaN);
        Map<String, Double> start = new LinkedHashMap<>();
        if (spec.base() != null) {
            start.putAll(ParameterBases.get(spec.base()));
        }
        Map<String, Double> targets = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : spec.fixedParameters().entrySet()) {
            if (isNuisance(e.getKey())) {
                continue;
            }
            if (!inputs.contains(e.getKey()) && isTarget(e.getKey())) {
                targets.put(e.getKey(), e.getValue());
            } else {
                start.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Double> e : start.entrySet()) {
            int k = inputs.indexOf(e.getKey());
            if (k < 0) {
                throw new InvalidParameterException(e.getKey(), "'" + e.getKey() + "' is neither an input of the theory "
                        + inputs + " nor a nuisance parameter of " + spec.likelihoods());
            }
            template[k] = e.getValue();
        }
        this.fixedTargets = Map.copyOf(targets);
        this.nuisanceDefaults = new double[likelihoods.size()][];
        for (int i = 0; i < likelihoods.size(); i++) {
            List<NuisanceParameter> n = likelihoods.get(i).nuisanceParameters();
            nuisanceDefaults[i] = new double[n.size()];
            for (int k = 0; k < n.size(); k++) {
                Double f = spec.fixedParameters().get(n.get(k).name());
                nuisanceDefaults[i][k] = f != null ? f : n.get(k).defaultValue();
            }
        }
    }

    /**
     * {@return the scanner of {@code spec} in this JVM, built on first use}
     *
     * @param spec the scan
     * @param opts the emulator options
     * @throws CosmoEmuException as the likelihood catalogue and theory throw (unknown option, missing data)
     */
    static Scanner get(ScanSpec spec, Opts opts) {
        return CACHE.computeIfAbsent(spec.key() + "|" + spec.base() + "|" + spec.fixedParameters() + "|" + opts,
                k -> new Scanner(spec, opts));
    }

    boolean isNuisance(String name) {
        for (Likelihood l : likelihoods) {
            for (NuisanceParameter p : l.nuisanceParameters()) {
                if (p.name().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isTarget(String name) {
        try {
            Reparametrisation.controlOf(name);
            return true;
        } catch (InvalidParameterException e) {
            return false;
        }
    }

    /** How the columns of a dataset are read. */
    final class Layout {
        /** Per theory input: the column, or -1. */
        final int[] inputColumn;
        /** Target names and their columns (row targets first, then fixed ones with column -1). */
        final String[] targetNames;
        final int[] targetColumn;
        /** Per likelihood, per nuisance parameter: the column, or -1. */
        final int[][] nuisanceColumn;
        final List<String> outputInputs = new ArrayList<>();
        final List<String> outputDerived = new ArrayList<>();
        final StructType outputSchema;

        Layout(StructType schema, boolean errorColumn) {
            inputColumn = new int[inputs.size()];
            for (int k = 0; k < inputs.size(); k++) {
                inputColumn[k] = Columns.indexOrMinus1(schema, inputs.get(k));
                if (inputColumn[k] >= 0) {
                    Columns.checkNumeric(schema.fields()[inputColumn[k]], "the scan");
                }
            }
            List<String> tn = new ArrayList<>();
            List<Integer> tc = new ArrayList<>();
            for (String f : schema.fieldNames()) {
                if (!inputs.contains(f) && !isNuisance(f) && isTarget(f)) {
                    int c = Columns.indexOrMinus1(schema, f);
                    Columns.checkNumeric(schema.fields()[c], "the scan");
                    tn.add(f);
                    tc.add(c);
                }
            }
            for (Map.Entry<String, Double> e : fixedTargets.entrySet()) {
                if (!tn.contains(e.getKey())) {
                    tn.add(e.getKey());
                    tc.add(-1);
                }
            }
            targetNames = tn.toArray(String[]::new);
            targetColumn = tc.stream().mapToInt(Integer::intValue).toArray();
            for (String t : targetNames) {
                String control = Reparametrisation.controlOf(t);
                if (Columns.indexOrMinus1(schema, control) >= 0) {
                    throw new InvalidParameterException(t, "setting " + t + " solves for " + control
                            + ", which a column also sets: drop one of the columns");
                }
            }
            nuisanceColumn = new int[likelihoods.size()][];
            for (int i = 0; i < likelihoods.size(); i++) {
                List<NuisanceParameter> n = likelihoods.get(i).nuisanceParameters();
                nuisanceColumn[i] = new int[n.size()];
                for (int k = 0; k < n.size(); k++) {
                    nuisanceColumn[i][k] = Columns.indexOrMinus1(schema, n.get(k).name());
                    if (nuisanceColumn[i][k] >= 0) {
                        Columns.checkNumeric(schema.fields()[nuisanceColumn[i][k]], "the scan");
                    }
                }
            }
            List<StructField> out = new ArrayList<>(List.of(schema.fields()));
            List<String> taken = new ArrayList<>(List.of(schema.fieldNames()));
            out.add(DataTypes.createStructField("logL", DataTypes.DoubleType, true));
            out.add(DataTypes.createStructField("chi2", DataTypes.DoubleType, true));
            for (String c : spec.chi2Columns()) {
                out.add(DataTypes.createStructField(c, DataTypes.DoubleType, true));
            }
            taken.add("logL");
            taken.add("chi2");
            taken.addAll(spec.chi2Columns());
            for (String in : inputs) {
                if (!taken.contains(in)) {
                    outputInputs.add(in);
                    taken.add(in);
                    out.add(DataTypes.createStructField(in, DataTypes.DoubleType, true));
                }
            }
            for (String d : derived) {
                if (!taken.contains(d)) {
                    outputDerived.add(d);
                    taken.add(d);
                    out.add(DataTypes.createStructField(d, DataTypes.DoubleType, true));
                }
            }
            if (errorColumn) {
                if (taken.contains(SparkEmu.ERROR_COLUMN)) {
                    throw new InvalidParameterException(SparkEmu.ERROR_COLUMN, "the dataset already has a column '"
                            + SparkEmu.ERROR_COLUMN + "', which the error mode writes");
                }
                out.add(DataTypes.createStructField(SparkEmu.ERROR_COLUMN, DataTypes.StringType, true));
            }
            outputSchema = DataTypes.createStructType(out);
        }
    }

    Layout layout(StructType schema, boolean errorColumn) {
        return new Layout(schema, errorColumn);
    }
}
