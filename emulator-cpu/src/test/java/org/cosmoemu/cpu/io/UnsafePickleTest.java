package org.cosmoemu.cpu.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.UnsafePickleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pickles that ask for code are refused before anything is built. The byte sequences are written out opcode by
 * opcode; their offsets were checked with Python's {@code pickletools.dis}.
 */
class UnsafePickleTest {

    @TempDir
    Path tmp;

    /** Protocol 2: GLOBAL 'os system', BINUNICODE 'echo pwned', TUPLE1, REDUCE, STOP. GLOBAL at offset 2. */
    static byte[] osSystemGlobal() {
        return new Bytes().op(0x80, 2).text("cos\nsystem\n").op('X').u32(10).text("echo pwned").op(0x85, 'R', '.').get();
    }

    /**
     * Protocol 4: PROTO, FRAME, SHORT_BINUNICODE 'os', MEMOIZE, SHORT_BINUNICODE 'system', MEMOIZE, STACK_GLOBAL
     * (offset 25), SHORT_BINUNICODE 'echo pwned', MEMOIZE, TUPLE1, MEMOIZE, REDUCE, MEMOIZE, STOP.
     */
    static byte[] osSystemStackGlobal() {
        return new Bytes().op(0x80, 4).op(0x95).u64(33).op(0x8c, 2).text("os").op(0x94).op(0x8c, 6).text("system")
                .op(0x94, 0x93).op(0x8c, 10).text("echo pwned").op(0x94, 0x85, 0x94, 'R', 0x94, '.').get();
    }

    @Test
    void osSystemViaGlobalAndReduce() throws IOException {
        Path f = write("evil_p2.pkl", osSystemGlobal());
        assertUnsafe(f, "'os.system'", "GLOBAL opcode at byte offset 2");
    }

    @Test
    void osSystemViaStackGlobalProtocol4() throws IOException {
        Path f = write("evil_p4.pkl", osSystemStackGlobal());
        assertUnsafe(f, "'os.system'", "STACK_GLOBAL opcode at byte offset 25");
    }

    @Test
    void builtinsEval() throws IOException {
        byte[] b = new Bytes().op(0x80, 3).text("cbuiltins\neval\n").op('X').u32(3).text("1+1").op(0x85, 'R', '.').get();
        assertUnsafe(write("eval.pkl", b), "'builtins.eval'", "GLOBAL opcode at byte offset 2");
    }

    @Test
    void subprocessPopenEvenWithoutReduce() throws IOException {
        byte[] b = new Bytes().op(0x80, 2).text("csubprocess\nPopen\n").op('.').get();
        assertUnsafe(write("popen.pkl", b), "'subprocess.Popen'", "byte offset 2");
    }

    @Test
    void objectCreatingOpcodesAreRefused() throws IOException {
        assertUnsafe(write("inst.pkl", new Bytes().op(0x80, 2, '(').text("ios\nsystem\n").op('.').get()),
                "opcode INST at byte offset 3");
        assertUnsafe(write("obj.pkl", new Bytes().op(0x80, 2, '(', ']', 'o', '.').get()), "opcode OBJ at byte offset 4");
        assertUnsafe(write("newobj.pkl", new Bytes().op(0x80, 2, ']', ')', 0x81, '.').get()),
                "opcode NEWOBJ at byte offset 4");
        assertUnsafe(write("newobj_ex.pkl", new Bytes().op(0x80, 4, ']', ')', '}', 0x92, '.').get()),
                "opcode NEWOBJ_EX at byte offset 5");
        assertUnsafe(write("ext1.pkl", new Bytes().op(0x80, 2, 0x82, 1, '.').get()), "opcode EXT1 at byte offset 2");
        assertUnsafe(write("ext2.pkl", new Bytes().op(0x80, 2, 0x83, 1, 0, '.').get()), "opcode EXT2 at byte offset 2");
        assertUnsafe(write("ext4.pkl", new Bytes().op(0x80, 2, 0x84).u32(1).op('.').get()), "opcode EXT4 at byte offset 2");
        assertUnsafe(write("persid.pkl", new Bytes().op(0x80, 2).text("Pid\n").op('.').get()),
                "opcode PERSID at byte offset 2");
        assertUnsafe(write("binpersid.pkl", new Bytes().op(0x80, 2, 'N', 'Q', '.').get()),
                "opcode BINPERSID at byte offset 3");
    }

    @Test
    void reduceAndBuildOnlyApplyToWhitelistedNumpyObjects() throws IOException {
        // REDUCE on a string: X 'abc', EMPTY_TUPLE, REDUCE at offset 11
        assertUnsafe(write("reduce_str.pkl", new Bytes().op(0x80, 2, 'X').u32(3).text("abc").op(')', 'R', '.').get()),
                "REDUCE at byte offset 11", "str");
        // BUILD on a list (would call __setstate__): EMPTY_LIST, EMPTY_DICT, BUILD at offset 4
        assertUnsafe(write("build_list.pkl", new Bytes().op(0x80, 2, ']', '}', 'b', '.').get()), "BUILD at byte offset 4");
        // numpy.ndarray is only allowed as _reconstruct's argument, not as a callable: REDUCE at offset 18
        assertUnsafe(write("ndarray_call.pkl", new Bytes().op(0x80, 2).text("cnumpy\nndarray\n").op(')', 'R', '.').get()),
                "REDUCE at byte offset 18", "numpy.ndarray");
    }

    @Test
    void objectNpzWithAnUnsafePickleNamesTheMember() throws IOException {
        byte[] npy = NumpyReadersTest.npy("{'descr': '|O', 'fortran_order': False, 'shape': (), }", osSystemGlobal());
        Path f = tmp.resolve("evil.npz");
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("arr_0.npy"));
            zip.write(npy);
            zip.closeEntry();
        }
        assertUnsafe(f, "member 'arr_0.npy'", "'os.system'", "byte offset 2");
    }

    @Test
    void corruptPicklesAreFormatErrorsNotUnsafe() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> PickleReader.load(new Bytes().op(0x80, 2, 0xff, '.').get()));
        assertEquals(ModelFormatException.class, e.getClass());
        assertTrue(e.getMessage().contains("unknown opcode 0xff at byte offset 2"), e.getMessage());
        ModelFormatException u = assertThrows(ModelFormatException.class,
                () -> PickleReader.load(new Bytes().op(0x80, 2, 'a', '.').get()));
        assertTrue(u.getMessage().contains("APPEND at byte offset 2: stack underflow"), u.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private static void assertUnsafe(Path file, String... parts) {
        UnsafePickleException e = assertThrows(UnsafePickleException.class, () -> ModelFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }

    /** A byte-sequence builder for hand-written pickles. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes op(int... codes) {
            for (int c : codes) {
                out.write(c);
            }
            return this;
        }

        Bytes text(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Bytes u32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
            return this;
        }

        Bytes u64(long v) {
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
            return this;
        }

        byte[] get() {
            return out.toByteArray();
        }
    }
}
