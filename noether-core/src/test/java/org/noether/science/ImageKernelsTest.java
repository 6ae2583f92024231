package org.noether.science;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/** The fixed kernels entry by entry, as worked out by hand, and their sums and symmetries. */
class ImageKernelsTest {

    private static double sum(Tensor kernel) {
        double total = 0;
        for (float value : kernel.data()) {
            total += value;
        }
        return total;
    }

    private static float entry(Tensor kernel, int row, int column) {
        return kernel.get(row, column, 0, 0);
    }

    @Test
    void sobelKernelsAreTheNotesOnesAndSumToZero() {
        Tensor x = ImageKernels.sobelX();
        Tensor y = ImageKernels.sobelY();
        assertEquals(Shape.of(3, 3, 1, 1), x.shape());
        assertArrayEquals(new float[] {-1, 0, 1, -2, 0, 2, -1, 0, 1}, x.data());
        assertArrayEquals(new float[] {1, 2, 1, 0, 0, 0, -1, -2, -1}, y.data(), "the notes' 'top sobel'");
        assertEquals(0, sum(x));
        assertEquals(0, sum(y));
    }

    @Test
    void laplaciansHaveFourOrEightNeighboursAndSumToZero() {
        assertArrayEquals(new float[] {0, 1, 0, 1, -4, 1, 0, 1, 0}, ImageKernels.laplacian(4).data());
        assertArrayEquals(new float[] {1, 1, 1, 1, -8, 1, 1, 1, 1}, ImageKernels.laplacian(8).data());
        assertEquals(0, sum(ImageKernels.laplacian(4)));
        assertEquals(0, sum(ImageKernels.laplacian(8)));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ImageKernels.laplacian(6));
        assertTrue(error.getMessage().contains("Received: neighbours=6"), error.getMessage());
    }

    @Test
    void blursSumToOne() {
        Tensor box = ImageKernels.boxBlur(5);
        assertEquals(Shape.of(5, 5, 1, 1), box.shape());
        for (float value : box.data()) {
            assertEquals(1 / 25f, value);
        }
        assertEquals(1, sum(box), 1e-6);

        double sigma = 1.3;
        Tensor gauss = ImageKernels.gaussian(sigma);
        assertEquals(Shape.of(9, 9, 1, 1), gauss.shape(), "2⌈3σ⌉ + 1 = 9 taps");
        assertEquals(1, sum(gauss), 1e-6);
        // ratio of the centre to its neighbour one pixel away: e^{1/(2σ²)}; to the diagonal: e^{2/(2σ²)}
        assertEquals(Math.exp(1 / (2 * sigma * sigma)), entry(gauss, 4, 4) / entry(gauss, 4, 5), 1e-5);
        assertEquals(Math.exp(2 / (2 * sigma * sigma)), entry(gauss, 4, 4) / entry(gauss, 3, 3), 1e-5);
        for (int row = 0; row < 9; row++) {
            for (int column = 0; column < 9; column++) {
                assertEquals(entry(gauss, row, column), entry(gauss, column, row), "symmetric in x and y");
                assertEquals(entry(gauss, row, column), entry(gauss, 8 - row, column), "symmetric up and down");
            }
        }
        assertEquals(Shape.of(4, 4, 1, 1), ImageKernels.gaussian(1, 4).shape());
        assertEquals(1, sum(ImageKernels.gaussian(1, 4)), 1e-6);
    }

    @Test
    void gaborIsAGaussianTimesACosineAlongTheOrientation() {
        double sigma = 2;
        double lambda = 5;
        double gamma = 0.5;
        Tensor kernel = ImageKernels.gabor(sigma, 0, lambda, gamma, 0, 7);
        // entry (row 1, column 5) sits at x = 2 (right), y = 2 (up) from the centre (3, 3)
        double expected = Math.exp(-(4 + gamma * gamma * 4) / (2 * sigma * sigma)) * Math.cos(2 * Math.PI * 2 / lambda);
        assertEquals(expected, entry(kernel, 1, 5), 1e-6);
        assertEquals(1, entry(kernel, 3, 3), 1e-6, "the centre: envelope 1, cos 0 = 1");
    }

    @Test
    void gaborWithZeroPhaseIsPointSymmetricAndWithQuarterPhaseAntisymmetric() {
        Tensor even = ImageKernels.gabor(1.5, 0.7, 4, 0.6, 0, 9);
        Tensor odd = ImageKernels.gabor(1.5, 0.7, 4, 0.6, -Math.PI / 2, 9);
        for (int row = 0; row < 9; row++) {
            for (int column = 0; column < 9; column++) {
                assertEquals(entry(even, row, column), entry(even, 8 - row, 8 - column), 1e-6);
                assertEquals(-entry(odd, row, column), entry(odd, 8 - row, 8 - column), 1e-6);
            }
        }
        assertTrue(Math.abs(entry(odd, 4, 5)) > 0.1, "the odd kernel is not trivially zero");
    }

    @Test
    void gaborTurnedAQuarterIsTheKernelRotatedCounterClockwise() {
        Tensor upright = ImageKernels.gabor(1.5, 0, 4, 0.5, 0.3, 7);
        Tensor turned = ImageKernels.gabor(1.5, Math.PI / 2, 4, 0.5, 0.3, 7);
        for (int row = 0; row < 7; row++) {
            for (int column = 0; column < 7; column++) {
                // a point (x, y) turned by 90° counter-clockwise goes to (−y, x): entry (r, c) -> (6 − c, r)
                assertEquals(entry(upright, row, column), entry(turned, 6 - column, row), 1e-6);
            }
        }
    }

    @Test
    void depthwiseRepeatsTheKernelForEveryChannel() {
        Tensor kernel = ImageKernels.depthwise(ImageKernels.sobelX(), 3);
        assertEquals(Shape.of(3, 3, 1, 3), kernel.shape());
        for (int row = 0; row < 3; row++) {
            for (int column = 0; column < 3; column++) {
                for (int channel = 0; channel < 3; channel++) {
                    assertEquals(ImageKernels.sobelX().get(row, column, 0, 0), kernel.get(row, column, 0, channel));
                }
            }
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ImageKernels.depthwise(kernel, 2));
        assertTrue(error.getMessage().contains("Received: shape [3, 3, 1, 3]"), error.getMessage());
    }

    @Test
    void badParametersAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageKernels.boxBlur(0)).getMessage()
                .contains("boxBlur size must be a positive number of pixels. Received: size=0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageKernels.gaussian(-1)).getMessage()
                .contains("Received: sigma=-1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageKernels.gabor(1, 0, 0, 1, 0, 5))
                .getMessage().contains("Received: lambda=0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ImageKernels.of(new double[][] {{1, 2}, {3}})).getMessage().contains("row 1 has 1 entries"));
    }
}
