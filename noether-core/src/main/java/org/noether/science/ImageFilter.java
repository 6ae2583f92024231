package org.noether.science;

import java.util.ArrayList;
import java.util.List;
import org.noether.autograd.GradMode;
import org.noether.autograd.ops.Conv2D;
import org.noether.autograd.ops.Gather;
import org.noether.kernel.Boundary;
import org.noether.kernel.ConvOptions;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Filters images with a fixed kernel: every channel convolved by itself (a depthwise Conv2D, groups
 * = channels) with "same" padding, so the output has the input's size; what the window sees past
 * the border is chosen by a {@link Boundary} (REFLECT by default, which keeps a constant image
 * constant; ZEROS darkens the rim, as setosa.io's demo does; PERIODIC suits lattices and periodic
 * patterns).
 *
 * <p>Shape: {@code image [n, h, w, c]}, {@code kernel [kh, kw, 1, 1]} (the same for every channel)
 * or {@code [kh, kw, 1, c]} (one per channel) → {@code [n, h, w, c]}. Built on the Conv2D op, so the
 * result is differentiable in the image (and the kernel); the gradient of {@link #sobelMagnitude}
 * is infinite where both Sobel responses vanish.
 *
 * <p>The image is padded by the border rule first and then convolved without padding, in bands of
 * rows when a whole photograph's patch matrix ({@code h·w·kh·kw} values, which the gradient in the
 * image stores, one image at a time at least) would not fit in memory.
 * A separable kernel {@code K = u·vᵀ} (box and Gaussian blurs, Sobel) runs as a column pass and a
 * row pass, {@code kh + kw} instead of {@code kh·kw} taps per pixel; results agree up to float
 * rounding.
 *
 * <pre>{@code
 * Tensor blurred = ImageFilter.apply(image, ImageKernels.gaussian(2));
 * Tensor edges = ImageFilter.sobelMagnitude(image);   // sqrt(gx² + gy²)
 * }</pre>
 */
public final class ImageFilter {
    /** Patch values one convolution call may store (64 MB), above which rows go in bands. */
    static final long PATCH_BUDGET = 1L << 24;
    /** Largest difference from u·vᵀ, relative to the largest entry, that counts as float rounding. */
    private static final float SEPARABLE_TOLERANCE = 1e-5f;

    private ImageFilter() {
    }

    /** {@code image} filtered by {@code kernel} with the REFLECT border. */
    public static Tensor apply(Tensor image, Tensor kernel) {
        return apply(image, kernel, Boundary.REFLECT);
    }

    /** {@code image} filtered by {@code kernel}, reading past the border as {@code boundary} says. */
    public static Tensor apply(Tensor image, Tensor kernel, Boundary boundary) {
        return apply(image, kernel, boundary, PATCH_BUDGET);
    }

    /** As {@link #apply(Tensor, Tensor, Boundary)}, with bands of at most {@code patchBudget} patch values. */
    static Tensor apply(Tensor image, Tensor kernel, Boundary boundary, long patchBudget) {
        if (image.rank() != 4) {
            throw new IllegalArgumentException("ImageFilter expects images [batch, height, width, channels]. "
                    + "Received: shape " + image.shape());
        }
        int channels = image.dim(3);
        if (kernel.rank() != 4 || kernel.dim(2) != 1 || (kernel.dim(3) != 1 && kernel.dim(3) != channels)) {
            throw new IllegalArgumentException("ImageFilter expects a kernel [height, width, 1, 1] or [height, width, 1, "
                    + channels + "] for " + channels + "-channel images. Received: kernel shape " + kernel.shape());
        }
        Tensor perChannel = kernel.dim(3) == channels ? kernel : ImageKernels.depthwise(kernel, channels);
        Tensor padded = padSame(image, kernel.dim(0), kernel.dim(1), boundary);
        // A kernel being learned keeps its own tensor, so that its gradient arrives.
        Tensor[] factors = kernel.requiresGrad() && GradMode.isEnabled() ? null : separate(perChannel);
        if (factors == null) {
            return convolve(padded, perChannel, patchBudget);
        }
        return convolve(convolve(padded, factors[0], patchBudget), factors[1], patchBudget);
    }

