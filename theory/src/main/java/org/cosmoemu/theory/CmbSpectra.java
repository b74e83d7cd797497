package org.cosmoemu.theory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.MissingQuantityException;

/**
 * Lensed CMB power spectra and the lensing potential spectrum on ℓ = 0..lmax, in one canonical convention:
 * <ul>
 *   <li>{@code TT, TE, EE, BB}: C_ℓ in µK² (FIRAS T0 = {@value #T_CMB_K} K), no ℓ factor;</li>
 *   <li>{@code PP}: C_ℓ^φφ of the lensing potential, dimensionless, no ℓ factor.</li>
 * </ul>
 * Entries below ℓ = 2 are zero. The accessors convert to the conventions likelihoods use (D_ℓ, C_L^κκ,
 * the CAMB "PP" column). Immutable and thread-safe.
 */
public final class CmbSpectra {

    /** The spectra this class can hold. */
    public enum Spectrum {
        /** Temperature. */
        TT,
        /** Temperature × E-mode polarisation. */
        TE,
        /** E-mode polarisation. */
        EE,
        /** B-mode polarisation. */
        BB,
        /** Lensing potential φφ. */
        PP
    }

    /** FIRAS CMB temperature in kelvin. */
    public static final double T_CMB_K = 2.7255;
    /** (T0 in µK)²: multiplies a dimensionless C_ℓ to give µK². */
    public static final double MUK2 = (T_CMB_K * 1e6) * (T_CMB_K * 1e6);

    private final int lmax;
    private final double[][] cl; // indexed [Spectrum.ordinal()][ell], null where absent

    CmbSpectra(int lmax, double[][] cl) {
        this.lmax = lmax;
        this.cl = cl;
    }

    /** @return the array of spectrum {@code ordinal}, for {@link TheoryEvaluator} to fill in place (not a copy) */
    double[] rawArray(int ordinal) {
        return cl[ordinal];
    }

    /**
     * {@return a builder for spectra on ℓ = 0..lmax}
     *
     * @param lmax highest multipole held
     */
    public static Builder builder(int lmax) {
        return new Builder(lmax);
    }

    /** {@return the highest multipole held} */
    public int lmax() {
        return lmax;
    }

    /**
     * {@return {@code true} if this object holds it}
     *
     * @param s a spectrum
     */
    public boolean has(Spectrum s) {
        return cl[s.ordinal()] != null;
    }

    /**
     * {@return C_ℓ (µK² for TT/TE/EE/BB; dimensionless for PP), no ℓ factor}
     *
     * @param s   the spectrum
     * @param ell the multipole, 0 ≤ ℓ ≤ lmax
     * @throws MissingQuantityException if the spectrum is absent
     * @throws IndexOutOfBoundsException if ℓ is outside 0..lmax
     */
    public double cl(Spectrum s, int ell) {
        return array(s)[ell];
    }

    /**
     * {@return D_ℓ = ℓ(ℓ+1) C_ℓ / 2π in µK²}
     *
     * @param s   TT, TE, EE or BB
     * @param ell the multipole
     */
    public double dl(Spectrum s, int ell) {
        return array(s)[ell] * ell * (ell + 1.0) / (2.0 * Math.PI);
    }

    /**
     * {@return the convergence spectrum C_L^κκ = [L(L+1)]² C_L^φφ / 4}
     *
     * @param ell the multipole L
     */
    public double clKappa(int ell) {
        double f = ell * (ell + 1.0);
        return array(Spectrum.PP)[ell] * f * f / 4.0;
    }

    /**
     * {@return the CAMB/Planck "PP" convention [L(L+1)]² C_L^φφ / 2π}
     *
     * @param ell the multipole L
     */
    public double ppCamb(int ell) {
        double f = ell * (ell + 1.0);
        return array(Spectrum.PP)[ell] * f * f / (2.0 * Math.PI);
    }

    /**
     * {@return a copy of C_ℓ for ℓ = 0..lmax in the canonical convention}
     *
     * @param s the spectrum
     */
    public double[] toArray(Spectrum s) {
        return array(s).clone();
    }

