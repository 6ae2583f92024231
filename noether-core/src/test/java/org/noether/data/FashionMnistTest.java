package org.noether.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

class FashionMnistTest {
    private static final int PIXELS = 28 * 28;

    @TempDir
    Path directory;

    /** Image {@code i} has every pixel equal to {@code (i · 7 + p) mod 256}; label {@code i mod 10}. */
    private static Tensor images(int n) {
        float[] pixels = new float[n * PIXELS];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < PIXELS; p++) {
                pixels[i * PIXELS + p] = (i * 7 + p) % 256;
            }
        }
        return Tensor.of(pixels, n, 28, 28);
    }

    private static Tensor labels(int n) {
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        return Tensor.of(labels, n);
    }

    private void writeFiles(int train, int trainLabels, int test, boolean compressTrain) throws IOException {
        String suffix = compressTrain ? ".gz" : "";
        Idx.write(directory.resolve("train-images-idx3-ubyte" + suffix), images(train), IdxType.UNSIGNED_BYTE);
        Idx.write(directory.resolve("train-labels-idx1-ubyte" + suffix), labels(trainLabels), IdxType.UNSIGNED_BYTE);
        Idx.write(directory.resolve("t10k-images-idx3-ubyte"), images(test), IdxType.UNSIGNED_BYTE);
        Idx.write(directory.resolve("t10k-labels-idx1-ubyte.gz"), labels(test), IdxType.UNSIGNED_BYTE);
    }

    @Test
    void loadsNhwcImagesScaledToUnitRangeFromMixedCompressedAndRawFiles() throws IOException {
        writeFiles(12, 12, 5, true);
        TrainTest data = FashionMnist.load(directory);
        assertEquals(Shape.of(12, 28, 28, 1), data.train().x().shape());
        assertEquals(Shape.of(12), data.train().y().shape());
        assertEquals(Shape.of(5, 28, 28, 1), data.test().x().shape());
        float[] expected = images(12).data();
        float[] x = data.train().x().data();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] / 255.0, x[i], 1e-7, "pixel " + i);
        }
        assertEquals(1f, data.train().x().get(0, 9, 3, 0));   // (0·7 + 255) mod 256 = 255 -> 1
        assertArrayEquals(labels(5).data(), data.test().y().data());
    }

    @Test
    void buildsADatasetFromStreams() throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        Idx.write(images, images(3), IdxType.UNSIGNED_BYTE);
        Idx.write(labels, labels(3), IdxType.UNSIGNED_BYTE);
        Dataset data = FashionMnist.fromStreams(new ByteArrayInputStream(images.toByteArray()), "images",
                new ByteArrayInputStream(labels.toByteArray()), "labels");
        assertEquals(Shape.of(3, 28, 28, 1), data.x().shape());
        assertArrayEquals(new float[] {0, 1, 2}, data.y().data());
        assertEquals(7 / 255f, data.x().get(1, 0, 0, 0), 1e-7);
    }

    @Test
    void missingFilesNameTheDirectoryAndTheExpectedFiles() throws IOException {
        writeFiles(2, 2, 2, false);
        Files.delete(directory.resolve("train-labels-idx1-ubyte"));
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> FashionMnist.load(directory));
        assertTrue(e.getMessage().contains(directory.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("lacks [train-labels-idx1-ubyte[.gz]]"), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
        Path absent = directory.resolve("nowhere");
        String message = assertThrows(FileNotFoundException.class, () -> FashionMnist.load(absent)).getMessage();
        assertTrue(message.contains(absent + " (no such directory)"), message);
    }

    @Test
    void mismatchedCountsNameBothFilesAndCounts() throws IOException {
        writeFiles(6, 5, 2, true);
        String message = assertThrows(IdxFormatException.class, () -> FashionMnist.load(directory)).getMessage();
        assertTrue(message.contains("train-images-idx3-ubyte.gz holds 6 images"), message);
        assertTrue(message.contains("train-labels-idx1-ubyte.gz holds 5 labels"), message);
    }

    @Test
    void wrongImageShapeAndBadLabelsAreNamed() throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        Idx.write(images, Tensor.zeros(2, 32, 32), IdxType.UNSIGNED_BYTE);
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        Idx.write(labels, Tensor.vector(3, 10), IdxType.UNSIGNED_BYTE);
        String shape = assertThrows(IdxFormatException.class, () -> FashionMnist.fromStreams(
                new ByteArrayInputStream(images.toByteArray()), "cifar-images",
                new ByteArrayInputStream(labels.toByteArray()), "labels")).getMessage();
        assertTrue(shape.contains("cifar-images: expected images of shape [n, 28, 28], found [2, 32, 32]"), shape);

        ByteArrayOutputStream good = new ByteArrayOutputStream();
        Idx.write(good, images(2), IdxType.UNSIGNED_BYTE);
        String label = assertThrows(IdxFormatException.class, () -> FashionMnist.fromStreams(
                new ByteArrayInputStream(good.toByteArray()), "images",
                new ByteArrayInputStream(labels.toByteArray()), "bad-labels")).getMessage();
        assertTrue(label.contains("bad-labels: label 1 is 10.0: expected a class index 0..9"), label);
    }

    @Test
    void classNamesFollowTheDatasetDocumentation() {
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
        assertEquals("T-shirt/top", FashionMnist.CLASS_NAMES.get(0));
        assertEquals("Sneaker", FashionMnist.CLASS_NAMES.get(7));
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));
    }

    /** The real files from the Debian package dataset-fashion-mnist, when installed. */
    @Test
    void realFashionMnist() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY),
                "Fashion-MNIST is not installed in " + FashionMnist.DEFAULT_DIRECTORY);
        TrainTest data = FashionMnist.load();
        assertEquals(Shape.of(60000, 28, 28, 1), data.train().x().shape());
        assertEquals(Shape.of(60000), data.train().y().shape());
        assertEquals(Shape.of(10000, 28, 28, 1), data.test().x().shape());
        assertEquals(Shape.of(10000), data.test().y().shape());
        int[] trainCounts = histogram(data.train().y());
        int[] testCounts = histogram(data.test().y());
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, trainCounts[c], "train images of class " + c);
            assertEquals(1000, testCounts[c], "test images of class " + c);
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float pixel : data.train().x().data()) {
            min = Math.min(min, pixel);
            max = Math.max(max, pixel);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        // The published first training label is 9 (ankle boot) and the first test label 9 as well.
        assertEquals(9f, data.train().y().get(0));
        assertEquals(9f, data.test().y().get(0));
    }

    private static int[] histogram(Tensor labels) {
        int[] counts = new int[10];
        for (float label : labels.data()) {
            counts[(int) label]++;
        }
        return counts;
    }
}
