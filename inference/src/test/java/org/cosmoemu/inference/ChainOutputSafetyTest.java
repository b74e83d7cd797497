package org.cosmoemu.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cosmoemu.api.OutputException;
import org.cosmoemu.likelihoods.Prior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 6: samples reach their files within seconds and survive SIGTERM, resuming repairs what an
 * interruption leaves, resumes only with the same settings, an existing run is never silently reused, and one
 * root holds one run at a time.
 */
class ChainOutputSafetyTest {

    /** A posterior whose likelihood takes {@code millis} per evaluation. */
    static Posterior slow(long millis) {
        return Posterior.of(List.of(SampledParameter.of("x", Prior.uniform(-5, 5), 0, 0.5, 1.0, "x")), (p, d) -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -0.5 * p[0] * p[0];
        });
    }

    @Test
    void rowsReachTheFileWithinSecondsLongBeforeTheFirstCheckpoint(@TempDir Path dir) throws Exception {
        // 20 ms per evaluation and a checkpoint every 100000 samples: the old writer held every row in its buffer
        Path root = dir.resolve("slow");
        McmcSettings s = McmcSettings.builder().chains(1).seed(3).checkEvery(100_000).maxTime(Duration.ofSeconds(6))
                .output(root).build();
        CompletableFuture<McmcResult> run = CompletableFuture.supplyAsync(() -> Mcmc.run(slow(20), s));
        Thread.sleep(3500);
        List<String> lines = Files.readAllLines(GetDistFiles.chainFile(root, 0));
        assertTrue(lines.get(0).startsWith("# weight minuslogpost x"), lines.toString());
        assertTrue(lines.size() >= 6, "rows on disk after 3.5 s: " + (lines.size() - 1));
        assertTrue(Files.readString(GetDistFiles.chainFile(root, 0)).endsWith("\n"), "only whole lines are written");
        McmcResult r = run.get(30, TimeUnit.SECONDS);
        assertEquals(McmcResult.StopReason.MAX_TIME, r.stopReason());
        assertEquals(r.chains().rows(0) + 1, Files.readAllLines(GetDistFiles.chainFile(root, 0)).size());
    }

    @Test
    void sigtermClosesTheChainsWithEveryRowWritten(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChainShutdownMain.class.getName(), root.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        Path chain = GetDistFiles.chainFile(root, 0);
        long until = System.nanoTime() + 20_000_000_000L;
        while ((!Files.exists(chain) || Files.readAllLines(chain).size() < 4) && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        int before = Files.readAllLines(chain).size();
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child stopped");
        String log = Files.readString(dir.resolve("child.log"));
        for (int c = 0; c < 2; c++) {
            String text = Files.readString(GetDistFiles.chainFile(root, c));
            assertTrue(text.startsWith("# weight minuslogpost x"), text);
            assertTrue(text.endsWith("\n"), "whole lines only");
        }
        assertTrue(Files.readAllLines(chain).size() >= before, "nothing written was lost");
        assertTrue(before >= 4, "rows reached the file while running: " + before + "\n" + log);
        // the run can be resumed with its settings: the lock went with the process
        McmcResult resumed = Mcmc.run(slow(0), ChainShutdownMain.settings(root).maxSamples(50)
                .maxTime(Duration.ofSeconds(20)).resume(true).build());
        assertTrue(resumed.chains().rows(0) >= 50);
    }

    @Test
    void resumeRepairsATornLastLineAndAMissingHeader(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("run");
        McmcSettings.Builder s = GetDistOutputTest.settings(root).maxSamples(100);
        Mcmc.run(GetDistOutputTest.posterior(), s.build());
        Path one = GetDistFiles.chainFile(root, 0);
        List<String> rows = Files.readAllLines(one);
        Files.writeString(one, String.join("\n", rows) + "\n1 0.51 0.3");   // cut short mid-row by a crash
        Files.writeString(GetDistFiles.chainFile(root, 1), "");                // created, never written
        McmcResult r = Mcmc.run(GetDistOutputTest.posterior(), s.maxSamples(200).resume(true).build());
        String text = Files.readString(one);
        assertFalse(text.contains("1 0.51 0.3\n"), "the torn row was dropped");
        assertTrue(Files.readString(GetDistFiles.chainFile(root, 1)).startsWith("# weight minuslogpost omega_m"));
        GetDistOutputTest.assertSameChains(r.chains(), Chains.read(root));
    }

    @Test
    void resumeRequiresTheSameSettingsSeedIncluded(@TempDir Path dir) {
        Path root = dir.resolve("run");
        Mcmc.run(GetDistOutputTest.posterior(), GetDistOutputTest.settings(root).maxSamples(100).build());
        OutputException e = assertThrows(OutputException.class, () -> Mcmc.run(GetDistOutputTest.posterior(),
                GetDistOutputTest.settings(root).seed(10).resume(true).build()));
        assertTrue(e.getMessage().contains("seed: 9 in the stored run, 10 now") && e.getMessage().contains("--force")
                && e.getMessage().contains(root.toString()), e.getMessage());
        OutputException e2 = assertThrows(OutputException.class, () -> Mcmc.run(GetDistOutputTest.posterior(),
                GetDistOutputTest.settings(root).proposalScale(1.5).resume(true).build()));
        assertTrue(e2.getMessage().contains("proposal_scale: 2.4 in the stored run, 1.5 now"), e2.getMessage());
        // the stopping criteria may change
        Mcmc.run(GetDistOutputTest.posterior(), GetDistOutputTest.settings(root).maxSamples(150).resume(true).build());
    }

    @Test
    void existingRunWithoutAFlagSaysWhichFlagToUse(@TempDir Path dir) {
        Path root = dir.resolve("run");
        Mcmc.run(GetDistOutputTest.posterior(), GetDistOutputTest.settings(root).maxSamples(100).build());
        OutputException e = assertThrows(OutputException.class,
                () -> Mcmc.run(GetDistOutputTest.posterior(), GetDistOutputTest.settings(root).build()));
        assertTrue(e.getMessage().contains(root.toString()) && e.getMessage().contains("--resume")
                && e.getMessage().contains("--force"), e.getMessage());
    }

    @Test
    void aRootInUseIsRefused(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("run");
        try (RootLock held = RootLock.acquire(root)) {
            OutputException e = assertThrows(OutputException.class,
                    () -> Mcmc.run(GetDistOutputTest.posterior(), GetDistOutputTest.settings(root).build()));
            assertTrue(e.getMessage().contains("is in use by another run") && e.getMessage().contains("run.lock")
                    && e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
        }
        Mcmc.run(GetDistOutputTest.posterior(), GetDistOutputTest.settings(root).maxSamples(50).build());
    }

    @Test
    void writeErrorsSayWhatIsWrongNotOnlyThePath(@TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        OutputException e = assertThrows(OutputException.class, () -> Mcmc.run(GetDistOutputTest.posterior(),
                GetDistOutputTest.settings(blocker.resolve("sub").resolve("run")).build()));
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("not a directory"), e.getMessage());
        Path ro = Files.createDirectories(dir.resolve("ro"));
        if (ro.toFile().setWritable(false) && !Files.isWritable(ro)) { // not as root
            OutputException d = assertThrows(OutputException.class, () -> Mcmc.run(GetDistOutputTest.posterior(),
                    GetDistOutputTest.settings(ro.resolve("run")).build()));
            assertTrue(d.getMessage().contains("permission denied"), d.getMessage());
        }
    }
}
