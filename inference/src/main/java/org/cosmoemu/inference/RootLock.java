package org.cosmoemu.inference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.cosmoemu.api.OutputException;

/**
 * The lock a run holds on {@code <root>.lock} while it writes to an output root: an operating-system file lock,
 * so it is released when the process ends however it ends, and a second run on the root (in this process or
 * another) is refused. The file holds the owner's process id, for the message; it stays after the run.
 */
final class RootLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RootLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param root the output root
     * @return the held lock
     * @throws OutputException naming the root (and the process holding it) if another run holds it, or the lock
     *                         file cannot be created
     */
    static RootLock acquire(Path root) {
        Path file = GetDistFiles.lockFile(root);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // held by another run in this JVM
            }
            if (l == null) {
                String owner = owner(file);
                ch.close();
                throw new OutputException("output " + root + " is in use by another run (" + file + " is locked"
                        + (owner.isEmpty() ? "" : " by process " + owner) + "); wait for it to finish or choose another "
                        + "output");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new RootLock(file, ch, l);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // reporting the first failure
                }
            }
            throw new OutputException("cannot lock the output " + root + ": " + file + " (" + GetDistFiles.reason(e) + ")",
                    e);
        }
    }

    private static String owner(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return s.matches("[0-9]{1,12}") ? s : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new OutputException("cannot release the lock " + file + " (" + GetDistFiles.reason(e) + ")", e);
        }
    }
}
