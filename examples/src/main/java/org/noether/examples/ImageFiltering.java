package org.noether.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.noether.data.Images;
import org.noether.models.Sequential;
import org.noether.nn.layers.Conv2D;
import org.noether.nn.layers.Input;
import org.noether.science.ImageFilter;
import org.noether.science.ImageKernels;
import org.noether.tensor.Tensor;

/**
 * The notes' "image filtering: how to blur, how to obtain contours": an image convolved with fixed
 * kernels, first as a Conv2D layer whose kernel is set by hand (what a convolutional network learns
 * instead), then with {@link ImageFilter}, which handles colour and the border for whole
 * photographs. Writes one PNG per filter.
 *
 * <p>Run with {@code --image FILE} (PNG or JPEG; default: a Fashion-MNIST ankle boot from the
 * embedded subset) and {@code --output DIR} (default {@code images/filtered}).
 *
 * <pre>{@code ImageFiltering.main(new String[] {"--image", "face.png", "--output", "filtered"});}</pre>
 */
public final class ImageFiltering {
    private ImageFiltering() {
    }

    /** The image filtered by a 3×3 Conv2D layer whose kernel is the top Sobel kernel of the notes. */
    static Tensor sobelByConvolutionLayer(Tensor grey) {
        Sequential net = new Sequential(
                new Input(grey.shape().dim(1), grey.shape().dim(2), 1),
                new Conv2D(1, 3).padding("same").useBias(false));
        net.loadWeights(Map.of("conv2d/kernel", ImageKernels.sobelY()));   // [3, 3, 1, 1]
        return net.predict(grey);
    }

    /** Filters the image given by the options and writes the results; returns them by file name. */
    public static Map<String, Tensor> run(String... args) throws IOException {
        ExampleOptions options = ExampleOptions.parse(args, "image", "output");
        Tensor image = options.has("image")
                ? Images.read(options.path("image", null))
                : FashionData.embeddedSubset().split().test().x().slice(0, 0, 1);   // [1, 28, 28, 1]
        Path output = options.path("output", Path.of("images", "filtered"));

        Map<String, Tensor> results = new LinkedHashMap<>();
        Tensor grey = image.mean(true, 3);                                   // channels averaged: grey
        results.put("sobel-y-conv2d.png", sobelByConvolutionLayer(grey));
        results.put("blur.png", ImageFilter.apply(image, ImageKernels.boxBlur(5)));
        results.put("gaussian.png", ImageFilter.apply(image, ImageKernels.gaussian(2)));
        results.put("contours.png", ImageFilter.sobelMagnitude(grey));
        results.put("laplacian.png", ImageFilter.apply(grey, ImageKernels.laplacian(8)));
        results.put("gabor.png", ImageFilter.apply(grey, ImageKernels.gabor(2.5, 0, 4.5, 0.5, 0, 11)));

        Files.createDirectories(output);
        Images.writePng(image, output.resolve("input.png"));
        for (Map.Entry<String, Tensor> result : results.entrySet()) {
            // Derivative filters give negative values: stretch min..max to black..white.
            boolean signed = !result.getKey().startsWith("blur") && !result.getKey().startsWith("gaussian");
            Images.writePng(result.getValue(), output.resolve(result.getKey()), signed);
        }
        System.out.println("Wrote input.png and " + String.join(", ", results.keySet()) + " to " + output);
        return results;
    }

    /** Filters and writes; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        run(args);
    }
}
