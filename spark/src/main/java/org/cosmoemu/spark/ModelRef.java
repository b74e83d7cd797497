package org.cosmoemu.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.models.BundledModels;

/**
 * A model an executor can load: a network of the bundled catalogue ({@link BundledModels}, read from the jar) or a
 * user's model file shipped to every executor through Spark ({@link SparkSession#sparkContext()}{@code .addFile}).
 * Each carries the SHA-256 of its file as the driver saw it; an executor checks its own copy against it, and keeps
 * one emulator per model name and checksum.
 *
 * <p>Immutable and serializable.
 */
public final class ModelRef implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> BUNDLED_SHA = new ConcurrentHashMap<>();

    /** The catalogue name, or the shipped file's name. */
    private final String name;
    /** The shipped file's name, or null for a bundled model. */
    private final String fileName;
    /** SHA-256 of the model file as the driver read it. */
    private final String sha256;
    /** The output column. */
    private final String column;

    private ModelRef(String name, String fileName, String sha256, String column) {
        this.name = name;
        this.fileName = fileName;
        this.sha256 = sha256;
        this.column = column;
    }

    /**
     * {@return a network of the bundled catalogue, e.g. {@code lcdm/tt}; its output column is the name with
     * {@code /} replaced by {@code _} ({@code lcdm_tt})}
     *
     * @param name a catalogue name ({@link BundledModels#names()})
     * @throws InvalidOptionException if the catalogue has no such model
     * @throws ModelFormatException   if the model's resource cannot be read
     */
    public static ModelRef bundled(String name) {
        if (name == null || !BundledModels.names().contains(name)) {
            throw new InvalidOptionException("model", "no bundled model named '" + name + "'; the catalogue has "
                    + BundledModels.names());
        }
        String sha = BUNDLED_SHA.computeIfAbsent(name, ModelRef::bundledSha256);
        return new ModelRef(name, null, sha, name.replace('/', '_'));
    }

    /**
     * {@return a user's model file (the SDK's HDF5 format or a CosmoPower file), added to {@code spark}'s files so that
     * every executor gets a copy; its output column is the file name without extension}
     *
     * @param spark the session whose executors evaluate it
     * @param file  the model file on the driver (or a path every node can read)
     * @throws ModelFormatException if the file cannot be read
     */
    public static ModelRef file(SparkSession spark, Path file) {
        Objects.requireNonNull(spark, "spark");
        Path abs = file.toAbsolutePath().normalize();
        String sha;
        try (InputStream in = Files.newInputStream(abs)) {
            sha = sha256(in);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        spark.sparkContext().addFile(abs.toString());
        String fn = abs.getFileName().toString();
        int dot = fn.lastIndexOf('.');
        return new ModelRef(fn, fn, sha, dot > 0 ? fn.substring(0, dot) : fn);
    }

    /**
     * {@return the model with its output written to {@code name}}
     *
     * @param name the output column's name (not blank)
     * @throws InvalidOptionException if {@code name} is blank
     */
    public ModelRef withColumn(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidOptionException("column", "an output column needs a name, got '" + name + "'");
        }
        return new ModelRef(this.name, fileName, sha256, name);
    }

    /** {@return the catalogue name, or the file name of a shipped file} */
    public String name() {
        return name;
    }

    /** {@return the output column's name} */
    public String column() {
        return column;
    }

    /** {@return the SHA-256 of the model file, in lower-case hex} */
    public String sha256() {
        return sha256;
    }

    /** {@return whether the model comes from the bundled catalogue} */
    public boolean isBundled() {
        return fileName == null;
    }

    /** {@return the key of the executor's cache: name and checksum} */
    String key() {
        return name + "@" + sha256;
    }

    /** {@return the local path of a shipped file on this executor} */
    Path localFile() {
        return Path.of(SparkFiles.get(fileName));
    }

    /** {@return the SHA-256 of a bundled model's resource} */
    static String bundledSha256(String name) {
        String res = BundledModels.RESOURCE_ROOT + name + ".h5";
        try (InputStream in = BundledModels.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new ModelFormatException("bundled model '" + name + "' is not in this build (no resource " + res + ")");
            }
            return sha256(in);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read bundled model " + res + ": " + e.getMessage(), e);
        }
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0;) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelRef m && name.equals(m.name) && sha256.equals(m.sha256) && column.equals(m.column)
                && Objects.equals(fileName, m.fileName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, sha256, column);
    }

    @Override
    public String toString() {
        return "ModelRef[" + name + (isBundled() ? ", bundled" : ", shipped file") + ", sha256 " + sha256.substring(0, 12)
                + ", column " + column + "]";
    }
}
