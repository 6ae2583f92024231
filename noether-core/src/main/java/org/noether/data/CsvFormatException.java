package org.noether.data;

import java.io.IOException;

/**
 * A CSV file that cannot be read as a table of numbers; the message names the file, the line,
 * the column where that applies, and what was expected and found.
 *
 * <pre>{@code
 * try {
 *     table = Csv.DEFAULT.read(path);
 * } catch (CsvFormatException e) {
 *     System.err.println(e.getMessage());   // iris.csv, line 5, column 2 ('width'): expected a number, found 'n/a'
 * }
 * }</pre>
 */
public final class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** {@code where: problem}, {@code where} naming the file and line. */
    public CsvFormatException(String where, String problem) {
        super(where + ": " + problem);
    }
}
