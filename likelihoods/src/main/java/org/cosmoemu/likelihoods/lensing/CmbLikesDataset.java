package org.cosmoemu.likelihoods.lensing;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cosmoemu.api.DataFileException;
import org.cosmoemu.likelihoods.DataTables;
import org.cosmoemu.theory.CmbSpectra.Spectrum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A binned Gaussian CMB-lensing data set in the CosmoMC / cobaya "CMBlikes" {@code .dataset} format, as used
 * by the Planck 2018 and Planck PR4 lensing likelihoods. Reading follows cobaya's
 * {@code base_classes/cmblikes.py} ({@code init_params}, {@code read_cl_array}, {@code read_bin_windows},
 * {@code ReadCovmat}) for the subset of the format these data sets use:
 * <ul>
 *   <li>{@code like_approx = gaussian}, {@code binned = T}, {@code fields_use = P} (one bandpower per bin, of
 *       the lensing potential);</li>
 *   <li>bandpowers: column {@code PP} of {@code cl_hat_file} (columns named by its last header comment or
 *       {@code cl_hat_order}); bins {@code use_min..use_max} (1-based);</li>
 *   <li>windows {@code bin_window_files} (rows {@code L W(L)...}, one column per {@code bin_window_in_order}
 *       entry), acting on D_ℓ = ℓ(ℓ+1)C_ℓ/2π (µK²) for TT/TE/EE/BB and on [L(L+1)]² C_L^φφ/2π for PP; only
 *       {@code cl_lmin ≤ L ≤ cl_lmax} count, listed L only (no interpolation of sparse windows);</li>
 *   <li>optional linear correction: {@code linear_correction_bin_window_files} (same format) minus
 *       {@code linear_correction_fiducial_file};</li>
 *   <li>covariance {@code covmat_fiducial} (× {@code covmat_scale}), rows of the used bins; no Hartlap factor;</li>
 *   <li>{@code calibration_param}: a {@code .paramnames} file whose first name (A_planck) divides TT, TE, EE,
 *       BB by its square;</li>
 *   <li>{@code DEFAULT(file)} lines: the keys of {@code file} apply unless set here.</li>
 * </ul>
 * Anything else the format allows (Hamimeche–Lewis or exact likelihoods, several maps, noise, aberration,
 * {@code INCLUDE}) is rejected with a {@link DataFileException}. Immutable.
 */
final class CmbLikesDataset {
    private static final Logger LOG = LoggerFactory.getLogger(CmbLikesDataset.class);

    private final Path file;
    private final Path covarianceFile;
    private final double[] bandpowers;
    private final double[][] covariance;
    private final BandpowerWindows windows;
    private final String calibrationParameter;
    private final int firstBin;

    private CmbLikesDataset(Path file, Path covarianceFile, double[] bandpowers, double[][] covariance,
            BandpowerWindows windows, String calibrationParameter, int firstBin) {
        this.file = file;
        this.covarianceFile = covarianceFile;
        this.bandpowers = bandpowers;
        this.covariance = covariance;
        this.windows = windows;
        this.calibrationParameter = calibrationParameter;
        this.firstBin = firstBin;
    }

