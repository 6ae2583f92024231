package org.noether.lectures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.noether.autograd.ops.AvgPool2D;
import org.noether.autograd.ops.MaxPool2D;
import org.noether.kernel.ConvOptions;
import org.noether.kernel.Padding;
import org.noether.nn.initializers.Constant;
import org.noether.nn.layers.Conv1D;
import org.noether.nn.layers.Conv2D;
import org.noether.tensor.Expect;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Seed 001's arithmetic of convolution layers: "for an input of width W the number of neurons in
 * the layer is 1 + (W − F + 2P)/S", checked on every size the notes use (an error when it is not
 * an integer, naming W, F, P and S; pooling rounds down, so a 2×2 pool halves); and the receptive
 * field — the "local spatial filter" of F×F neurons — growing as convolutions and pooling are
 * stacked.
 *
 * <p>The notes give no receptive-field table; the numbers checked are those their networks imply,
 * from the rule {@code r_l = r_{l−1} + (F_l − 1)·J_{l−1}}, {@code J_l = J_{l−1}·S_l} (J: the
 * distance in input pixels between neighbouring neurons of layer l): one filter of width 3 sees 3
 * inputs (seed 001's 1-D example); a 3×3 convolution then a 2×2 max pool sees 4×4 (seed 002); the
 * 5×5 convolution then the 4×4 average pool of {@code init_net_conv_simple} sees 8×8 (seed 004);
 * the Keras tutorial's conv 3, pool 2, conv 3, pool 2 sees 3, 4, 8, 10. The helper
 * {@link #inputInterval} walks the same rule backwards, and the layers are checked against it by
 * perturbing each input pixel and seeing which outputs move.
 */
class ConvolutionArithmeticTest {

    /** One layer of a stack along one axis: window F, stride S, padding before the input. */
    record Stage(int window, int stride, int padBefore) {
    }

    /** Receptive field after each stage, from the rule in the class comment. */
    static int[] receptiveFields(Stage... stages) {
        int[] fields = new int[stages.length];
        int field = 1;
        int jump = 1;
        for (int l = 0; l < stages.length; l++) {
            field += (stages[l].window() - 1) * jump;
            jump *= stages[l].stride();
            fields[l] = field;
        }
        return fields;
    }

    /** The input positions [first, last] that output {@code index} of the last stage sees, clipped to the input. */
    static int[] inputInterval(int index, int inputSize, Stage... stages) {
        int first = index;
        int last = index;
        for (int l = stages.length - 1; l >= 0; l--) {
            first = first * stages[l].stride() - stages[l].padBefore();
            last = last * stages[l].stride() - stages[l].padBefore() + stages[l].window() - 1;
        }
        return new int[] {Math.max(first, 0), Math.min(last, inputSize - 1)};
    }

    @Test
    void receptiveFieldsOfTheNotesNetworks() {
        Stage conv3 = new Stage(3, 1, 0);
        Stage maxPool2 = new Stage(2, 2, 0);
        assertArrayEquals(new int[] {3}, receptiveFields(conv3));
        assertArrayEquals(new int[] {3, 4}, receptiveFields(conv3, maxPool2));
        assertArrayEquals(new int[] {5, 8}, receptiveFields(new Stage(5, 1, 2), new Stage(4, 4, 0)));
        assertArrayEquals(new int[] {3, 4, 8, 10}, receptiveFields(conv3, maxPool2, conv3, maxPool2));
    }

    /**
     * Runs {@code network} on a constant image and on copies with one pixel raised by 100, and
     * returns which pixels moved output (1, 1): with positive weights, exactly its receptive field.
     */
    private static boolean[][] pixelsSeenBy(int size, UnaryOperator<Tensor> network) {
        int pixels = size * size;
        float[] batch = new float[(pixels + 1) * pixels];
        Arrays.fill(batch, 1f);
        for (int p = 0; p < pixels; p++) {
            batch[(p + 1) * pixels + p] += 100f;
        }
        Tensor out = network.apply(Tensor.of(batch, pixels + 1, size, size, 1));
        boolean[][] seen = new boolean[size][size];
        for (int p = 0; p < pixels; p++) {
            seen[p / size][p % size] = out.get(p + 1, 1, 1, 0) != out.get(0, 1, 1, 0);
        }
        return seen;
    }

    private static void assertSquare(int[] interval, boolean[][] seen) {
        for (int y = 0; y < seen.length; y++) {
            for (int x = 0; x < seen.length; x++) {
                boolean inside = y >= interval[0] && y <= interval[1] && x >= interval[0] && x <= interval[1];
                assertEquals(inside, seen[y][x], "pixel (" + y + ", " + x + ")");
            }
        }
    }

    private static Conv2D ones(Conv2D layer, int size) {
        layer.kernelInitializer(new Constant(1)).build(Shape.of(size, size, 1), new Rng(0));
        return layer;
    }

    private static Tensor pool(Tensor x, int size, boolean max) {
        var geometry = ConvOptions.defaults().strides(size, size).pooling(x.shape().dims(), size, size);
        return max ? MaxPool2D.apply(x, geometry) : AvgPool2D.apply(x, geometry);
    }

    /** Keras tutorial stack on 20×20: output (1, 1) sees rows and columns 4…13, a 10×10 square. */
    @Test
    void convolutionsAndMaxPoolingGrowTheField() {
        Conv2D first = ones(new Conv2D(1, 3), 20);
        Conv2D second = ones(new Conv2D(1, 3), 9);
        boolean[][] seen = pixelsSeenBy(20,
                x -> pool(second.apply(pool(first.apply(x, false), 2, true), false), 2, true));
        Stage conv3 = new Stage(3, 1, 0);
        Stage pool2 = new Stage(2, 2, 0);
        int[] interval = inputInterval(1, 20, conv3, pool2, conv3, pool2);
        assertArrayEquals(new int[] {4, 13}, interval);
        assertSquare(interval, seen);
    }

    /** init_net_conv_simple on 12×12: "same" shifts the window by 2; output (1, 1) sees 2…9, 8×8. */
    @Test
    void samePaddingAndAveragePoolingGrowTheField() {
        Conv2D conv = ones(new Conv2D(1, 5).padding("same"), 12);
        boolean[][] seen = pixelsSeenBy(12, x -> pool(conv.apply(x, false), 4, false));
        int[] interval = inputInterval(1, 12, new Stage(5, 1, 2), new Stage(4, 4, 0));
        assertArrayEquals(new int[] {2, 9}, interval);
        assertSquare(interval, seen);
    }

    /** {W, F, P, S, outputs} for every convolution the notes size, worked by hand. */
    private static final int[][] CONVOLUTIONS = {
        {5, 3, 1, 1, 5},    // seed 001, the 1-D example
        {7, 3, 0, 1, 5},    // seed 000, (7 − 3 + 2·0)/1 + 1
        {6, 3, 0, 1, 4},    // seed 001, 6×6×3 → 4×4×2
        {5, 3, 0, 1, 3},    // seed 002, 5×5 X
        {9, 3, 0, 1, 7},    // seed 002, 9×9 X
        {28, 3, 0, 1, 26},  // Keras tutorial, first convolution
        {13, 3, 0, 1, 11},  // Keras tutorial, second convolution
        {28, 5, 2, 1, 28},  // seed 004, 5×5 "same"
        {28, 11, 5, 1, 28}, // seed 004, 11×11 "same"
        {5, 3, 1, 2, 3},    // stride 2: (5 − 3 + 2)/2 + 1
        {7, 3, 0, 2, 3},
    };

    @Test
    void outputSizeRule() {
        for (int[] row : CONVOLUTIONS) {
            String what = "W=" + row[0] + " F=" + row[1] + " P=" + row[2] + " S=" + row[3];
            Conv1D line = new Conv1D(1, row[1]).padding(Padding.explicit(row[2])).strides(row[3]);
            assertEquals(Shape.of(row[4], 1), line.outputShape(Shape.of(row[0], 1)), what);
            Conv2D plane = new Conv2D(2, row[1]).padding(Padding.explicit(row[2])).strides(row[3]);
            assertEquals(Shape.of(row[4], row[4], 2), plane.outputShape(Shape.of(row[0], row[0], 3)), what);
        }
    }

    /** {W, pool, outputs}: stride = pool size, sizes rounded down. */
    @Test
    void poolingRoundsDown() {
        int[][] pools = {{26, 2, 13}, {11, 2, 5}, {7, 2, 3}, {28, 4, 7}, {28, 2, 14}};
        for (int[] row : pools) {
            var geometry = ConvOptions.defaults().strides(row[1], row[1]).pooling(new int[] {1, row[0], row[0], 1},
                    row[1], row[1]);
            assertEquals(row[2], geometry.outputHeight(), "W=" + row[0] + " pool " + row[1]);
            assertEquals(row[2], geometry.outputWidth(), "W=" + row[0] + " pool " + row[1]);
        }
    }

    @Test
    void nonIntegerSizeIsAnErrorNamingTheHyperparameters() {
        Expect.thrown(IllegalArgumentException.class,
                () -> new Conv1D(1, 3).strides(2).outputShape(Shape.of(6, 1)),
                "Conv1D", "2.5", "W=6", "F=3", "2P=0", "S=2");
        Expect.thrown(IllegalArgumentException.class,
                () -> new Conv2D(1, 3).padding(Padding.explicit(1)).strides(2).outputShape(Shape.of(6, 6, 1)),
                "Conv2D", "3.5", "W=6", "F=3", "2P=2", "S=2");
        // Seed 000's L = 8, L_patch = 3, Δ = 2 without padding: (8 − 3)/2 + 1 is not an integer.
        Expect.thrown(IllegalArgumentException.class,
                () -> new Conv2D(1, 3).strides(2).outputShape(Shape.of(8, 8, 1)), "W=8", "F=3", "S=2");
        Expect.thrown(IllegalArgumentException.class,
                () -> new Conv2D(1, 5).outputShape(Shape.of(3, 3, 1)), "F=5", "W=3");
    }
}
