package org.cosmoemu.cpu.io;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.testing.HostileInputFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 1: small hostile model files that used to crash the JVM with an {@link Error} (or spend
 * gigabytes first) end in a {@link ModelFormatException}, checked before anything large is allocated. Each
 * reads the file on a thread with a 512 KiB stack and measures what the read allocated.
 */
class HostileModelFilesTest {
    /** Generous: a rejected file should cost kilobytes; the old reader allocated gigabytes. */
    private static final long MAX_ALLOCATED = 64L << 20;

    @TempDir
    Path tmp;

    @Test
    void zeroWidthBytesArrayOfTwoBillionElements() throws IOException {
        // |S0, shape (46340, 46340): 2.1e9 elements of zero bytes passed the size check, then OutOfMemoryError
        Path f = npz("s0.npz", npyV1("{'descr': '|S0', 'fortran_order': False, 'shape': (46340, 46340), }"));
        assertRejected(f, "zero-width dtype |S0");
    }

    @Test
    void zeroWidthUnicodeArrayOfThreeHundredMillionElements() throws IOException {
        // <U0, 3e8 elements: 1.2 GB of String references and 6 s before failing
        Path f = npz("u0.npz", npyV1("{'descr': '<U0', 'fortran_order': False, 'shape': (300000000,), }"));
        assertRejected(f, "zero-width dtype <U0");
    }

    @Test
    void memberInflatingFarBeyondItsArchive() throws IOException {
        // 300 MB of zeros deflate to ~300 KB: the member is refused from its declared size, before inflating
        Path f = tmp.resolve("bomb.npz");
        try (OutputStream os = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(os)) {
            z.setLevel(9);
            z.putNextEntry(new ZipEntry("W_0.npy"));
            z.write(npyV1("{'descr': '<f8', 'fortran_order': False, 'shape': (37500000,), }"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        assertTrue(Files.size(f) < 2 << 20, "the archive is small: " + Files.size(f));
        assertRejected(f, "member 'W_0.npy' inflates to", "more than the " + NpzReader.MAX_MEMBER_BYTES);
    }

    @Test
    void headerOfSixtyThousandNestedBrackets() throws IOException {
        // the recursive header parser overflowed the stack (StackOverflowError)
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + "[".repeat(60_000) + "}";
        Path f = npz("nested.npz", npyV2(header));
        assertRejected(f, "nested deeper than 32 levels");
    }

    @Test
    void headerLongerThanTheLimitIsRefusedBeforeDecoding() throws IOException {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), '" + "x".repeat(70_000) + "': 1}";
        assertRejected(npz("long.npz", npyV2(header)), "longer than the " + NpyReader.MAX_HEADER_BYTES);
    }

    @Test
    void pickledListContainingItselfAsASetElement() throws IOException {
        // EMPTY_LIST, BINPUT 0, BINGET 0, APPEND (the list holds itself), MARK, BINGET 0, FROZENSET: hashing the
        // list recursed without end (StackOverflowError); in Python a list is not hashable at all
        byte[] p = new UnsafePickleTest.Bytes().op(0x80, 2, ']', 'q', 0, 'h', 0, 'a', '(', 'h', 0, 0x91, '.').get();
        assertRejected(Files.write(tmp.resolve("cycle.pkl"), p), "not hashable");
    }

    @Test
    void pickledTextIntegerThatIsNotANumberNamesNoJavaType() throws IOException {
        // INT "12x": the message used to embed java.lang.NumberFormatException
        byte[] p = new UnsafePickleTest.Bytes().op(0x80, 2).text("I12x\n").op('.').get();
        ModelFormatException e = assertRejected(Files.write(tmp.resolve("int.pkl"), p), "'12x' is not a decimal integer");
        assertNull(HostileInputFuzzer.messageProblem(e.getMessage()), e.getMessage());
    }

    @Test
    void pickledGlobalWithRawBytesIsQuotedPrintably() throws IOException {
        byte[] p = new UnsafePickleTest.Bytes().op(0x80, 2, 'c').text("os\u0001\n")
                .text("sys\u0000tem\n").op('.').get();
        Path f = Files.write(tmp.resolve("global.pkl"), p);
        Exception e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(f));
        assertNull(HostileInputFuzzer.messageProblem(e.getMessage()), e.getMessage());
        assertTrue(e.getMessage().contains("\\x01"), e.getMessage());
    }

    private ModelFormatException assertRejected(Path file, String... parts) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        long[] allocated = new long[1];
        Thread t = new Thread(null, () -> {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long a0 = mx.getCurrentThreadAllocatedBytes();
            try {
                ModelFiles.read(file);
            } catch (Throwable e) {
                thrown.set(e);
            }
            allocated[0] = mx.getCurrentThreadAllocatedBytes() - a0;
        }, "hostile-read", 512 << 10);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        Throwable e = thrown.get();
        ModelFormatException m = org.junit.jupiter.api.Assertions.assertInstanceOf(ModelFormatException.class, e,
                "expected a ModelFormatException, got " + e);
        for (String p : parts) {
            assertTrue(m.getMessage().contains(p), "'" + p + "' not in: " + m.getMessage());
        }
        assertTrue(m.getMessage().contains(file.toString()), m.getMessage());
        assertTrue(allocated[0] < MAX_ALLOCATED, "reading allocated " + (allocated[0] >> 20) + " MB");
        assertNull(HostileInputFuzzer.messageProblem(m.getMessage()), m.getMessage());
        return m;
    }

    private Path npz(String name, byte[] member) throws IOException {
        Path f = tmp.resolve(name);
        try (OutputStream os = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("arr_0.npy"));
            z.write(member);
            z.closeEntry();
        }
        return f;
    }

    private static byte[] npyV1(String header) {
        return NumpyReadersTest.npy(header, new byte[0]);
    }

    private static byte[] npyV2(String header) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(12 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 2).put((byte) 0).putInt(h.length)
                .put(h);
        return b.array();
    }
}
