package org.noether.data;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.noether.tensor.Tensor;

/**
 * Reads and writes CSV files of numbers: fields split at {@code delimiter}, quoted per RFC 4180
 * ({@code "a, b"} keeps its comma, {@code ""} inside quotes is one quote, line breaks may sit inside
 * quotes), records ending in LF or CRLF, blank lines skipped, and with {@code comments} lines that
 * begin with {@code #} skipped. The first record names the columns when {@code header} is set;
 * otherwise the columns are called {@code column1, column2, …}.
 *
 * <p>Every cell must be a decimal number ({@code 3}, {@code -0.5}, {@code 1e-3}, {@code NaN},
 * {@code inf}); anything else, or a row whose length differs from the first, stops with a
 * {@link CsvFormatException} naming the file, the line, the column and the text found. Defaults are
 * pandas's {@code read_csv} ones: comma, header row, no comments.
 *
 * <pre>{@code
 * CsvTable table = Csv.DEFAULT.withDelimiter(';').read(Path.of("wine.csv"));
 * Dataset data = table.dataset("quality");          // every other column is a feature
 * }</pre>
 *
 * @param delimiter the character between fields (not a quote or a line break)
 * @param header whether the first record holds column names
 * @param comments whether records that begin with {@code #} are skipped
 */
public record Csv(char delimiter, boolean header, boolean comments) {
    /** Comma-separated, with a header row, without comments. */
    public static final Csv DEFAULT = new Csv(',', true, false);

    private static final char QUOTE = '"';
    private static final char COMMENT = '#';
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(?i:nan|inf|infinity)");

    /** Checks that the delimiter can be told apart from quotes and line breaks. */
    public Csv {
        if (delimiter == QUOTE || delimiter == '\n' || delimiter == '\r' || (comments && delimiter == COMMENT)) {
            throw new IllegalArgumentException("Csv: the delimiter cannot be a quote, a line break or the comment "
                    + "character. Received: " + printable(delimiter));
        }
    }

    /** This format with another delimiter, e.g. {@code ';'} or {@code '\t'}. */
    public Csv withDelimiter(char newDelimiter) {
        return new Csv(newDelimiter, header, comments);
    }

    /** This format with or without a header row. */
    public Csv withHeader(boolean hasHeader) {
        return new Csv(delimiter, hasHeader, comments);
    }

    /** This format with or without {@code #} comment lines. */
    public Csv withComments(boolean skipComments) {
        return new Csv(delimiter, header, skipComments);
    }

    /** Reads a UTF-8 CSV file. */
    public CsvTable read(Path path) throws IOException {
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(in, path.toString());
        }
    }

    /** Reads CSV text from {@code in} (not closed); {@code sourceName} names it in error messages. */
    public CsvTable read(Reader in, String sourceName) throws IOException {
        CsvRecords records = new CsvRecords(in, delimiter, comments, sourceName);
        List<String> names = new ArrayList<>();
        int firstLine = 0;
        List<String> fields = records.next();
        if (header) {
            if (fields == null) {
                throw new CsvFormatException(sourceName, "expected a header row, found an empty file");
            }
            firstLine = records.recordLine();
            for (String name : fields) {
                names.add(name.strip());
            }
            checkUnique(names, sourceName, firstLine);
            fields = records.next();
        }
        float[] values = new float[1024];
        int count = 0;
        int rows = 0;
        for (; fields != null; fields = records.next(), rows++) {
            if (names.isEmpty()) {
                firstLine = records.recordLine();
                for (int c = 1; c <= fields.size(); c++) {
                    names.add("column" + c);
                }
            }
            if (fields.size() != names.size()) {
                throw new CsvFormatException(sourceName + ", line " + records.recordLine(), "expected "
                        + names.size() + " fields like the " + (header ? "header" : "first row") + " (line "
                        + firstLine + "), found " + fields.size());
            }
            if (count + fields.size() > values.length) {
                values = Arrays.copyOf(values, Math.max(2 * values.length, count + fields.size()));
            }
            for (int c = 0; c < fields.size(); c++) {
                values[count++] = parseNumber(fields.get(c), sourceName, records.fieldLine(c), c, names.get(c));
            }
        }
        return new CsvTable(sourceName, names, Arrays.copyOf(values, count), rows);
    }

    private static float parseNumber(String text, String source, int line, int column, String name)
            throws CsvFormatException {
        String trimmed = text.strip();
        if (!NUMBER.matcher(trimmed).matches()) {
            throw new CsvFormatException(source + ", line " + line + ", column " + (column + 1) + " ('" + name + "')",
                    "expected a number, found " + (trimmed.isEmpty() ? "an empty cell" : "'" + text + "'"));
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        return lower.endsWith("nan") ? Float.NaN : Float.parseFloat(trimmed);
    }

    private static void checkUnique(List<String> names, String source, int line) throws CsvFormatException {
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            Integer earlier = seen.putIfAbsent(names.get(c), c);
            if (earlier != null) {
                throw new CsvFormatException(source + ", line " + line, "column name '" + names.get(c)
                        + "' appears twice (columns " + (earlier + 1) + " and " + (c + 1)
                        + "); expected unique names");
            }
        }
    }

    /**
     * Writes {@code rows} ({@code [n, columns]}) as UTF-8 CSV, preceded by a header of
     * {@code columnNames} when this format has one. Values are written in the shortest form that
     * reads back to the same float.
     */
    public void write(Path path, List<String> columnNames, Tensor rows) throws IOException {
        if (rows.rank() != 2 || rows.dim(1) != columnNames.size()) {
            throw new IllegalArgumentException("Csv.write: expected rows of shape [n, " + columnNames.size()
                    + "] for the columns " + columnNames + ". Received: shape " + rows.shape());
        }
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            if (header) {
                for (int c = 0; c < columnNames.size(); c++) {
                    out.write((c > 0 ? String.valueOf(delimiter) : "") + quoteIfNeeded(columnNames.get(c)));
                }
                out.write('\n');
            }
            float[] values = rows.data();
            int columns = rows.dim(1);
            for (int i = 0; i < values.length; i++) {
                String text = Float.toString(values[i]);
                out.write(text.endsWith(".0") ? text.substring(0, text.length() - 2) : text);
                out.write(i % columns == columns - 1 ? '\n' : delimiter);
            }
        }
    }

    private String quoteIfNeeded(String name) {
        boolean needsQuotes = name.indexOf(delimiter) >= 0 || name.indexOf(QUOTE) >= 0 || name.indexOf('\n') >= 0
                || name.indexOf('\r') >= 0 || name.isBlank() || (comments && name.startsWith("#"));
        return needsQuotes ? QUOTE + name.replace("\"", "\"\"") + QUOTE : name;
    }

    static String printable(char c) {
        return switch (c) {
            case '\t' -> "'\\t'";
            case '\n' -> "'\\n'";
            case '\r' -> "'\\r'";
            default -> "'" + c + "'";
        };
    }
}
