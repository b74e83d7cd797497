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

    private CmbSpectra(int lmax, double[][] cl) {
        this.lmax = lmax;
        this.cl = cl;
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

    /**
     * Reads a CAMB-format text table such as {@code planck2018_bestfit_theory_cls.txt}: columns
     * {@code L TT TE EE BB PP} (first five as D_ℓ in µK², PP = [L(L+1)]² C_L^φφ / 2π), {@code #} comments
     * and a header line allowed, L consecutive from its first value. Missing trailing columns are absent spectra.
     *
     * @param file the table
     * @return the spectra up to the table's last L
     * @throws DataFileException naming the file and line if it is missing or malformed
     */
    public static CmbSpectra readCambTable(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException("spectra file not found: " + file);
        }
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#") || Character.isLetter(t.charAt(0))) {
                    continue;
                }
                String[] parts = t.split("\\s+");
                if (cols < 0) {
                    cols = parts.length;
                    if (cols < 2) {
                        throw new DataFileException(file + " line " + n + ": expected columns L TT [TE EE BB PP]");
                    }
                } else if (parts.length != cols) {
                    throw new DataFileException(file + " line " + n + ": " + parts.length + " columns, expected " + cols);
                }
                double[] row = new double[cols];
                for (int i = 0; i < cols; i++) {
                    try {
                        row[i] = Double.parseDouble(parts[i]);
                    } catch (NumberFormatException e) {
                        throw new DataFileException(file + " line " + n + ": '" + parts[i] + "' is not a number");
                    }
                }
                if (!rows.isEmpty() && row[0] != rows.get(rows.size() - 1)[0] + 1) {
                    throw new DataFileException(file + " line " + n + ": L = " + row[0] + " does not follow L = "
                            + rows.get(rows.size() - 1)[0]);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new DataFileException("cannot read spectra file " + file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataFileException("spectra file " + file + " holds no data rows");
        }
        int l0 = (int) rows.get(0)[0];
        int lmax = (int) rows.get(rows.size() - 1)[0];
        Spectrum[] order = {Spectrum.TT, Spectrum.TE, Spectrum.EE, Spectrum.BB, Spectrum.PP};
        Builder b = builder(lmax);
        for (int c = 1; c < cols && c <= order.length; c++) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i)[c];
            }
            Spectrum s = order[c - 1];
            if (s == Spectrum.PP) {
                b.set(s, l0, v, EllFactor.L_L1_SQUARED_OVER_2PI, 1.0);
            } else {
                b.set(s, l0, v, EllFactor.L_L1_OVER_2PI, 1.0);
            }
        }
        return b.build();
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
