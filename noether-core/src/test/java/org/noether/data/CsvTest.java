package org.noether.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

class CsvTest {
    @TempDir
    Path directory;

    private static CsvTable read(Csv csv, String text) throws IOException {
        return csv.read(new StringReader(text), "data.csv");
    }

    private static String failure(Csv csv, String text) {
        return assertThrows(CsvFormatException.class, () -> read(csv, text)).getMessage();
    }

    @Test
    void readsHeaderAndNumbers() throws IOException {
        CsvTable table = read(Csv.DEFAULT, "x,y,label\n1,2.5,0\n-3,1e-3,1\n.5, 7 ,2\n");
        assertEquals(List.of("x", "y", "label"), table.columnNames());
        assertEquals(3, table.rows());
        assertEquals(3, table.columnCount());
        assertEquals(Shape.of(3, 3), table.tensor().shape());
        assertArrayEquals(new float[] {1, 2.5f, 0, -3, 1e-3f, 1, 0.5f, 7, 2}, table.tensor().data());
        assertArrayEquals(new float[] {0, 1, 2}, table.column("label").data());
        assertArrayEquals(new float[] {0, 1, 1, -3, 2, 0.5f}, table.columns("label", "x").data());
    }

    @Test
    void selectsFeaturesAndLabelIntoADataset() throws IOException {
        CsvTable table = read(Csv.DEFAULT, "a,label,b\n1,0,2\n3,1,4\n");
        Dataset all = table.dataset("label");
        assertEquals(Shape.of(2, 2), all.x().shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, all.x().data());
        assertArrayEquals(new float[] {0, 1}, all.y().data());
        Dataset chosen = table.dataset("label", "b");
        assertArrayEquals(new float[] {2, 4}, chosen.x().data());
        String message = assertThrows(IllegalArgumentException.class, () -> table.dataset("price")).getMessage();
        assertTrue(message.contains("data.csv has no column 'price'") && message.contains("[a, label, b]"), message);
    }

    @Test
    void withoutHeaderColumnsAreNumbered() throws IOException {
        CsvTable table = read(Csv.DEFAULT.withHeader(false), "1;2\n3;4\n".replace(';', ','));
        assertEquals(List.of("column1", "column2"), table.columnNames());
        assertEquals(2, table.rows());
        assertArrayEquals(new float[] {2, 4}, table.column("column2").data());
    }

    @Test
    void otherDelimitersBlankLinesCommentsCrLfAndByteOrderMark() throws IOException {
        Csv csv = Csv.DEFAULT.withDelimiter(';').withComments(true);
        String text = "\uFEFF# measured 2024\r\na;b\r\n\r\n1,5;2\r\n   \r\n# a note\r\n3;4";
        CsvTable table = read(csv, text.replace("1,5", "1.5"));
        assertEquals(List.of("a", "b"), table.columnNames());
        assertArrayEquals(new float[] {1.5f, 2, 3, 4}, table.tensor().data());
        CsvTable tabs = read(Csv.DEFAULT.withDelimiter('\t'), "p\tq\n1\t2\n");
        assertArrayEquals(new float[] {1, 2}, tabs.tensor().data());
    }

    @Test
    void quotedFieldsFollowRfc4180() throws IOException {
        String text = "\"width, cm\",\"say \"\"hi\"\"\",\"two\nlines\"\n\"1.5\",2,\"3\"\n";
        CsvTable table = read(Csv.DEFAULT, text);
        assertEquals(List.of("width, cm", "say \"hi\"", "two\nlines"), table.columnNames());
        assertArrayEquals(new float[] {1.5f, 2, 3}, table.tensor().data());
    }

    @Test
    void specialNumbers() throws IOException {
        CsvTable table = read(Csv.DEFAULT.withHeader(false), "NaN,inf,-Infinity,+2,1E3\n");
        float[] values = table.tensor().data();
        assertTrue(Float.isNaN(values[0]));
        assertEquals(Float.POSITIVE_INFINITY, values[1]);
        assertEquals(Float.NEGATIVE_INFINITY, values[2]);
        assertEquals(2, values[3]);
        assertEquals(1000, values[4]);
    }

