package org.cosmoemu.api;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where third-party data (likelihood data, CLASS training spectra, CosmoPower fixtures) lives. Such data is
 * never bundled with the SDK; its location is configuration:
 * <ol>
 *   <li>the system property {@value #PROPERTY}, else</li>
 *   <li>the environment variable {@value #ENV}, else</li>
 *   <li>{@code ../shared/data} relative to the working directory (the development layout) if it exists, else</li>
 *   <li>the user's data directory ({@link #userDirectory()}, where {@code cosmo-emu data install} puts data) if it
 *       exists, else</li>
 *   <li>{@code ../shared/data} (which does not exist: errors then say how to install the data).</li>
 * </ol>
 */
public final class DataDirectory {
    /** System property naming the data directory. */
    public static final String PROPERTY = "cosmoemu.data.dir";
    /** Environment variable naming the data directory. */
    public static final String ENV = "COSMOEMU_DATA_DIR";
    /** The development default, relative to the working directory. */
    public static final String DEFAULT = "../shared/data";
    /** The folder under the XDG data home that {@link #userDirectory()} names. */
    public static final String USER_FOLDER = "cosmo-emu";

    private DataDirectory() {
    }

    /** {@return the configured data directory (it may not exist)} */
    public static Path root() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        if (p == null || p.isBlank()) {
            Path dev = Path.of(DEFAULT).toAbsolutePath().normalize();
            if (!Files.isDirectory(dev) && Files.isDirectory(userDirectory())) {
                return userDirectory();
            }
            return dev;
        }
        return Path.of(p).toAbsolutePath().normalize();
    }

    /**
     * The user's own data directory, XDG-style: {@code $XDG_DATA_HOME/cosmo-emu} when {@code XDG_DATA_HOME} is set
     * (to an absolute path), else {@code ~/.local/share/cosmo-emu}. {@code cosmo-emu data install} installs there
     * unless told otherwise, and {@link #root()} finds it without configuration.
     *
     * @return the directory (it may not exist)
     */
    public static Path userDirectory() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve(USER_FOLDER).toAbsolutePath().normalize();
    }

    /**
     * {@return the directory that a configuration names explicitly ({@value #PROPERTY}, else {@value #ENV}), or
     * {@code null} when neither is set}
     *
     */
    public static Path configured() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        return p == null || p.isBlank() ? null : Path.of(p).toAbsolutePath().normalize();
    }

    /**
     * {@return the existing file or directory}
     *
     * @param relative a path inside the data directory, e.g. {@code likelihoods/act_dr6_lenslike}
     * @param source   where the data is published, quoted when it is missing (may be {@code null})
     * @throws DataFileException naming the path, the configuration that selects it, and {@code source}
     */
    public static Path require(String relative, String source) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new DataFileException("data not found: " + p + " (data directory " + root() + " from "
                    + describeSource() + "; set -D" + PROPERTY + "=DIR or " + ENV + "=DIR, or install it with "
                    + "cosmo-emu data install NAME (cosmo-emu data list names the data sets))"
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
        return root().equals(userDirectory()) ? "the user data directory" : "the default " + DEFAULT;
    }
}
