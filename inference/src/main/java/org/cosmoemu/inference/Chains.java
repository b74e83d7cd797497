package org.cosmoemu.inference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.InvalidParameterException;

/**
 * Weighted samples from one or more Markov chains, in GetDist's layout: each row holds a weight (the number
 * of steps the chain stayed at that point), the minus-log-posterior, then one value per {@link Column}
 * (sampled parameters first, then derived). Immutable.
 *
 * <p>{@link #read(Path)} and {@link #write(Path)} use GetDist's text format (see {@link GetDistFiles}).
 */
public final class Chains {

    /**
     * One column of the chains.
     *
     * @param name    the parameter name
     * @param latex   its LaTeX label without {@code $}
     * @param derived whether it is derived (marked {@code *} in {@code .paramnames})
     * @param lower   the lower prior bound, {@code -Infinity} when open
     * @param upper   the upper prior bound, {@code +Infinity} when open
     */
    public record Column(String name, String latex, boolean derived, double lower, double upper) {
        /**
         * Checks the components.
         *
         * @throws NullPointerException       if name or latex is null
         * @throws InvalidParameterException naming the column if lower &gt; upper or a bound is NaN
         */
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(latex, "latex");
            if (!(lower <= upper)) {
                throw new InvalidParameterException(name, "column " + name + ": bounds [" + lower + ", " + upper
                        + "] are not ordered");
            }
        }
    }

    private final List<Column> columns;
    private final List<double[]> data; // per chain, rows of (weight, minusLogPost, values...) flattened
    private final int stride;

    private Chains(List<Column> columns, List<double[]> data) {
        this.columns = columns;
        this.data = data;
        this.stride = 2 + columns.size();
    }

    /**
     * {@return the chains}
     *
     * @param columns the columns
     * @param chains  per chain, its rows {@code {weight, minusLogPosterior, value_1, ..., value_n}} (copied)
     * @throws InvalidParameterException if there is no chain, a row has the wrong length, a weight is negative
     *   or not finite, or two columns share a name (the message says which)
     */
    public static Chains of(List<Column> columns, List<double[][]> chains) {
        List<Column> cols = List.copyOf(columns);
        checkNames(cols);
        int stride = 2 + cols.size();
        List<double[]> flat = new ArrayList<>();
        for (int c = 0; c < chains.size(); c++) {
            double[][] rows = chains.get(c);
            double[] f = new double[rows.length * stride];
            for (int r = 0; r < rows.length; r++) {
                if (rows[r].length != stride) {
                    throw new InvalidParameterException(null, "chain " + (c + 1) + " row " + (r + 1) + " has "
                            + rows[r].length + " values, expected " + stride + " (weight, -log posterior and "
                            + cols.size() + " columns)");
                }
                checkWeight(rows[r][0], "chain " + (c + 1) + " row " + (r + 1));
                System.arraycopy(rows[r], 0, f, r * stride, stride);
            }
            flat.add(f);
        }
        return ofFlat(cols, flat);
    }

    static Chains ofFlat(List<Column> columns, List<double[]> flat) {
        if (flat.isEmpty()) {
            throw new InvalidParameterException(null, "chains need at least one chain");
        }
        return new Chains(List.copyOf(columns), List.copyOf(flat));
    }

    static void checkWeight(double w, String where) {
        if (!(w >= 0) || !Double.isFinite(w)) {
            throw new InvalidParameterException(null, where + ": weight " + w + " is not a finite number >= 0");
        }
    }

    private static void checkNames(List<Column> cols) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Column c : cols) {
            if (!seen.add(c.name())) {
                throw new InvalidParameterException(c.name(), "column name '" + c.name() + "' is used twice");
            }
        }
    }

    /**
     * Reads chains in GetDist's text format.
     *
     * @param root the file root: reads {@code root.paramnames}, {@code root.ranges} when present, and the chains
     *             {@code root.1.txt, root.2.txt, ...} (cobaya), else {@code root_1.txt, ...} (CosmoMC), else
     *             {@code root.txt}
     * @return the chains
     * @throws org.cosmoemu.api.DataFileException naming the file (and line) if a file is missing or malformed
     */
    public static Chains read(Path root) {
        return GetDistFiles.read(root);
    }

    /**
     * Writes {@code root.paramnames}, {@code root.ranges} and {@code root.1.txt, ...} in GetDist's format
     * (overwriting them).
     *
     * @param root the file root
     * @throws org.cosmoemu.api.OutputException naming the file if it cannot be written
     */
    public void write(Path root) {
        GetDistFiles.write(root, this);
    }

    /** {@return the columns (sampled, then derived)} */
    public List<Column> columns() {
        return columns;
    }

    /**
     * {@return its index in {@link #columns()}}
     *
     * @param name a column name
     * @throws InvalidParameterException naming {@code name} if there is no such column (the message lists the
     *   names)
     */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new InvalidParameterException(name, "no parameter '" + name + "' in the chains; columns: "
                + columns.stream().map(Column::name).toList());
    }

    /** {@return the number of chains} */
    public int chainCount() {
        return data.size();
    }

    /**
     * {@return the number of rows in it}
     *
     * @param chain chain index, from 0
     */
    public int rows(int chain) {
        return data.get(chain).length / stride;
    }

    /** {@return the number of rows in all chains} */
    public int totalRows() {
        int n = 0;
        for (int c = 0; c < data.size(); c++) {
            n += rows(c);
        }
        return n;
    }

    /**
     * {@return the row's weight}
     *
     * @param chain chain index
     * @param row   row index
     */
    public double weight(int chain, int row) {
        return data.get(chain)[row * stride];
    }

    /**
     * {@return the row's minus-log-posterior}
     *
     * @param chain chain index
     * @param row   row index
     */
    public double minusLogPosterior(int chain, int row) {
        return data.get(chain)[row * stride + 1];
    }

    /**
     * {@return the value}
     *
     * @param chain  chain index
     * @param row    row index
     * @param column column index in {@link #columns()}
     */
    public double value(int chain, int row, int column) {
        return data.get(chain)[row * stride + 2 + column];
    }

    /**
     * {@return the chain's weights (a copy)}
     *
     * @param chain chain index
     */
    public double[] weights(int chain) {
        int n = rows(chain);
        double[] w = new double[n];
        for (int r = 0; r < n; r++) {
            w[r] = weight(chain, r);
        }
        return w;
    }

    /**
     * {@return the column's values in that chain (a copy)}
     *
     * @param chain  chain index
     * @param column column index
     */
    public double[] values(int chain, int column) {
        int n = rows(chain);
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
            v[r] = value(chain, r, column);
        }
        return v;
    }

    /** {@return every chain's weights, concatenated in chain order (a copy)} */
    public double[] allWeights() {
        double[] all = new double[totalRows()];
        int k = 0;
        for (int c = 0; c < data.size(); c++) {
            for (int r = 0; r < rows(c); r++) {
                all[k++] = weight(c, r);
            }
        }
        return all;
    }

    /**
     * {@return the column's values in all chains, concatenated in chain order (a copy)}
     *
     * @param column column index
     */
    public double[] allValues(int column) {
        double[] all = new double[totalRows()];
        int k = 0;
        for (int c = 0; c < data.size(); c++) {
            for (int r = 0; r < rows(c); r++) {
                all[k++] = value(c, r, column);
            }
        }
        return all;
    }

    /**
     * Removes burn-in as GetDist's {@code ignore_rows} &lt; 1 does: the first round(fraction × rows) rows of
     * each chain.
     *
     * @param fraction the fraction of rows to drop from the start of each chain, in [0, 1)
     * @return the remaining samples
     * @throws InvalidOptionException if the fraction is outside [0, 1)
     */
    public Chains removeBurnFraction(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new InvalidOptionException("burn", "burn-in fraction must be in [0, 1), got " + fraction);
        }
        List<double[]> kept = new ArrayList<>();
        for (int c = 0; c < data.size(); c++) {
            int drop = (int) Math.round(rows(c) * fraction);
            kept.add(Arrays.copyOfRange(data.get(c), drop * stride, data.get(c).length));
        }
        return new Chains(columns, kept);
    }

    /** @return the flat row-major data of a chain (not copied: package use only) */
    double[] raw(int chain) {
        return data.get(chain);
    }
}
