package org.noether.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.noether.autograd.ops.MaxPool2D;
import org.noether.kernel.ConvOptions;
import org.noether.kernel.Padding;
import org.noether.nn.layers.ActivationLayer;
import org.noether.nn.layers.Conv2D;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Seed 002's "X" example: ±1 images of an X convolved (valid, stride 1, no bias) with three 3×3
 * ±1 filters — the "\" diagonal, the "x" crossing and the "/" diagonal — then ReLU and 2×2 max
 * pooling. Expected maps come from {@link #correlate}, a plain loop over integers written here.
 *
 * <p>Reconstructions:
 * <ul>
 * <li>5×5 X: as printed (+1 at (1,1), (2,2), (3,3), (1,3), (3,1)); its "\" map is the printed
 *     7 −3 3 / −3 5 −3 / 3 −3 7, the notes' worked sums being its first row.
 * <li>9×9 X: +1 on both diagonals inside the border. The dump's copies of the image garble rows 6
 *     and 7 (e.g. "−1 1 −1 −1 −1 −1 1 1 −1", an artefact of the slide's highlighting); the maps it
 *     prints are exactly those of the symmetric X, and of no image with those rows.
 * <li>The 7×7 maps are normalised: the sum divided by the 9 pixels of the filter, so a perfect
 *     match is 1.00. The printed values are k/9 <em>truncated</em> to two decimals, not rounded:
 *     7/9 is printed 0.77 and 5/9 is printed 0.55 (rounding would give 0.78 and 0.56). Within
 *     0.01 every printed value is what the layer computes.
 * <li>ReLU: the slide's input table reads 7 −3 3 / −5 5 −3 / −6 −1 7, but its output
 *     7 0 3 / 0 5 0 / 3 0 7 is the ReLU of the 5×5 map above (ReLU(−6) is not 3); the stray
 *     −5, −6, −1 belong to no map of the example, so the ReLU input is the map.
 * <li>Max pooling: the dump keeps the slide titles ("2x2 Max Poll") but none of the pooled
 *     numbers. A 2×2 pool with stride 2 over a 7×7 map gives 3×3 with Keras's default "valid"
 *     (the last row and column are dropped) or 4×4 with "same" (the edge windows hold one or two
 *     values); both are asserted.
 * </ul>
 */
class XImageFeatureMapTest {
    private static final double[][] DIAGONAL = {{1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}};
    private static final double[][] CROSSING = {{1, -1, 1}, {-1, 1, -1}, {1, -1, 1}};
    private static final double[][] ANTIDIAGONAL = {{-1, -1, 1}, {-1, 1, -1}, {1, -1, -1}};

    private static final double[][] X5 = image(
            ".....",
            ".X.X.",
            "..X..",
            ".X.X.",
            ".....");

    private static final double[][] X9 = image(
            ".........",
            ".X.....X.",
            "..X...X..",
            "...X.X...",
            "....X....",
            "...X.X...",
            "..X...X..",
            ".X.....X.",
            ".........");

    /** The three normalised 7×7 feature maps of the 9×9 X as the notes print them. */
    private static final double[][][] PRINTED = {
        {
            {0.77, -0.11, 0.11, 0.33, 0.55, -0.11, 0.33},
            {-0.11, 1.00, -0.11, 0.33, -0.11, 0.11, -0.11},
            {0.11, -0.11, 1.00, -0.33, 0.11, -0.11, 0.55},
            {0.33, 0.33, -0.33, 0.55, -0.33, 0.33, 0.33},
            {0.55, -0.11, 0.11, -0.33, 1.00, -0.11, 0.11},
            {-0.11, 0.11, -0.11, 0.33, -0.11, 1.00, -0.11},
            {0.33, -0.11, 0.55, 0.33, 0.11, -0.11, 0.77}},
        {
            {0.33, -0.55, 0.11, -0.11, 0.11, -0.55, 0.33},
            {-0.55, 0.55, -0.55, 0.33, -0.55, 0.55, -0.55},
            {0.11, -0.55, 0.55, -0.77, 0.55, -0.55, 0.11},
            {-0.11, 0.33, -0.77, 1.00, -0.77, 0.33, -0.11},
            {0.11, -0.55, 0.55, -0.77, 0.55, -0.55, 0.11},
            {-0.55, 0.55, -0.55, 0.33, -0.55, 0.55, -0.55},
            {0.33, -0.55, 0.11, -0.11, 0.11, -0.55, 0.33}},
        {
            {0.33, -0.11, 0.55, 0.33, 0.11, -0.11, 0.77},
            {-0.11, 0.11, -0.11, 0.33, -0.11, 1.00, -0.11},
            {0.55, -0.11, 0.11, -0.33, 1.00, -0.11, 0.11},
            {0.33, 0.33, -0.33, 0.55, -0.33, 0.33, 0.33},
            {0.11, -0.11, 1.00, -0.33, 0.11, -0.11, 0.55},
            {-0.11, 1.00, -0.11, 0.33, -0.11, 0.11, -0.11},
            {0.77, -0.11, 0.11, 0.33, 0.55, -0.11, 0.33}}};

    /** Rows of "X" (+1) and "." (−1). */
    private static double[][] image(String... rows) {
        double[][] pixels = new double[rows.length][];
        for (int y = 0; y < rows.length; y++) {
            pixels[y] = rows[y].chars().mapToDouble(c -> c == 'X' ? 1 : -1).toArray();
        }
        return pixels;
    }

    /** Valid cross-correlation, stride 1: out[y][x] = Σ_{m,n} image[y+m][x+n]·filter[m][n]. */
    private static int[][] correlate(double[][] image, double[][] filter) {
        int size = image.length - filter.length + 1;
        int[][] out = new int[size][size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int m = 0; m < filter.length; m++) {
                    for (int n = 0; n < filter.length; n++) {
                        out[y][x] += (int) (image[y + m][x + n] * filter[m][n]);
                    }
                }
            }
        }
        return out;
    }

    private static void assertMap(double[][] expected, double[][] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int y = 0; y < expected.length; y++) {
            for (int x = 0; x < expected[y].length; x++) {
                assertEquals(expected[y][x], actual[y][x], tolerance, what + " at (" + y + ", " + x + ")");
            }
        }
    }

    private static double[][] scaled(int[][] sums, double scale) {
        double[][] out = new double[sums.length][sums[0].length];
        for (int y = 0; y < sums.length; y++) {
            for (int x = 0; x < sums[y].length; x++) {
                out[y][x] = sums[y][x] * scale;
            }
        }
        return out;
    }

    private static Conv2D threeFilters(int size, double scale, String activation) {
        return HandSetLayers.withWeights(new Conv2D(3, 3, activation), Shape.of(size, size, 1),
                HandSetLayers.kernel(scale, DIAGONAL, CROSSING, ANTIDIAGONAL), 0, 0, 0);
    }

    @Test
    void fiveByFiveXGivesThePrintedMap() {
        double[][] printed = {{7, -3, 3}, {-3, 5, -3}, {3, -3, 7}};
        assertMap(printed, scaled(correlate(X5, DIAGONAL), 1), 0, "the loop against the notes");
        Tensor maps = threeFilters(5, 1, "linear").apply(HandSetLayers.image(X5), false);
        assertEquals(Shape.of(1, 3, 3, 3), maps.shape());
        assertMap(printed, HandSetLayers.channel(maps, 0), 0, "\\ map");
        assertMap(scaled(correlate(X5, CROSSING), 1), HandSetLayers.channel(maps, 1), 0, "x map");
        assertMap(scaled(correlate(X5, ANTIDIAGONAL), 1), HandSetLayers.channel(maps, 2), 0, "/ map");
    }

    @Test
    void reluOfTheFiveByFiveMap() {
        Tensor rectified = threeFilters(5, 1, "relu").apply(HandSetLayers.image(X5), false);
        assertMap(new double[][] {{7, 0, 3}, {0, 5, 0}, {3, 0, 7}}, HandSetLayers.channel(rectified, 0), 0, "ReLU");
    }

    @Test
    void normalisedNineByNineMapsAreThePrintedOnes() {
        double[][][] filters = {DIAGONAL, CROSSING, ANTIDIAGONAL};
        Tensor maps = threeFilters(9, 1.0 / 9, "linear").apply(HandSetLayers.image(X9), false);
        assertEquals(Shape.of(1, 7, 7, 3), maps.shape());
        for (int k = 0; k < 3; k++) {
            int[][] sums = correlate(X9, filters[k]);
            double[][] actual = HandSetLayers.channel(maps, k);
            assertMap(scaled(sums, 1.0 / 9), actual, 1e-6, "filter " + k);
            assertMap(PRINTED[k], actual, 0.01, "filter " + k + " against the notes");
            double[][] truncated = new double[7][7];
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < 7; x++) {
                    truncated[y][x] = (sums[y][x] * 100 / 9) / 100.0; // int division truncates toward zero
                }
            }
            assertMap(PRINTED[k], truncated, 1e-12, "filter " + k + " truncated to 2 decimals");
        }
    }

    @Test
    void reluOfTheNineByNineMaps() {
        Tensor maps = threeFilters(9, 1.0 / 9, "linear").apply(HandSetLayers.image(X9), false);
        ActivationLayer relu = new ActivationLayer("relu");
        relu.build(Shape.of(7, 7, 3), new Rng(0));
        Tensor rectified = relu.apply(maps, false);
        double[][][] filters = {DIAGONAL, CROSSING, ANTIDIAGONAL};
        for (int k = 0; k < 3; k++) {
            int[][] sums = correlate(X9, filters[k]);
            for (int[] row : sums) {
                for (int x = 0; x < row.length; x++) {
                    row[x] = Math.max(0, row[x]);
                }
            }
            assertMap(scaled(sums, 1.0 / 9), HandSetLayers.channel(rectified, k), 1e-6, "ReLU of filter " + k);
        }
    }

    /** Max over the window's positions inside the map (a "same" edge window holds fewer). */
    private static int[][] maxPool(int[][] map, int outputs) {
        int[][] out = new int[outputs][outputs];
        for (int oy = 0; oy < outputs; oy++) {
            for (int ox = 0; ox < outputs; ox++) {
                out[oy][ox] = Integer.MIN_VALUE;
                for (int y = 2 * oy; y < Math.min(2 * oy + 2, map.length); y++) {
                    for (int x = 2 * ox; x < Math.min(2 * ox + 2, map.length); x++) {
                        out[oy][ox] = Math.max(out[oy][ox], map[y][x]);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void twoByTwoMaxPoolingOfTheMaps() {
        Tensor maps = threeFilters(9, 1.0 / 9, "linear").apply(HandSetLayers.image(X9), false);
        ConvOptions pool = ConvOptions.defaults().strides(2, 2).owner("MaxPooling2D");
        Tensor valid = MaxPool2D.apply(maps, pool.pooling(new int[] {1, 7, 7, 3}, 2, 2));
        Tensor same = MaxPool2D.apply(maps, pool.padding(Padding.same()).pooling(new int[] {1, 7, 7, 3}, 2, 2));
        assertEquals(Shape.of(1, 3, 3, 3), valid.shape());
        assertEquals(Shape.of(1, 4, 4, 3), same.shape());
        double[][][] filters = {DIAGONAL, CROSSING, ANTIDIAGONAL};
        for (int k = 0; k < 3; k++) {
            int[][] sums = correlate(X9, filters[k]);
            assertMap(scaled(maxPool(sums, 3), 1.0 / 9), HandSetLayers.channel(valid, k), 1e-6, "valid pool " + k);
            assertMap(scaled(maxPool(sums, 4), 1.0 / 9), HandSetLayers.channel(same, k), 1e-6, "same pool " + k);
        }
        // By hand from the "\" map: the diagonal of the X survives as 1.00 (9/9) in every pooled window on it.
        int[][] ninths = {{9, 3, 5, 3}, {3, 9, 3, 5}, {5, 3, 9, 1}, {3, 5, 1, 7}};
        assertMap(scaled(ninths, 1.0 / 9), HandSetLayers.channel(same, 0), 1e-6, "same pool of the \\ map");
    }
}
