package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.noether.kernel.ConvOptions;
import org.noether.kernel.Padding;
import org.noether.models.Sequential;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.nn.Parameter;
import org.noether.nn.activations.Activations;
import org.noether.nn.initializers.Initializers;
import org.noether.nn.initializers.RandomNormal;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.LayerGradCheck;

/**
 * Conv2DTranspose against Keras: the output size by Keras's {@code deconv_output_length}, the values
 * by the definition Keras's JAX backend uses (the input dilated by the stride, padded, correlated
 * with the flipped kernel — written here as the equivalent scatter), gradients, config, files and
 * errors.
 */
class Conv2DTransposeTest {
    @TempDir
    Path directory;

    /** One geometry: input size, kernel, strides, dilation, padding, output padding (null: none), expected size. */
    private record Case(int height, int width, int[] kernel, int[] strides, int[] dilation, String padding,
                        int[] outputPadding, int expectedHeight, int expectedWidth) {
        Conv2DTranspose layer(int filters) {
            return new Conv2DTranspose(filters, kernel, Activations.LINEAR).strides(strides).dilation(dilation)
                    .padding(padding).outputPadding(outputPadding).biasInitializer(new RandomNormal(0, 0.5));
        }

        @Override
        public String toString() {
            return height + "x" + width + " k" + List.of(kernel[0], kernel[1]) + " s" + List.of(strides[0], strides[1])
                    + " d" + List.of(dilation[0], dilation[1]) + " " + padding
                    + (outputPadding == null ? "" : " op" + List.of(outputPadding[0], outputPadding[1]));
        }
    }

    private static int[] pair(int a, int b) {
        return new int[] {a, b};
    }

    /** Expected sizes worked by hand from Keras's rule (see {@link #kerasLength}). */
    private static List<Case> cases() {
        int[] one = pair(1, 1);
        return List.of(
                new Case(14, 14, pair(3, 3), pair(2, 2), one, "same", null, 28, 28),
                new Case(7, 7, pair(3, 3), pair(2, 2), one, "valid", null, 15, 15),
                new Case(7, 6, pair(2, 2), pair(2, 2), one, "valid", null, 14, 12),
                new Case(7, 7, pair(3, 3), pair(2, 2), one, "same", pair(1, 1), 14, 14),
                new Case(7, 7, pair(3, 3), pair(2, 2), one, "valid", pair(1, 0), 16, 15),
                new Case(5, 4, pair(3, 3), one, one, "valid", null, 7, 6),
                new Case(5, 4, pair(3, 3), one, one, "same", null, 5, 4),
                new Case(5, 5, pair(3, 3), one, pair(2, 2), "valid", null, 9, 9),
                new Case(4, 4, pair(4, 4), pair(2, 2), one, "same", pair(0, 0), 6, 6),
                new Case(3, 5, pair(2, 3), pair(3, 1), one, "valid", null, 9, 7),
                new Case(4, 3, pair(1, 1), pair(3, 3), one, "same", pair(2, 1), 12, 8),
                new Case(4, 4, pair(5, 5), pair(2, 2), one, "same", pair(1, 1), 8, 8),
                new Case(6, 5, pair(3, 2), pair(2, 2), one, "same", null, 12, 10),
                new Case(3, 3, pair(3, 3), pair(2, 2), pair(2, 1), "same", pair(1, 1), 6, 6),
                new Case(3, 4, pair(4, 3), pair(2, 3), one, "valid", null, 8, 12));
    }

    /** Keras's {@code deconv_output_length}: the transposed convolution's output size along one axis. */
    private static int kerasLength(int input, int kernel, String padding, Integer outputPadding, int stride,
                                   int dilation) {
        int span = kernel + (kernel - 1) * (dilation - 1);
        if (outputPadding == null) {
            return padding.equals("valid") ? input * stride + Math.max(span - stride, 0) : input * stride;
        }
        int pad = padding.equals("same") ? span / 2 : 0;
        return (input - 1) * stride + span - 2 * pad + outputPadding;
    }

    /**
     * The left padding of the stride-dilated input in Keras's JAX backend
     * ({@code _convert_conv_transpose_padding_args_from_keras_to_jax}).
     */
    private static int kerasLeftPad(int kernel, int stride, int dilation, String padding, Integer outputPadding) {
        int span = (kernel - 1) * dilation + 1;
        if (padding.equals("valid")) {
            return span - 1;
        }
        int length = outputPadding == null ? stride + span - 2 : span + span % 2 - 2 + outputPadding;
        return Math.min(length / 2 + length % 2, span - 1);
    }

