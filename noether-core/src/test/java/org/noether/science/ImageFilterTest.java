package org.noether.science;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noether.kernel.Boundary;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;

/**
 * Filtering synthetic images whose answers are known (an edge, a constant, periodic stripes) and
 * random images against a naive double-precision correlation written here, for every border.
 */
class ImageFilterTest {

    /** One grey image {@code h × w} with {@code f(y, x)}. */
    private static Tensor image(int h, int w, java.util.function.IntBinaryOperator value) {
        float[] values = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                values[y * w + x] = value.applyAsInt(y, x);
            }
        }
        return Tensor.of(values, 1, h, w, 1);
    }

    /** The input index read at {@code index}, by each border's definition; -1 for a zero. */
    private static int read(Boundary boundary, int index, int size) {
        if (index >= 0 && index < size) {
            return index;
        }
        return switch (boundary) {
            case ZEROS -> -1;
            case PERIODIC -> ((index % size) + size) % size;
            case EDGE -> Math.max(0, Math.min(size - 1, index));
            case REFLECT -> {
                int i = index;
                while (i < 0 || i >= size) {
                    i = i < 0 ? -i : 2 * (size - 1) - i;
                }
                yield i;
            }
        };
    }

    /** Naive "same" correlation of every channel with the single kernel, in double precision. */
    private static double[] reference(Tensor images, Tensor kernel, Boundary boundary) {
        int n = images.dim(0);
        int h = images.dim(1);
        int w = images.dim(2);
        int c = images.dim(3);
        int kh = kernel.dim(0);
        int kw = kernel.dim(1);
        double[] out = new double[images.size()];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        double sum = 0;
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                int sy = read(boundary, y + ky - (kh - 1) / 2, h);
                                int sx = read(boundary, x + kx - (kw - 1) / 2, w);
                                if (sy >= 0 && sx >= 0) {
                                    sum += kernel.get(ky, kx, 0, 0) * images.get(i, sy, sx, k);
                                }
                            }
                        }
                        out[((i * h + y) * w + x) * c + k] = sum;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void aVerticalEdgeGivesASobelXResponseOnlyAtTheEdge() {
        Tensor edge = image(6, 8, (y, x) -> x < 4 ? 0 : 1);
        Tensor gx = ImageFilter.apply(edge, ImageKernels.sobelX());
        Tensor gy = ImageFilter.apply(edge, ImageKernels.sobelY());
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                // the columns either side of the step see 1·(1 + 2 + 1) on the right and 0 on the left
                assertEquals(x == 3 || x == 4 ? 4 : 0, gx.get(0, y, x, 0), 1e-6, y + "," + x);
                assertEquals(0, gy.get(0, y, x, 0), 1e-6, "no vertical change at " + y + "," + x);
            }
        }
        assertArrayEquals(gx.data(), ImageFilter.sobelMagnitude(edge).data(), 1e-6f);
    }

    @Test
    void theTopSobelIsPositiveBelowABrightTop() {
        Tensor edge = image(6, 5, (y, x) -> y < 3 ? 1 : 0);
        Tensor gy = ImageFilter.apply(edge, ImageKernels.sobelY());
        for (int x = 0; x < 5; x++) {
            assertEquals(4, gy.get(0, 2, x, 0), 1e-6);
            assertEquals(4, gy.get(0, 3, x, 0), 1e-6);
            assertEquals(0, gy.get(0, 0, x, 0), 1e-6);
        }
    }

    @Test
    void blurringAConstantKeepsItWithReflectAndPeriodicBordersButNotWithZeros() {
        Tensor constant = Tensor.full(Shape.of(1, 6, 7, 3), 0.7);
        for (Tensor kernel : new Tensor[] {ImageKernels.boxBlur(3), ImageKernels.gaussian(1.5)}) {
            for (Boundary boundary : new Boundary[] {Boundary.REFLECT, Boundary.PERIODIC}) {
                Tensor blurred = ImageFilter.apply(constant, kernel, boundary);
                for (float value : blurred.data()) {
                    assertEquals(0.7, value, 1e-5, boundary + " " + kernel.shape());
                }
            }
        }
        Tensor zeros = ImageFilter.apply(constant, ImageKernels.boxBlur(3), Boundary.ZEROS);
        assertEquals(0.7 * 4 / 9, zeros.get(0, 0, 0, 1), 1e-6, "the corner sees 4 of its 9 window pixels");
        assertEquals(0.7, zeros.get(0, 2, 3, 1), 1e-6);
    }

    @Test
    void aPeriodicBorderContinuesAPeriodicStripePatternExactly() {
        int[] stripe = {0, 1, 3, 1};   // period 4, the width 8 holds two periods
        Tensor stripes = image(5, 8, (y, x) -> stripe[x % 4]);
        Tensor periodic = ImageFilter.apply(stripes, ImageKernels.laplacian(4), Boundary.PERIODIC);
        Tensor reflect = ImageFilter.apply(stripes, ImageKernels.laplacian(4), Boundary.REFLECT);
        boolean borderDiffers = false;
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 8; x++) {
                // the rows are equal, so only the horizontal second difference remains, everywhere
                int expected = stripe[(x + 3) % 4] + stripe[(x + 1) % 4] - 2 * stripe[x % 4];
                assertEquals(expected, periodic.get(0, y, x, 0), 1e-6, y + "," + x);
                borderDiffers |= Math.abs(reflect.get(0, y, x, 0) - expected) > 0.5;
            }
        }
        assertTrue(borderDiffers, "a mirrored border breaks the pattern at the edges");
    }

    @Test
    void filteringMatchesANaiveCorrelationForEveryBorder() {
        Tensor images = Tensor.uniform(Shape.of(2, 7, 6, 3), -1, 1, new Rng(21));
        // an asymmetric kernel, so that a flipped (convolution instead of correlation) kernel would show
        Tensor kernel = ImageKernels.gabor(1.2, 0.6, 3.5, 0.7, 0.3, 5);
        Tensor even = ImageKernels.of(new double[][] {{1, 2, 0, -1}, {0.5, -3, 1, 0}});
        // separable ones (u·vᵀ) run as a column and a row pass
        Tensor outer = ImageKernels.of(new double[][] {{0.5, -1, 3, 1}, {1, -2, 6, 2}, {-0.5, 1, -3, -1}});
        for (Boundary boundary : Boundary.values()) {
            for (Tensor k : new Tensor[] {kernel, even, outer, ImageKernels.gaussian(1.1, 6), ImageKernels.sobelY()}) {
                double[] expected = reference(images, k, boundary);
                Tensor actual = ImageFilter.apply(images, k, boundary);
                assertEquals(images.shape(), actual.shape());
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual.data()[i], 1e-4, boundary + " " + k.shape() + " element " + i);
                }
            }
        }
    }

    @Test
    void largeImagesAreFilteredInBandsOfRowsWithTheSameResult() {
        Tensor images = Tensor.uniform(Shape.of(2, 9, 6, 2), -1, 1, new Rng(23));
        Tensor kernel = ImageKernels.gabor(1.2, 0.6, 3.5, 0.7, 0.3, 5);
        for (Boundary boundary : Boundary.values()) {
            Tensor whole = ImageFilter.apply(images, kernel, boundary);
            // budgets of 1, 2 and 4 rows of patches (2·6·25 values per row); 4 leaves a last band of 1 row
            for (long rows : new long[] {1, 2, 4}) {
                Tensor banded = ImageFilter.apply(images, kernel, boundary, rows * 2 * 6 * 25);
                assertArrayEquals(whole.data(), banded.data(), 1e-6f, boundary + " in bands of " + rows + " rows");
            }
            GradCheck.check("ImageFilter in bands " + boundary,
                    x -> ImageFilter.apply(x[0], ImageKernels.gaussian(0.8, 3), boundary, 2 * 6 * 9), images);
        }
    }

    @Test
    void perChannelKernelsFilterEachChannelWithItsOwn() {
        Tensor images = Tensor.uniform(Shape.of(1, 5, 5, 2), 0, 1, new Rng(2));
        Tensor kernels = Tensor.concat(3, ImageKernels.sobelX(), ImageKernels.laplacian(8));
        Tensor both = ImageFilter.apply(images, kernels, Boundary.ZEROS);
        Tensor first = ImageFilter.apply(images.slice(3, 0, 1), ImageKernels.sobelX(), Boundary.ZEROS);
        Tensor second = ImageFilter.apply(images.slice(3, 1, 2), ImageKernels.laplacian(8), Boundary.ZEROS);
        assertArrayEquals(first.data(), both.slice(3, 0, 1).data(), 1e-6f);
        assertArrayEquals(second.data(), both.slice(3, 1, 2).data(), 1e-6f);
    }

    @Test
    void filteringIsDifferentiableInTheImage() {
        Tensor images = Tensor.uniform(Shape.of(1, 4, 5, 2), -1, 1, new Rng(6));
        for (Boundary boundary : Boundary.values()) {
            GradCheck.check("ImageFilter " + boundary,
                    x -> ImageFilter.apply(x[0], ImageKernels.gaussian(0.8, 3), boundary), images);
        }
    }

    @Test
    void aKernelBeingLearnedGetsItsGradient() {
        Tensor images = Tensor.uniform(Shape.of(1, 5, 4, 2), -1, 1, new Rng(7));
        // a separable starting kernel must still be used whole, so that its gradient arrives
        GradCheck.check("ImageFilter kernel", x -> ImageFilter.apply(x[0], x[1], Boundary.PERIODIC), images,
                ImageKernels.gaussian(0.9, 3));
    }

    @Test
    void wrongShapesAreNamed() {
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> ImageFilter.apply(Tensor.zeros(4, 4, 1), ImageKernels.sobelX()));
        assertTrue(rank.getMessage().contains("Received: shape [4, 4, 1]"), rank.getMessage());
        IllegalArgumentException kernel = assertThrows(IllegalArgumentException.class,
                () -> ImageFilter.apply(Tensor.zeros(1, 4, 4, 3), Tensor.zeros(3, 3, 1, 2)));
        assertTrue(kernel.getMessage().contains("[height, width, 1, 3] for 3-channel images. Received: kernel shape "
                + "[3, 3, 1, 2]"), kernel.getMessage());
    }
}
