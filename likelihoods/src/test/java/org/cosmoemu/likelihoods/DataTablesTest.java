package org.cosmoemu.likelihoods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cosmoemu.api.DataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text-table reader: the format (comments, blank lines, layouts), shape checks, and what errors name. */
class DataTablesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsNumbersSkippingCommentsAndBlankLines() throws IOException {
        Path f = write("t.txt", "# L TT\n\n  2  1.5e-3 # trailing comment\n3\t-4.25E+2\n   \n# end\n");
        double[][] t = DataTables.read(f, null);
        assertEquals(2, t.length);
        assertArrayEquals(new double[] {2, 1.5e-3}, t[0], 0.0);
        assertArrayEquals(new double[] {3, -425}, t[1], 0.0);
        assertArrayEquals(new double[] {1.5e-3, -425}, DataTables.column(t, 1), 0.0);
        assertArrayEquals(t[1], DataTables.read(f, null, 2, 2)[1], 0.0);
    }

    @Test
    void shapeChecksNameFileLineAndCounts() throws IOException {
        Path ragged = write("ragged.txt", "1 2\n3 4\n5 6 7\n");
        DataFileException e = assertThrows(DataFileException.class, () -> DataTables.read(ragged, null));
        assertTrue(e.getMessage().contains(ragged + " line 3: 3 columns, expected 2"), e.getMessage());
        Path t = write("t.txt", "1 2\n\n3 4\n");
        e = assertThrows(DataFileException.class, () -> DataTables.read(t, null, 3, DataTables.ANY));
        assertTrue(e.getMessage().contains(t + " line 1: 2 columns, expected 3"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> DataTables.read(t, null, 2, 3));
        assertTrue(e.getMessage().contains(t + ": 2 rows, expected 3"), e.getMessage());
        Path empty = write("empty.txt", "# only a header\n\n");
        e = assertThrows(DataFileException.class, () -> DataTables.read(empty, null));
        assertTrue(e.getMessage().contains(empty + ": no data rows"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> DataTables.readNumbers(empty, null));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }

    @Test
    void badNumbersNameLineColumnAndToken() throws IOException {
        Path f = write("bad.txt", "1 2 3\n4 5 abc\n");
        DataFileException e = assertThrows(DataFileException.class, () -> DataTables.read(f, null));
        assertTrue(e.getMessage().contains(f + " line 2 column 3: 'abc' is not a number"), e.getMessage());
        Path nan = write("nan.txt", "1\nNaN\n");
        e = assertThrows(DataFileException.class, () -> DataTables.readVector(nan, null, DataTables.ANY));
        assertTrue(e.getMessage().contains(nan + " line 2 column 1: 'NaN' is not finite"), e.getMessage());
        Path inf = write("inf.txt", "-Infinity 1\n");
        e = assertThrows(DataFileException.class, () -> DataTables.readNumbers(inf, null));
        assertTrue(e.getMessage().contains("line 1 column 1") && e.getMessage().contains("not finite"), e.getMessage());
    }

    @Test
    void missingFileNamesItAndWhereTheDataIsPublished() {
        Path missing = dir.resolve("absent.txt");
        DataFileException e = assertThrows(DataFileException.class,
                () -> DataTables.read(missing, "https://example.org/data"));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("https://example.org/data"), e.getMessage());
        assertTrue(e.getMessage().contains("cosmoemu.data.dir") && e.getMessage().contains("COSMOEMU_DATA_DIR"),
                e.getMessage());
        e = assertThrows(DataFileException.class, () -> DataTables.require(dir, null));
        assertTrue(e.getMessage().contains("not found: " + dir), e.getMessage());
        e = assertThrows(DataFileException.class, () -> DataTables.rows(missing, null));
        assertEquals("likelihood data file not found: " + missing, e.getMessage());
    }

    @Test
    void vectorsAndLayoutFreeNumbers() throws IOException {
        Path v = write("v.txt", "1\n2 # two\n3\n");
        assertArrayEquals(new double[] {1, 2, 3}, DataTables.readVector(v, null, 3), 0.0);
        assertArrayEquals(new double[] {1, 2, 3}, DataTables.readVector(v, null, DataTables.ANY), 0.0);
        DataFileException e = assertThrows(DataFileException.class, () -> DataTables.readVector(v, null, 4));
        assertTrue(e.getMessage().contains(v + ": 3 rows, expected 4"), e.getMessage());
        Path two = write("two.txt", "1 2\n");
        e = assertThrows(DataFileException.class, () -> DataTables.readVector(two, null, 1));
        assertTrue(e.getMessage().contains(two + " line 1: 2 columns, expected 1"), e.getMessage());
        Path mixed = write("mixed.txt", "1 2 3\n4\n5 6\n");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, DataTables.readNumbers(mixed, null), 0.0);
    }

    @Test
    void squareMatrices() throws IOException {
        Path c = write("c.txt", "4 1\n1 9\n");
        double[][] m = DataTables.readSquare(c, null, DataTables.ANY);
        assertArrayEquals(new double[] {1, 9}, m[1], 0.0);
        assertEquals(2, DataTables.readSquare(c, null, 2).length);
        DataFileException e = assertThrows(DataFileException.class, () -> DataTables.readSquare(c, null, 3));
        assertTrue(e.getMessage().contains(c.toString()) && e.getMessage().contains("expected 3"), e.getMessage());
        Path r = write("r.txt", "1 2 3\n4 5 6\n");
        e = assertThrows(DataFileException.class, () -> DataTables.readSquare(r, null, DataTables.ANY));
        assertTrue(e.getMessage().contains(r + ": expected a square matrix, found 2 rows of 3 columns"), e.getMessage());
    }

    @Test
    void rowsKeepTextFieldsAndLineNumbers() throws IOException {
        Path f = write("m.txt", "# z value quantity\n0.51 13.6 DM_over_rs\n\n0.51 x DH_over_rs\n");
        List<DataTables.Row> rows = DataTables.rows(f, null);
        assertEquals(2, rows.size());
        assertEquals(List.of("0.51", "13.6", "DM_over_rs"), rows.get(0).fields());
        assertEquals(2, rows.get(0).line());
        assertEquals(4, rows.get(1).line());
        assertEquals(13.6, rows.get(0).number(1), 0.0);
        DataFileException e = assertThrows(DataFileException.class, () -> rows.get(1).number(1));
        assertTrue(e.getMessage().contains(f + " line 4 column 2: 'x' is not a number"), e.getMessage());
        assertEquals(f + " line 4: unknown quantity", rows.get(1).error("unknown quantity").getMessage());
        assertTrue(DataTables.rows(write("none.txt", "#\n"), null).isEmpty());
    }
}
