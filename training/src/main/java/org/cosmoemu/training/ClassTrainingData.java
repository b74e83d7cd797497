package org.cosmoemu.training;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;

/**
 * The CLASS training spectra: every {@code train-*.h5} shard present in a directory (see the data's README),
 * read with jhdf. Points are identified by the {@code index} dataset (the design-point number), never by row
 * number. Rows are in shard-name order, then file order. Immutable after {@link #open}.
 *
 * <p>Nothing here assumes a cosmology family: the number and names of the parameters and their ranges, the
 * multipoles, wavenumbers and redshifts all come from the shards. Layout of a shard: {@code parameters} (N × P,
 * names/lower/upper in attributes; P = 6 in {@code class-lcdm}, 10 in {@code class-ext}), {@code index} (N),
 * {@code derived} (N × 13, names in attribute {@code names}), {@code cl/tt|te|ee|bb|pp} and, where present,
 * {@code cl_unlensed/tt|te|ee} (N × L, attribute {@code ell}: ℓ = 2..3000 or 2..5000), {@code pk/linear|nonlinear}
 * and, where present, {@code pk/linear_cb|nonlinear_cb} (N × 12 × 256, attributes {@code z}, {@code k_h_per_Mpc}),
 * {@code background/H|D_A} (N × 201, attribute {@code z}).
 */
public final class ClassTrainingData {

    /**
     * One shard file.
     *
     * @param file   the file
     * @param sha256 its SHA-256, lower-case hex
     * @param points the number of design points it holds
     */
    public record Shard(Path file, String sha256, int points) {
    }

    /**
     * A dataset read from every shard: one row of {@code width()} numbers per design point (multi-dimensional
     * per-point blocks, e.g. P(k, z)'s 12 × 256, are flattened row-major).
     *
     * @param name      the dataset path, e.g. {@code cl/tt}
     * @param perPoint  the shape of one point's block, e.g. {@code [2999]} or {@code [12, 256]}
     * @param rows      {@code rows[point][j]}, in the order of {@link ClassTrainingData#indices()}
     */
    public record Block(String name, int[] perPoint, double[][] rows) {
        /** {@return the number of numbers per point} */
        public int width() {
            return rows.length == 0 ? 0 : rows[0].length;
        }
    }

    private final Path directory;
    private final List<Shard> shards;
    private final ParameterSpace parameterSpace;
    private final long[] indices;
    private final double[][] parameters;

    private ClassTrainingData(Path directory, List<Shard> shards, ParameterSpace space, long[] indices,
            double[][] parameters) {
        this.directory = directory;
        this.shards = List.copyOf(shards);
        this.parameterSpace = space;
        this.indices = indices;
        this.parameters = parameters;
    }

