package org.noether.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.noether.data.Dataset;
import org.noether.data.FashionMnist;
import org.noether.data.TrainTest;

/**
 * Finds Fashion-MNIST for the demos: a directory the user names, else the Debian package's
 * directory, else the subset embedded in this jar (the 10,000 test images, of which the first
 * 8,000 train and the last 2,000 test), so that a demo runs on any fresh machine. The directory
 * name {@code embedded} asks for the subset explicitly.
 *
 * <pre>{@code FashionData data = FashionData.locate(null); System.out.println(data.describe());}</pre>
 *
 * @param split  training and test images, NHWC {@code [n, 28, 28, 1]} in [0, 1], labels {@code [n]}
 * @param source where they came from, for reports
 * @param full   whether this is the whole data set (60,000 + 10,000 images)
 */
public record FashionData(TrainTest split, String source, boolean full) {
    /** The value of {@code --data} that selects the embedded subset. */
    public static final Path EMBEDDED = Path.of("embedded");

    private static final String RESOURCES = "/org/noether/examples/fashion-mnist-subset/";
    private static final int EMBEDDED_TRAIN = 8000;

    /** The data from {@code directory} (or the subset for {@link #EMBEDDED}), else the installed package, else the subset. */
    public static FashionData locate(Path directory) throws IOException {
        if (EMBEDDED.equals(directory)) {
            return embeddedSubset();
        }
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
    public static FashionData embeddedSubset() throws IOException {
        try (InputStream images = resource("t10k-images-idx3-ubyte.gz");
             InputStream labels = resource("t10k-labels-idx1-ubyte.gz")) {
            Dataset all = FashionMnist.fromStreams(images, "embedded t10k-images", labels, "embedded t10k-labels");
            Dataset.Pair parts = all.splitAt(EMBEDDED_TRAIN);
            return new FashionData(new TrainTest(parts.first(), parts.second()),
                    "the embedded Fashion-MNIST subset (install dataset-fashion-mnist or pass --data for all 70,000 "
                            + "images)", false);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream stream = FashionData.class.getResourceAsStream(RESOURCES + name);
        if (stream == null) {
            throw new IOException("The embedded data set " + RESOURCES + name + " is missing from the classpath");
        }
        return stream;
    }

    /** "… : 60000 training and 10000 test images". */
    public String describe() {
        return source + ": " + split.train().size() + " training and " + split.test().size() + " test images";
    }
}
