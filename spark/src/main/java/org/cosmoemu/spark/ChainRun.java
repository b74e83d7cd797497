package org.cosmoemu.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.inference.analysis.Analysis;

/**
 * One MCMC run of {@link SparkEmu#chains}: a cobaya input file (read with {@link Analysis#fromYaml}), a seed, a name
 * (the GetDist prefix of its files) and the number of chains it runs side by side.
 *
 * <pre>{@code
 * List<ChainRun> runs = ChainRun.seeds(ChainRun.fromFile(Path.of("examples/analyses/act-dr6-bao.yaml")), 20, 1);
 * }</pre>
 *
 * <p>Immutable and serializable; the input is carried as text, so executors need no shared file system.
 */
public final class ChainRun implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The input file's text. */
    private final String yaml;
    /** Where the input came from. */
    private final String source;
    /** The run's name, the prefix of its files. */
    private final String name;
    /** The seed, or null for the file's own. */
    private final Long seed;
    /** Chains run side by side in the run's task. */
    private final int chains;

    private ChainRun(String yaml, String source, String name, Long seed, int chains) {
        this.yaml = yaml;
        this.source = source;
        this.name = name;
        this.seed = seed;
        this.chains = chains;
    }

    /**
     * {@return a run of this input file's text, with the file's seed, one chain, named after {@code source}}
     *
     * @param yaml   the cobaya input file's text
     * @param source where it came from, for messages (a file name)
     * @throws org.cosmoemu.api.CosmoEmuException as {@link Analysis#fromYaml(String, String,
     *         org.cosmoemu.api.EmulatorOptions)} throws for a file it cannot run (checked now, on the driver)
     */
    public static ChainRun of(String yaml, String source) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(source, "source");
        Analysis.fromYaml(yaml, source, org.cosmoemu.api.EmulatorOptions.defaults());
        String n = Path.of(source).getFileName() == null ? "run" : Path.of(source).getFileName().toString()
                .replaceFirst("\\.ya?ml$", "");
        return new ChainRun(yaml, source, n.isEmpty() ? "run" : n, null, 1);
    }

    /**
     * {@return a run of the input file at {@code file}}
     *
     * @param file a cobaya input file
     * @throws DataFileException if it cannot be read
     * @throws org.cosmoemu.api.CosmoEmuException as {@link #of} throws
     */
    public static ChainRun fromFile(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new DataFileException("cannot read input file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@return {@code count} runs of {@code run} with seeds {@code firstSeed, firstSeed + 1, ...}, named
     * {@code NAME_s<seed>}}
     *
     * @param run       the run to repeat
     * @param count     how many (at least 1)
     * @param firstSeed the first seed
     * @throws InvalidOptionException if {@code count < 1}
     */
    public static List<ChainRun> seeds(ChainRun run, int count, long firstSeed) {
        if (count < 1) {
            throw new InvalidOptionException("runs", "the number of runs must be >= 1, got " + count);
        }
        List<ChainRun> l = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long s = firstSeed + i;
            l.add(run.withSeed(s).withName(run.name + "_s" + s));
        }
        return List.copyOf(l);
    }

    /**
     * {@return this run with the seed replaced}
     *
     * @param s the random seed
     */
    public ChainRun withSeed(long s) {
        return new ChainRun(yaml, source, name, s, chains);
    }

    /**
     * {@return this run with its files named {@code name.1.txt}, {@code name.paramnames}, ...}
     *
     * @param n the name: letters, digits, {@code _ - .}
     * @throws InvalidOptionException for an empty name or another character
     */
    public ChainRun withName(String n) {
        if (n == null || !n.matches("[A-Za-z0-9_.-]+") || n.startsWith(".")) {
            throw new InvalidOptionException("name", "a run name is letters, digits, '_', '-' and '.', got '" + n + "'");
        }
        return new ChainRun(yaml, source, n, seed, chains);
    }

    /**
     * {@return this run with {@code n} chains side by side in its task (Gelman-Rubin R-1 needs two or more)}
     *
     * @param n the number of chains (at least 1)
     * @throws InvalidOptionException if {@code n < 1}
     */
    public ChainRun withChains(int n) {
        if (n < 1) {
            throw new InvalidOptionException("chains", "the number of chains must be >= 1, got " + n);
        }
        return new ChainRun(yaml, source, name, seed, n);
    }

    /** {@return the input file's text} */
    public String yaml() {
        return yaml;
    }

    /** {@return where the input came from} */
    public String source() {
        return source;
    }

    /** {@return the run's name, the prefix of its files} */
    public String name() {
        return name;
    }

    /** {@return the seed, or {@code null} for the file's own} */
    public Long seed() {
        return seed;
    }

    /** {@return the number of chains the run's task runs} */
    public int chains() {
        return chains;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainRun r && yaml.equals(r.yaml) && source.equals(r.source) && name.equals(r.name)
                && Objects.equals(seed, r.seed) && chains == r.chains;
    }

    @Override
    public int hashCode() {
        return Objects.hash(yaml, source, name, seed, chains);
    }

    @Override
    public String toString() {
        return "ChainRun[" + name + ", " + source + ", seed " + (seed == null ? "from file" : seed) + ", " + chains
                + " chain(s)]";
    }
}