    /** The depthwise convolution of {@code padded} with {@code kernel}, without padding, in bands of rows. */
    private static Tensor convolve(Tensor padded, Tensor kernel, long patchBudget) {
        ConvOptions options = ConvOptions.defaults().groups(padded.dim(3)).owner("ImageFilter");
        int kernelHeight = kernel.dim(0);
        int outputHeight = padded.dim(1) - kernelHeight + 1;
        long patchValuesPerRow = (long) padded.dim(0) * (padded.dim(2) - kernel.dim(1) + 1) * kernelHeight
                * kernel.dim(1);
        int rowsPerBand = (int) Math.max(1, Math.min(outputHeight, patchBudget / Math.max(1, patchValuesPerRow)));
        if (rowsPerBand >= outputHeight) {
            return Conv2D.apply(padded, kernel, options);
        }
        List<Tensor> bands = new ArrayList<>();
        for (int top = 0; top < outputHeight; top += rowsPerBand) {
            int bottom = Math.min(outputHeight, top + rowsPerBand);
            bands.add(Conv2D.apply(padded.slice(1, top, bottom + kernelHeight - 1), kernel, options));
        }
        return Tensor.concat(1, bands.toArray(Tensor[]::new));
    }

    /**
     * A column kernel {@code [kh, 1, 1, c]} and a row kernel {@code [1, kw, 1, c]} whose successive
     * correlations equal {@code kernel [kh, kw, 1, c]} (K = u·vᵀ per channel, as for box and Gaussian
     * blurs and Sobel), or null if some channel's kernel is not of that form or nothing would be
     * saved: {@code kh + kw} taps per pixel instead of {@code kh·kw}.
     */
    private static Tensor[] separate(Tensor kernel) {
        int height = kernel.dim(0);
        int width = kernel.dim(1);
        int channels = kernel.dim(3);
        if (height == 1 || width == 1) {
            return null;
        }
        float[] values = kernel.data();
        float[] column = new float[height * channels];
        float[] row = new float[width * channels];
        for (int c = 0; c < channels; c++) {
            int pivot = -1;
            float largest = 0;
            for (int tap = 0; tap < height * width; tap++) {
                if (Math.abs(values[tap * channels + c]) > largest) {
                    largest = Math.abs(values[tap * channels + c]);
                    pivot = tap;
                }
            }
            if (pivot < 0) {
                return null;
            }
            int pivotRow = pivot / width;
            int pivotColumn = pivot % width;
            for (int y = 0; y < height; y++) {
                column[y * channels + c] = values[(y * width + pivotColumn) * channels + c];
            }
            float scale = values[pivot * channels + c];
            for (int x = 0; x < width; x++) {
                row[x * channels + c] = values[(pivotRow * width + x) * channels + c] / scale;
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float product = column[y * channels + c] * row[x * channels + c];
                    if (Math.abs(product - values[(y * width + x) * channels + c]) > SEPARABLE_TOLERANCE * largest) {
                        return null;
                    }
                }
            }
        }
        return new Tensor[] {Tensor.wrap(column, Shape.of(height, 1, 1, channels)),
            Tensor.wrap(row, Shape.of(1, width, 1, channels))};
    }

    /**
     * {@code image} extended by {@code boundary} so that a valid convolution with a
     * {@code kernelHeight × kernelWidth} window gives the input's size: {@code ⌊(k−1)/2⌋} before and
     * the rest after on each axis (the "same" split of Keras and TensorFlow).
     */
    private static Tensor padSame(Tensor image, int kernelHeight, int kernelWidth, Boundary boundary) {
        int top = (kernelHeight - 1) / 2;
        int left = (kernelWidth - 1) / 2;
        if (boundary == Boundary.ZEROS) {
            return image.pad(1, top, kernelHeight - 1 - top).pad(2, left, kernelWidth - 1 - left);
        }
        int n = image.dim(0);
        int height = image.dim(1);
        int width = image.dim(2);
        int channels = image.dim(3);
        int paddedHeight = height + kernelHeight - 1;
        int paddedWidth = width + kernelWidth - 1;
        int[] indices = new int[n * paddedHeight * paddedWidth * channels];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < paddedHeight; y++) {
                int row = i * height + boundary.map(y - top, height);
                for (int x = 0; x < paddedWidth; x++) {
                    int start = (row * width + boundary.map(x - left, width)) * channels;
                    for (int c = 0; c < channels; c++) {
                        indices[at++] = start + c;
                    }
                }
            }
        }
        return Gather.apply(image, indices, Shape.of(n, paddedHeight, paddedWidth, channels));
    }

    /** The gradient magnitude {@code sqrt(gx² + gy²)} of the Sobel responses, REFLECT border. */
    public static Tensor sobelMagnitude(Tensor image) {
        return sobelMagnitude(image, Boundary.REFLECT);
    }

    /** The gradient magnitude {@code sqrt(gx² + gy²)} of the Sobel responses. */
    public static Tensor sobelMagnitude(Tensor image, Boundary boundary) {
        Tensor gx = apply(image, ImageKernels.sobelX(), boundary);
        Tensor gy = apply(image, ImageKernels.sobelY(), boundary);
        return gx.square().add(gy.square()).sqrt();
    }
}
