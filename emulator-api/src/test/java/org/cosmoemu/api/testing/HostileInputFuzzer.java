package org.cosmoemu.api.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.cosmoemu.api.CosmoEmuException;

/**
 * A seeded mutation fuzzer for the SDK's file readers (FUZZING.md). It mutates seed files (bit flips,
 * interesting integers, deleted, repeated and spliced ranges, digit runs replaced by huge numbers, brackets,
 * NaN and infinities, and, inside zip archives, the members themselves, re-zipped so that their CRCs hold),
 * runs the reader on each input and enforces the rule of issue 16:
 * <ul>
 *   <li>every input ends in a value or a {@link CosmoEmuException}: any other exception or {@link Error} is a
 *       violation;</li>
 *   <li>the exception's message holds no raw bytes (control characters, U+FFFD) and names no internal exception
 *       type ({@code NumberFormatException}, {@code java.}..., {@code io.jhdf}...);</li>
 *   <li>a value passes the caller's check (e.g. every number finite);</li>
 *   <li>each input takes at most {@link Settings#maxMillis} and allocates at most {@link Settings#maxAllocatedBytes}.</li>
 * </ul>
 * Inputs whose outcome is new (by exception type and message shape) join the corpus, a cheap feedback that
 * steers the mutations towards new error paths. Deterministic for a given seed and iteration count.
 *
 * <p>Settings come from system properties so that the long run is the same test: {@code cosmoemu.fuzz.seconds}
 * (run for this long instead of a fixed number of inputs), {@code cosmoemu.fuzz.iterations},
 * {@code cosmoemu.fuzz.seed}.
 */
public final class HostileInputFuzzer {

    /** Runs the reader under test on one file. */
    @FunctionalInterface
    public interface Target {
        /**
         * @param file the input, a temporary file
         * @return what the reader returned
         * @throws Exception anything; only {@link CosmoEmuException}s are allowed
         */
        Object read(Path file) throws Exception;
    }

    /** Checks a value a reader returned; returns a description of what is wrong, or null. */
    @FunctionalInterface
    public interface ValueCheck {
        /**
         * @param value what {@link Target#read} returned
         * @return null when the value is acceptable, else what is wrong with it
         * @throws Exception a {@link CosmoEmuException} counts as a named error, anything else as a violation
         */
        String check(Object value) throws Exception;
    }

    /**
     * @param seed              random seed
     * @param iterations        inputs to try (ignored when {@code seconds > 0})
     * @param seconds           run for this long instead, when positive
     * @param maxMillis         most time one input may take
     * @param maxAllocatedBytes most bytes one input may allocate
     * @param maxInputBytes     mutated inputs are cut to this size
     */
    public record Settings(long seed, int iterations, long seconds, long maxMillis, long maxAllocatedBytes,
            int maxInputBytes) {
        /**
         * @param defaultIterations inputs for the short run
         * @return the settings, overridden by the {@code cosmoemu.fuzz.*} system properties
         */
        public static Settings fromSystemProperties(int defaultIterations) {
            return new Settings(Long.getLong("cosmoemu.fuzz.seed", 16), Integer.getInteger("cosmoemu.fuzz.iterations",
                    defaultIterations), Long.getLong("cosmoemu.fuzz.seconds", 0), 10_000, 768L << 20, 8 << 20);
        }
    }

    /** The tallies of a run. */
    public static final class Report {
        private final String name;
        private long inputs;
        private long values;
        private final Map<String, Long> named = new TreeMap<>();
        private final List<String> violations = new ArrayList<>();
        private long maxMillis;
        private long maxAllocated;
        private int corpus;
        private double seconds;

        Report(String name) {
            this.name = name;
        }

        /** @return the inputs tried */
        public long inputs() {
            return inputs;
        }

        /** @return the rule violations, one line each (the input is saved under {@code target/fuzz-failures}) */
        public List<String> violations() {
            return violations;
        }

