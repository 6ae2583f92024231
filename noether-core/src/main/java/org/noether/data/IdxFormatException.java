package org.noether.data;

import java.io.IOException;

/**
 * A file that is not valid IDX data, or IDX files that do not fit together (images and labels of
 * different counts); the message names the file and what was expected and found.
 *
 * <pre>{@code
 * try {
 *     images = Idx.read(path);
 * } catch (IdxFormatException e) {
 *     System.err.println(e.getMessage());   // train-images-idx3-ubyte: expected 47040000 bytes of data ...
 * }
 * }</pre>
 */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** {@code source: problem}. */
    public IdxFormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    /** {@code source: problem}, keeping the underlying error (a corrupt gzip stream). */
    public IdxFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