    private double[] array(Spectrum s) {
        double[] a = cl[s.ordinal()];
        if (a == null) {
            throw new MissingQuantityException("spectrum " + s + " was not computed");
        }
        return a;
    }

    /** Highest multipole a spectra table may hold (Stage-IV analyses reach ℓ = 5000; CAMB tables ℓ = 10000). */
    public static final int MAX_TABLE_ELL = 20_000;
    /** Largest spectra table read, checked before reading (a table to ℓ = 20000 with 16 columns is ~5 MB). */
    public static final long MAX_TABLE_BYTES = 32L << 20;
    /** Most columns a spectra table may have. */
    public static final int MAX_TABLE_COLUMNS = 64;
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
            "[-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eEdD][-+]?[0-9]{1,4})?");
    /** Column names of the known layouts that hold no spectrum this class keeps (cross-spectra with φ, B). */
    private static final java.util.Set<String> IGNORED = java.util.Set.of("TP", "EP", "PT", "PE", "TB", "EB", "BT",
            "BE", "TPHI", "EPHI", "-");

    /**
     * Reads a spectra table whose layout its header states: as {@link #readTable(Path, List)} with no columns.
     * (The name is kept from when this reader assumed {@code L TT TE EE BB PP}; it now reads CAMB's orders too.)
     *
     * @param file the table
     * @return the spectra up to the table's last ℓ
     * @throws DataFileException naming the file (and line) if it is missing, malformed or has no known header
     */
    public static CmbSpectra readCambTable(Path file) {
        return readTable(file, null);
    }

    /**
     * Reads a text table of spectra: one row per multipole ℓ, TT, TE, EE, BB as D_ℓ = ℓ(ℓ+1)C_ℓ/2π in µK² and
     * PP as [L(L+1)]² C_L^φφ/2π, the conventions of CAMB's output files and Planck's best-fit tables.
     *
     * <p><b>Column order.</b> Given by {@code columns} (e.g. {@code [L, TT, TE, EE, BB, PP]}), else by the table's
     * header: the last line before the data that starts with {@code #} or a letter, whose first name is
     * {@code L} (or {@code ell}) and that names as many columns as the rows have. Names are separated by spaces or
     * commas and may carry a {@code D} prefix ({@code DTT}). This reads the headers of CAMB's
     * {@code lensedCls}/{@code totCls} ({@code L TT EE BB TE}), {@code lenspotentialCls} ({@code L TT EE BB TE PP
     * TP EP}) and {@code scalCls} ({@code L TT EE TE PP TP}), Planck's {@code minimum-theory} tables and the SDK's
     * own ({@code L TT TE EE BB PP}). {@code TP, EP, TB, EB} and {@code -} columns are read and not kept. A
     * table without such a header, or with a name outside these, is refused: the column order must be stated.
     *
     * <p><b>Rows.</b> ℓ must be an integer, 0 ≤ ℓ ≤ {@value #MAX_TABLE_ELL}, each row's one more than the previous;
     * the last ℓ must be at least 2. Every value must be a finite decimal number. Entries at ℓ &lt; 2 are stored
     * as zero. Limits are checked before anything is allocated for them; the file may be at most
     * {@value #MAX_TABLE_BYTES} bytes.
     *
     * @param file    the table
     * @param columns the column names in order, or {@code null} to read them from the header
     * @return the spectra up to the table's last ℓ
     * @throws DataFileException naming the file (and line, column or name) if it is missing, too large, has an
     *                           absent or unknown layout, or a row that breaks the rules above
     */
    public static CmbSpectra readTable(Path file, List<String> columns) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException("spectra file not found: " + file);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_TABLE_BYTES) {
                throw new DataFileException("spectra file " + file + " has " + size + " bytes, more than the "
                        + MAX_TABLE_BYTES + " a table of spectra to ell = " + MAX_TABLE_ELL + " needs");
            }
        } catch (IOException e) {
            throw new DataFileException("cannot read spectra file " + file + " (" + e.getMessage() + ")", e);
        }
        List<String> headers = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        int firstDataLine = -1;
        try (BufferedReader r = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (t.startsWith("#") || Character.isLetter(t.charAt(0))) {
                    if (rows.isEmpty()) {
                        headers.add(t);
                    }
                    continue;
                }
                String[] parts = t.split("[\\s,]+");
                if (cols < 0) {
                    cols = parts.length;
                    firstDataLine = n;
                    if (cols < 2 || cols > MAX_TABLE_COLUMNS) {
                        throw new DataFileException(file + " line " + n + ": " + cols + " columns; a spectra table has "
                                + "2 to " + MAX_TABLE_COLUMNS + " (L and the spectra)");
                    }
                } else if (parts.length != cols) {
                    throw new DataFileException(file + " line " + n + ": " + parts.length + " columns, expected " + cols);
                }
                double[] row = new double[cols];
                for (int i = 0; i < cols; i++) {
                    row[i] = number(parts[i], file, n, i + 1);
                }
                double ell = row[0];
                if (ell != Math.rint(ell) || ell < 0 || ell > MAX_TABLE_ELL) {
                    throw new DataFileException(file + " line " + n + ": L = " + parts[0] + " is not an integer in 0.."
                            + MAX_TABLE_ELL);
                }
                if (!rows.isEmpty() && ell != rows.get(rows.size() - 1)[0] + 1) {
                    throw new DataFileException(file + " line " + n + ": L = " + (long) ell + " does not follow L = "
                            + (long) rows.get(rows.size() - 1)[0] + " (L must increase by one per row)");
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new DataFileException("cannot read spectra file " + file + " (" + e.getMessage() + ")", e);
        }
        if (rows.isEmpty()) {
            throw new DataFileException("spectra file " + file + " holds no data rows");
        }
        List<String> layout = columns != null ? columns : headerLayout(file, headers, cols);
        Spectrum[] spectrumOf = layoutOf(file, layout, cols, columns != null);
        int l0 = (int) rows.get(0)[0];
        int lmax = (int) rows.get(rows.size() - 1)[0];
        if (lmax < 2) {
            throw new DataFileException(file + " line " + firstDataLine + ": the table ends at L = " + lmax
                    + "; spectra need L >= 2");
        }
        Builder b = builder(lmax);
        for (int c = 1; c < cols; c++) {
            Spectrum s = spectrumOf[c];
            if (s == null) {
                continue;
            }
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i)[c];
            }
            b.set(s, l0, v, s == Spectrum.PP ? EllFactor.L_L1_SQUARED_OVER_2PI : EllFactor.L_L1_OVER_2PI, 1.0);
        }
        return b.build();
    }

    private static double number(String token, Path file, int line, int column) {
        if (!NUMBER.matcher(token).matches()) {
            throw new DataFileException(file + " line " + line + " column " + column + ": "
                    + org.cosmoemu.api.MessageText.quote(token, 40) + " is not a finite decimal number");
        }
        double v = Double.parseDouble(token.replace('d', 'e').replace('D', 'E'));
        if (!Double.isFinite(v)) {
            throw new DataFileException(file + " line " + line + " column " + column + ": " + token
                    + " is beyond the range of a double");
        }
        return v;
    }

    /** The last header line naming L first and as many columns as the rows have. */
    private static List<String> headerLayout(Path file, List<String> headers, int cols) {
        List<String> candidate = null;
        for (String h : headers) {
            List<String> names = List.of(h.replaceFirst("^#+", "").trim().split("[\\s,]+"));
            if (!names.isEmpty() && "L".equals(canonical(names.get(0)))) {
                if (names.size() == cols) {
                    candidate = names;
                } else if (candidate == null) {
                    candidate = names; // reported below if nothing better follows
                }
            }
        }
        if (candidate == null) {
            throw new DataFileException("spectra file " + file + " has no header naming its columns (a line such as '# L "
                    + "TT EE BB TE' before the data); state the order with --columns (Java: CmbSpectra.readTable(file, "
                    + "columns)), e.g. --columns L,TT,TE,EE,BB,PP");
        }
        if (candidate.size() != cols) {
            throw new DataFileException("spectra file " + file + ": its header names " + candidate.size() + " columns "
                    + org.cosmoemu.api.MessageText.quote(String.join(" ", candidate), 120) + " but the rows have " + cols
                    + "; state the order with --columns");
        }
        return candidate;
    }

    /** Maps each column to the spectrum it holds (null for L and ignored columns). */
    private static Spectrum[] layoutOf(Path file, List<String> layout, int cols, boolean stated) {
        String where = stated ? "--columns " + String.join(",", layout) : "the header of " + file;
        if (layout.size() != cols) {
            throw new DataFileException("spectra file " + file + " has " + cols + " columns but " + where + " names "
                    + layout.size());
        }
        Spectrum[] out = new Spectrum[cols];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int c = 0; c < cols; c++) {
            String name = canonical(layout.get(c));
            boolean known = name.equals("L") || IGNORED.contains(name) || isSpectrum(name);
            if (!known) {
                throw new DataFileException("spectra file " + file + ": column " + (c + 1) + " of " + where + " is "
                        + org.cosmoemu.api.MessageText.quote(layout.get(c), 40) + ", not a known column (L, TT, TE, EE, BB, PP; "
                        + "TP, EP, TB, EB and - are read and not kept)" + (stated ? "" : "; state the order with --columns"));
            }
            if (!name.equals("-") && !seen.add(name)) {
                throw new DataFileException("spectra file " + file + ": " + where + " names " + name + " twice");
            }
            if ((c == 0) != name.equals("L")) {
                throw new DataFileException("spectra file " + file + ": " + where + " must name L first, and only first");
            }
            out[c] = isSpectrum(name) ? Spectrum.valueOf(name) : null;
        }
        return out;
    }

    private static boolean isSpectrum(String name) {
        for (Spectrum s : Spectrum.values()) {
            if (s.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Upper case, {@code ell} → {@code L}, a {@code D}/{@code DL_}/{@code D_} prefix dropped, {@code ET} → {@code TE}. */
    private static String canonical(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        if (n.equals("ELL") || n.equals("L")) {
            return "L";
        }
        for (String prefix : new String[] {"DL_", "D_", "D"}) {
            if (n.startsWith(prefix) && n.length() == prefix.length() + 2) {
                n = n.substring(prefix.length());
                break;
            }
        }
        return switch (n) {
            case "ET" -> "TE";
            case "PHIPHI" -> "PP";
            default -> n;
        };
    }

    /** Builds {@link CmbSpectra}. Not thread-safe. */
    public static final class Builder {
        private final int lmax;
        private final Map<Spectrum, double[]> data = new EnumMap<>(Spectrum.class);

        private Builder(int lmax) {
            if (lmax < 2) {
                throw new InvalidOptionException("lmax", "CMB spectra need lmax >= 2, got " + lmax);
            }
            this.lmax = lmax;
        }

        /**
         * Stores a spectrum given in any convention, converting to the canonical one.
         *
         * @param s         the spectrum
         * @param firstEll  multipole of {@code values[0]}
         * @param values    consecutive multipoles from {@code firstEll} (entries beyond lmax are ignored,
         *                  entries for ℓ &lt; 2 are stored as zero)
         * @param factor    the ℓ factor {@code values} carry
         * @param unitScale multiplies the values into canonical units: {@link #MUK2} for dimensionless
         *                  CMB spectra, 1 for spectra already in µK² and for PP
         * @return this builder
         */
        public Builder set(Spectrum s, int firstEll, double[] values, EllFactor factor, double unitScale) {
            double[] a = new double[lmax + 1];
            for (int i = 0; i < values.length; i++) {
                int ell = firstEll + i;
                if (ell > lmax) {
                    break;
                }
                if (ell < 2) {
                    continue;
                }
                a[ell] = values[i] * unitScale / factor.factor(ell);
            }
            data.put(s, a);
            return this;
        }

        /** {@return the spectra} */
        public CmbSpectra build() {
            double[][] cl = new double[Spectrum.values().length][];
            data.forEach((s, a) -> cl[s.ordinal()] = a);
            return new CmbSpectra(lmax, cl);
        }
    }
}
