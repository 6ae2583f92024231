package org.noether.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.noether.data.Dataset;
import org.noether.data.FashionMnist;
import org.noether.data.TrainTest;

/**
 * Finds Fashion-MNIST for the demos: a directory the user names, else the Debian package's
 * directory, else the subset embedded in this jar (the 10,000 test images, of which the first
 * 8,000 train and the last 2,000 test), so that a demo runs on any fresh machine.
 *
 * <pre>{@code FashionData data = FashionData.locate(null); data.describe();}</pre>
 */
record FashionData(TrainTest split, String source, boolean full) {
    private static final String EMBEDDED = "/org/noether/cli/fashion-mnist-subset/";
    private static final int EMBEDDED_TRAIN = 8000;

    /** The data from {@code directory}, or the installed package, or the embedded subset. */
    static FashionData locate(Path directory) throws IOException {
        if (directory != null) {
            return new FashionData(FashionMnist.load(directory), "Fashion-MNIST from " + directory, true);
        }
        if (Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY)) {
            return new FashionData(FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY),
                    "Fashion-MNIST from " + FashionMnist.DEFAULT_DIRECTORY, true);
        }
        return embeddedSubset();
    }

    /** The embedded subset: 8,000 training and 2,000 test images from Fashion-MNIST's test set. */
    static FashionData embeddedSubset() throws IOException {
        try (InputStream images = resource("t10k-images-idx3-ubyte.gz");
             InputStream labels = resource("t10k-labels-idx1-ubyte.gz")) {
            Dataset all = FashionMnist.fromStreams(images, "embedded t10k-images", labels, "embedded t10k-labels");
            Dataset.Pair parts = all.splitAt(EMBEDDED_TRAIN);
            return new FashionData(new TrainTest(parts.first(), parts.second()),
                    "the embedded Fashion-MNIST subset (install dataset-fashion-mnist or pass --data for all 70,000 "
                            + "images)", false);
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = FashionData.class.getResourceAsStream(EMBEDDED + name);
        if (stream == null) {
            throw new UncheckedIOException(new IOException("The embedded data set " + EMBEDDED + name
                    + " is missing from the classpath"));
        }
        return stream;
    }

    String describe() {
        return source + ": " + split.train().size() + " training and " + split.test().size() + " test images";
    }
}
