package org.cosmoemu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.OutputException;

/**
 * The third-party likelihood data the SDK knows: every file of every data set with its size, SHA-256 and public
 * URL (the resource {@code data/manifest.tsv}, generated from a verified copy by {@code docs/tools/data-manifest.py}).
 * Installs a data set into a data directory by download, from a mirror URL, or by copying from a local mirror
 * directory, verifying every file; verifies an installed one. Files are written next to their destination and moved
 * into place only once their checksum matches, so a failed install leaves no partial file.
 */
final class DataCatalogue {

    /** One file of a data set. */
    record Entry(String dataset, String path, long size, String sha256, String url) {
        boolean downloadable() {
            return !url.equals("-");
        }
    }

    /** What an installed file looks like against the catalogue. */
    enum State {
        OK, MISSING, WRONG_SIZE, WRONG_CHECKSUM
    }

    /** A data set the SDK knows but cannot install: its files are not published where a program can fetch them. */
    record Unavailable(String dataset, String marker, String reason) {
    }

    static final List<Unavailable> UNAVAILABLE = List.of(new Unavailable("planck2018_lowl",
            "likelihoods/planck2018_lowl/planck_2018_lowT_native",
            "Planck 2018 low-l TT (Commander) and EE (SimAll): cobaya installs them from the release assets of "
                    + "CobayaSampler/planck_native_data (v1: planck_2018_lowT.zip, planck_2018_lowE.zip); unpack them into "
                    + "DATA_DIR/likelihoods/planck2018_lowl/ (planck_2018_lowT_native/, planck_2018_lowE_native/)"));

    private final Map<String, List<Entry>> datasets;

    private DataCatalogue(Map<String, List<Entry>> datasets) {
        this.datasets = datasets;
    }

