package org.cosmoemu.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cosmoemu.api.DataDirectory;
import org.cosmoemu.api.DataFileException;

/**
 * {@code data list|install NAME...|verify [NAME...]}: the third-party likelihood data, as {@code cobaya-install}
 * does it. Data goes into the data directory: {@code --dir DIR}, else the configured one ({@code -Dcosmoemu.data.dir},
 * {@code COSMOEMU_DATA_DIR}), else the user's ({@code $XDG_DATA_HOME/cosmo-emu}, {@code ~/.local/share/cosmo-emu}),
 * which the likelihoods then find without configuration.
 */
final class DataCommand implements Command {
    @Override
    public String name() {
        return "data";
    }

    @Override
    public String summary() {
        return "list, install (download, or --from a local copy) and verify the third-party likelihood data";
    }

    @Override
    public int run(String[] argv, int from, PrintStream out) {
        if (from >= argv.length || argv[from].startsWith("-")) {
            throw new UsageException("usage: cosmo-emu data list | install NAME... | verify [NAME...]  [options]\n"
                    + "  list      the data sets, their size and whether they are installed\n"
                    + "  install   download NAME (or copy it --from DIR) into the data directory, verifying every file\n"
                    + "  verify    check the installed files' sizes and SHA-256 against the catalogue\n" + args().usage());
        }
        String action = argv[from];
        List<String> names = new ArrayList<>();
        int i = from + 1;
        while (i < argv.length && !argv[i].startsWith("--")) {
            names.add(argv[i++]);
        }
        Args a = args().parse(argv, i);
        DataCatalogue cat = DataCatalogue.load();
        Path root = a.has("dir") ? Path.of(a.get("dir")).toAbsolutePath().normalize() : target(action);
        return switch (action) {
            case "list" -> list(cat, root, a.has("json"), out);
            case "install" -> install(cat, root, names, a, out);
            case "verify" -> verify(cat, root, names, a.has("json"), out);
            default -> throw new UsageException("unknown action '" + action + "' for 'data': list, install or verify");
        };
    }

    /** Where to install: the configured directory, else the user's; where to read: what the likelihoods read. */
    private static Path target(String action) {
        if (action.equals("install")) {
            Path configured = DataDirectory.configured();
            return configured != null ? configured : DataDirectory.userDirectory();
        }
        return DataDirectory.root();
    }

    private Args args() {
        return new Args(name())
                .value("dir", "DIR", "the data directory (default: -Dcosmoemu.data.dir, COSMOEMU_DATA_DIR, else "
                        + DataDirectory.userDirectory() + " for install, the likelihoods' data directory otherwise)")
                .value("from", "DIR", "install: copy from this local mirror, laid out as a data directory (e.g. "
                        + "../shared/data), instead of downloading")
                .value("mirror-url", "URL", "install: download every file from URL/PATH instead of its public URL")
                .value("timeout", "SECONDS", "install: network timeout per file (default 30)")
                .flag("json", "print one JSON object");
    }

    private static int list(DataCatalogue cat, Path root, boolean json, PrintStream out) {
        Json j = Json.object().put("data_dir", root.toString());
        Json sets = Json.object();
        if (!json) {
            out.println("data directory: " + root);
            out.printf(Locale.ROOT, "%-22s %6s %10s  %-12s %s%n", "data set", "files", "MB", "status", "source");
        }
        for (String n : cat.names()) {
            List<DataCatalogue.Entry> files = cat.files(n);
            Map<DataCatalogue.State, Integer> count = states(root, files);
            long bytes = files.stream().mapToLong(DataCatalogue.Entry::size).sum();
            int present = files.size() - count.get(DataCatalogue.State.MISSING);
            String status = present == 0 ? "absent" : present == files.size() ? "installed" : "partial";
            String source = files.stream().filter(DataCatalogue.Entry::downloadable).map(e -> host(e.url())).distinct()
                    .reduce((x, y) -> x + ", " + y).orElse("mirror only");
            if (json) {
                sets.putRaw(n, Json.object().put("files", files.size()).put("bytes", bytes).put("status", status)
                        .put("present", present).put("source", source).end());
            } else {
                out.printf(Locale.ROOT, "%-22s %6d %10.1f  %-12s %s%n", n, files.size(), bytes / 1e6, status, source);
            }
        }
        for (DataCatalogue.Unavailable u : DataCatalogue.UNAVAILABLE) {
            boolean here = Files.isDirectory(root.resolve(u.marker()));
            if (json) {
                sets.putRaw(u.dataset(), Json.object().put("status", here ? "present (not verifiable)" : "not installable")
                        .put("source", u.reason()).end());
            } else {
                out.printf(Locale.ROOT, "%-22s %6s %10s  %-12s %s%n", u.dataset(), "-", "-", here ? "present" : "manual",
                        u.reason());
            }
        }
        if (json) {
            out.println(j.putRaw("datasets", sets.end()).end());
        }
        return 0;
    }