        /** @return named errors by exception type */
        public Map<String, Long> named() {
            return named;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "fuzz %s: %d inputs in %.0f s: %d values, %d named errors %s, %d violations;"
                    + " slowest %d ms, most allocated %d MB; corpus %d", name, inputs, seconds, values,
                    named.values().stream().mapToLong(Long::longValue).sum(), named, violations.size(), maxMillis,
                    maxAllocated >> 20, corpus);
        }
    }

    private static final Pattern INTERNAL_TYPE = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|io\\.jhdf|org\\.ejml)\\.[\\w.$]+|\\b[A-Z]\\w*(?:Exception|Error)\\b");
    private static final byte[][] INTERESTING_TEXT = ascii("0", "-1", "1", "46340", "2147483647", "2147483648",
            "3000000000", "9223372036854775807", "99999999999999999999", "1e308", "1e999", "NaN", "nan", "inf",
            "-Infinity", "2.5", "0x10", "((((((((", "[[[[[[[[", "{{{{", "'", "\"", ",", ":", "\n", "#", "", " ");
    private static final long[] INTERESTING_INTS = {0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffffL,
        0x80000000L, 0xffffffffL, Long.MAX_VALUE, Long.MIN_VALUE, 46340, 1 << 20, 1 << 30};

    private final String name;
    private final Target target;
    private final ValueCheck check;
    private final Settings settings;
    private final Path work;
    private final Path failures;

    /**
     * @param name     names the run in the report and the failure files
     * @param target   the reader
     * @param check    checks a returned value
     * @param settings the settings
     * @param work     a scratch directory
     * @param failures where inputs that break the rule are saved
     */
    public HostileInputFuzzer(String name, Target target, ValueCheck check, Settings settings, Path work, Path failures) {
        this.name = name;
        this.target = target;
        this.check = check;
        this.settings = settings;
        this.work = work;
        this.failures = failures;
    }

    /**
     * Fuzzes the reader from the seeds (each is also run unmutated).
     *
     * @param seeds the seed files' contents, with the file name each is written under (the extension matters to
     *              some readers)
     * @return the tallies
     */
    public Report run(Map<String, byte[]> seeds) {
        Report report = new Report(name);
        SplittableRandom rng = new SplittableRandom(settings.seed());
        List<byte[]> corpus = new ArrayList<>();
        List<String> corpusNames = new ArrayList<>();
        seeds.forEach((n, b) -> {
            corpus.add(b);
            corpusNames.add(n);
        });
        Set<String> outcomes = new HashSet<>();
        long start = System.nanoTime();
        long deadline = settings.seconds() > 0 ? start + settings.seconds() * 1_000_000_000L : Long.MAX_VALUE;
        ExecutorService pool = newPool();
        try {
            for (long k = 0; ; k++) {
                if (settings.seconds() > 0 ? System.nanoTime() - deadline > 0 : k >= settings.iterations()) {
                    break;
                }
                int from = (int) (k < seeds.size() ? k : rng.nextInt(corpus.size()));
                byte[] input = k < seeds.size() ? corpus.get(from) : mutate(corpus.get(from), corpus, rng);
                String fileName = corpusNames.get(from);
                Outcome o = runOne(pool, input, fileName);
                report.inputs++;
                report.maxMillis = Math.max(report.maxMillis, o.millis);
                report.maxAllocated = Math.max(report.maxAllocated, o.allocated);
                if (o.violation != null) {
                    report.violations.add(o.violation + " [input " + save(input, fileName, k) + "]");
                    if (o.timedOut) {
                        pool.shutdownNow(); // the stuck thread is a daemon; carry on with a fresh one
                        pool = newPool();
                    }
                } else if (o.errorType == null) {
                    report.values++;
                } else {
                    report.named.merge(o.errorType, 1L, Long::sum);
                }
                if (outcomes.add(o.signature) && corpus.size() < 400 && k >= seeds.size()) {
                    corpus.add(input);
                    corpusNames.add(fileName);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        report.corpus = corpus.size();
        report.seconds = (System.nanoTime() - start) * 1e-9;
        return report;
    }

    private static ExecutorService newPool() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-target");
            t.setDaemon(true);
            return t;
        });
    }

    private record Outcome(String violation, String errorType, String signature, long millis, long allocated,
            boolean timedOut) {
    }

    private Outcome runOne(ExecutorService pool, byte[] input, String fileName) {
        Path file = work.resolve(fileName);
        try {
            Files.write(file, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Future<Outcome> f = pool.submit(() -> {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long a0 = mx.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            String violation = null;
            String type = null;
            String signature;
            try {
                Object value = target.read(file);
                String bad = check.check(value);
                signature = "value";
                if (bad != null) {
                    violation = "non-finite or bad value: " + bad;
                }
            } catch (CosmoEmuException e) {
                type = e.getClass().getSimpleName();
                String m = e.getMessage();
                signature = type + ":" + shape(m);
                String why = messageProblem(m);
                if (why != null) {
                    violation = type + " whose message " + why + ": " + m;
                }
            } catch (Throwable e) {
                signature = e.getClass().getName();
                violation = "not a named error: " + e;
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            long allocated = mx.getCurrentThreadAllocatedBytes() - a0;
            if (violation == null && millis > settings.maxMillis()) {
                violation = "took " + millis + " ms (limit " + settings.maxMillis() + ")";
            }
            if (violation == null && allocated > settings.maxAllocatedBytes()) {
                violation = "allocated " + (allocated >> 20) + " MB (limit " + (settings.maxAllocatedBytes() >> 20) + ")";
            }
            return new Outcome(violation, violation == null ? type : null, signature, millis, allocated, false);
        });
        try {
            return f.get(settings.maxMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome("did not finish within " + settings.maxMillis() * 3 + " ms", null, "timeout",
                    settings.maxMillis() * 3, 0, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            return new Outcome("harness failure: " + e.getCause(), null, "harness", 0, 0, false);
        }
    }

    /**
     * @param message an exception's message
     * @return null if it is clean, else what is wrong (raw bytes, an internal type, missing)
     */
    public static String messageProblem(String message) {
        if (message == null || message.isBlank()) {
            return "is empty";
        }
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if ((Character.isISOControl(c) && c != '\n' && c != '\t') || c == '\uFFFD'
                    || Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < message.length()
                    && Character.isLowSurrogate(message.charAt(i + 1)))) {
                return String.format("holds a raw byte or non-text character U+%04X at %d", (int) c, i);
            }
        }
        java.util.regex.Matcher m = INTERNAL_TYPE.matcher(message);
        if (m.find()) {
            return "names an internal type '" + m.group() + "'";
        }
        if (message.length() > 5000) {
            return "is " + message.length() + " characters long";
        }
        return null;
    }

    /** The message with numbers and quoted text removed: distinguishes kinds of error, not their values. */
    private static String shape(String m) {
        String s = m == null ? "" : m.replaceAll("'[^']*'", "'").replaceAll("[0-9]+", "#");
        int colon = s.indexOf(": ");
        s = colon >= 0 && s.startsWith("model file ") ? s.substring(colon + 2) : s;
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    private String save(byte[] input, String fileName, long k) {
        try {
            Files.createDirectories(failures);
            Path p = failures.resolve(name + "-" + k + "-" + fileName);
            Files.write(p, input);
            return p.toString();
        } catch (IOException e) {
            return "(not saved: " + e.getMessage() + ")";
        }
    }

    // ------------------------------------------------------------------------------------------- mutations

    private byte[] mutate(byte[] seed, List<byte[]> corpus, SplittableRandom rng) {
        byte[] b = seed;
        if (isZip(b) && rng.nextInt(3) != 0) {
            byte[] z = mutateZipMember(b, corpus, rng);
            if (z != null) {
                return z;
            }
        }
        int n = 1 + rng.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = mutateOnce(b, corpus, rng);
        }
        return b.length > settings.maxInputBytes() ? java.util.Arrays.copyOf(b, settings.maxInputBytes()) : b;
    }

    private static byte[] mutateOnce(byte[] b, List<byte[]> corpus, SplittableRandom rng) {
        if (b.length == 0) {
            return new byte[] {(byte) rng.nextInt(256)};
        }
        int at = rng.nextInt(b.length);
        switch (rng.nextInt(11)) {
            case 0 -> { // flip bits
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << rng.nextInt(8));
                return c;
            }
            case 1 -> { // an interesting byte
                byte[] c = b.clone();
                c[at] = (byte) new int[] {0, 1, 0x7f, 0x80, 0xff, '\n', '(', '[', '.', 'N'}[rng.nextInt(10)];
                return c;
            }
            case 2 -> { // an interesting 2/4/8-byte integer, either byte order
                byte[] c = b.clone();
                long v = INTERESTING_INTS[rng.nextInt(INTERESTING_INTS.length)];
                int w = new int[] {2, 4, 8}[rng.nextInt(3)];
                boolean le = rng.nextBoolean();
                for (int i = 0; i < w && at + i < c.length; i++) {
                    c[at + i] = (byte) (v >>> (8 * (le ? i : w - 1 - i)));
                }
                return c;
            }
            case 3 -> { // delete a range
                int len = Math.min(b.length - at, 1 + rng.nextInt(Math.max(1, Math.min(b.length, 256))));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                return c;
            }
            case 4 -> { // repeat a range
                int len = Math.min(b.length - at, 1 + rng.nextInt(64));
                int times = 1 + rng.nextInt(rng.nextInt(8) == 0 ? 2000 : 4);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, at + len);
                for (int t = 0; t < times; t++) {
                    out.write(b, at, len);
                }
                out.write(b, at + len, b.length - at - len);
                return out.toByteArray();
            }
            case 5 -> { // truncate
                return java.util.Arrays.copyOf(b, at);
            }
            case 6 -> { // splice with another input
                byte[] o = corpus.get(rng.nextInt(corpus.size()));
                int from = o.length == 0 ? 0 : rng.nextInt(o.length);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, at);
                out.write(o, from, o.length - from);
                return out.toByteArray();
            }
            case 7, 8 -> { // replace a run of digits (or insert) with interesting text
                int s = at;
                while (s < b.length && !Character.isDigit(b[s]) && s - at < 512) {
                    s++;
                }
                if (s >= b.length || !Character.isDigit(b[s])) {
                    s = at;
                }
                int e = s;
                while (e < b.length && (Character.isDigit(b[e]) || b[e] == '.' || b[e] == 'E' || b[e] == 'e'
                        || b[e] == '+' || b[e] == '-')) {
                    e++;
                }
                byte[] t = INTERESTING_TEXT[rng.nextInt(INTERESTING_TEXT.length)];
                if (t.length > 0 && (t[0] == '(' || t[0] == '[' || t[0] == '{') && rng.nextInt(4) == 0) {
                    t = new String(t, StandardCharsets.ISO_8859_1).substring(0, 1).repeat(1 + rng.nextInt(70_000))
                            .getBytes(StandardCharsets.ISO_8859_1);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, s);
                out.write(t, 0, t.length);
                out.write(b, e, b.length - e);
                return out.toByteArray();
            }
            case 9 -> { // insert random bytes
                byte[] r = new byte[1 + rng.nextInt(16)];
                for (int i = 0; i < r.length; i++) {
                    r[i] = (byte) rng.nextInt(256);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, at);
                out.write(r, 0, r.length);
                out.write(b, at, b.length - at);
                return out.toByteArray();
            }
            default -> { // duplicate a line (text formats)
                int s = at;
                while (s > 0 && b[s - 1] != '\n') {
                    s--;
                }
                int e = at;
                while (e < b.length && b[e] != '\n') {
                    e++;
                }
                e = Math.min(b.length, e + 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, e);
                out.write(b, s, e - s);
                out.write(b, e, b.length - e);
                return out.toByteArray();
            }
        }
    }

    private static boolean isZip(byte[] b) {
        return b.length > 4 && b[0] == 'P' && b[1] == 'K';
    }

    /** Mutates one member of a zip archive and re-zips it, so that the archive's own checks still pass. */
    private static byte[] mutateZipMember(byte[] zip, List<byte[]> corpus, SplittableRandom rng) {
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                members.put(e.getName(), in.readNBytes(16 << 20));
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (members.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>(members.keySet());
        String victim = names.get(rng.nextInt(names.size()));
        byte[] m = members.get(victim);
        int n = 1 + rng.nextInt(3);
        for (int i = 0; i < n; i++) {
            m = mutateOnce(m, corpus, rng);
        }
        members.put(victim, m);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(rng.nextBoolean() ? 0 : 6);
            for (Map.Entry<String, byte[]> e : members.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            return null;
        }
        return out.toByteArray();
    }

    private static byte[][] ascii(String... s) {
        byte[][] b = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            b[i] = s[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return b;
    }
}
