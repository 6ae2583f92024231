package org.noether.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.noether.data.Dataset;
import org.noether.data.Idx;
import org.noether.data.IdxType;
import org.noether.tensor.Tensor;

/**
 * Writes the embedded Fashion-MNIST subset as the four IDX files {@code --data DIR} expects, so
 * that the tests train on the subset whether or not the full data set is installed.
 */
final class SubsetFiles {
    private SubsetFiles() {
    }

    /** The subset's 8,000 training and 2,000 test images, as gzip-compressed IDX files in {@code directory}. */
    static void write(Path directory) throws IOException {
        FashionData subset = FashionData.embeddedSubset();
        write(directory, "train", subset.split().train());
        write(directory, "t10k", subset.split().test());
    }

    private static void write(Path directory, String prefix, Dataset data) throws IOException {
        float[] scaled = data.x().data();
        float[] pixels = new float[scaled.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Math.round(scaled[i] * 255f);   // back to the file's bytes 0..255
        }
        Tensor images = Tensor.of(pixels, data.size(), 28, 28);
        Idx.write(directory.resolve(prefix + "-images-idx3-ubyte.gz"), images, IdxType.UNSIGNED_BYTE);
        Idx.write(directory.resolve(prefix + "-labels-idx1-ubyte.gz"), data.y(), IdxType.UNSIGNED_BYTE);
    }
}
