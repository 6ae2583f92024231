package org.noether.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that exists and could be read but whose contents break its format: a corrupt or truncated
 * safetensors file, a config that is not JSON. The message starts with the file, then says what was
 * found and what was expected.
 *
 * <pre>{@code
 * try { SafeTensors.read(path); }
 * catch (FileFormatException e) { System.err.println(e.getMessage()); // "model.safetensors: tensor 'w' ..." }
 * }</pre>
 */
public final class FileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A format error in {@code file}; {@code detail} says what was wrong. */
    public FileFormatException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    /** A format error in {@code file} caused by {@code cause} (for example a JSON syntax error). */
    public FileFormatException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    /** The file whose contents are malformed. */
    public Path file() {
        return file;
    }
}
