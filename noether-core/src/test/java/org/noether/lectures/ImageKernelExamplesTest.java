package org.noether.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.noether.autograd.ops.AvgPool2D;
import org.noether.autograd.ops.MaxPool2D;
import org.noether.kernel.Boundary;
import org.noether.kernel.ConvOptions;
import org.noether.nn.layers.Conv2D;
import org.noether.tensor.Expect;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Seed 000's small convolutions, values worked by hand:
 * <ul>
 * <li>the 4×4 image numbered 1…16 with a 2×2 patch, {@code d₁ = Σᵢ aᵢ·fᵢ} over the patch's four
 *     pixels, and the pooling square {@code □ = max(a₁…a₄)} or {@code (a₁+a₂+a₃+a₄)/4};
 * <li>{@code L₁ = (L − L_patch + 2N_z)/Δ + 1 = (7 − 3 + 2·0)/1 + 1 = 5}: a 7×7 input and a 3×3
 *     kernel give 5×5 (the notes give the sizes only; the values here use an input whose window
 *     sums are known in closed form);
 * <li>with periodic boundary conditions {@code L₁ = L/Δ}, and the output of a shifted input is
 *     the shifted output ("no dependence on x and y");
 * <li>the "top sobel" kernel (1 2 1 / 0 0 0 / −1 −2 −1) of the image-kernels demo it shows. Its
 *     worked pixel has rows 97 96 104 and 97 88 73 above a row printed "? ? ?", so only the
 *     formula 97 + 2·96 + 104 − (a + 2b + c) = 393 − (a + 2b + c) can be checked; a horizontal
 *     edge of known height stands in for the face.
 * </ul>
 */
class ImageKernelExamplesTest {
    private static final double[][] TOP_SOBEL = {{1, 2, 1}, {0, 0, 0}, {-1, -2, -1}};

