package org.noether.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.noether.data.Dataset;
import org.noether.data.FashionMnist;
import org.noether.data.Idx;
import org.noether.data.IdxType;
import org.noether.tensor.Tensor;

/**
 * Writes the Fashion-MNIST subset that the command line embeds (10,000 images) as the four IDX
 * files {@code FashionMnist.load} reads, so that the examples' tests run the same whether or not
 * the full data set is installed.
 */
final class SubsetFiles {
    private static final String EMBEDDED = "/org/noether/cli/fashion-mnist-subset/";

    private SubsetFiles() {
    }

    /** {@code trainSize} training images and the rest as test images, gzip-compressed IDX files in {@code directory}. */
    static void write(Path directory, int trainSize) throws IOException {
        Dataset all;
        try (InputStream images = resource("t10k-images-idx3-ubyte.gz");
             InputStream labels = resource("t10k-labels-idx1-ubyte.gz")) {
            all = FashionMnist.fromStreams(images, "embedded images", labels, "embedded labels");
        }
        Dataset.Pair parts = all.splitAt(trainSize);
        write(directory, "train", parts.first());
        write(directory, "t10k", parts.second());
    }

    private static InputStream resource(String name) throws IOException {
        InputStream stream = SubsetFiles.class.getResourceAsStream(EMBEDDED + name);
        if (stream == null) {
            throw new IOException("The embedded data set " + EMBEDDED + name + " is not on the classpath");
        }
        return stream;
    }

    private static void write(Path directory, String prefix, Dataset data) throws IOException {
        float[] scaled = data.x().data();
        float[] pixels = new float[scaled.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Math.round(scaled[i] * 255f);   // back to the file's bytes 0..255
        }
        Tensor images = Tensor.of(pixels, data.size(), FashionMnist.IMAGE_SIZE, FashionMnist.IMAGE_SIZE);
        Idx.write(directory.resolve(prefix + "-images-idx3-ubyte.gz"), images, IdxType.UNSIGNED_BYTE);
        Idx.write(directory.resolve(prefix + "-labels-idx1-ubyte.gz"), data.y(), IdxType.UNSIGNED_BYTE);
    }
}
