package org.noether.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Fashion-MNIST (Zalando, 2017): 70000 grey 28×28 images of clothing in 10 classes, a drop-in
 * replacement for the MNIST digits in the same IDX files, 60000 for training and 10000 for testing.
 *
 * <p>Shape: images {@code [n, 28, 28, 1]} (NHWC) with pixels scaled from 0..255 to {@code [0, 1]};
 * labels {@code [n]}, the class index as a float (names in {@link #CLASS_NAMES}). The four files
 * may each be gzip-compressed ({@code .gz}) or not; the Debian package {@code dataset-fashion-mnist}
 * installs them compressed in {@link #DEFAULT_DIRECTORY}.
 *
 * <pre>{@code
 * TrainTest data = FashionMnist.load();                   // x [60000, 28, 28, 1], y [60000]
 * String name = FashionMnist.CLASS_NAMES.get(9);          // "Ankle boot"
 * }</pre>
 */
public final class FashionMnist {
    /** The class of label {@code i} is {@code CLASS_NAMES.get(i)}. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Number of classes. */
    public static final int NUM_CLASSES = 10;
    /** Height and width of an image in pixels. */
    public static final int IMAGE_SIZE = 28;
    /** Where the Debian package {@code dataset-fashion-mnist} installs the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** The file names, each possibly followed by {@code .gz}: train images, train labels, test images, test labels. */
    public static final List<String> FILE_NAMES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private static final float MAX_PIXEL = 255f;

    private FashionMnist() {
    }

    /** Loads the training and test sets from {@link #DEFAULT_DIRECTORY}. */
    public static TrainTest load() throws IOException {
        return load(DEFAULT_DIRECTORY);
    }

    /**
     * Loads the training and test sets from the four IDX files in {@code directory}.
     *
     * @throws FileNotFoundException naming the directory and the files expected when one is missing
     * @throws IdxFormatException when a file is malformed or images and labels do not match
     */
    public static TrainTest load(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : FILE_NAMES) {
            Path raw = directory.resolve(name);
            Path compressed = directory.resolve(name + ".gz");
            if (Files.isRegularFile(raw)) {
                files.add(raw);
            } else if (Files.isRegularFile(compressed)) {
                files.add(compressed);
            } else {
                missing.add(name + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new FileNotFoundException("Fashion-MNIST: " + directory
                    + (Files.isDirectory(directory) ? "" : " (no such directory)") + " lacks " + missing
                    + "; expected the four files " + FILE_NAMES + ", each raw or with .gz (the Debian package "
                    + "dataset-fashion-mnist installs them in " + DEFAULT_DIRECTORY + ")");
        }
        return new TrainTest(fromTensors(Idx.read(files.get(0)), files.get(0).toString(),
                        Idx.read(files.get(1)), files.get(1).toString()),
                fromTensors(Idx.read(files.get(2)), files.get(2).toString(),
                        Idx.read(files.get(3)), files.get(3).toString()));
    }

    /**
     * A dataset from an IDX image stream and an IDX label stream (raw or gzip-compressed), for
     * example a subset shipped as resources; the names appear in error messages. The streams are
     * read to their end but not closed.
     */
    public static Dataset fromStreams(InputStream images, String imagesName, InputStream labels, String labelsName)
            throws IOException {
        return fromTensors(Idx.read(images, imagesName), imagesName, Idx.read(labels, labelsName), labelsName);
    }

    /**
     * Checks shapes and labels, then scales the freshly read pixels in place (no second copy of a
     * 188 MB training set) and adds the channel axis.
     */
    private static Dataset fromTensors(Tensor images, String imagesName, Tensor labels, String labelsName)
            throws IdxFormatException {
        Shape imageShape = images.shape();
        if (imageShape.rank() != 3 || imageShape.dim(1) != IMAGE_SIZE || imageShape.dim(2) != IMAGE_SIZE) {
            throw new IdxFormatException(imagesName, "expected images of shape [n, " + IMAGE_SIZE + ", "
                    + IMAGE_SIZE + "], found " + imageShape);
        }
        if (labels.rank() != 1) {
            throw new IdxFormatException(labelsName, "expected labels of shape [n], found " + labels.shape());
        }
        if (imageShape.dim(0) != labels.dim(0)) {
            throw new IdxFormatException(imagesName + " and " + labelsName, imagesName + " holds "
                    + imageShape.dim(0) + " images but " + labelsName + " holds " + labels.dim(0)
                    + " labels; expected one label per image");
        }
        float[] classes = labels.data();
        for (int i = 0; i < classes.length; i++) {
            if (!(classes[i] >= 0 && classes[i] < NUM_CLASSES && classes[i] == Math.rint(classes[i]))) {
                throw new IdxFormatException(labelsName, "label " + i + " is " + classes[i]
                        + ": expected a class index 0.." + (NUM_CLASSES - 1));
            }
        }
        float[] pixels = images.data();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] /= MAX_PIXEL;
        }
        return new Dataset(Tensor.wrap(pixels, Shape.of(imageShape.dim(0), IMAGE_SIZE, IMAGE_SIZE, 1)), labels);
    }
}
