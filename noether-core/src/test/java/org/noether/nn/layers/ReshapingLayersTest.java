package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.models.Sequential;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;
import org.noether.testing.LayerGradCheck;

/**
 * UpSampling2D (nearest: repeated values; bilinear: TensorFlow's half-pixel-centre interpolation,
 * written out per pixel here) and Reshape: shape rules, values, gradients, configs, files and errors.
 */
class ReshapingLayersTest {
    @TempDir
    Path directory;

    private static <L extends Layer> L built(L layer, int... inputShape) {
        layer.build(Shape.of(inputShape), new Rng(1));
        return layer;
    }

    /**
     * TensorFlow's {@code resize_bilinear} with {@code half_pixel_centers}: source {@code (o + ½)·in/out − ½},
     * lower index {@code max(⌊src⌋, 0)}, upper {@code min(⌈src⌉, in − 1)}, weight {@code src − ⌊src⌋}.
     */
    private static double[] bilinearReference(Tensor x, int heightFactor, int widthFactor) {
        int batch = x.dim(0);
        int h = x.dim(1);
        int w = x.dim(2);
        int c = x.dim(3);
        int oh = h * heightFactor;
        int ow = w * widthFactor;
        double[] out = new double[batch * oh * ow * c];
        int index = 0;
        for (int n = 0; n < batch; n++) {
            for (int oy = 0; oy < oh; oy++) {
                double sy = (oy + 0.5) * h / oh - 0.5;
                int top = Math.max((int) Math.floor(sy), 0);
                int bottom = Math.min((int) Math.ceil(sy), h - 1);
                double dy = sy - Math.floor(sy);
                for (int ox = 0; ox < ow; ox++) {
                    double sx = (ox + 0.5) * w / ow - 0.5;
                    int left = Math.max((int) Math.floor(sx), 0);
                    int right = Math.min((int) Math.ceil(sx), w - 1);
                    double dx = sx - Math.floor(sx);
                    for (int k = 0; k < c; k++) {
                        double topValue = x.get(n, top, left, k)
                                + (x.get(n, top, right, k) - x.get(n, top, left, k)) * dx;
                        double bottomValue = x.get(n, bottom, left, k)
                                + (x.get(n, bottom, right, k) - x.get(n, bottom, left, k)) * dx;
                        out[index++] = topValue + (bottomValue - topValue) * dy;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void upSamplingShapeRule() {
        assertEquals(Shape.of(16, 16, 3), new UpSampling2D().outputShape(Shape.of(8, 8, 3)));
        assertEquals(Shape.of(64, 64, 1), new UpSampling2D(8).outputShape(Shape.of(8, 8, 1)));
        assertEquals(Shape.of(6, 12, 2), new UpSampling2D(2, 3).outputShape(Shape.of(3, 4, 2)));
        assertEquals(Shape.of(3, 4, 2), new UpSampling2D(1).interpolation("bilinear").outputShape(Shape.of(3, 4, 2)));
        assertEquals(Map.of("size", List.of(2, 2), "interpolation", "nearest"), new UpSampling2D().config(),
                "Keras's defaults");
    }

    @Test
    void nearestRepeatsValuesAsKerasDocumentationShows() {
        // keras.layers.UpSampling2D(size=(1, 2)) on arange(12).reshape(2, 2, 1, 3).
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 2, 1, 3);
        Tensor y = built(new UpSampling2D(1, 2), 2, 1, 3).apply(x, false);
        assertEquals(Shape.of(2, 2, 2, 3), y.shape());
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 6, 7, 8, 6, 7, 8, 9, 10, 11, 9, 10, 11},
                y.data());
        Tensor images = Tensor.uniform(Shape.of(2, 3, 4, 2), -1, 1, new Rng(2));
        Tensor large = built(new UpSampling2D(3, 2), 3, 4, 2).apply(images, false);
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 9; i++) {
                for (int j = 0; j < 8; j++) {
                    for (int c = 0; c < 2; c++) {
                        assertEquals(images.get(n, i / 3, j / 2, c), large.get(n, i, j, c), "pixel " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void bilinearHandWorkedCase() {
        // Samples at −¼, ¼, ¾, 1¼ between the values 0 and 4; the ends clamp to the edge value.
        Tensor x = Tensor.of(new float[] {0, 4}, 1, 1, 2, 1);
        Tensor y = built(new UpSampling2D(1, 2).interpolation("bilinear"), 1, 2, 1).apply(x, false);
        assertArrayEquals(new float[] {0, 1, 3, 4}, y.data(), 1e-6f);
        Tensor three = Tensor.of(new float[] {0, 3, 9}, 1, 3, 1, 1);
        // Factor 3: samples at −⅓, 0, ⅓, ⅔, 1, 1⅓, 1⅔, 2, 2⅓.
        Tensor z = built(new UpSampling2D(3, 1).interpolation("BILINEAR"), 3, 1, 1).apply(three, false);
        assertArrayEquals(new float[] {0, 0, 1, 2, 3, 5, 7, 9, 9}, z.data(), 1e-5f);
    }

    @Test
    void bilinearMatchesTensorFlowPerPixel() {
        for (int[] factors : new int[][] {{2, 2}, {3, 2}, {1, 4}, {8, 8}}) {
            Tensor x = Tensor.uniform(Shape.of(2, 3, 5, 2), -1, 1, new Rng(factors[0] * 10L + factors[1]));
            UpSampling2D layer = built(new UpSampling2D(factors[0], factors[1]).interpolation("bilinear"), 3, 5, 2);
            Tensor y = layer.apply(x, false);
            double[] expected = bilinearReference(x, factors[0], factors[1]);
            assertEquals(expected.length, y.size());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], y.data()[i], 1e-5, factors[0] + "×" + factors[1] + " element " + i);
            }
        }
        Tensor single = Tensor.uniform(Shape.of(1, 1, 1, 3), -1, 1, new Rng(3));
        Tensor constant = built(new UpSampling2D(2).interpolation("bilinear"), 1, 1, 3).apply(single, false);
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(single.data()[c], constant.data()[i * 3 + c], 1e-7, "a one-pixel image stays constant");
            }
        }
    }

    @Test
    void upSamplingGradients() {
        Tensor x = Tensor.uniform(Shape.of(2, 3, 2, 2), -1, 1, new Rng(4));
        UpSampling2D nearest = built(new UpSampling2D(2, 3), 3, 2, 2);
        UpSampling2D bilinear = built(new UpSampling2D(3, 2).interpolation("bilinear"), 3, 2, 2);
        LayerGradCheck.check(nearest, x);
        LayerGradCheck.check(bilinear, x);
        GradCheck.checkSecondOrder("bilinear squared", t -> bilinear.apply(t[0], false).square(), x);
        GradCheck.checkSecondOrder("nearest squared", t -> nearest.apply(t[0], false).square(), x);
    }

    @Test
    void reshapeShapeRuleTable() {
        Object[][] table = {
                {new int[] {3, 4}, Shape.of(12), Shape.of(3, 4)},
                {new int[] {-1, 2, 2}, Shape.of(12), Shape.of(3, 2, 2)},
                {new int[] {28, 28, 1}, Shape.of(784), Shape.of(28, 28, 1)},
                {new int[] {-1}, Shape.of(7, 7, 64), Shape.of(3136)},
                {new int[] {7, -1}, Shape.of(7, 7, 64), Shape.of(7, 448)},
                {new int[] {1}, Shape.scalar(), Shape.of(1)},
                {new int[] {}, Shape.of(1), Shape.scalar()},
        };
        for (Object[] row : table) {
            Reshape reshape = new Reshape((int[]) row[0]);
            assertEquals(row[2], reshape.outputShape((Shape) row[1]), List.of(row[0]) + " of " + row[1]);
        }
        Reshape layer = built(new Reshape(-1, 2, 2), 12);
        Tensor x = Tensor.uniform(Shape.of(3, 12), -1, 1, new Rng(5));
        Tensor y = layer.apply(x, false);
        assertEquals(Shape.of(3, 3, 2, 2), y.shape());
        assertArrayEquals(x.data(), y.data(), "the same values in the same order");
        LayerGradCheck.check(layer, x);
        assertEquals(Map.of("target_shape", List.of(-1, 2, 2)), layer.config());
    }

    @Test
    void reshapeErrorsNameTheSizes() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new Reshape(5, 5).name("to_image").outputShape(Shape.of(2, 3, 4)));
        String message = size.getMessage();
        assertTrue(message.contains("Reshape 'to_image'") && message.contains("[2, 3, 4]") && message.contains("24")
                && message.contains("[5, 5]") && message.contains("25"), message);
        IllegalArgumentException inferred = assertThrows(IllegalArgumentException.class,
                () -> new Reshape(5, -1).outputShape(Shape.of(2, 3, 4)));
        assertTrue(inferred.getMessage().contains("[5, -1]") && inferred.getMessage().contains("multiple of 5"),
                inferred.getMessage());
        IllegalArgumentException twoUnknown = assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, -1));
        assertTrue(twoUnknown.getMessage().contains("more than one -1")
                && twoUnknown.getMessage().contains("[-1, -1]"), twoUnknown.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new Reshape(0, 4));
        assertTrue(zero.getMessage().contains("[0, 4]"), zero.getMessage());
        Sequential model = new Sequential(new Input(10), new Reshape(3, 3));
        IllegalArgumentException build = assertThrows(IllegalArgumentException.class, model::build);
        assertTrue(build.getMessage().contains("Reshape 'reshape'") && build.getMessage().contains("[10]"),
                build.getMessage());
    }

    @Test
    void upSamplingErrors() {
        IllegalArgumentException interpolation = assertThrows(IllegalArgumentException.class,
                () -> new UpSampling2D().interpolation("bicubic"));
        assertTrue(interpolation.getMessage().contains("'bicubic'")
                && interpolation.getMessage().contains("'bilinear'"), interpolation.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> new UpSampling2D(0, 2));
        assertTrue(size.getMessage().contains("UpSampling2D size") && size.getMessage().contains("[0, 2]"),
                size.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> new UpSampling2D().name("up").outputShape(Shape.of(8, 8)));
        assertTrue(rank.getMessage().contains("UpSampling2D 'up'") && rank.getMessage().contains("[8, 8]"),
                rank.getMessage());
        UpSampling2D builtLayer = built(new UpSampling2D(), 2, 2, 1);
        assertThrows(IllegalStateException.class, () -> builtLayer.interpolation("bilinear"));
    }

    @Test
    void configsRoundTrip() {
        List<Supplier<Layer>> images = List.of(UpSampling2D::new, () -> new UpSampling2D(3, 2),
                () -> new UpSampling2D(2).interpolation("bilinear"), () -> new Reshape(-1, 3));
        for (Supplier<Layer> make : images) {
            LayerChecks.assertConfigRoundTrip(make, Shape.of(4, 3, 3));
        }
        assertEquals(new UpSampling2D(8).config(), Layers.fromConfig("UpSampling2D", Map.of("size", 8)).config(),
                "one number for both axes, as the notes write size=8");
        assertEquals(new UpSampling2D().config(), Layers.fromConfig("UpSampling2D", Map.of()).config());
    }

    @Test
    void flattenAndDropoutAreRegisteredToo() {
        assertSame(Flatten.class, Layers.fromConfig("Flatten", Map.of()).getClass());
        assertSame(Dropout.class, Layers.fromConfig("Dropout", Map.of("rate", 0.5)).getClass());
    }

    @Test
    void encoderDecoderOfTheNotesSummaryAndFiles() throws IOException {
        // The notes: AveragePooling2D(pool_size=8) reduces the resolution, UpSampling2D(size=8) enlarges it again.
        Sequential net = new Sequential(new Input(64, 64, 1), new Conv2D(4, 3, "relu").padding("same"),
                new AveragePooling2D(8), new Flatten(), new Dense(16, "relu"), new Reshape(2, 2, 4),
                new UpSampling2D(4).interpolation("bilinear"), new UpSampling2D(), new Conv2D(1, 3).padding("same"));
        String summary = net.summary();
        LayerChecks.assertSummaryRow(summary, "average_pooling2d (AveragePooling2D)", "(None, 8, 8, 4)", "0");
        LayerChecks.assertSummaryRow(summary, "reshape (Reshape)", "(None, 2, 2, 4)", "0");
        LayerChecks.assertSummaryRow(summary, "up_sampling2d (UpSampling2D)", "(None, 8, 8, 4)", "0");
        LayerChecks.assertSummaryRow(summary, "up_sampling2d_1 (UpSampling2D)", "(None, 16, 16, 4)", "0");
        LayerChecks.assertSummaryRow(summary, "conv2d_1 (Conv2D)", "(None, 16, 16, 1)", "37");
        LayerChecks.assertSaveLoadIdentical(net, directory);
    }
}
