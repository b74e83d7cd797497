package org.cosmoemu.theory;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a likelihood needs from the theory, so that the theory computes only that, once per point.
 * Immutable; combine several with {@link #union}.
 *
 * @param spectra          CMB/lensing spectra needed
 * @param lmax             highest multipole needed for those spectra (0 when none)
 * @param background       whether H(z) and distances are needed
 * @param derived          derived scalars needed (e.g. {@code rdrag})
 * @param fsigma8Redshifts redshifts at which f σ8 is needed (sorted, may be empty)
 */
public record Requirements(Set<CmbSpectra.Spectrum> spectra, int lmax, boolean background, Set<String> derived,
        double[] fsigma8Redshifts) {

    /** Copies the collections. */
    public Requirements {
        spectra = spectra.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(CmbSpectra.Spectrum.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(spectra));
        derived = Collections.unmodifiableSet(new TreeSet<>(derived));
        fsigma8Redshifts = fsigma8Redshifts.clone();
        Arrays.sort(fsigma8Redshifts);
    }

    /** {@return requirements for nothing} */
    public static Requirements none() {
        return new Requirements(Set.of(), 0, false, Set.of(), new double[0]);
    }

    /**
     * {@return requirements for CMB spectra only}
     *
     * @param lmax    highest multipole
     * @param spectra the spectra
     */
    public static Requirements cmb(int lmax, CmbSpectra.Spectrum... spectra) {
        return new Requirements(spectra.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(spectra)), lmax, false,
                Set.of(), new double[0]);
    }

    /**
     * {@return requirements for the background and those scalars}
     *
     * @param derived derived scalars needed besides the background
     */
    public static Requirements background(String... derived) {
        return new Requirements(Set.of(), 0, true, Set.of(derived), new double[0]);
    }

    /**
     * {@return what both need}
     *
     * @param other more requirements
     */
    public Requirements union(Requirements other) {
        EnumSet<CmbSpectra.Spectrum> s = EnumSet.noneOf(CmbSpectra.Spectrum.class);
        s.addAll(spectra);
        s.addAll(other.spectra);
        Set<String> d = new TreeSet<>(derived);
        d.addAll(other.derived);
        double[] z = java.util.stream.DoubleStream.concat(Arrays.stream(fsigma8Redshifts),
                Arrays.stream(other.fsigma8Redshifts)).distinct().toArray();
        return new Requirements(s, Math.max(lmax, other.lmax), background || other.background, d, z);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requirements r && r.spectra.equals(spectra) && r.lmax == lmax && r.background == background
                && r.derived.equals(derived) && Arrays.equals(r.fsigma8Redshifts, fsigma8Redshifts);
    }

    @Override
    public int hashCode() {
        return spectra.hashCode() * 31 + lmax + (background ? 7 : 0) + derived.hashCode() + Arrays.hashCode(fsigma8Redshifts);
    }

    @Override
    public String toString() {
        return "Requirements[spectra=" + spectra + ", lmax=" + lmax + ", background=" + background + ", derived="
                + derived + ", fsigma8 at z=" + Arrays.toString(fsigma8Redshifts) + "]";
    }
}
