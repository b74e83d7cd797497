package org.cosmoemu.api;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where third-party data (likelihood data, CLASS training spectra, CosmoPower fixtures) lives. Such data is
 * never bundled with the SDK; its location is configuration:
 * <ol>
 *   <li>the system property {@value #PROPERTY}, else</li>
 *   <li>the environment variable {@value #ENV}, else</li>
 *   <li>{@code ../shared/data} relative to the working directory (the development layout).</li>
 * </ol>
 */
public final class DataDirectory {
    /** System property naming the data directory. */
    public static final String PROPERTY = "cosmoemu.data.dir";
    /** Environment variable naming the data directory. */
    public static final String ENV = "COSMOEMU_DATA_DIR";
    /** The development default, relative to the working directory. */
    public static final String DEFAULT = "../shared/data";

    private DataDirectory() {
    }

    /** @return the configured data directory (it may not exist) */
    public static Path root() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        if (p == null || p.isBlank()) {
            p = DEFAULT;
        }
        return Path.of(p).toAbsolutePath().normalize();
    }

    /**
     * @param relative a path inside the data directory, e.g. {@code likelihoods/act_dr6_lenslike}
     * @param source   where the data is published, quoted when it is missing (may be {@code null})
     * @return the existing file or directory
     * @throws DataFileException naming the path, the configuration that selects it, and {@code source}
     */
    public static Path require(String relative, String source) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new DataFileException("data not found: " + p + " (data directory " + root() + " from "
                    + describeSource() + "; set -D" + PROPERTY + "=DIR or " + ENV + "=DIR)"
                    + (source == null ? "" : "; the data is published at " + source));
        }
        return p;
    }

    private static String describeSource() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return "system property " + PROPERTY;
        }
        String e = System.getenv(ENV);
        if (e != null && !e.isBlank()) {
            return "environment variable " + ENV;
        }
        return "the default " + DEFAULT;
    }
}
