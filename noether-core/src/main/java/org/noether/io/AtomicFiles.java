package org.noether.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file all at once or not at all: the bytes go to a temporary file in the target's
 * directory, which is flushed, forced to disk and then renamed over the target. A crash or an
 * exception at any point leaves either the old file or the complete new one, never a half-written
 * file; on an exception the temporary file is deleted.
 *
 * <p>The rename is atomic where the file system supports it ({@code ATOMIC_MOVE}); where it does
 * not, a plain replacing move is used, which on common file systems is still a rename.
 *
 * <pre>{@code AtomicFiles.writeString(Path.of("model/config.json"), Json.write(config));}</pre>
 */
public final class AtomicFiles {
    private static final int BUFFER_BYTES = 1 << 16;
    /** Distinguishes temporary files of concurrent writes within this process. */
    private static final AtomicLong COUNTER = new AtomicLong();
    /** Keeps temporary names under the 255-byte limit of common file systems. */
    private static final int MAX_NAME_CHARS = 100;

    private AtomicFiles() {}

    /**
     * Writes {@code target} with what {@code writer} puts into the stream it is given. Parent
     * directories are created. If the writer throws, the exception propagates unchanged, the target
     * (if it existed) keeps its old contents and no temporary file is left behind. The writer may
     * close the stream or leave it open.
     *
     * @throws IOException if writing, forcing or renaming fails, or the target is a directory
     */
    public static void write(Path target, IoConsumer<? super OutputStream> writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null) {
            throw new IOException("Cannot write to " + target + ": expected a file path, not a root");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException("Cannot write to " + target + ": it is a directory, expected a file path");
        }
        Files.createDirectories(directory);
        Path temporary = createTemporary(directory, absolute.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream stream = new KeepOpenOutputStream(
                        new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES));
                writer.accept(stream);
                stream.flush();
                // Without this the rename could reach the disk before the data, and a power cut
                // would leave an empty or partial file under the final name.
                channel.force(true);
            }
            move(temporary, absolute);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException deleteFailure) {
                failure.addSuppressed(deleteFailure);
            }
            throw failure;
        }
        forceDirectory(directory);
    }

    /** Writes {@code text} as UTF-8 to {@code target}, atomically (see {@link #write}). */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code bytes} to {@code target}, atomically (see {@link #write}). */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(target, out -> out.write(bytes));
    }

    /**
     * Creates an empty file beside the target whose name starts with a dot and ends with
     * {@code .tmp}. {@code Files.createTempFile} is avoided on purpose: it makes owner-only files,
     * and after the rename the saved model would be unreadable to other users.
     */
    private static Path createTemporary(Path directory, String targetName) throws IOException {
        String base = targetName.length() > MAX_NAME_CHARS ? targetName.substring(0, MAX_NAME_CHARS) : targetName;
        String prefix = "." + base + "." + ProcessHandle.current().pid() + "-";
        for (int attempt = 0; ; attempt++) {
            Path candidate = directory.resolve(prefix + COUNTER.incrementAndGet() + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // A leftover from a crashed process with the same id: try the next number.
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Forces the directory entry of the rename to disk, so that it survives a power cut. This is
     * best effort: some platforms (Windows) cannot open a directory as a channel, and by now the
     * new file is complete and in place either way.
     */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Nothing to undo: see above.
        }
    }

    /** Lets the writer close its stream without closing the channel that still has to be forced. */
    private static final class KeepOpenOutputStream extends OutputStream {
        private final OutputStream delegate;

        KeepOpenOutputStream(OutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int value) throws IOException {
            delegate.write(value);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            delegate.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            delegate.flush();
        }
    }
}