    /** @return the catalogue shipped in this jar */
    static DataCatalogue load() {
        try (InputStream in = DataCatalogue.class.getResourceAsStream("data/manifest.tsv")) {
            if (in == null) {
                throw new DataFileException("the data catalogue (resource org/cosmoemu/cli/data/manifest.tsv) is not in this build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DataFileException("cannot read the data catalogue: " + e.getMessage(), e);
        }
    }

    static DataCatalogue parse(String tsv) {
        Map<String, List<Entry>> m = new LinkedHashMap<>();
        int line = 0;
        for (String l : tsv.split("\n")) {
            line++;
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\t");
            if (f.length != 5) {
                throw new DataFileException("data catalogue line " + line + ": expected 5 tab-separated fields, got " + f.length);
            }
            m.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Entry(f[0], f[1], Long.parseLong(f[2]), f[3], f[4]));
        }
        return new DataCatalogue(m);
    }

    /** @return the installable data sets' names, in catalogue order */
    List<String> names() {
        return List.copyOf(datasets.keySet());
    }

    /**
     * @param name a data set
     * @return its files
     * @throws InvalidOptionException naming the data sets if {@code name} is not one
     */
    List<Entry> files(String name) {
        List<Entry> e = datasets.get(name);
        if (e == null) {
            for (Unavailable u : UNAVAILABLE) {
                if (u.dataset().equals(name)) {
                    throw new DataFileException("data set '" + name + "' cannot be installed automatically: " + u.reason());
                }
            }
            throw new InvalidOptionException("dataset", "no data set named '" + name + "'; known: " + names());
        }
        return e;
    }

    /** @return the state of one file under {@code root} */
    static State state(Path root, Entry e) {
        Path f = root.resolve(e.path());
        try {
            if (!Files.isRegularFile(f)) {
                return State.MISSING;
            }
            if (Files.size(f) != e.size()) {
                return State.WRONG_SIZE;
            }
            return sha256(f).equals(e.sha256()) ? State.OK : State.WRONG_CHECKSUM;
        } catch (IOException ex) {
            return State.MISSING;
        }
    }

    /** Where {@link #install} takes the files from. */
    sealed interface Source permits Mirror, Download {
    }

    /** A local directory laid out as a data directory (e.g. {@code ../shared/data}). */
    record Mirror(Path root) implements Source {
    }

    /**
     * Download: each file's own URL, or {@code base} + its path under the data directory when a mirror URL is given.
     */
    record Download(String base, Duration timeout) implements Source {
    }

    /**
     * Installs one data set, skipping files already present with the right checksum.
     *
     * @return how many files were written (the rest were already there)
     * @throws DataFileException naming the file if a source file is missing, fails to download (the message says
     *                           what to do offline) or does not match its checksum
     * @throws OutputException   naming the file if the destination cannot be written
     */
    int install(String name, Path root, Source source, java.io.PrintStream progress) {
        List<Entry> files = files(name);
        HttpClient http = source instanceof Download d ? HttpClient.newBuilder().connectTimeout(d.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build() : null;
        int written = 0;
        for (Entry e : files) {
            if (state(root, e) == State.OK) {
                continue;
            }
            Path dest = root.resolve(e.path());
            Path tmp;
            try {
                Files.createDirectories(dest.getParent());
                tmp = Files.createTempFile(dest.getParent(), "." + dest.getFileName(), ".part");
            } catch (IOException ex) {
                throw new OutputException(dest + ": cannot write (" + ex.getMessage() + ")", ex);
            }
            try {
                switch (source) {
                    case Mirror m -> copy(m.root().resolve(e.path()), tmp, m.root());
                    case Download d -> download(http, d, e, tmp);
                }
                long size = Files.size(tmp);
                String sum = sha256(tmp);
                if (size != e.size() || !sum.equals(e.sha256())) {
                    throw new DataFileException(e.path() + " from " + describe(source, e) + " does not match the catalogue ("
                            + size + " bytes, sha256 " + sum + "; expected " + e.size() + " bytes, sha256 " + e.sha256()
                            + "): not the published file");
                }
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written++;
                if (progress != null) {
                    progress.println("  " + e.path());
                }
            } catch (IOException ex) {
                throw new OutputException(dest + ": cannot write (" + ex.getMessage() + ")", ex);
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden (dot-prefixed) and harmless
                }
            }
        }
        return written;
    }

    private static String describe(Source s, Entry e) {
        return switch (s) {
            case Mirror m -> m.root().resolve(e.path()).toString();
            case Download d -> url(d, e);
        };
    }

    private static String url(Download d, Entry e) {
        return d.base() == null ? e.url() : (d.base().endsWith("/") ? d.base() : d.base() + "/") + e.path();
    }

    private static void copy(Path from, Path to, Path mirror) throws IOException {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException ex) {
            throw new DataFileException(from + " is not in the mirror " + mirror + " (a mirror is laid out as a data "
                    + "directory: " + mirror.resolve("likelihoods") + "/...)");
        }
    }

    private static void download(HttpClient http, Download d, Entry e, Path to) throws IOException {
        if (!e.downloadable() && d.base() == null) {
            throw new DataFileException(e.path() + " has no stable public URL; install it from a mirror (--from DIR, "
                    + "a directory laid out as the data directory, or --mirror-url URL)");
        }
        String url = url(d, e);
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(URI.create(url)).timeout(d.timeout()).GET().build();
        } catch (IllegalArgumentException ex) {
            throw new InvalidOptionException("mirror-url", "not a URL: " + url);
        }
        try {
            HttpResponse<Path> r = http.send(req, HttpResponse.BodyHandlers.ofFile(to));
            if (r.statusCode() != 200) {
                throw new DataFileException("cannot download " + url + ": HTTP " + r.statusCode());
            }
        } catch (ConnectException | HttpTimeoutException | java.nio.channels.UnresolvedAddressException ex) {
            throw offline(url, ex);
        } catch (IOException ex) {
            if (ex.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
                throw offline(url, ex);
            }
            throw new DataFileException("cannot download " + url + ": " + ex, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DataFileException("interrupted while downloading " + url, ex);
        }
    }

    private static DataFileException offline(String url, Exception ex) {
        return new DataFileException("cannot download " + url + " (" + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + "): no network? Install from a copy instead: "
                + "cosmo-emu data install NAME --from DIR (DIR laid out as the data directory, e.g. ../shared/data)", ex);
    }

    static String sha256(Path f) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM provides SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
