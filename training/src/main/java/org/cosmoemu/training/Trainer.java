package org.cosmoemu.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one CosmoPower network on ND4J (whatever ND4J backend is on the classpath: CPU, or CUDA when a GPU
 * is lent), the CosmoPower recipe:
 * <ul>
 *   <li>inputs standardised with the training rows' mean and standard deviation; outputs encoded by
 *       {@link OutputEncoding} (transform, standardisation, optional PCA);</li>
 *   <li>the network of {@link TrainableNetwork}, mean squared error, {@link Adam};</li>
 *   <li>a schedule of stages, each with its learning rate and batch size and a fresh optimiser; each stage runs
 *       until the validation loss has not improved for {@code patience} epochs (or {@code max_epochs}), then
 *       restores the best weights it saw;</li>
 *   <li>fixed seeds: initial weights and batch order depend only on the spec's {@code seed}.</li>
 * </ul>
 * Only {@link HeldOutSplit.Role#TRAINING} rows take gradient steps and only {@link HeldOutSplit.Role#VALIDATION}
 * rows decide early stopping; test rows are never touched. Progress (stage, epoch, loss, validation loss,
 * ETA) is logged through SLF4J at INFO every {@link #LOG_INTERVAL}, every epoch at DEBUG.
 */
final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** How often progress is logged at INFO. */
    public static final Duration LOG_INTERVAL = Duration.ofSeconds(30);
    /** An improvement of the validation loss smaller than this fraction does not reset the patience counter. */
    private static final double MIN_IMPROVEMENT = 1e-6;

    /**
     * What one stage of the schedule did.
     *
     * @param learningRate       the stage's learning rate
     * @param batchSize          its batch size
     * @param epochs             epochs run
     * @param bestEpoch          epoch of the best validation loss (0: no epoch improved on the stage's start)
     * @param bestValidationLoss the best validation loss, whose weights the stage kept
     * @param seconds            wall-clock time
     */
    public record Stage(double learningRate, int batchSize, int epochs, int bestEpoch, double bestValidationLoss,
            double seconds) {
    }

    /**
     * @param model   the trained network with provenance
     * @param stages  what each stage did
     * @param seconds total wall-clock time
     */
    public record Result(NetworkModel model, List<Stage> stages, double seconds) {
    }

    private Trainer() {
    }

    /**
     * Trains the model a spec describes on the samples assembled from the CLASS shards.
     *
     * @param data the CLASS shards (for provenance: dataset name, shard names and hashes)
     * @param spec what to train
     * @return the trained model
     * @throws org.cosmoemu.api.DataFileException if the data does not fit the spec
     */
    public static Result train(ClassTrainingData data, ModelSpec spec) {
        TrainingSamples samples = TrainingSamples.assemble(data, spec);
        Map<String, String> prov = new LinkedHashMap<>();
        // The dataset's name (the data directory's folder, e.g. class-lcdm), never a path of this machine; the
        // shard checksums below identify the data exactly.
        prov.put("training.data", data.directory().toAbsolutePath().normalize().getFileName().toString());
        StringBuilder sb = new StringBuilder();
        for (ClassTrainingData.Shard s : data.shards()) {
            sb.append(sb.isEmpty() ? "" : "; ").append(s.file().getFileName()).append(" sha256=").append(s.sha256());
        }
        prov.put("training.shards", sb.toString());
        prov.put("training.design_points", Integer.toString(data.size()));
        if (samples.redshift() != null) {
            java.util.TreeMap<Double, Integer> perZ = new java.util.TreeMap<>();
            for (double z : samples.redshift()) {
                perZ.merge(z, 1, Integer::sum);
            }
            StringBuilder pz = new StringBuilder();
            perZ.forEach((z, c) -> pz.append(pz.isEmpty() ? "" : ", ").append("z=").append(z).append(": ").append(c));
            prov.put("training.points_per_z", pz + (spec.dropEqualTo() == null ? ""
                    : " (samples equal to " + spec.dropEqualTo() + " dropped)"));
        }
        return train(samples, spec, prov);
    }

    /**
     * Trains on given samples (the synthetic-data tests use this directly).
     *
     * @param samples    inputs, outputs and design indices
     * @param spec       architecture, schedule, transform, PCA, seed (its dataset keys are not used)
     * @param provenance entries to add to the model's provenance (e.g. data files)
     * @return the trained model
     * @throws DataFileException      if the training or validation split is empty, or an input is constant on the
     *                                training rows
     * @throws InvalidOptionException for a spec whose emphasis applies to no output or names an output the grid
     *                                lacks
     */
    @SuppressWarnings("try") // the workspaces are used for their scope only
    public static Result train(TrainingSamples samples, ModelSpec spec, Map<String, String> provenance) {
        Instant start = Instant.now();
        long limit = spec.maxDesignIndex();
        int[] train = java.util.Arrays.stream(samples.rowsWith(HeldOutSplit.Role.TRAINING))
                .filter(r -> samples.designIndex()[r] < limit).toArray();
        int[] val = java.util.Arrays.stream(samples.rowsWith(HeldOutSplit.Role.VALIDATION))
                .filter(r -> samples.designIndex()[r] < limit).toArray();
        int testCount = samples.rowsWith(HeldOutSplit.Role.TEST).length;
        if (train.length == 0 || val.length == 0) {
            throw new DataFileException(spec.name() + ": " + train.length + " training and " + val.length
                    + " validation samples: both splits need samples");
        }
        int nIn = samples.inputs().dimension();
        double[][] scaling = inputScaling(samples, train, spec.name());
        double[] inMean = scaling[0];
        double[] inStd = scaling[1];
        double[][] trainValues = rows(samples.y(), train);
        OutputEncoding enc = OutputEncoding.fit(trainValues, spec.transform(), spec.pcaComponents());
        DataType dt = spec.trainInFloat64() ? DataType.DOUBLE : DataType.FLOAT;
        INDArray xTrain = inputs(samples, train, inMean, inStd, dt);
        INDArray xVal = inputs(samples, val, inMean, inStd, dt);
        INDArray tTrain = targets(samples, train, enc, dt);
        INDArray tVal = targets(samples, val, enc, dt);
        double[] lw = enc.lossWeights(spec.loss());
        if (lw != null && spec.loss() == ModelSpec.Loss.RELATIVE && spec.emphasis() != 1) {
            lw = emphasise(lw, samples.grid(), spec);
        }
        INDArray weights = lw == null ? null : Nd4j.createFromArray(new double[][] {lw}).castTo(dt);

        int[] hidden = spec.hidden();
        int[] widths = new int[hidden.length + 2];
        widths[0] = nIn;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = enc.networkOutputs();
        TrainableNetwork net = TrainableNetwork.initialise(widths, dt, spec.seed());
        LOG.info("{}: training {} network {} ({} parameters) on {} samples, validating on {} ({} test samples held "
                + "out); transform {}, PCA {} (unexplained training variance {}), ND4J {} {}", spec.name(),
                hidden.length + "x" + hidden[0], Arrays.toString(widths), TrainableNetwork.parameterCount(widths),
                train.length, val.length, testCount, spec.transform().token(),
                spec.pcaComponents() == 0 ? "none" : spec.pcaComponents(),
                String.format(Locale.ROOT, "%.3e", 1 - enc.explainedVariance()), Nd4j.getBackend().getClass().getSimpleName(),
                dt);

        SplittableRandom rng = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
        double[] lrs = spec.learningRates();
        int[] batches = spec.batchSizes();
        List<Stage> stages = new ArrayList<>();
        WorkspaceConfiguration wsConfig = WorkspaceConfiguration.builder().initialSize(0)
                .policyAllocation(AllocationPolicy.OVERALLOCATE).policyLearning(LearningPolicy.FIRST_LOOP).build();
        double secondsPerEpoch = Double.NaN;
        Instant lastLog = Instant.now();
        INDArray best = net.parameters().dup();
        double bestLoss = validationLoss(net, xVal, tVal, weights, wsConfig);
        for (int s = 0; s < lrs.length; s++) {
            Instant stageStart = Instant.now();
            Adam adam = new Adam(net.parameters(), lrs[s]);
            int batch = Math.min(batches[s], train.length);
            double stageBest = bestLoss;
            int bestEpoch = 0;
            int epoch = 0;
            int[] order = java.util.stream.IntStream.range(0, train.length).toArray();
            while (epoch < spec.maxEpochs() && epoch - bestEpoch < spec.patience()) {
                epoch++;
                Instant e0 = Instant.now();
                shuffle(order, rng);
                double lossSum = 0;
                for (int b = 0; b < order.length; b += batch) {
                    int[] rows = Arrays.copyOfRange(order, b, Math.min(order.length, b + batch));
                    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(wsConfig, "cosmoemu-train")) {
                        INDArray xb = xTrain.getRows(rows);
                        INDArray tb = tTrain.getRows(rows);
                        lossSum += net.lossAndGradient(xb, tb, weights) * rows.length;
                    }
                    adam.update(net.parameters(), net.gradient());
                }
                double trainLoss = lossSum / order.length;
                double valLoss = validationLoss(net, xVal, tVal, weights, wsConfig);
                if (!Double.isFinite(valLoss) || !Double.isFinite(trainLoss)) {
                    LOG.warn("{}: stage {} epoch {}: loss is {} / validation {}; restoring the best weights and "
                            + "ending the stage", spec.name(), s + 1, epoch, trainLoss, valLoss);
                    break;
                }
                if (valLoss < stageBest * (1 - MIN_IMPROVEMENT)) {
                    stageBest = valLoss;
                    bestEpoch = epoch;
                    best.assign(net.parameters());
                }
                double dtEpoch = Duration.between(e0, Instant.now()).toNanos() * 1e-9;
                secondsPerEpoch = Double.isNaN(secondsPerEpoch) ? dtEpoch : 0.9 * secondsPerEpoch + 0.1 * dtEpoch;
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{}: stage {} epoch {}: loss {} validation {}", spec.name(), s + 1, epoch, trainLoss, valLoss);
                }
                if (Duration.between(lastLog, Instant.now()).compareTo(LOG_INTERVAL) >= 0) {
                    lastLog = Instant.now();
                    int stageLeft = Math.min(spec.maxEpochs() - epoch, bestEpoch + spec.patience() - epoch);
                    double eta = secondsPerEpoch * (stageLeft + (long) (lrs.length - 1 - s) * spec.maxEpochs());
                    LOG.info(String.format(Locale.ROOT, "%s: stage %d/%d (lr %.0e, batch %d) epoch %d: loss %.4e, "
                            + "validation %.4e (best %.4e at epoch %d), %.3f s/epoch, stage ends in <= %s, all in <= %s",
                            spec.name(), s + 1, lrs.length, lrs[s], batch, epoch, trainLoss, valLoss, stageBest,
                            bestEpoch, secondsPerEpoch, human(secondsPerEpoch * stageLeft), human(eta)));
                }
            }
            net.parameters().assign(best);
            bestLoss = stageBest;
            double secs = Duration.between(stageStart, Instant.now()).toNanos() * 1e-9;
            stages.add(new Stage(lrs[s], batch, epoch, bestEpoch, stageBest, secs));
            LOG.info(String.format(Locale.ROOT, "%s: stage %d/%d (lr %.0e, batch %d) done after %d epochs in %s: best "
                    + "validation loss %.4e (epoch %d)", spec.name(), s + 1, lrs.length, lrs[s], batch, epoch,
                    human(secs), stageBest, bestEpoch));
        }
        double seconds = Duration.between(start, Instant.now()).toNanos() * 1e-9;

        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("name", spec.name());
        prov.put("created_by", "cosmo-emu training pipeline (org.cosmoemu.training.Trainer)");
        prov.put("training.date", Instant.now().toString());
        prov.put("training.code_version", CodeVersion.describe());
        prov.putAll(provenance);
        prov.put("training.split", HeldOutSplit.describe());
        prov.put("training.samples", train.length + " training, " + val.length + " validation, " + testCount
                + " test (held out)");
        for (Map.Entry<String, String> e : spec.values().entrySet()) {
            prov.put("training.spec." + e.getKey(), e.getValue());
        }
        prov.put("training.backend", Nd4j.getBackend().getClass().getName() + " (ND4J " + ndVersion() + "), " + dt);
        prov.put("training.pca_explained_variance", String.format(Locale.ROOT, "%.10f", enc.explainedVariance()));
        StringBuilder st = new StringBuilder();
        for (Stage x : stages) {
            st.append(st.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT, "lr %.0e batch %d: %d epochs, best "
                    + "validation loss %.4e at epoch %d, %.0f s", x.learningRate(), x.batchSize(), x.epochs(),
                    x.bestValidationLoss(), x.bestEpoch(), x.seconds()));
        }
        prov.put("training.stages", st.toString());
        prov.put("training.seconds", String.format(Locale.ROOT, "%.0f", seconds));
        prov.put("validation.loss", String.format(Locale.ROOT, "%.6e", bestLoss));

        NetworkModel model = NetworkModel.builder().name(spec.name()).parameterSpace(samples.inputs())
                .inputScaling(inMean, inStd).layers(net.toLayers()).pca(enc.pca())
                .outputScaling(enc.mean(), enc.std()).grid(samples.grid())
                .quantity(samples.quantity().withTransform(spec.transform())).provenance(prov).build();
        LOG.info("{}: trained in {}, validation loss {}", spec.name(), human(seconds),
                String.format(Locale.ROOT, "%.4e", bestLoss));
        return new Result(model, List.copyOf(stages), seconds);
    }

    /**
     * The input standardisation: per-input mean and standard deviation over some rows.
     *
     * @param samples   the samples (not modified)
     * @param rows      the rows to average over (the training rows)
     * @param modelName for the error message
     * @return {@code {mean, std}}
     * @throws DataFileException if an input is constant on those rows
     */
    static double[][] inputScaling(TrainingSamples samples, int[] rows, String modelName) {
        int nIn = samples.inputs().dimension();
        double[] mean = new double[nIn];
        double[] std = new double[nIn];
        for (int i = 0; i < nIn; i++) {
            double m = 0;
            for (int r : rows) {
                m += samples.x()[r][i];
            }
            m /= rows.length;
            double v = 0;
            for (int r : rows) {
                v += (samples.x()[r][i] - m) * (samples.x()[r][i] - m);
            }
            mean[i] = m;
            std[i] = Math.sqrt(v / rows.length);
            if (!(std[i] > 0)) {
                throw new DataFileException(modelName + ": input '" + samples.inputs().get(i).name()
                        + "' is constant on the training rows");
            }
        }
        return new double[][] {mean, std};
    }

    @SuppressWarnings("try")
    private static double validationLoss(TrainableNetwork net, INDArray x, INDArray t, INDArray weights,
            WorkspaceConfiguration cfg) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(cfg, "cosmoemu-validate")) {
            INDArray d = net.forward(x).subi(t);
            INDArray sq = d.mul(d);
            double wsum = t.columns();
            if (weights != null) {
                sq.muliRowVector(weights);
                wsum = weights.sumNumber().doubleValue();
            }
            return sq.sumNumber().doubleValue() / (x.rows() * wsum);
        }
    }

    private static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@return the given rows of {@code a} (the row arrays themselves, not copies)} */
    static double[][] rows(double[][] a, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    private static INDArray inputs(TrainingSamples s, int[] rows, double[] mean, double[] std, DataType dt) {
        double[][] a = new double[rows.length][mean.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                a[i][j] = (s.x()[rows[i]][j] - mean[j]) / std[j];
            }
        }
        return Nd4j.createFromArray(a).castTo(dt);
    }

    private static INDArray targets(TrainingSamples s, int[] rows, OutputEncoding enc, DataType dt) {
        double[][] a = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            a[i] = enc.encode(s.y()[rows[i]]);
        }
        return Nd4j.createFromArray(a).castTo(dt);
    }

    private static String ndVersion() {
        Package p = Nd4j.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "1.0.0-M2.1" : v;
    }

    static String human(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
    }

    /**
     * Multiplies the loss weights of the emphasised outputs by {@link ModelSpec#emphasis()} and renormalises to
     * mean 1: on a named grid the spec's {@code metric_outputs}, on a value grid the outputs with grid values in
     * [{@code emphasis_min}, {@code emphasis_max}].
     *
     * @param weights per-output weights (not modified)
     * @param grid    the output grid
     * @param spec    the spec
     * @return the new weights
     * @throws InvalidOptionException if a named output is not on the grid, or no output is emphasised
     */
    static double[] emphasise(double[] weights, OutputGrid grid, ModelSpec spec) {
        double[] w = weights.clone();
        int emphasised = 0;
        for (int j = 0; j < w.length; j++) {
            boolean on = grid.isNamed() ? spec.metricOutputs().contains(grid.label(j))
                    : grid.value(j) >= spec.emphasisMin() && grid.value(j) <= spec.emphasisMax();
            if (on) {
                w[j] *= spec.emphasis();
                emphasised++;
            }
        }
        if (grid.isNamed()) {
            for (String n : spec.metricOutputs()) {
                if (grid.indexOf(n) < 0) {
                    throw new InvalidOptionException("metric_outputs", spec.name() + ": metric_outputs: '" + n
                            + "' is not an output; outputs are " + grid.labels());
                }
            }
        }
        if (emphasised == 0) {
            throw new InvalidOptionException("emphasis", spec.name() + ": emphasis = " + spec.emphasis()
                    + " applies to no output (set metric_outputs or emphasis_min/emphasis_max)");
        }
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        for (int j = 0; j < w.length; j++) {
            w[j] *= w.length / sum;
        }
        return w;
    }
}
