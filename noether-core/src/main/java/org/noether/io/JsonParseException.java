package org.noether.io;

/**
 * Text that is not valid JSON (RFC 8259). The message says where (line and column, both counted
 * from 1), what was expected there and what was found.
 *
 * <pre>{@code
 * try { Json.parse("[1, 2,]"); }
 * catch (JsonParseException e) { e.line() == 1; e.column() == 7; } // "... trailing comma ..."
 * }</pre>
 */
public final class JsonParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /** An error at {@code line} and {@code column} (1-based); {@code detail} says what went wrong. */
    public JsonParseException(int line, int column, String detail) {
        super("Invalid JSON at line " + line + ", column " + column + ": " + detail);
        this.line = line;
        this.column = column;
    }

    /** The line of the error, counted from 1. */
    public int line() {
        return line;
    }

    /** The column of the error within its line, counted from 1 in UTF-16 characters. */
    public int column() {
        return column;
    }
}