    /**
     * Reads a {@code .dataset} file and every file it names (paths relative to its folder).
     *
     * @param datasetFile the {@code .dataset} file
     * @param source      where the data is published, quoted when a file is missing
     * @return the data set
     * @throws DataFileException naming the file (and {@code source}) if a file is missing, malformed, or uses a
     *                           feature outside the supported subset
     */
    public static CmbLikesDataset read(Path datasetFile, String source) {
        Map<String, String> ini = readIni(datasetFile, source, new HashSet<>());
        Path dir = datasetFile.toAbsolutePath().getParent();
        Ini p = new Ini(datasetFile, ini);

        if (!p.string("like_approx", "gaussian").equals("gaussian")) {
            throw p.unsupported("like_approx = " + p.string("like_approx", ""));
        }
        if (!p.bool("binned", true)) {
            throw p.unsupported("binned = F");
        }
        for (String key : List.of("map_names", "maps_use", "nuisance_params", "cl_noise_file", "INCLUDE")) {
            if (ini.containsKey(key)) {
                throw p.unsupported(key);
            }
        }
        if (p.bool("cl_hat_includes_noise", false)) {
            throw p.unsupported("cl_hat_includes_noise = T");
        }
        if (p.number("aberration_coeff", 0.0) != 0.0) {
            throw p.unsupported("aberration_coeff != 0");
        }
        if (!p.string("fields_use", "").equals("P")) {
            throw p.unsupported("fields_use = '" + p.string("fields_use", "") + "' (only P, lensing, is supported)");
        }
        Set<Character> required = new HashSet<>();
        for (String f : p.string("fields_required", "P").split("\\s+")) {
            if (f.length() != 1 || "TEBP".indexOf(f.charAt(0)) < 0) {
                throw p.malformed("fields_required entry '" + f + "' is not one of T E B P");
            }
            required.add(f.charAt(0));
        }
        required.add('P');
        if (!p.string("covmat_cl", "").equals("PP")) {
            throw p.unsupported("covmat_cl = '" + p.string("covmat_cl", "") + "' (only PP is supported)");
        }

        int clLmin = p.integer("cl_lmin");
        int clLmax = p.integer("cl_lmax");
        int nbins = p.integer("nbins");
        int binMin = p.integer("use_min", 1) - 1;
        int binMax = p.integer("use_max", nbins) - 1;
        if (clLmin < 0 || clLmax < clLmin || binMin < 0 || binMax < binMin || binMax >= nbins) {
            throw p.malformed("inconsistent cl_lmin/cl_lmax/nbins/use_min/use_max = " + clLmin + "/" + clLmax + "/"
                    + nbins + "/" + (binMin + 1) + "/" + (binMax + 1));
        }
        int nused = binMax - binMin + 1;

        double[] bandpowers = readBinnedColumn(p, dir, "cl_hat", binMin, binMax, source);

        BandpowerWindows.Builder w = BandpowerWindows.builder(nused);
        readWindows(p, dir, "bin_window", binMin, nused, clLmin, clLmax, required, w, source);
        if (ini.containsKey("linear_correction_fiducial_file")) {
            double[] fid = readBinnedColumn(p, dir, "linear_correction_fiducial", binMin, binMax, source);
            readWindows(p, dir, "linear_correction_bin_window", binMin, nused, clLmin, clLmax, required, w, source);
            for (int b = 0; b < nused; b++) {
                w.subtract(b, fid[b]);
            }
        }

        Path covFile = dir.resolve(p.string("covmat_fiducial"));
        double[][] full = DataTables.readSquare(covFile, source, DataTables.ANY);
        if (full.length <= binMax) {
            throw new DataFileException(covFile + ": covariance is " + full.length + "x" + full.length
                    + ", too small for bin " + (binMax + 1));
        }
        double scale = p.number("covmat_scale", 1.0);
        double[][] cov = new double[nused][nused];
        for (int i = 0; i < nused; i++) {
            for (int j = 0; j < nused; j++) {
                cov[i][j] = scale * full[binMin + i][binMin + j];
            }
        }

        String calibration = null;
        String calFile = p.string("calibration_param", "");
        if (!calFile.isEmpty()) {
            if (!calFile.endsWith(".paramnames")) {
                throw p.unsupported("calibration_param '" + calFile + "' (must be a .paramnames file)");
            }
            Path names = dir.resolve(calFile);
            DataTables.require(names, source);
            try {
                calibration = Files.readAllLines(names).stream().map(String::strip).filter(s -> !s.isEmpty())
                        .findFirst().map(s -> s.split("\\s+")[0])
                        .orElseThrow(() -> new DataFileException(names + " names no parameter"));
            } catch (IOException e) {
                throw new DataFileException("cannot read " + names + ": " + e.getMessage(), e);
            }
        }
        return new CmbLikesDataset(datasetFile, covFile, bandpowers, cov, w.build(), calibration, binMin);
    }

    /** @return the {@code .dataset} file this was read from */
    public Path file() {
        return file;
    }

    /** @return the covariance file ({@code covmat_fiducial}) */
    public Path covarianceFile() {
        return covarianceFile;
    }

    /** @return the measured bandpowers of the used bins, [L(L+1)]² C_L^φφ/2π (copy) */
    public double[] bandpowers() {
        return bandpowers.clone();
    }

