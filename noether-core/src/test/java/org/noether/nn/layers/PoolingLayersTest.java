package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.kernel.Boundary;
import org.noether.kernel.Padding;
import org.noether.models.Sequential;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.LayerGradCheck;

/**
 * Window and global pooling layers: Keras's shape rule and defaults, values against a loop over the
 * windows written here (TensorFlow's "same" split), the 1-D layers as their own definition,
 * gradients, configs (global pooling's too), files, summaries and errors.
 */
class PoolingLayersTest {
    @TempDir
    Path directory;

    static <L extends Layer> L built(L layer, int... inputShape) {
        layer.build(Shape.of(inputShape), new Rng(1));
        return layer;
    }

    /** Distinct values (a shuffled ramp), so that no window has a tie and finite differences keep each winner. */
    static Tensor distinct(long seed, int... shape) {
        int size = Shape.of(shape).size();
        int[] order = new Rng(seed).permutation(size);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = order[i] * 0.07f - 1;
        }
        return Tensor.of(values, shape);
    }

    /** Keras's {@code compute_pooling_output_shape} for one axis. */
    private static int kerasPooledLength(int length, int pool, int stride, String padding) {
        return padding.equals("valid") ? Math.floorDiv(length - pool, stride) + 1 : Math.floorDiv(length - 1, stride) + 1;
    }

    /**
     * Pooling by definition over {@code [n, h, w, c]} in double: window (oy·S + m − top, ox·S + n − left),
     * positions outside the input skipped, TensorFlow's "same" padding (odd one at the end).
     */
    private static double[] reference(Tensor x, int poolHeight, int poolWidth, int strideHeight, int strideWidth,
                                      boolean same, boolean max) {
        int n = x.dim(0);
        int h = x.dim(1);
        int w = x.dim(2);
        int c = x.dim(3);
        int oh = kerasPooledLength(h, poolHeight, strideHeight, same ? "same" : "valid");
        int ow = kerasPooledLength(w, poolWidth, strideWidth, same ? "same" : "valid");
        int top = same ? Math.max((oh - 1) * strideHeight + poolHeight - h, 0) / 2 : 0;
        int left = same ? Math.max((ow - 1) * strideWidth + poolWidth - w, 0) / 2 : 0;
        double[] out = new double[n * oh * ow * c];
        int index = 0;
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int k = 0; k < c; k++) {
                        double best = Double.NEGATIVE_INFINITY;
                        double sum = 0;
                        int count = 0;
                        for (int m = 0; m < poolHeight; m++) {
                            for (int q = 0; q < poolWidth; q++) {
                                int iy = oy * strideHeight + m - top;
                                int ix = ox * strideWidth + q - left;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    double value = x.get(b, iy, ix, k);
                                    best = Math.max(best, value);
                                    sum += value;
                                    count++;
                                }
                            }
                        }
                        out[index++] = max ? best : sum / count;
                    }
                }
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, Tensor actual, String what) {
        assertEquals(expected.length, actual.size(), what + ": number of outputs");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.data()[i], 1e-6 * (1 + Math.abs(expected[i])), what + " output " + i);
        }
    }

    @Test
    void shapeRuleTable() {
        Object[][] table = {
                {(Supplier<Layer>) MaxPooling2D::new, Shape.of(28, 28, 32), Shape.of(14, 14, 32)},
                {(Supplier<Layer>) MaxPooling2D::new, Shape.of(5, 5, 1), Shape.of(2, 2, 1)},
                {(Supplier<Layer>) MaxPooling2D::new, Shape.of(26, 26, 10), Shape.of(13, 13, 10)},
                {(Supplier<Layer>) () -> new MaxPooling2D(3).strides(2), Shape.of(7, 7, 4), Shape.of(3, 3, 4)},
                {(Supplier<Layer>) () -> new MaxPooling2D(3).strides(2).padding("same"), Shape.of(7, 7, 4),
                        Shape.of(4, 4, 4)},
                {(Supplier<Layer>) () -> new MaxPooling2D().padding("same"), Shape.of(5, 5, 1), Shape.of(3, 3, 1)},
                {(Supplier<Layer>) () -> new AveragePooling2D(2, 3), Shape.of(4, 9, 2), Shape.of(2, 3, 2)},
                {(Supplier<Layer>) () -> new AveragePooling2D(4), Shape.of(28, 28, 7), Shape.of(7, 7, 7)},
                {(Supplier<Layer>) () -> new AveragePooling2D(8), Shape.of(64, 64, 1), Shape.of(8, 8, 1)},
                {(Supplier<Layer>) () -> new AveragePooling2D(3).strides(1, 2), Shape.of(5, 6, 1), Shape.of(3, 2, 1)},
                {(Supplier<Layer>) MaxPooling1D::new, Shape.of(10, 3), Shape.of(5, 3)},
                {(Supplier<Layer>) () -> new MaxPooling1D(3).strides(1).padding("same"), Shape.of(10, 3),
                        Shape.of(10, 3)},
                {(Supplier<Layer>) () -> new AveragePooling1D(4), Shape.of(9, 2), Shape.of(2, 2)},
                {(Supplier<Layer>) () -> new AveragePooling1D(4).padding("same"), Shape.of(9, 2), Shape.of(3, 2)},
                {(Supplier<Layer>) GlobalAveragePooling2D::new, Shape.of(7, 7, 64), Shape.of(64)},
                {(Supplier<Layer>) () -> new GlobalAveragePooling2D(true), Shape.of(7, 5, 64), Shape.of(1, 1, 64)},
                {(Supplier<Layer>) GlobalMaxPooling2D::new, Shape.of(3, 4, 5), Shape.of(5)},
                {(Supplier<Layer>) () -> new GlobalMaxPooling2D(true), Shape.of(3, 4, 5), Shape.of(1, 1, 5)},
                {(Supplier<Layer>) GlobalAveragePooling1D::new, Shape.of(100, 16), Shape.of(16)},
                {(Supplier<Layer>) () -> new GlobalAveragePooling1D(true), Shape.of(100, 16), Shape.of(1, 16)},
                {(Supplier<Layer>) GlobalMaxPooling1D::new, Shape.of(100, 16), Shape.of(16)},
                {(Supplier<Layer>) () -> new GlobalMaxPooling1D(true), Shape.of(1, 2), Shape.of(1, 2)},
        };
        for (Object[] row : table) {
            @SuppressWarnings("unchecked")
            Layer layer = ((Supplier<Layer>) row[0]).get();
            assertEquals(row[2], layer.outputShape((Shape) row[1]), layer + " on " + row[1]);
            layer.build((Shape) row[1], new Rng(0));
            assertEquals(((Shape) row[2]).prepend(2), layer.apply(Tensor.zeros(((Shape) row[1]).prepend(2)), false)
                    .shape(), layer + " computed");
            assertEquals(0, layer.parameterCount());
        }
    }

    @Test
    void shapeRuleAgreesWithKerasForEverySmallCase() {
        for (String padding : List.of("valid", "same")) {
            for (int length = 1; length <= 9; length++) {
                for (int pool = 1; pool <= 4; pool++) {
                    for (int stride = 1; stride <= 3; stride++) {
                        if (padding.equals("valid") && pool > length) {
                            continue;
                        }
                        int expected = kerasPooledLength(length, pool, stride, padding);
                        Shape image = new MaxPooling2D(pool, 1).strides(stride, 1).padding(padding)
                                .outputShape(Shape.of(length, 3, 2));
                        assertEquals(Shape.of(expected, 3, 2), image, padding + " W=" + length + " F=" + pool
                                + " S=" + stride);
                        Shape sequence = new AveragePooling1D(pool).strides(stride).padding(padding)
                                .outputShape(Shape.of(length, 2));
                        assertEquals(Shape.of(expected, 2), sequence, "1-D " + padding + " W=" + length);
                    }
                }
            }
        }
    }

    @Test
    void defaultsAreKeras() {
        MaxPooling2D max = new MaxPooling2D();
        assertArrayEquals(new int[] {2, 2}, max.poolSize());
        assertArrayEquals(new int[] {2, 2}, max.strides(), "strides default to the pool size");
        assertEquals(Map.of("pool_size", List.of(2, 2), "padding", "valid", "strides", List.of(2, 2),
                "boundary", "zeros"), max.config());
        assertArrayEquals(new int[] {3, 5}, new AveragePooling2D(3, 5).strides());
        assertArrayEquals(new int[] {2}, new MaxPooling1D().poolSize());
        assertArrayEquals(new int[] {4}, new AveragePooling1D(4).strides());
        assertEquals(Map.of("keepdims", false), new GlobalAveragePooling2D().config());
        assertEquals(MaxPooling2D.class, Layers.fromConfig("MaxPooling2D", Map.of()).getClass());
        assertEquals(new MaxPooling2D().config(), Layers.fromConfig("MaxPooling2D", Map.of()).config(),
                "an empty config gives Keras's defaults");
        assertEquals(new MaxPooling2D(3).config(), Layers.fromConfig("MaxPooling2D", Map.of("pool_size", 3)).config(),
                "one number for both axes, as Keras accepts");
    }

    @Test
    void handWorkedMaxAndAverageOfTheNotes() {
        // □ = max(a1, a2, a3, a4) and (a1 + a2 + a3 + a4)/4 over each 2×2 block.
        Tensor x = Tensor.of(new float[] {
                1, 2, 5, 6,
                3, 4, 8, 7,
                -1, 0, 2, 2,
                -3, -2, 2, 2}, 1, 4, 4, 1);
        assertArrayEquals(new float[] {4, 8, 0, 2}, built(new MaxPooling2D(), 4, 4, 1).apply(x, false).data());
        assertArrayEquals(new float[] {2.5f, 6.5f, -1.5f, 2}, built(new AveragePooling2D(), 4, 4, 1).apply(x, false)
                .data());
    }

    @Test
    void twoDimensionalValuesMatchTheDefinition() {
        Object[][] cases = {
                // pool h, pool w, stride h, stride w, same, input
                {2, 2, 2, 2, false, new int[] {2, 6, 5, 3}},
                {3, 3, 2, 2, true, new int[] {2, 7, 6, 2}},
                {3, 2, 1, 2, false, new int[] {1, 5, 7, 2}},
                {2, 2, 2, 2, true, new int[] {1, 5, 5, 1}},
                {4, 4, 4, 4, false, new int[] {1, 8, 8, 1}},
        };
        for (Object[] c : cases) {
            int ph = (int) c[0];
            int pw = (int) c[1];
            int sh = (int) c[2];
            int sw = (int) c[3];
            boolean same = (boolean) c[4];
            int[] input = (int[]) c[5];
            Tensor x = distinct(7, input);
            Shape perSample = x.shape().dropFirst();
            for (boolean max : new boolean[] {true, false}) {
                PoolingLayer<?> layer = max ? new MaxPooling2D(ph, pw).strides(sh, sw)
                        : new AveragePooling2D(ph, pw).strides(sh, sw);
                layer.padding(same ? "same" : "valid");
                layer.build(perSample, new Rng(0));
                String what = layer.type() + " " + ph + "x" + pw + " /" + sh + "," + sw + (same ? " same" : "");
                assertClose(reference(x, ph, pw, sh, sw, same, max), layer.apply(x, false), what);
                LayerGradCheck.check(layer, x);
            }
        }
    }

    @Test
    void oneDimensionalPoolingIsItsOwnDefinition() {
        Tensor x = distinct(3, 2, 9, 3);
        for (boolean same : new boolean[] {false, true}) {
            for (int[] poolStride : new int[][] {{2, 2}, {3, 1}, {3, 2}, {4, 3}}) {
                int pool = poolStride[0];
                int stride = poolStride[1];
                int steps = kerasPooledLength(9, pool, stride, same ? "same" : "valid");
                int before = same ? Math.max((steps - 1) * stride + pool - 9, 0) / 2 : 0;
                Layer max = built(new MaxPooling1D(pool).strides(stride).padding(same ? "same" : "valid"), 9, 3);
                Layer average = built(new AveragePooling1D(pool).strides(stride).padding(same ? "same" : "valid"), 9, 3);
                Tensor maxOut = max.apply(x, false);
                Tensor averageOut = average.apply(x, false);
                assertEquals(Shape.of(2, steps, 3), maxOut.shape());
                for (int b = 0; b < 2; b++) {
                    for (int t = 0; t < steps; t++) {
                        for (int c = 0; c < 3; c++) {
                            double best = Double.NEGATIVE_INFINITY;
                            double sum = 0;
                            int count = 0;
                            for (int m = 0; m < pool; m++) {
                                int at = t * stride + m - before;
                                if (at >= 0 && at < 9) {
                                    best = Math.max(best, x.get(b, at, c));
                                    sum += x.get(b, at, c);
                                    count++;
                                }
                            }
                            String where = "pool " + pool + " stride " + stride + (same ? " same" : "") + " at " + t;
                            assertEquals(best, maxOut.get(b, t, c), 1e-6, "max " + where);
                            assertEquals(sum / count, averageOut.get(b, t, c), 1e-6, "average " + where);
                        }
                    }
                }
                LayerGradCheck.check(max, x);
                LayerGradCheck.check(average, x);
            }
        }
    }

    @Test
    void periodicBoundaryWrapsTheWindow() {
        // A 3-wide window with "same" padding on a ring of 4: the first output also sees the last value.
        Tensor x = Tensor.of(new float[] {1, 2, 3, 10}, 1, 4, 1);
        Layer periodic = built(new AveragePooling1D(3).strides(1).padding("same").boundary(Boundary.PERIODIC), 4, 1);
        assertArrayEquals(new float[] {13f / 3, 2, 5, 14f / 3}, periodic.apply(x, false).data(), 1e-6f);
        Layer zeros = built(new AveragePooling1D(3).strides(1).padding("same"), 4, 1);
        assertArrayEquals(new float[] {1.5f, 2, 5, 6.5f}, zeros.apply(x, false).data(), 1e-6f,
                "padded positions are not counted");
    }

    private static List<Supplier<Layer>> configurations() {
        return List.of(MaxPooling2D::new, () -> new MaxPooling2D(3, 2).strides(1, 2).padding("same"),
                () -> new AveragePooling2D(2).padding(Padding.explicit(1, 0)).boundary(Boundary.REFLECT),
                () -> new MaxPooling1D(3).strides(1).padding("same"), () -> new AveragePooling1D(2),
                () -> new AveragePooling1D(3).boundary(Boundary.PERIODIC).padding("same"),
                GlobalAveragePooling2D::new, () -> new GlobalMaxPooling2D(true), () -> new GlobalAveragePooling1D(true),
                GlobalMaxPooling1D::new);
    }

    @Test
    void configsRoundTrip() {
        for (Supplier<Layer> make : configurations()) {
            Shape input = make.get().type().endsWith("1D") ? Shape.of(8, 3) : Shape.of(6, 5, 3);
            LayerChecks.assertConfigRoundTrip(make, input);
        }
    }

    @Test
    void lectureNetSummaryAndFiles() throws IOException {
        // The notes' digit classifier: Conv2D(7, 5×5, same) → AveragePooling2D(4) → Flatten → Dense(10).
        Sequential net = new Sequential(new Input(28, 28, 1), new Conv2D(7, 5, "relu").padding("same"),
                new AveragePooling2D(4), new MaxPooling2D().padding("same"), new Flatten(), new Dense(10, "softmax"));
        String summary = net.summary();
        LayerChecks.assertSummaryRow(summary, "conv2d (Conv2D)", "(None, 28, 28, 7)", "182");
        LayerChecks.assertSummaryRow(summary, "average_pooling2d (AveragePooling2D)", "(None, 7, 7, 7)", "0");
        LayerChecks.assertSummaryRow(summary, "max_pooling2d (MaxPooling2D)", "(None, 4, 4, 7)", "0");
        LayerChecks.assertSummaryRow(summary, "flatten (Flatten)", "(None, 112)", "0");
        LayerChecks.assertSummaryRow(summary, "dense (Dense)", "(None, 10)", "1,130");
        LayerChecks.assertSaveLoadIdentical(net, directory.resolve("lecture"));

        Sequential sequences = new Sequential(new Input(12, 2), new MaxPooling1D(3).strides(1).padding("same"),
                new AveragePooling1D(), new GlobalMaxPooling1D(true), new Flatten());
        LayerChecks.assertSummaryRow(sequences.summary(), "global_max_pooling1d (GlobalMaxPooling1D)", "(None, 1, 2)",
                "0");
        LayerChecks.assertSaveLoadIdentical(sequences, directory.resolve("sequences"));
    }

    @Test
    void badPoolSizesAndStridesAreRejected() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(0));
        assertTrue(zero.getMessage().contains("MaxPooling2D pool_size") && zero.getMessage().contains("[0]"),
                zero.getMessage());
        IllegalArgumentException three = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("AveragePooling2D", Map.of("pool_size", List.of(2, 2, 2))));
        assertTrue(three.getMessage().contains("pool_size needs 1 or 2 values") && three.getMessage().contains(
                "[2, 2, 2]"), three.getMessage());
        IllegalArgumentException stride = assertThrows(IllegalArgumentException.class,
                () -> new MaxPooling1D().strides(-1));
        assertTrue(stride.getMessage().contains("MaxPooling1D strides") && stride.getMessage().contains("[-1]"),
                stride.getMessage());
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> new MaxPooling2D(5).name("pool").outputShape(Shape.of(4, 4, 1)));
        assertTrue(tooLarge.getMessage().contains("MaxPooling2D 'pool'") && tooLarge.getMessage().contains("F=5")
                && tooLarge.getMessage().contains("W=4"), tooLarge.getMessage());
        IllegalArgumentException boundary = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("MaxPooling2D", Map.of("boundary", "mirror")));
        assertTrue(boundary.getMessage().contains("'mirror'") && boundary.getMessage().contains("periodic"),
                boundary.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("GlobalMaxPooling2D", Map.of("keep_dims", true)));
        assertTrue(unknown.getMessage().contains("keep_dims"), unknown.getMessage());
    }

    @Test
    void wrongInputRankNamesTheLayerAndTheShape() {
        List<Layer> layers = List.of(new MaxPooling2D().name("pool"), new AveragePooling1D().name("pool"),
                new GlobalAveragePooling2D().name("pool"), new GlobalMaxPooling1D().name("pool"));
        for (Layer layer : layers) {
            Shape wrong = layer.type().endsWith("2D") ? Shape.of(28, 28) : Shape.of(4, 5, 6);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> layer.outputShape(wrong));
            String message = error.getMessage();
            assertTrue(message.contains(layer.type() + " 'pool'") && message.contains(wrong.toString()), message);
            assertTrue(message.contains(layer.type().endsWith("2D") ? "[height, width, channels]"
                    : "[steps, channels]"), message);
        }
        Sequential model = new Sequential(new Input(28, 28), new MaxPooling2D());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, model::build);
        assertTrue(error.getMessage().contains("MaxPooling2D 'max_pooling2d'")
                && error.getMessage().contains("[28, 28]"), error.getMessage());
    }

    @Test
    void optionsCannotChangeAfterBuilding() {
        MaxPooling2D pool = built(new MaxPooling2D(), 4, 4, 1);
        assertThrows(IllegalStateException.class, () -> pool.strides(1));
        assertThrows(IllegalStateException.class, () -> pool.padding("same"));
        assertThrows(IllegalStateException.class, () -> pool.boundary(Boundary.PERIODIC));
    }
}
