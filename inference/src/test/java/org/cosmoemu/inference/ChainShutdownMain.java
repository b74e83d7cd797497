package org.cosmoemu.inference;

import java.nio.file.Path;
import java.time.Duration;

/** Runs a slow two-chain sampler until it is killed (for {@link ChainOutputSafetyTest}). */
public final class ChainShutdownMain {
    private ChainShutdownMain() {
    }

    static McmcSettings.Builder settings(Path root) {
        return McmcSettings.builder().chains(2).seed(5).checkEvery(100_000).output(root);
    }

    /** @param args the output root */
    public static void main(String[] args) {
        McmcResult r = Mcmc.run(ChainOutputSafetyTest.slow(15), settings(Path.of(args[0]))
                .maxTime(Duration.ofMinutes(5)).build());
        System.out.println("stopped: " + r.stopReason());
    }
}