    /**
     * Reads the design (parameters, indices) of every {@code train-*.h5} shard in {@code directory} and hashes
     * the files.
     *
     * @param directory the directory holding the shards (e.g. {@code ../shared/data/class-lcdm})
     * @return the training data
     * @throws DataFileException if the directory is missing, holds no shard, a shard is unreadable, the shards
     *                           disagree on the parameter names or ranges, or a design index repeats
     */
    public static ClassTrainingData open(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new DataFileException("CLASS training data directory not found: " + directory);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("train-") && n.endsWith(".h5");
            }).sorted().toList();
        } catch (IOException e) {
            throw new DataFileException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DataFileException("no train-*.h5 shard in " + directory);
        }
        List<Shard> shards = new ArrayList<>();
        List<long[]> idx = new ArrayList<>();
        List<double[][]> pars = new ArrayList<>();
        ParameterSpace space = null;
        for (Path f : files) {
            try (HdfFile h = new HdfFile(f)) {
                Dataset pd = dataset(h, f, "parameters");
                List<String> names = stringList(pd, f, "names");
                double[] lower = doubles(attribute(pd, f, "lower"), f, "parameters@lower");
                double[] upper = doubles(attribute(pd, f, "upper"), f, "parameters@upper");
                if (names.size() != lower.length || names.size() != upper.length) {
                    throw new DataFileException(f + ": parameters has " + names.size() + " names but "
                            + lower.length + " lower and " + upper.length + " upper bounds");
                }
                List<Parameter> ps = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    ps.add(Parameter.of(names.get(i), lower[i], upper[i]));
                }
                ParameterSpace s = ParameterSpace.of(ps);
                if (space == null) {
                    space = s;
                } else if (!space.equals(s)) {
                    throw new DataFileException(f + ": parameters " + s + " differ from those of " + files.get(0)
                            + " " + space);
                }
                double[] flat = doubles(pd.getDataFlat(), f, "parameters");
                int[] dims = pd.getDimensions();
                if (dims.length != 2 || dims[1] != names.size()) {
                    throw new DataFileException(f + ": parameters has shape " + Arrays.toString(dims) + ", expected [N, "
                            + names.size() + "]");
                }
                long[] index = longs(dataset(h, f, "index").getDataFlat(), f, "index");
                if (index.length != dims[0]) {
                    throw new DataFileException(f + ": index has " + index.length + " entries but parameters has "
                            + dims[0] + " rows");
                }
                double[][] rows = new double[dims[0]][];
                for (int r = 0; r < dims[0]; r++) {
                    rows[r] = Arrays.copyOfRange(flat, r * dims[1], (r + 1) * dims[1]);
                }
                idx.add(index);
                pars.add(rows);
                shards.add(new Shard(f, sha256(f), dims[0]));
            } catch (DataFileException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new DataFileException("cannot read CLASS shard " + f + ": " + e.getMessage(), e);
            }
        }
        int n = idx.stream().mapToInt(a -> a.length).sum();
        long[] indices = new long[n];
        double[][] parameters = new double[n][];
        Set<Long> seen = new HashSet<>();
        int row = 0;
        for (int s = 0; s < idx.size(); s++) {
            for (int r = 0; r < idx.get(s).length; r++) {
                long i = idx.get(s)[r];
                if (!seen.add(i)) {
                    throw new DataFileException(files.get(s) + ": design index " + i + " appears twice in " + directory);
                }
                indices[row] = i;
                parameters[row] = pars.get(s)[r];
                row++;
            }
        }
        return new ClassTrainingData(directory, shards, space, indices, parameters);
    }

    /** {@return the directory the shards were read from} */
    public Path directory() {
        return directory;
    }

    /** {@return the shards, in name order (unmodifiable)} */
    public List<Shard> shards() {
        return shards;
    }

    /** {@return the design parameters with the ranges the shards declare} */
    public ParameterSpace parameterSpace() {
        return parameterSpace;
    }

    /** {@return the number of design points} */
    public int size() {
        return indices.length;
    }

    /** {@return the design index of each row (a copy)} */
    public long[] indices() {
        return indices.clone();
    }

    /**
     * {@return that point's parameters in {@link #parameterSpace()} order (a copy)}
     *
     * @param row a row number
     */
    public double[] parameters(int row) {
        return parameters[row].clone();
    }

    /**
     * Reads a dataset from every shard.
     *
     * @param name the dataset path, e.g. {@code cl/tt}, {@code pk/linear}, {@code derived}
     * @return one row per design point, in {@link #indices()} order
     * @throws DataFileException if a shard lacks the dataset, or the shards disagree on its per-point shape
     */
    public Block read(String name) {
        List<double[][]> parts = new ArrayList<>();
        int[] perPoint = null;
        for (Shard s : shards) {
            try (HdfFile h = new HdfFile(s.file())) {
                Dataset d = dataset(h, s.file(), name);
                int[] dims = d.getDimensions();
                if (dims.length < 1 || dims[0] != s.points()) {
                    throw new DataFileException(s.file() + ": dataset '" + name + "' has shape " + Arrays.toString(dims)
                            + " but the shard holds " + s.points() + " points");
                }
                int[] pp = Arrays.copyOfRange(dims, 1, dims.length);
                if (perPoint == null) {
                    perPoint = pp;
                } else if (!Arrays.equals(perPoint, pp)) {
                    throw new DataFileException(s.file() + ": dataset '" + name + "' has per-point shape "
                            + Arrays.toString(pp) + ", other shards have " + Arrays.toString(perPoint));
                }
                double[] flat = doubles(d.getDataFlat(), s.file(), name);
                int width = flat.length / dims[0];
                double[][] rows = new double[dims[0]][];
                for (int r = 0; r < dims[0]; r++) {
                    rows[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
                }
                parts.add(rows);
            } catch (DataFileException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new DataFileException("cannot read dataset '" + name + "' of " + s.file() + ": " + e.getMessage(), e);
            }
        }
        double[][] all = new double[size()][];
        int row = 0;
        for (double[][] p : parts) {
            for (double[] r : p) {
                all[row++] = r;
            }
        }
        return new Block(name, perPoint, all);
    }

    /**
     * {@return its values as stored in the first shard (checked equal in every shard)}
     *
     * @param dataset   a dataset path
     * @param attribute a numeric attribute of it, e.g. {@code ell}, {@code z}, {@code k_h_per_Mpc}
     * @throws DataFileException if a shard lacks it or the shards disagree
     */
    public double[] axis(String dataset, String attribute) {
        double[] first = null;
        for (Shard s : shards) {
            try (HdfFile h = new HdfFile(s.file())) {
                double[] v = doubles(attribute(dataset(h, s.file(), dataset), s.file(), attribute), s.file(),
                        dataset + "@" + attribute);
                if (first == null) {
                    first = v;
                } else if (!Arrays.equals(first, v)) {
                    throw new DataFileException(s.file() + ": attribute " + dataset + "@" + attribute
                            + " differs from that of " + shards.get(0).file());
                }
            }
        }
        return first;
    }

    /**
     * {@return the names (checked equal in every shard)}
     *
     * @param dataset a dataset path with a string-array attribute {@code names} (e.g. {@code derived})
     * @throws DataFileException if a shard lacks them or the shards disagree
     */
    public List<String> names(String dataset) {
        List<String> first = null;
        for (Shard s : shards) {
            try (HdfFile h = new HdfFile(s.file())) {
                List<String> v = stringList(dataset(h, s.file(), dataset), s.file(), "names");
                if (first == null) {
                    first = v;
                } else if (!first.equals(v)) {
                    throw new DataFileException(s.file() + ": " + dataset + "@names " + v + " differ from " + first);
                }
            }
        }
        return first;
    }

    private static Dataset dataset(HdfFile h, Path f, String name) {
        Node n;
        try {
            n = h.getByPath(name);
        } catch (RuntimeException e) {
            throw new DataFileException(f + ": no dataset '" + name + "'", e);
        }
        if (!(n instanceof Dataset d)) {
            throw new DataFileException(f + ": '" + name + "' is not a dataset");
        }
        return d;
    }

    private static Object attribute(Node n, Path f, String name) {
        Attribute a = n.getAttribute(name);
        if (a == null) {
            throw new DataFileException(f + ": '" + n.getPath() + "' has no attribute '" + name + "'");
        }
        return a.getData();
    }

    private static List<String> stringList(Node n, Path f, String attr) {
        Object o = attribute(n, f, attr);
        if (o instanceof String[] s) {
            return List.of(s);
        }
        throw new DataFileException(f + ": attribute " + n.getPath() + "@" + attr + " is not a string array");
    }

    private static double[] doubles(Object o, Path f, String what) {
        if (o instanceof double[] d) {
            return d;
        }
        if (o instanceof float[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        }
        if (o instanceof long[] a) {
            return Arrays.stream(a).asDoubleStream().toArray();
        }
        if (o instanceof int[] a) {
            return Arrays.stream(a).asDoubleStream().toArray();
        }
        throw new DataFileException(f + ": " + what + " is not numeric ("
                + (o == null ? "null" : o.getClass().getSimpleName()) + ")");
    }

    private static long[] longs(Object o, Path f, String what) {
        if (o instanceof long[] a) {
            return a;
        }
        if (o instanceof int[] a) {
            return Arrays.stream(a).asLongStream().toArray();
        }
        if (o != null && o.getClass().isArray() && Array.getLength(o) == 0) {
            return new long[0];
        }
        throw new DataFileException(f + ": " + what + " is not an integer array");
    }

    private static String sha256(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new DataFileException("cannot read " + f + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM provides SHA-256", e);
        }
    }
}
