package org.cosmoemu.cpu.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.UnsafePickleException;

/**
 * Reads numpy's {@code .npz} archives ({@code np.savez}, stored, and {@code np.savez_compressed}, deflated): a
 * zip file whose members {@code <key>.npy} are {@code .npy} arrays. Each member's CRC-32 is checked. Members
 * that do not end in {@code .npy} are ignored, as numpy does.
 */
final class NpzReader {
    /**
     * Largest member accepted, inflated: a model's largest array is megabytes, not gigabytes. Checked against
     * the size the archive declares before anything is inflated, and again while inflating, so an archive that
     * understates a member's size cannot make the reader allocate more.
     */
    static final int MAX_MEMBER_BYTES = 256 << 20;
    /** Largest total of the members' inflated sizes. */
    static final long MAX_TOTAL_BYTES = 512L << 20;
    /** Most members an archive may have (a model has a few dozen). */
    static final int MAX_MEMBERS = 10_000;
    private static final int CHUNK = 1 << 16;

    private NpzReader() {
    }

    /**
     * @param file the {@code .npz} file
     * @return the arrays by key (member name without {@code .npy}), in archive order
     * @throws ModelFormatException  if the archive or a member is truncated or corrupt (the message names the member)
     * @throws UnsafePickleException if an object member's pickle asks for code
     */
    static Map<String, NumpyArray> read(Path file) {
        Map<String, NumpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_MEMBERS) {
                throw new ModelFormatException("the zip archive has " + zip.size() + " members, more than the "
                        + MAX_MEMBERS + " a model file may have");
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            long[] budget = {MAX_TOTAL_BYTES};
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    continue;
                }
                String key = e.getName().substring(0, e.getName().length() - 4);
                byte[] bytes = readMember(zip, e, budget);
                try {
                    arrays.put(key, NpyReader.read(bytes));
                } catch (UnsafePickleException x) {
                    throw new UnsafePickleException("member " + name(e) + ": " + x.getMessage());
                } catch (ModelFormatException x) {
                    throw new ModelFormatException("member " + name(e) + ": " + x.getMessage(), x);
                }
            }
        } catch (ZipException e) {
            throw new ModelFormatException("corrupt or truncated zip archive (" + reason(e) + ")", e);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read the zip archive (" + reason(e) + ")", e);
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            // java.util.zip reports some malformed headers (bad name encodings, sizes) this way
            throw new ModelFormatException("corrupt zip archive (malformed entry header)", e);
        }
        return arrays;
    }

    /**
     * Inflates one member, never holding more than {@link #MAX_MEMBER_BYTES} nor more than what remains of the
     * archive's budget; {@code budget[0]} is reduced by the member's size.
     */
    private static byte[] readMember(ZipFile zip, ZipEntry e, long[] budget) throws IOException {
        long declared = e.getSize();
        long limit = Math.min(MAX_MEMBER_BYTES, budget[0]);
        if (declared > limit) {
            throw tooLarge(e, declared + " bytes", limit);
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            if (declared >= 0) {
                bytes = in.readNBytes((int) declared);
                if (bytes.length != declared || in.read() != -1) {
                    throw new ModelFormatException("member " + name(e) + " is truncated or corrupt: the archive "
                            + "declares " + declared + " bytes, its data gives " + (bytes.length == declared ? "more"
                            : bytes.length));
                }
            } else {
                bytes = readBounded(in, e, limit);
            }
        } catch (ZipException | java.io.EOFException x) {
            throw new ModelFormatException("member " + name(e) + " is truncated or corrupt (" + reason(x) + ")", x);
        }
        budget[0] -= bytes.length;
        if (e.getCrc() != -1) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if (crc.getValue() != e.getCrc()) {
                throw new ModelFormatException(String.format("member %s is corrupt: CRC-32 %08x does not match the "
                        + "archive's %08x", name(e), crc.getValue(), e.getCrc()));
            }
        }
        return bytes;
    }

    /** Reads a member of undeclared size in chunks, failing as soon as it exceeds {@code limit}. */
    private static byte[] readBounded(InputStream in, ZipEntry e, long limit) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(CHUNK);
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) > 0) {
            total += n;
            if (total > limit) {
                throw tooLarge(e, "more than " + limit + " bytes", limit);
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private static ModelFormatException tooLarge(ZipEntry e, String size, long limit) {
        return new ModelFormatException("member " + name(e) + " inflates to " + size + ", more than the " + limit
                + " bytes this reader accepts (at most " + MAX_MEMBER_BYTES + " per member, " + MAX_TOTAL_BYTES
                + " per archive)");
    }

    private static String name(ZipEntry e) {
        return org.cosmoemu.api.MessageText.quote(e.getName(), 120);
    }

    /** The reason an I/O error gives, without its exception type. */
    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "unreadable data"
                : org.cosmoemu.api.MessageText.printable(m.length() > 200 ? m.substring(0, 200) + "..." : m);
    }
}