    @Test
    void roundTripThroughAFile() throws IOException {
        Tensor rows = Tensor.of(new float[][] {{1, -0.1f, 3e-8f}, {Float.MAX_VALUE, 1234567.9f, -2}});
        Path file = directory.resolve("table.csv");
        List<String> names = List.of("a", "b,c", "d \"e\"");
        Csv.DEFAULT.write(file, names, rows);
        CsvTable back = Csv.DEFAULT.read(file);
        assertEquals(names, back.columnNames());
        assertArrayEquals(rows.data(), back.tensor().data());
        assertTrue(Files.readString(file).startsWith("a,\"b,c\",\"d \"\"e\"\"\"\n1,-0.1,3.0E-8\n"),
                Files.readString(file));

        Path semicolons = directory.resolve("plain.csv");
        Csv noHeader = Csv.DEFAULT.withHeader(false).withDelimiter(';');
        noHeader.write(semicolons, List.of("u", "v", "w"), rows);
        assertArrayEquals(rows.data(), noHeader.read(semicolons).tensor().data());
        assertThrows(IllegalArgumentException.class, () -> Csv.DEFAULT.write(file, List.of("a"), rows));
    }

    @Test
    void nonNumericCellNamesFileLineColumnAndText() throws IOException {
        String message = failure(Csv.DEFAULT, "length,width\n1,2\n\n3,n/a\n");
        assertEquals("data.csv, line 4, column 2 ('width'): expected a number, found 'n/a'", message);
        String empty = failure(Csv.DEFAULT, "a,b\n1,\n");
        assertTrue(empty.contains("line 2, column 2 ('b'): expected a number, found an empty cell"), empty);
        String javaOnly = failure(Csv.DEFAULT.withHeader(false), "0x10\n");
        assertTrue(javaOnly.contains("found '0x10'"), javaOnly);
        Path file = directory.resolve("bad.csv");
        Files.writeString(file, "a\nabc\n");
        String fromFile = assertThrows(CsvFormatException.class, () -> Csv.DEFAULT.read(file)).getMessage();
        assertTrue(fromFile.startsWith(file + ", line 2, column 1 ('a')"), fromFile);
    }

    @Test
    void lineNumbersCountLinesInsideQuotes() {
        String message = failure(Csv.DEFAULT, "\"a\nb\",c\n1,2\n3,x\n");
        assertTrue(message.contains("line 4, column 2 ('c')"), message);
    }

    @Test
    void raggedRowsNameTheLineAndCounts() {
        String message = failure(Csv.DEFAULT, "a,b,c\n1,2,3\n# not a comment here\n");
        assertTrue(message.contains("line 3"), message);
        String ragged = failure(Csv.DEFAULT.withComments(true), "a,b,c\n# skipped\n1,2,3\n4,5\n");
        assertEquals("data.csv, line 4: expected 3 fields like the header (line 1), found 2", ragged);
        String noHeader = failure(Csv.DEFAULT.withHeader(false), "\n1,2\n3,4,5\n");
        assertEquals("data.csv, line 3: expected 2 fields like the first row (line 2), found 3", noHeader);
    }

    @Test
    void malformedQuotesEmptyFilesAndDuplicateNames() throws IOException {
        String open = failure(Csv.DEFAULT, "a,b\n1,\"2\n3,4\n");
        assertTrue(open.contains("line 2") && open.contains("no closing quote"), open);
        String after = failure(Csv.DEFAULT, "a,b\n\"1\"x,2\n");
        assertTrue(after.contains("line 2") && after.contains("found 'x'"), after);
        assertTrue(failure(Csv.DEFAULT, "").contains("expected a header row, found an empty file"));
        assertEquals(0, read(Csv.DEFAULT.withHeader(false), "\n\n").rows());
        assertEquals(0, read(Csv.DEFAULT, "a,b\n").rows());
        String twice = failure(Csv.DEFAULT, "a,b,a\n1,2,3\n");
        assertTrue(twice.contains("column name 'a' appears twice (columns 1 and 3)"), twice);
        String delimiter = assertThrows(IllegalArgumentException.class,
                () -> Csv.DEFAULT.withDelimiter('"')).getMessage();
        assertTrue(delimiter.contains("Received: '\"'"), delimiter);
    }
}
