package org.cosmoemu.api.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cosmoemu.api.DataDirectory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates third-party test data under {@link DataDirectory#root()}. When it is absent the calling test is
 * skipped, except in CI (environment {@code CI=true} or {@code -Dcosmoemu.require.data=true}), where
 * absence is a failure.
 */
public final class SharedTestData {
    private SharedTestData() {
    }

    /** @return {@code true} when missing shared data must fail tests instead of skipping them */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("cosmoemu.require.data");
    }

    /**
     * @param relative a path inside the shared data directory
     * @return the existing path; skips (or, in CI, fails) the test if it does not exist
     */
    public static Path path(String relative) {
        Path p = DataDirectory.root().resolve(relative);
        if (!Files.exists(p)) {
            String msg = "shared test data absent: " + p + " (set " + DataDirectory.ENV + "=DIR or -D" + DataDirectory.PROPERTY
                    + "=DIR; cosmo-emu data install NAME installs it)";
            if (required()) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
        }
        return p;
    }
}
