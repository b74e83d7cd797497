package org.cosmoemu.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Which code produced a model, for provenance. */
final class CodeVersion {
    /** System property that overrides the detected version (e.g. set by a release build). */
    static final String PROPERTY = "cosmoemu.code.version";

    private CodeVersion() {
    }

    /**
     * @return the property {@value #PROPERTY} if set, else {@code git describe --always --dirty} of the working
     *         directory, else the package version, else {@code unknown}
     */
    static String describe() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return p;
        }
        try {
            Process proc = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=12")
                    .redirectErrorStream(true).start();
            if (proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0) {
                String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!out.isEmpty()) {
                    return "git " + out;
                }
            } else {
                proc.destroy();
            }
        } catch (IOException e) {
            // no git: fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Package pkg = CodeVersion.class.getPackage();
        String v = pkg == null ? null : pkg.getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
