package org.cosmoemu.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code VectorKernel64.java} is generated from {@code VectorKernel32.java} (the same kernels in double): this
 * test regenerates it in memory and fails if the file on disk differs, i.e. if someone edited one and not the
 * other. To regenerate after editing {@code VectorKernel32.java}:
 * {@code ./build -q -pl emulator-cpu -am test -Dtest=VectorKernelSourcesTest -Dcosmoemu.regenerate=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class VectorKernelSourcesTest {
    private static final Path DIR = Path.of("src/main/java/org/cosmoemu/cpu");
    private static final String BEGIN = "    // BEGIN precision-specific\n";
    private static final String END = "    // END precision-specific\n";

    /** The float64 replacement of the block between BEGIN and END in the float32 source. */
    private static final String SPECIFIC64 = """
                /** {@code out[o + j] = x[row + j]·outStd[j] + outMean[j]} for {@code j < nOut}, as the reference does. */
                private void destandardise(double[] x, int row, double[] out, int o) {
                    int j = 0;
                    for (int end = SPECIES.loopBound(nOut); j < end; j += VL) {
                        DoubleVector.fromArray(SPECIES, x, row + j).mul(DoubleVector.fromArray(SPECIES, outStd, j))
                                .add(DoubleVector.fromArray(SPECIES, outMean, j)).intoArray(out, o + j);
                    }
                    for (; j < nOut; j++) {
                        out[o + j] = x[row + j] * outStd[j] + outMean[j];
                    }
                }
            """;

    static String generate64(String src32) {
        int i = src32.indexOf(BEGIN);
        int j = src32.indexOf(END) + END.length();
        String s = src32.substring(0, i) + "@@SPECIFIC@@" + src32.substring(j);
        s = s.replace("import jdk.incubator.vector.DoubleVector;\n", "")
                .replace("import jdk.incubator.vector.VectorOperators;\nimport jdk.incubator.vector.VectorShape;\n", "");
        String[][] replacements = {
            {"FloatVector", "DoubleVector"}, {"VectorSpecies<Float>", "VectorSpecies<Double>"}, {"float[]", "double[]"},
            {"VectorKernel32", "VectorKernel64"}, {"1.0f", "1.0"}, {"new float[", "new double["},
            {"The float32 Vector API forward pass", "The float64 Vector API forward pass"},
            {"x[row + i] = (float) ((points[p + i] - inMean[i]) / inStd[i]);",
                "x[row + i] = (points[p + i] - inMean[i]) / inStd[i];"},
            {GENERATED_NOTE_32, GENERATED_NOTE_64}};
        for (String[] r : replacements) {
            s = s.replace(r[0], r[1]);
        }
        s = s.replaceAll("PackedPanels\\.toFloat\\((.*)\\);", "$1;");
        return s.replace("@@SPECIFIC@@", SPECIFIC64);
    }

    static final String GENERATED_NOTE_32 = " * <p>{@link VectorKernel64} is generated from this file (VectorKernelSourcesTest).\n";
    static final String GENERATED_NOTE_64 = " * <p>Generated from {@link VectorKernel32} by VectorKernelSourcesTest: edit that file, then regenerate.\n";

    @Test
    void float64KernelIsGeneratedFromFloat32Kernel() throws IOException {
        String src32 = Files.readString(DIR.resolve("VectorKernel32.java"), StandardCharsets.UTF_8);
        String expected = generate64(src32);
        Path file64 = DIR.resolve("VectorKernel64.java");
        if (Boolean.getBoolean("cosmoemu.regenerate")) {
            Files.writeString(file64, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(file64, StandardCharsets.UTF_8),
                "VectorKernel64.java is out of date: regenerate it (see this test's javadoc)");
    }
}