    /** The notes' grid: pixel (y, x) holds {@code width·y + x + 1}. */
    private static double[][] numbered(int height, int width) {
        double[][] rows = new double[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rows[y][x] = width * y + x + 1;
            }
        }
        return rows;
    }

    /**
     * Patch (1, 2 / 5, 6) with f = (1, 2 / 3, 4): d₁ = 1·1 + 2·2 + 5·3 + 6·4 = 44. A patch whose top
     * left pixel is v holds v, v+1, v+4, v+5, so d = v + 2(v+1) + 3(v+4) + 4(v+5) = 10v + 34.
     */
    @Test
    void twoByTwoPatchOnTheNumberedGrid() {
        Conv2D patch = HandSetLayers.withWeights(new Conv2D(1, 2), Shape.of(4, 4, 1),
                HandSetLayers.kernel(new double[][] {{1, 2}, {3, 4}}), 0);
        Tensor d = patch.apply(HandSetLayers.image(numbered(4, 4)), false);
        Expect.values(d, new int[] {1, 3, 3, 1}, 44, 54, 64, 84, 94, 104, 124, 134, 144);
    }

    /** 2×2 windows of 1…16: maxima are the bottom-right pixels, means the centres (v + 2.5). */
    @Test
    void poolingSquareIsMaxOrMean() {
        Tensor grid = HandSetLayers.image(numbered(4, 4));
        ConvOptions options = ConvOptions.defaults().strides(2, 2);
        int[] shape = {1, 4, 4, 1};
        Expect.values(MaxPool2D.apply(grid, options.pooling(shape, 2, 2)), new int[] {1, 2, 2, 1}, 6, 8, 14, 16);
        Expect.values(AvgPool2D.apply(grid, options.pooling(shape, 2, 2)), new int[] {1, 2, 2, 1},
                3.5f, 5.5f, 11.5f, 13.5f);
    }

    /**
     * 7×7 → 5×5. With all-ones weights each output is the sum of a 3×3 window of the numbered grid,
     * which is 9 times its centre pixel: out(y, x) = 9·(7(y+1) + (x+1) + 1).
     */
    @Test
    void sevenBySevenWithThreeByThreeGivesFiveByFive() {
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        Conv2D conv = HandSetLayers.withWeights(new Conv2D(1, 3), Shape.of(7, 7, 1), ones, 0);
        assertEquals(Shape.of(5, 5, 1), conv.outputShape(Shape.of(7, 7, 1)));
        float[] out = conv.apply(HandSetLayers.image(numbered(7, 7)), false).data();
        assertEquals(25, out.length);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                assertEquals(9 * (7 * (y + 1) + (x + 1) + 1), out[y * 5 + x], 0, "(" + y + ", " + x + ")");
            }
        }
    }

    /** Periodic borders: "same" keeps L/Δ outputs for any kernel, 8/2 = 4 and 9/3 = 3. */
    @Test
    void periodicBoundaryGivesLOverDelta() {
        Conv2D halving = new Conv2D(1, 3).padding("same").boundary(Boundary.PERIODIC).strides(2);
        assertEquals(Shape.of(4, 4, 1), halving.outputShape(Shape.of(8, 8, 1)));
        Conv2D thirds = new Conv2D(1, 5).padding("same").boundary(Boundary.PERIODIC).strides(3);
        assertEquals(Shape.of(3, 3, 1), thirds.outputShape(Shape.of(9, 9, 1)));
    }

    /** On a torus the layer commutes with translations: conv(shift(x)) = shift(conv(x)). */
    @Test
    void periodicConvolutionIsTranslationEquivariant() {
        Conv2D conv = HandSetLayers.withWeights(new Conv2D(1, 3).padding("same").boundary(Boundary.PERIODIC),
                Shape.of(5, 6, 1), HandSetLayers.kernel(TOP_SOBEL), 0.5f);
        double[][] image = numbered(5, 6);
        image[2][3] = -40; // break the grid's own regularity
        double[][] shifted = new double[5][6];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                shifted[(y + 2) % 5][(x + 1) % 6] = image[y][x];
            }
        }
        float[] out = conv.apply(HandSetLayers.image(image), false).data();
        float[] outShifted = conv.apply(HandSetLayers.image(shifted), false).data();
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                int moved = ((y + 2) % 5) * 6 + (x + 1) % 6;
                assertEquals(out[y * 6 + x], outShifted[moved], 1e-4, "(" + y + ", " + x + ")");
            }
        }
    }

    private static Conv2D sobel(int height, int width) {
        return HandSetLayers.withWeights(new Conv2D(1, 3), Shape.of(height, width, 1),
                HandSetLayers.kernel(TOP_SOBEL), 0);
    }

    /** The demo's pixel: 393 minus the weighted hidden row, for two guesses of that row. */
    @Test
    void sobelOnTheDemoPixel() {
        for (double[] hidden : new double[][] {{0, 0, 0}, {90, 80, 70}}) {
            double[][] patch = {{97, 96, 104}, {97, 88, 73}, hidden};
            float value = sobel(3, 3).apply(HandSetLayers.image(patch), false).item();
            assertEquals(393 - (hidden[0] + 2 * hidden[1] + hidden[2]), value, 0);
        }
    }

    /**
     * Rows 0–2 bright (10), rows 3–5 dark (0). A window straddling the edge sees (1+2+1)·10 above
     * and 0 below: 40; windows wholly on one side give 0. A vertical edge gives 0 everywhere.
     */
    @Test
    void sobelFindsTheHorizontalEdgeOnly() {
        double[][] horizontal = new double[6][5];
        double[][] vertical = new double[5][6];
        for (int y = 0; y < 3; y++) {
            Arrays.fill(horizontal[y], 10);
        }
        for (double[] row : vertical) {
            Arrays.fill(row, 0, 3, 10);
        }
        Expect.values(sobel(6, 5).apply(HandSetLayers.image(horizontal), false), new int[] {1, 4, 3, 1},
                0, 0, 0, 40, 40, 40, 40, 40, 40, 0, 0, 0);
        Expect.values(sobel(5, 6).apply(HandSetLayers.image(vertical), false), new int[] {1, 3, 4, 1},
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