    /** @return the covariance of the used bins (copy) */
    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /** @return the binned theory: windows plus linear correction minus its fiducial value */
    public BandpowerWindows windows() {
        return windows;
    }

    /** @return the index (0-based) of the first used bin in the data files */
    public int firstBin() {
        return firstBin;
    }

    /**
     * @return the calibration parameter's name (e.g. {@code A_planck}) if the data set declares one and its
     *         theory uses a CMB spectrum it could calibrate; empty otherwise (a calibration that multiplies
     *         nothing is not a parameter)
     */
    public Optional<String> calibrationParameter() {
        boolean usesCmb = windows.spectra().stream().anyMatch(s -> s != Spectrum.PP);
        return usesCmb ? Optional.ofNullable(calibrationParameter) : Optional.empty();
    }

    // ------------------------------------------------------------------------------------------ reading

    /** cobaya read_cl_array for a binned, P-only data set: column PP of the file, rows = bins (1-based). */
    private static double[] readBinnedColumn(Ini p, Path dir, String stem, int binMin, int binMax, String source) {
        Path f = dir.resolve(p.string(stem + "_file"));
        String order = p.string(stem + "_order", "");
        List<String> columns;
        if (!order.isEmpty()) {
            columns = new ArrayList<>();
            columns.add("L");
            columns.addAll(Arrays.asList(order.split("\\s+")));
        } else {
            columns = lastTopComment(f, source);
        }
        int col = columns.indexOf("PP");
        if (col < 0) {
            throw new DataFileException(f + ": no PP column among " + columns);
        }
        double[][] rows = DataTables.read(f, source);
        if (rows[0].length <= col) {
            throw new DataFileException(f + ": has " + rows[0].length + " columns, PP is column " + (col + 1));
        }
        double[] out = new double[binMax - binMin + 1];
        boolean[] seen = new boolean[out.length];
        for (double[] r : rows) {
            int bin = (int) r[0] - 1;
            if (bin >= binMin && bin <= binMax) {
                out[bin - binMin] = r[col];
                seen[bin - binMin] = true;
            }
        }
        for (int b = 0; b < seen.length; b++) {
            if (!seen[b]) {
                throw new DataFileException(f + ": no row for bin " + (b + binMin + 1));
            }
        }
        return out;
    }

    private static void readWindows(Ini p, Path dir, String stem, int binMin, int nused, int clLmin, int clLmax,
            Set<Character> required, BandpowerWindows.Builder w, String source) {
        String[] in = p.string(stem + "_in_order").split("\\s+");
        String[] out = p.string(stem + "_out_order", String.join(" ", in)).split("\\s+");
        if (in.length != out.length) {
            throw p.malformed(stem + "_in_order and _out_order have different lengths");
        }
        Spectrum[] spectra = new Spectrum[in.length];
        for (int i = 0; i < in.length; i++) {
            if (!out[i].equals("PP")) {
                throw p.unsupported(stem + "_out_order entry '" + out[i] + "' (only PP is supported)");
            }
            spectra[i] = spectrum(p, in[i]);
            for (char c : in[i].toCharArray()) {
                if (!required.contains(c)) {
                    throw p.malformed(stem + "_in_order uses " + in[i] + " but fields_required lacks " + c);
                }
            }
        }
        String pattern = p.string(stem + "_files");
        if (!pattern.contains("%u")) {
            throw p.malformed(stem + "_files '" + pattern + "' has no %u for the bin number");
        }
        for (int b = 0; b < nused; b++) {
            Path f = dir.resolve(pattern.replace("%u", Integer.toString(b + 1 + binMin)));
            double[][] rows = DataTables.read(f, source);
            if (rows[0].length != in.length + 1) {
                throw new DataFileException(f + ": " + rows[0].length + " columns, expected L and "
                        + String.join(" ", in));
            }
            Set<Integer> seen = new HashSet<>();
            boolean outside = false;
            for (double[] r : rows) {
                int ell = (int) r[0];
                if (ell != r[0] || !seen.add(ell)) {
                    throw new DataFileException(f + ": multipole " + r[0] + " is not an integer or appears twice");
                }
                if (ell < clLmin || ell > clLmax) {
                    for (int i = 1; i < r.length; i++) {
                        outside |= r[i] != 0.0;
                    }
                    continue;
                }
                double l1 = ell * (ell + 1.0);
                for (int i = 0; i < in.length; i++) {
                    // PP windows act on [L(L+1)]^2 C^phiphi / 2pi, CMB windows on D_l = l(l+1) C_l / 2pi
                    double factor = spectra[i] == Spectrum.PP ? l1 * l1 / (2.0 * Math.PI) : l1 / (2.0 * Math.PI);
                    w.add(b, spectra[i], ell, r[i + 1] * factor);
                }
            }
            if (outside) {
                LOG.warn("{}: non-zero window entries outside cl_lmin..cl_lmax = {}..{} are ignored (as cobaya does)",
                        f, clLmin, clLmax);
            }
        }
    }

