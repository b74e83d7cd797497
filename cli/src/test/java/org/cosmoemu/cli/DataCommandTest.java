package org.cosmoemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cosmoemu.api.testing.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cosmo-emu data}: installing from a local mirror and by download (from a loopback HTTP server standing in for
 * the public hosts), verification against the catalogue's sizes and checksums, and clear errors offline.
 */
class DataCommandTest {

    static CliTest.Result run(String... args) {
        return CliTest.run(args);
    }

    /** The shared data directory, used as a mirror (skips without it). */
    static Path mirror() {
        return SharedTestData.path("likelihoods/bao").getParent().getParent();
    }

    static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void installFromALocalMirrorVerifyAndRepair(@TempDir Path dir) throws IOException {
        Path mirror = mirror();
        CliTest.Result r = run("data", "install", "bao", "--from", mirror.toString(), "--dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bao: 57 files verified (57 written, 0 already there)"), r.out());
        assertEquals(57, files(dir.resolve("likelihoods/bao")));
        assertEquals(0, run("data", "verify", "bao", "--dir", dir.toString()).code());

        Path f = dir.resolve("likelihoods/bao/sdss_DR12_LRG_BAO_DMDH.dat");
        Files.writeString(f, "# tampered\n", StandardOpenOption.APPEND);
        CliTest.Result bad = run("data", "verify", "--dir", dir.toString(), "--json");
        assertEquals(1, bad.code(), "a changed file fails verification");
        assertTrue(bad.err().contains("sdss_DR12_LRG_BAO_DMDH.dat"), bad.err());
        assertTrue(bad.out().contains("wrong size"), bad.out());

        CliTest.Result again = run("data", "install", "bao", "--from", mirror.toString(), "--dir", dir.toString());
        assertTrue(again.out().contains("(1 written, 56 already there)"), again.out());
        assertEquals(0, run("data", "verify", "bao", "--dir", dir.toString()).code());

        @SuppressWarnings("unchecked")
        Map<String, Object> bao = (Map<String, Object>) ((Map<String, Object>) run("data", "list", "--dir", dir.toString(),
                "--json").json().get("datasets")).get("bao");
        assertEquals("installed", bao.get("status"));
        assertEquals(57.0, bao.get("files"));
    }

    @Test
    void downloadVerifiesEveryFileAndLeavesNothingHalfWritten(@TempDir Path dir) throws IOException {
        Path mirror = mirror();
        String tampered = "likelihoods/planck2018_plik_lite/planck2018_plik_lite/blmin.dat";
        boolean[] tamper = {false};
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            Path f = mirror.resolve(ex.getRequestURI().getPath().substring(1));
            byte[] body = Files.isRegularFile(f) ? Files.readAllBytes(f) : null;
            if (body != null && tamper[0] && ex.getRequestURI().getPath().endsWith(tampered)) {
                body[0] ^= 1;
            }
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            CliTest.Result r = run("data", "install", "planck2018_plik_lite", "--mirror-url", url, "--dir", dir.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(0, run("data", "verify", "planck2018_plik_lite", "--dir", dir.toString()).code());

            Files.delete(dir.resolve(tampered));
            tamper[0] = true;
            CliTest.Result bad = run("data", "install", "planck2018_plik_lite", "--mirror-url", url, "--dir", dir.toString());
            assertEquals(1, bad.code());
            assertTrue(bad.err().contains("blmin.dat") && bad.err().contains("does not match the catalogue"), bad.err());
            assertFalse(Files.exists(dir.resolve(tampered)), "a file that fails its checksum is not installed");
            try (Stream<Path> s = Files.list(dir.resolve(tampered).getParent())) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial file left");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void offlineAndUnknownNamesAreClearErrors(@TempDir Path dir) {
        // nothing listens on port 1: the download fails as it does without a network, and says what to do instead
        CliTest.Result off = run("data", "install", "bao", "--mirror-url", "http://127.0.0.1:1/", "--dir", dir.toString(),
                "--timeout", "5");
        assertEquals(1, off.code());
        assertTrue(off.err().contains("cannot download http://127.0.0.1:1/likelihoods/bao/") && off.err().contains("--from"),
                off.err());
        CliTest.Result unknown = run("data", "install", "nope", "--dir", dir.toString(), "--json");
        assertEquals(1, unknown.code());
        assertEquals("invalid_option", unknown.json().get("kind"));
        assertTrue(unknown.err().contains("act_dr6_lensing"), "the message lists the data sets: " + unknown.err());
        CliTest.Result lowl = run("data", "install", "planck2018_lowl", "--dir", dir.toString());
        assertEquals(1, lowl.code());
        assertTrue(lowl.err().contains("planck_native_data"), lowl.err());
        assertEquals(2, run("data").code());
        assertEquals(2, run("data", "frobnicate").code());
        CliTest.Result list = run("data", "list", "--dir", dir.toString());
        assertEquals(0, list.code());
        for (String n : List.of("act_dr6_lensing", "bao", "planck2018_lensing", "planck_pr4_lensing", "planck2018_plik_lite",
            "planck2018_lowl")) {
            assertTrue(list.out().contains(n), n + " in: " + list.out());
        }
    }
}