    /**
     * The transposed convolution in double: correlating the flipped kernel (dilated by D) with the
     * input dilated by S and padded by {@code left} is the scatter
     * {@code y[i·S + m·D − (F − 1 − left)] += x[i]·K[m]} per axis, with {@code K [kh, kw, filters, c]}.
     */
    private static double[] reference(Tensor x, Tensor kernel, Tensor bias, Case c, int outHeight, int outWidth) {
        int batch = x.dim(0);
        int filters = kernel.dim(2);
        int channels = kernel.dim(3);
        Integer opHeight = c.outputPadding() == null ? null : c.outputPadding()[0];
        Integer opWidth = c.outputPadding() == null ? null : c.outputPadding()[1];
        int spanHeight = (c.kernel()[0] - 1) * c.dilation()[0] + 1;
        int spanWidth = (c.kernel()[1] - 1) * c.dilation()[1] + 1;
        int top = spanHeight - 1 - kerasLeftPad(c.kernel()[0], c.strides()[0], c.dilation()[0], c.padding(), opHeight);
        int left = spanWidth - 1 - kerasLeftPad(c.kernel()[1], c.strides()[1], c.dilation()[1], c.padding(), opWidth);
        double[] y = new double[batch * outHeight * outWidth * filters];
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < x.dim(1); i++) {
                for (int j = 0; j < x.dim(2); j++) {
                    for (int m = 0; m < c.kernel()[0]; m++) {
                        for (int q = 0; q < c.kernel()[1]; q++) {
                            int oy = i * c.strides()[0] + m * c.dilation()[0] - top;
                            int ox = j * c.strides()[1] + q * c.dilation()[1] - left;
                            if (oy < 0 || oy >= outHeight || ox < 0 || ox >= outWidth) {
                                continue;
                            }
                            for (int f = 0; f < filters; f++) {
                                for (int ch = 0; ch < channels; ch++) {
                                    y[((n * outHeight + oy) * outWidth + ox) * filters + f] +=
                                            (double) x.get(n, i, j, ch) * kernel.get(m, q, f, ch);
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int k = 0; k < y.length; k++) {
            y[k] += bias.data()[k % filters];
        }
        return y;
    }

    @Test
    void outputSizesFollowKerasRule() {
        for (Case c : cases()) {
            Integer opHeight = c.outputPadding() == null ? null : c.outputPadding()[0];
            Integer opWidth = c.outputPadding() == null ? null : c.outputPadding()[1];
            assertEquals(c.expectedHeight(), kerasLength(c.height(), c.kernel()[0], c.padding(), opHeight,
                    c.strides()[0], c.dilation()[0]), c + ": the hand-worked height");
            assertEquals(c.expectedWidth(), kerasLength(c.width(), c.kernel()[1], c.padding(), opWidth,
                    c.strides()[1], c.dilation()[1]), c + ": the hand-worked width");
            assertEquals(Shape.of(c.expectedHeight(), c.expectedWidth(), 5),
                    c.layer(5).outputShape(Shape.of(c.height(), c.width(), 2)), c.toString());
        }
    }

    @Test
    void valuesMatchTheKerasDefinition() {
        for (Case c : cases()) {
            Conv2DTranspose layer = c.layer(3);
            layer.build(Shape.of(c.height(), c.width(), 2), new Rng(11));
            Tensor x = Tensor.uniform(Shape.of(2, c.height(), c.width(), 2), -1, 1, new Rng(12));
            Tensor y = layer.apply(x, false);
            assertEquals(Shape.of(2, c.expectedHeight(), c.expectedWidth(), 3), y.shape(), c.toString());
            double[] expected = reference(x, layer.parameter("kernel").value(), layer.parameter("bias").value(), c,
                    c.expectedHeight(), c.expectedWidth());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], y.data()[i], 1e-5 * (1 + Math.abs(expected[i])), c + " element " + i);
            }
        }
    }

    @Test
    void handWorkedStrideTwo() {
        // One channel, kernel [1, 2] (2×2 of ones), stride 2, valid: each pixel becomes a 2×2 block of itself.
        Conv2DTranspose layer = new Conv2DTranspose(1, 2).strides(2).useBias(false)
                .kernelInitializer(Initializers.ones());
        layer.build(Shape.of(2, 2, 1), new Rng(0));
        Tensor y = layer.apply(Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2, 1), false);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, y.data());
        // A 3-tap kernel [1, 2, 3] with stride 2 along the width overlaps: column 2 gets 3·x0 + 1·x1.
        Conv2DTranspose row = new Conv2DTranspose(1, new int[] {1, 3}, Activations.LINEAR).strides(1, 2).useBias(false);
        row.build(Shape.of(1, 2, 1), new Rng(0));
        row.parameter("kernel").assign(Tensor.of(new float[] {1, 2, 3}, 1, 3, 1, 1));
        assertArrayEquals(new float[] {10, 20, 30 + 100, 200, 300},
                row.apply(Tensor.of(new float[] {10, 100}, 1, 1, 2, 1), false).data());
    }

    @Test
    void activationFollowsTheBias() {
        Case c = cases().get(0);
        Conv2DTranspose layer = new Conv2DTranspose(2, c.kernel(), Activations.TANH).strides(2).padding("same")
                .biasInitializer(new RandomNormal(0, 0.5));
        layer.build(Shape.of(3, 3, 2), new Rng(5));
        Tensor x = Tensor.uniform(Shape.of(1, 3, 3, 2), -1, 1, new Rng(6));
        Case same = new Case(3, 3, c.kernel(), c.strides(), c.dilation(), "same", null, 6, 6);
        double[] z = reference(x, layer.parameter("kernel").value(), layer.parameter("bias").value(), same, 6, 6);
        Tensor y = layer.apply(x, false);
        for (int i = 0; i < z.length; i++) {
            assertEquals(Math.tanh(z[i]), y.data()[i], 1e-5, "element " + i);
        }
    }

    @Test
    void gradientsWithRespectToInputKernelAndBias() {
        for (int index : new int[] {1, 3, 7, 9, 13}) {
            Case c = cases().get(index);
            Conv2DTranspose layer = c.layer(2);
            layer.build(Shape.of(Math.min(c.height(), 4), Math.min(c.width(), 4), 2), new Rng(3));
            LayerGradCheck.check(layer, Tensor.uniform(layer.inputShape().prepend(2), -1, 1, new Rng(4)));
        }
    }

    @Test
    void periodicBoundaryGivesTheAdjointOfThePeriodicConvolution() {
        // ⟨conv(y, K), x⟩ = ⟨y, convᵀ(x, K)⟩: the layer is the adjoint of Conv2D with the same options.
        for (int stride : new int[] {1, 2}) {
            Conv2DTranspose layer = new Conv2DTranspose(3, 3).strides(stride).padding("same")
                    .boundary(Boundary.PERIODIC).useBias(false);
            layer.build(Shape.of(3, 4, 2), new Rng(8));
            Tensor kernel = layer.parameter("kernel").value();
            Tensor x = Tensor.uniform(Shape.of(2, 3, 4, 2), -1, 1, new Rng(9));
            Tensor y = Tensor.uniform(Shape.of(2, 3 * stride, 4 * stride, 3), -1, 1, new Rng(10));
            Tensor convolved = org.noether.autograd.ops.Conv2D.apply(y, kernel, ConvOptions.defaults()
                    .strides(stride, stride).padding(Padding.same()).boundary(Boundary.PERIODIC));
            double left = 0;
            for (int i = 0; i < x.size(); i++) {
                left += (double) convolved.data()[i] * x.data()[i];
            }
            Tensor transposed = layer.apply(x, false);
            double right = 0;
            for (int i = 0; i < y.size(); i++) {
                right += (double) y.data()[i] * transposed.data()[i];
            }
            assertEquals(left, right, 1e-4 * (1 + Math.abs(left)), "stride " + stride);
        }
    }

    @Test
    void theSharedConvolutionOptionsStillRoundTrip() {
        List<Supplier<Layer>> layers = List.of(() -> new Conv2D(4, 3).padding(Padding.explicit(1, 0, 2, 1))
                        .boundary(Boundary.REFLECT).dilation(1, 2).groups(2),
                () -> new Conv1D(2, 3, "relu").padding(Padding.explicit(2, 2)).boundary(Boundary.PERIODIC).strides(2),
                () -> new Conv1D(3, 2).padding("same").useBias(false));
        for (Supplier<Layer> make : layers) {
            LayerChecks.assertConfigRoundTrip(make, make.get() instanceof Conv1D ? Shape.of(9, 2) : Shape.of(6, 7, 2));
        }
    }

    @Test
    void kernelIsFiltersBeforeChannelsAsInKeras() {
        Conv2DTranspose layer = new Conv2DTranspose(8, 3);
        layer.build(Shape.of(7, 7, 4), new Rng(7));
        assertEquals(List.of("kernel", "bias"), layer.parameters().stream().map(Parameter::name).toList());
        assertEquals(Shape.of(3, 3, 8, 4), layer.parameter("kernel").value().shape());
        assertEquals(Shape.of(8), layer.parameter("bias").value().shape());
        assertEquals(3 * 3 * 8 * 4 + 8, layer.parameterCount());
        assertArrayEquals(Initializers.glorotUniform().create(Shape.of(3, 3, 8, 4), new Rng(7)).data(),
                layer.parameter("kernel").value().data(), "Glorot uniform over Keras's kernel shape");
        assertNull(layer.outputPadding());
    }

    @Test
    void undoesTheSizeChangeOfAStridedConvolution() {
        for (int size : new int[] {8, 14, 28}) {
            Shape down = new Conv2D(4, 3).strides(2).padding("same").outputShape(Shape.of(size, size, 1));
            Shape up = new Conv2DTranspose(1, 3).strides(2).padding("same").outputShape(down);
            assertEquals(Shape.of(size, size, 1), up, "size " + size);
        }
        // An odd size needs output padding to choose it: 7 → 4 → 8 by default, 7 with output_padding 0.
        Shape down = new Conv2D(4, 3).strides(2).padding("same").outputShape(Shape.of(7, 7, 1));
        assertEquals(Shape.of(8, 8, 1), new Conv2DTranspose(1, 3).strides(2).padding("same").outputShape(down));
        assertEquals(Shape.of(7, 7, 1), new Conv2DTranspose(1, 3).strides(2).padding("same").outputPadding(0)
                .outputShape(down));
    }

    @Test
    void configRoundTripAndKerasKeys() {
        List<Supplier<Layer>> layers = List.of(() -> new Conv2DTranspose(4, 3),
                () -> new Conv2DTranspose(3, new int[] {3, 2}, Activations.RELU).strides(2, 1).padding("same")
                        .outputPadding(1, 0).useBias(false).kernelInitializer(Initializers.heNormal()),
                () -> new Conv2DTranspose(2, 3, "sigmoid").dilation(2).biasInitializer(new RandomNormal(0, 1)));
        for (Supplier<Layer> make : layers) {
            LayerChecks.assertConfigRoundTrip(make, Shape.of(5, 5, 3));
        }
        Map<String, Object> config = new Conv2DTranspose(4, 3).config();
        assertEquals(List.of("filters", "kernel_size", "strides", "padding", "boundary", "dilation_rate", "activation",
                "use_bias", "kernel_initializer", "bias_initializer", "output_padding"), List.copyOf(config.keySet()));
        assertNull(config.get("output_padding"));
        assertEquals(List.of(1, 1), new Conv2DTranspose(4, 3).strides(2).outputPadding(1).config().get("output_padding"));
        Conv2DTranspose fromKeras = (Conv2DTranspose) Layers.fromConfig("Conv2DTranspose", Map.of("filters", 2,
                "kernel_size", List.of(3, 3), "strides", List.of(2, 2), "padding", "same", "output_padding", 1));
        assertArrayEquals(new int[] {1, 1}, fromKeras.outputPadding());
    }

    @Test
    void summaryAndFiles() throws IOException {
        Sequential decoder = new Sequential(new Input(7, 7, 4), new Conv2DTranspose(8, 3, "relu").strides(2)
                .padding("same"), new Conv2DTranspose(1, 3, "sigmoid"));
        String summary = decoder.summary();
        LayerChecks.assertSummaryRow(summary, "conv2d_transpose (Conv2DTranspose)", "(None, 14, 14, 8)", "296");
        LayerChecks.assertSummaryRow(summary, "conv2d_transpose_1 (Conv2DTranspose)", "(None, 16, 16, 1)", "73");
        LayerChecks.assertSaveLoadIdentical(decoder, directory);
    }

    @Test
    void errorsNameTheLayerAndTheValue() {
        IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
                () -> new Conv2DTranspose(2, 3).padding("full"));
        assertTrue(full.getMessage().contains("Conv2DTranspose padding must be 'valid' or 'same'")
                && full.getMessage().contains("full"), full.getMessage());
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
                () -> new Conv2DTranspose(4, 3).groups(2));
        assertTrue(groups.getMessage().contains("groups=2"), groups.getMessage());
        IllegalArgumentException outputPadding = assertThrows(IllegalArgumentException.class,
                () -> new Conv2DTranspose(2, 3).strides(2).outputPadding(2).name("up").outputShape(Shape.of(4, 4, 1)));
        assertTrue(outputPadding.getMessage().contains("Conv2DTranspose 'up'")
                && outputPadding.getMessage().contains("[2, 2]"), outputPadding.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new Conv2DTranspose(2, 3).outputPadding(-1));
        assertTrue(negative.getMessage().contains("output_padding") && negative.getMessage().contains("-1"),
                negative.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> new Conv2DTranspose(2, 3).name("up").outputShape(Shape.of(28, 28)));
        assertTrue(rank.getMessage().contains("Conv2DTranspose 'up'") && rank.getMessage().contains("[28, 28]"),
                rank.getMessage());
        IllegalArgumentException filters = assertThrows(IllegalArgumentException.class,
                () -> new Conv2DTranspose(0, 3));
        assertTrue(filters.getMessage().contains("filters=0"), filters.getMessage());
        Conv2DTranspose built = new Conv2DTranspose(2, 3);
        built.build(Shape.of(4, 4, 1), new Rng(0));
        assertThrows(IllegalStateException.class, () -> built.outputPadding(0));
    }
}