    private static Spectrum spectrum(Ini p, String pair) {
        return switch (pair) {
            case "TT" -> Spectrum.TT;
            case "EE" -> Spectrum.EE;
            case "BB" -> Spectrum.BB;
            case "PP" -> Spectrum.PP;
            case "TE", "ET" -> Spectrum.TE;
            default -> throw p.unsupported("spectrum '" + pair + "' in a window order (supported: TT EE BB TE PP)");
        };
    }

    /** cobaya last_top_comment: the last '#' line before the first data line, without the '#'. */
    private static List<String> lastTopComment(Path f, String source) {
        DataTables.require(f, source);
        String last = null;
        try (BufferedReader r = Files.newBufferedReader(f)) {
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (!t.startsWith("#")) {
                    break;
                }
                last = t.substring(1).strip();
            }
        } catch (IOException e) {
            throw new DataFileException("cannot read " + f + ": " + e.getMessage(), e);
        }
        if (last == null) {
            throw new DataFileException(f + ": no header comment naming the columns, and no _order key in the dataset");
        }
        return Arrays.asList(last.split("\\s+"));
    }

    /** Reads key = value lines; DEFAULT(file) supplies keys not set in this file. */
    private static Map<String, String> readIni(Path file, String source, Set<Path> visiting) {
        DataTables.require(file, source);
        Path abs = file.toAbsolutePath().normalize();
        if (!visiting.add(abs)) {
            throw new DataFileException(file + ": DEFAULT() includes itself");
        }
        Map<String, String> own = new LinkedHashMap<>();
        List<Path> defaults = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.startsWith("DEFAULT(") && t.endsWith(")")) {
                    defaults.add(abs.getParent().resolve(t.substring(8, t.length() - 1).strip()));
                    continue;
                }
                if (t.startsWith("INCLUDE(")) {
                    own.put("INCLUDE", t);
                    continue;
                }
                int eq = t.indexOf('=');
                if (eq <= 0) {
                    throw new DataFileException(file + " line " + n + ": expected 'key = value', got '" + t + "'");
                }
                own.put(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new DataFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (Path d : defaults) {
            all.putAll(readIni(d, source, visiting));
        }
        all.putAll(own);
        visiting.remove(abs);
        return all;
    }

    /** Typed access to the keys, with messages naming the dataset file. */
    private record Ini(Path file, Map<String, String> values) {
        String string(String key) {
            String v = values.get(key);
            if (v == null || v.isEmpty()) {
                throw new DataFileException(file + ": required key '" + key + "' is missing");
            }
            return v;
        }

        String string(String key, String def) {
            String v = values.get(key);
            return v == null ? def : v;
        }

        int integer(String key) {
            String v = string(key);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new DataFileException(file + ": " + key + " = '" + v + "' is not an integer");
            }
        }

        int integer(String key, int def) {
            return values.containsKey(key) ? integer(key) : def;
        }

        double number(String key, double def) {
            String v = values.get(key);
            if (v == null || v.isEmpty()) {
                return def;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new DataFileException(file + ": " + key + " = '" + v + "' is not a number");
            }
        }

        boolean bool(String key, boolean def) {
            String v = values.get(key);
            if (v == null || v.isEmpty()) {
                return def;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "t", "true", "1" -> true;
                case "f", "false", "0" -> false;
                default -> throw new DataFileException(file + ": " + key + " = '" + v + "' is not T or F");
            };
        }

        DataFileException unsupported(String what) {
            return new DataFileException(file + ": unsupported CMBlikes feature: " + what);
        }

        DataFileException malformed(String what) {
            return new DataFileException(file + ": " + what);
        }
    }
}
