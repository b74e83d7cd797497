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
    /** Largest member accepted: a model weight file is megabytes, not gigabytes. */
    private static final long MAX_MEMBER_BYTES = Integer.MAX_VALUE - 16;

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
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    continue;
                }
                String key = e.getName().substring(0, e.getName().length() - 4);
                byte[] bytes = readMember(zip, e);
                try {
                    arrays.put(key, NpyReader.read(bytes));
                } catch (UnsafePickleException x) {
                    throw new UnsafePickleException("member '" + e.getName() + "': " + x.getMessage());
                } catch (ModelFormatException x) {
                    throw new ModelFormatException("member '" + e.getName() + "': " + x.getMessage(), x);
                }
            }
        } catch (ZipException e) {
            throw new ModelFormatException("corrupt or truncated zip archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read the zip archive: " + e, e);
        }
        return arrays;
    }

    private static byte[] readMember(ZipFile zip, ZipEntry e) throws IOException {
        long declared = e.getSize();
        if (declared > MAX_MEMBER_BYTES) {
            throw new ModelFormatException("member '" + e.getName() + "' is too large (" + declared + " bytes)");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            bytes = in.readNBytes((int) (declared >= 0 ? declared : MAX_MEMBER_BYTES));
            if (declared >= 0 && (bytes.length != declared || in.read() != -1)) {
                throw new ModelFormatException("member '" + e.getName() + "' is truncated or corrupt: the archive "
                        + "declares " + declared + " bytes, its data gives " + (bytes.length == declared ? "more" : bytes.length));
            }
        } catch (ZipException | java.io.EOFException x) {
            throw new ModelFormatException("member '" + e.getName() + "' is truncated or corrupt (" + x.getMessage()
                    + ")", x);
        }
        if (e.getCrc() != -1) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if (crc.getValue() != e.getCrc()) {
                throw new ModelFormatException(String.format("member '%s' is corrupt: CRC-32 %08x does not match the "
                        + "archive's %08x", e.getName(), crc.getValue(), e.getCrc()));
            }
        }
        return bytes;
    }
}
