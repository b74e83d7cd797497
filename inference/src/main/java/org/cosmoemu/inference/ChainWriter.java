package org.cosmoemu.inference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.cosmoemu.api.OutputException;

/**
 * Appends complete rows to one chain file. Rows collect in memory and reach the file only whole, in one write
 * per {@link #flush()}, so a run stopped between flushes leaves complete lines (a write cut short by a crash can
 * still tear the last one, which resuming repairs). Thread-safe: the chain's thread appends, the sampler's
 * flusher and its shutdown hook flush.
 */
final class ChainWriter implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final StringBuilder pending = new StringBuilder(1 << 12);
    private boolean closed;

    /**
     * @param file   the chain file, created if absent, appended to
     * @param header written first when the file is empty (GetDist's column line), or null
     * @throws OutputException naming the file if it cannot be opened or written
     */
    ChainWriter(Path file, String header) {
        this.file = file;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            if (header != null && channel.size() == 0) {
                pending.append(header);
                flush();
            }
        } catch (IOException e) {
            throw new OutputException(file + ": cannot open the chain file for writing (" + GetDistFiles.reason(e)
                    + ")", e);
        }
    }

    /** @param row one complete row, with its newline */
    synchronized void append(CharSequence row) {
        if (closed) {
            throw new AssertionError("chain file " + file + " appended to after it was closed");
        }
        pending.append(row);
    }

    /**
     * Writes the rows appended so far.
     *
     * @throws OutputException naming the file if the write fails
     */
    synchronized void flush() {
        if (pending.isEmpty() || closed) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
        pending.setLength(0);
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            throw new OutputException(file + ": cannot write the chain file (" + GetDistFiles.reason(e) + ")", e);
        }
    }

    /** Flushes and closes; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            try {
                channel.close();
            } catch (IOException e) {
                throw new OutputException(file + ": cannot close the chain file (" + GetDistFiles.reason(e) + ")", e);
            }
        }
    }
}
