package org.cosmoemu.cpu.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Objects;
import org.cosmoemu.api.ModelFormatException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputException;
import org.cosmoemu.api.Precision;
import org.cosmoemu.api.UnsafePickleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads model files of every supported format into a {@link NetworkModel}, and writes the SDK's own format.
 *
 * <h2>Formats read</h2>
 * The format is recognised from the content, whatever the file's extension:
 * <ul>
 *   <li>Python pickle (first byte {@code 0x80}, protocols 2-5): (A) original CosmoPower {@code cosmopower_NN} /
 *       {@code cosmopower_PCAplusNN} files and (B) cosmopower-jax files (whose PCA models also need the
 *       {@code ../pca_utils/<name>_*.npy} side files). Pickles are read by a reader that never runs code: any
 *       reference to code other than numpy arrays and TensorFlow's {@code ListWrapper} raises
 *       {@link UnsafePickleException};</li>
 *   <li>numpy {@code .npz} (zip, {@code PK}): (C) "object npz" holding a pickled CosmoPower dict in
 *       {@code arr_0.npy}, and (D) flat npz with {@code W_i, b_i, alphas_i, betas_i, ...} members;</li>
 *   <li>HDF5 ({@code \x89HDF}): the SDK's own format, written by {@link #write}.</li>
 * </ul>
 * CosmoPower files store neither parameter ranges nor what the outputs mean: such models have unbounded
 * parameters, a grid of axis {@code modes} (or named outputs) and {@link org.cosmoemu.api.OutputQuantity#unspecified()};
 * declare the quantity with {@link NetworkModel#toBuilder()} before writing a bundled model. Provenance records
 * the source file name, format letter and description, SHA-256 and size.
 *
 * <h2>The SDK's format</h2>
 * A self-describing HDF5 file holding everything a {@link NetworkModel} holds; see
 * {@code emulator-cpu/MODEL-FORMAT.md}. Reading it back gives an equal model.
 *
 * <p>All methods are thread-safe. Errors are {@link ModelFormatException}s whose message starts with the
 * file's path and says what is wrong.
 */
public final class ModelFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /**
     * Largest model file read, checked before reading: the largest CosmoPower and bundled models are tens of
     * megabytes. (Members of {@code .npz} archives and HDF5 datasets have limits of their own, checked before
     * they are inflated or read.)
     */
    public static final long MAX_FILE_BYTES = 512L << 20;

    private ModelFiles() {
    }

    /**
     * Reads a model file of any supported format.
     *
     * @param file the model file
     * @return the model
     * @throws UnsafePickleException if a pickle refers to code (the message names the file, the global or opcode,
     *                               and its byte offset)
     * @throws ModelFormatException  if the file is missing, empty, truncated, corrupt, of an unknown format, lacks
     *                               an entry or holds arrays that do not fit together (the message names the file)
     */
    public static NetworkModel read(Path file) {
        Objects.requireNonNull(file, "file");
        String where = "model file " + file;
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(where + " is a directory, not a model file");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ModelFormatException(where + " is too large (" + size + " bytes) to be a model file (at most "
                        + MAX_FILE_BYTES + " bytes are read)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(where + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ModelFormatException(where + " cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new ModelFormatException(where + " cannot be read (" + (e.getMessage() == null ? "I/O error"
                    : e.getMessage()) + ")", e);
        }
        if (bytes.length == 0) {
            throw new ModelFormatException(where + " is empty (0 bytes)");
        }
        SourceFile src = new SourceFile(file, bytes);
        try {
            NetworkModel model = switch (detect(bytes)) {
                case PICKLE -> CosmoPowerFormats.fromPickle(PickleReader.load(bytes), src);
                case ZIP -> CosmoPowerFormats.fromNpz(NpzReader.read(file), src);
                case HDF5 -> Hdf5ModelFile.read(bytes, file);
                case NPY -> throw new ModelFormatException("is a single numpy .npy array, not a model (CosmoPower "
                        + "models are .pkl pickles or .npz archives)");
                case UNKNOWN -> throw new ModelFormatException("has an unknown format: it is not a Python pickle "
                        + "(protocol 2-5), a numpy .npz archive or an HDF5 file (first bytes: " + firstBytes(bytes) + ")");
            };
            LOG.debug("read {}: {}", file, model);
            return model;
        } catch (UnsafePickleException e) {
            throw new UnsafePickleException(where + ": " + e.getMessage());
        } catch (ModelFormatException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // jHDF and the zip reader report damaged files with their own exception types; their names are no
            // help to the user, and their messages may quote raw bytes (MessageText makes them printable)
            throw new ModelFormatException(where + " is corrupt or truncated (" + reason(e) + ")", e);
        } catch (StackOverflowError e) {
            // a damaged HDF5 file can make jHDF follow a cycle of object headers or B-tree nodes
            throw new ModelFormatException(where + " is corrupt: its HDF5 structure refers to itself", e);
        }
    }

    /**
     * Reads what a model file in the SDK's HDF5 format says about its network (name, inputs, grid, quantity)
     * without reading its weights: cheap enough to describe many models up front and load each network only when it
     * is first used. The payload checksum covers the weights, so it is verified by {@link #read}, not here.
     *
     * @param file a model file in the SDK's HDF5 format (as {@link #write} writes it)
     * @return its header
     * @throws ModelFormatException if the file is missing, is not an HDF5 cosmo-emu model file, or an entry of the
     *                              header is missing or malformed (the message names the file)
     */
    public static ModelHeader readHeader(Path file) {
        Objects.requireNonNull(file, "file");
        String where = "model file " + file;
        byte[] head = new byte[HDF5_SIGNATURE.length];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length || detect(head) != Kind.HDF5) {
                throw new ModelFormatException(where + ": its header can only be read from the SDK's HDF5 format "
                        + "(convert the file with ModelFiles.write, or the CLI's convert)");
            }
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(where + " does not exist", e);
        } catch (IOException e) {
            throw new ModelFormatException(where + " cannot be read: " + e, e);
        }
        try {
            return Hdf5ModelFile.readHeader(file);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelFormatException(where + " is corrupt or truncated: " + e, e);
        }
    }

    /**
     * Writes a model in the SDK's HDF5 format (see {@code emulator-cpu/MODEL-FORMAT.md}). The file is written
     * next to its destination and moved into place, so a failed write leaves no partial file.
     *
     * @param model   the model
     * @param file    destination; replaced if it exists; its directory must exist
     * @param storage {@link Precision#FLOAT32} stores the weight and PCA matrices as float32 (about half the size;
     *                lossless for CosmoPower weights, which their files hold as float32), everything else as
     *                float64; {@link Precision#FLOAT64} stores everything as float64
     * @throws OutputException if the file cannot be written (the message names it)
     */
    public static void write(NetworkModel model, Path file, Precision storage) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(storage, "storage");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new OutputException("cannot write model file " + file + ": directory " + dir + " does not exist");
        }
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Hdf5ModelFile.write(model, tmp, storage);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            throw new OutputException("cannot write model file " + file + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort; the message above already reports the failure
            }
        }
        LOG.debug("wrote {} ({} storage): {}", file, storage, model);
    }

    private enum Kind {
        PICKLE, ZIP, HDF5, NPY, UNKNOWN
    }

    private static Kind detect(byte[] b) {
        if ((b[0] & 0xFF) == 0x80) {
            return Kind.PICKLE;
        }
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5) && (b[3] == 4 || b[3] == 6)) {
            return Kind.ZIP;
        }
        if (NpyReader.isNpy(b)) {
            return Kind.NPY;
        }
        // the HDF5 superblock sits at offset 0, 512, 1024, 2048, ... (after an optional user block)
        for (long off = 0; off + HDF5_SIGNATURE.length <= b.length; off = off == 0 ? 512 : off * 2) {
            if (java.util.Arrays.equals(b, (int) off, (int) off + HDF5_SIGNATURE.length, HDF5_SIGNATURE, 0,
                    HDF5_SIGNATURE.length)) {
                return Kind.HDF5;
            }
        }
        return Kind.UNKNOWN;
    }

    /** What a library's exception says, without its type name: the message for the libraries' own types. */
    private static String reason(RuntimeException e) {
        String m = e.getMessage();
        boolean library = e.getClass().getName().startsWith("io.jhdf.") || e.getClass().getName().startsWith("java.util.zip.");
        if (!library || m == null || m.isBlank()) {
            return "its internal structure is inconsistent";
        }
        m = m.replaceAll("\\b(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:? ?", "");
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    private static String firstBytes(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b, 0, Math.min(8, b.length));
    }
}
