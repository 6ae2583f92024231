package org.noether.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records of fields (RFC 4180): fields separated by the delimiter, records by
 * LF or CRLF (or a lone CR), a field in double quotes may hold delimiters, line breaks and
 * {@code ""} for one quote. Blank records, a leading byte-order mark and (when enabled) records
 * beginning with {@code #} are skipped. Line numbers count physical lines from 1, so a quoted
 * line break moves them on.
 */
final class CsvRecords {
    private static final int END = -1;
    private static final char QUOTE = '"';

    private final Reader in;
    private final char delimiter;
    private final boolean comments;
    private final String source;
    private final char[] buffer = new char[1 << 14];
    private int position;
    private int limit;
    private int line = 1;
    private int recordLine;
    private final List<Integer> fieldLines = new ArrayList<>();
    private boolean started;

    CsvRecords(Reader in, char delimiter, boolean comments, String source) {
        this.in = in;
        this.delimiter = delimiter;
        this.comments = comments;
        this.source = source;
    }

    /** The line on which the last record returned by {@link #next()} began. */
    int recordLine() {
        return recordLine;
    }

    /** The line on which field {@code index} of the last record began. */
    int fieldLine(int index) {
        return fieldLines.get(index);
    }

    /** The fields of the next record that is neither blank nor a comment, or null at the end. */
    List<String> next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        while (true) {
            int first = peek();
            if (first == END) {
                return null;
            }
            if (comments && first == '#') {
                skipToLineEnd();
                continue;
            }
            recordLine = line;
            fieldLines.clear();
            List<String> fields = new ArrayList<>();
            boolean anyQuoted = false;
            while (true) {
                fieldLines.add(line);
                anyQuoted |= peek() == QUOTE;
                fields.add(peek() == QUOTE ? quotedField() : plainField());
                int after = read();
                if (after != delimiter) {
                    endLine(after);
                    break;
                }
            }
            if (fields.size() > 1 || anyQuoted || !fields.get(0).isBlank()) {
                return fields;
            }
        }
    }

    private String plainField() throws IOException {
        StringBuilder field = new StringBuilder();
        for (int c = peek(); c != END && c != delimiter && c != '\n' && c != '\r'; c = peek()) {
            field.append((char) read());
        }
        return field.toString();
    }

    private String quotedField() throws IOException {
        int startLine = line;
        read();
        StringBuilder field = new StringBuilder();
        while (true) {
            int c = read();
            if (c == END) {
                throw new CsvFormatException(source + ", line " + startLine, "the quoted field that starts here "
                        + "has no closing quote; expected '\"' before the end of the file");
            }
            if (c == QUOTE) {
                if (peek() != QUOTE) {
                    break;
                }
                read();
            } else if (c == '\r' || c == '\n') {
                endLine(c);
                c = '\n';
            }
            field.append((char) c);
        }
        while (peek() == ' ' || peek() == '\t') {
            if (delimiter == peek()) {
                break;
            }
            read();
        }
        int next = peek();
        if (next != END && next != delimiter && next != '\n' && next != '\r') {
            throw new CsvFormatException(source + ", line " + line, "expected the delimiter "
                    + Csv.printable(delimiter) + " or the end of the line after a closing quote, found "
                    + Csv.printable((char) next));
        }
        return field.toString();
    }

    /** Counts a line break just read; a CR followed by LF is one break. */
    private void endLine(int lineBreak) throws IOException {
        if (lineBreak == '\r' && peek() == '\n') {
            read();
        }
        if (lineBreak != END) {
            line++;
        }
    }

    private void skipToLineEnd() throws IOException {
        int c;
        do {
            c = read();
        } while (c != END && c != '\n' && c != '\r');
        endLine(c);
    }

    private int peek() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return END;
            }
        }
        return buffer[position];
    }

    private int read() throws IOException {
        int c = peek();
        if (c != END) {
            position++;
        }
        return c;
    }
}