    private static String host(String url) {
        String[] p = url.split("/");
        // raw.githubusercontent.com/OWNER/REPO/...: name the repository
        return p.length > 4 && p[2].equals("raw.githubusercontent.com") ? "github.com/" + p[3] + "/" + p[4] : p.length > 2 ? p[2] : url;
    }

    private static int install(DataCatalogue cat, Path root, List<String> names, Args a, PrintStream out) {
        if (names.isEmpty()) {
            throw new UsageException("'data install' needs the data set names (cosmo-emu data list shows them), or 'all'");
        }
        if (a.has("from") && a.has("mirror-url")) {
            throw new UsageException("--from and --mirror-url are two sources: give one");
        }
        List<String> sets = names.equals(List.of("all")) ? cat.names() : names;
        for (String n : sets) {
            cat.files(n); // an unknown name fails before anything is written
        }
        DataCatalogue.Source source;
        if (a.has("from")) {
            Path mirror = Path.of(a.get("from")).toAbsolutePath().normalize();
            if (!Files.isDirectory(mirror)) {
                throw new DataFileException("--from " + mirror + ": no such directory");
            }
            source = new DataCatalogue.Mirror(mirror);
        } else {
            int seconds = a.integer("timeout", 30);
            source = new DataCatalogue.Download(a.get("mirror-url"), Duration.ofSeconds(Math.max(1, seconds)));
        }
        Json j = Json.object().put("data_dir", root.toString());
        Json done = Json.object();
        for (String n : sets) {
            PrintStream progress = a.has("json") ? null : out;
            if (progress != null) {
                out.println(n + " -> " + root);
            }
            int written = cat.install(n, root, source, progress);
            int total = cat.files(n).size();
            done.putRaw(n, Json.object().put("files", total).put("written", written).end());
            if (progress != null) {
                out.printf(Locale.ROOT, "%s: %d files verified (%d written, %d already there)%n", n, total, written,
                        total - written);
            }
        }
        if (a.has("json")) {
            out.println(j.putRaw("installed", done.end()).end());
        } else if (DataDirectory.configured() == null && !root.equals(DataDirectory.root())) {
            out.println("note: the likelihoods read " + DataDirectory.root() + "; set " + DataDirectory.ENV + "=" + root
                    + " to use this copy");
        }
        return 0;
    }

    private static int verify(DataCatalogue cat, Path root, List<String> names, boolean json, PrintStream out) {
        List<String> sets = new ArrayList<>();
        if (names.isEmpty()) {
            for (String n : cat.names()) {
                if (states(root, cat.files(n)).get(DataCatalogue.State.MISSING) < cat.files(n).size()) {
                    sets.add(n); // only what is (partly) installed
                }
            }
        } else {
            sets.addAll(names.equals(List.of("all")) ? cat.names() : names);
        }
        List<String> bad = new ArrayList<>();
        Json results = Json.object();
        if (!json) {
            out.println("data directory: " + root);
        }
        for (String n : sets) {
            List<DataCatalogue.Entry> files = cat.files(n);
            List<String> problems = new ArrayList<>();
            for (DataCatalogue.Entry e : files) {
                DataCatalogue.State s = DataCatalogue.state(root, e);
                if (s != DataCatalogue.State.OK) {
                    problems.add(e.path() + ": " + s.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                }
            }
            results.putRaw(n, Json.object().put("files", files.size()).put("ok", files.size() - problems.size())
                    .putStrings("problems", problems).end());
            if (!json) {
                out.printf(Locale.ROOT, "%-22s %s%n", n, problems.isEmpty() ? "ok (" + files.size() + " files)"
                        : problems.size() + " of " + files.size() + " files bad");
                problems.stream().limit(20).forEach(p -> out.println("    " + p));
            }
            bad.addAll(problems);
        }
        if (json) {
            out.println(Json.object().put("data_dir", root.toString()).putRaw("datasets", results.end()).end());
        } else if (sets.isEmpty()) {
            out.println("no data set is installed there (cosmo-emu data list; cosmo-emu data install NAME)");
        }
        if (!bad.isEmpty()) {
            throw new DataFileException(bad.size() + " file(s) missing or not matching the catalogue under " + root
                    + ", first: " + bad.get(0) + " (reinstall with cosmo-emu data install NAME)");
        }
        return 0;
    }

    /** Counts present and missing files (presence only: checksums are {@code verify}'s job). */
    private static Map<DataCatalogue.State, Integer> states(Path root, List<DataCatalogue.Entry> files) {
        Map<DataCatalogue.State, Integer> m = new EnumMap<>(DataCatalogue.State.class);
        for (DataCatalogue.State s : DataCatalogue.State.values()) {
            m.put(s, 0);
        }
        for (DataCatalogue.Entry e : files) {
            DataCatalogue.State s = Files.isRegularFile(root.resolve(e.path())) ? DataCatalogue.State.OK : DataCatalogue.State.MISSING;
            m.merge(s, 1, Integer::sum);
        }
        return m;
    }
}
