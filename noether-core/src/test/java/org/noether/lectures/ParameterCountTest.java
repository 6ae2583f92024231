package org.noether.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.noether.autograd.ops.AvgPool2D;
import org.noether.autograd.ops.MaxPool2D;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.ConvOptions;
import org.noether.models.Sequential;
import org.noether.nn.layers.Conv2D;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The parameter counts and shapes of the notes' networks, through the layers and
 * {@code summary()}: a convolution has {@code K·K·C_in·C_out} weights plus {@code C_out} biases,
 * whatever the image size; a dense layer {@code n_in·n_out + n_out}.
 *
 * <ul>
 * <li>seed 004, "Channels": 3 → 6 channels "will need 6 × 3 = 18 filters, each of size K × K",
 *     i.e. a kernel [K, K, 3, 6]: 18·K² weights and 6 biases, the contributions of the 3 input
 *     channels "linearly superimposed";
 * <li>seed 001: a 6×6×3 input and two 3×3×3 filters give a 4×4×2 output;
 * <li>the Keras tutorial CNN: Conv2D(32, 3×3) on 28×28×1 (320), 2×2 max pool, Conv2D(64, 3×3)
 *     (18,496), 2×2 max pool, Flatten (5·5·64 = 1600), Dense(128) (204,928), Dense(10) (1,290);
 * <li>seed 004's {@code init_net_conv_simple} (M = 28): Conv2D(7 filters, 5×5, same, relu)
 *     (5·5·7 + 7 = 182), AveragePooling2D(pool_size=4) → 7×7×7, Flatten (343), Dense(10, softmax)
 *     (3,440); and its Conv2D(20 filters, 11×11, same) on N×N×1 → N×N×20.
 * </ul>
 * No pooling layer exists yet, so the networks with pooling are built as stages: each stage a
 * Sequential with its summary, the pooling between them done by the pooling op with the shape
 * from {@code ConvOptions.pooling} (strides = pool size, as Keras's default).
 */
class ParameterCountTest {

    private static void assertRow(String summary, String name, String shape, String count) {
        Pattern row = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s+" + Pattern.quote(shape) + "\\s+"
                + Pattern.quote(count) + "\\s*$");
        assertTrue(row.matcher(summary).find(), "row " + name + " " + shape + " " + count + " in\n" + summary);
    }

    /** The geometry of a {@code size × size} pool with stride {@code size} over {@code [n, h, w, c]}. */
    private static ConvGeometry pool(Shape batchShape, int size) {
        return ConvOptions.defaults().strides(size, size).owner("pooling").pooling(batchShape.dims(), size, size);
    }

    @Test
    void threeToSixChannelsNeedEighteenFiltersOfSizeKByK() {
        for (int k : new int[] {3, 5}) {
            Sequential net = new Sequential(new Input(8, 8, 3), new Conv2D(6, k).padding("same")).build();
            Conv2D conv = (Conv2D) net.layers().get(1);
            assertEquals(Shape.of(k, k, 3, 6), conv.parameter("kernel").value().shape());
            assertEquals(Shape.of(6), conv.parameter("bias").value().shape());
            assertEquals(18 * k * k + 6, net.parameterCount());
            assertRow(net.summary(), "conv2d (Conv2D)", "(None, 8, 8, 6)", String.valueOf(18 * k * k + 6));
        }
    }

    /**
     * Output channel k is the sum over input channels c of channel c filtered by its own K×K filter
     * kernel[:, :, c, k] (18 of them), plus one bias b_k: three one-channel layers, each holding the
     * six filters of its input channel, add up to the three-channel layer.
     */
    @Test
    void inputChannelsAreLinearlySuperimposed() {
        Rng rng = new Rng(4);
        Tensor kernel = Tensor.uniform(Shape.of(3, 3, 3, 6), -1, 1, rng);
        Tensor bias = Tensor.uniform(Shape.of(6), -1, 1, rng);
        Tensor image = Tensor.uniform(Shape.of(1, 5, 5, 3), -1, 1, rng);
        Conv2D full = HandSetLayers.withWeights(new Conv2D(6, 3), Shape.of(5, 5, 3), kernel.data(), bias.data());
        float[] expected = full.apply(image, false).data();
        double[] superposed = new double[expected.length];
        for (int c = 0; c < 3; c++) {
            float[] filters = kernel.slice(2, c, c + 1).data();
            Conv2D single = HandSetLayers.withWeights(new Conv2D(6, 3).useBias(false), Shape.of(5, 5, 1), filters);
            float[] part = single.apply(image.slice(3, c, c + 1), false).data();
            for (int i = 0; i < part.length; i++) {
                superposed[i] += part[i];
            }
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(superposed[i] + bias.data()[i % 6], expected[i], 1e-5, "output " + i);
        }
    }

    @Test
    void twoFiltersOfDepthThreeOnSixBySixByThree() {
        Sequential net = new Sequential(new Input(6, 6, 3), new Conv2D(2, 3)).build();
        assertEquals(Shape.of(4, 4, 2), net.outputShape());
        assertEquals(Shape.of(3, 3, 3, 2), net.layers().get(1).parameter("kernel").value().shape());
        assertRow(net.summary(), "conv2d (Conv2D)", "(None, 4, 4, 2)", "56");
    }

    @Test
    void kerasTutorialConvNet() {
        Sequential first = new Sequential(new Input(28, 28, 1), new Conv2D(32, 3, "relu")).seed(1).build();
        assertRow(first.summary(), "conv2d (Conv2D)", "(None, 26, 26, 32)", "320");
        Sequential second = new Sequential(new Input(13, 13, 32), new Conv2D(64, 3, "relu")).seed(2).build();
        assertRow(second.summary(), "conv2d (Conv2D)", "(None, 11, 11, 64)", "18,496");
        Sequential head = new Sequential(new Input(5, 5, 64), new Flatten(), new Dense(128, "relu"),
                new Dense(10, "softmax")).seed(3).build();
        String summary = head.summary();
        assertRow(summary, "flatten (Flatten)", "(None, 1600)", "0");
        assertRow(summary, "dense (Dense)", "(None, 128)", "204,928");
        assertRow(summary, "dense_1 (Dense)", "(None, 10)", "1,290");
        assertEquals(320 + 18_496 + 204_928 + 1_290,
                first.parameterCount() + second.parameterCount() + head.parameterCount());

        Tensor x = Tensor.uniform(Shape.of(2, 28, 28, 1), 0, 1, new Rng(5));
        Tensor y = first.predict(x);
        y = MaxPool2D.apply(y, pool(y.shape(), 2));
        assertEquals(Shape.of(2, 13, 13, 32), y.shape());
        y = second.predict(y);
        y = MaxPool2D.apply(y, pool(y.shape(), 2)); // 11 → 5: the last row and column are dropped
        assertEquals(Shape.of(2, 5, 5, 64), y.shape());
        Tensor probabilities = head.predict(y);
        assertEquals(Shape.of(2, 10), probabilities.shape());
        assertEquals(1, probabilities.slice(0, 1).sum().item(), 1e-5);
    }

    @Test
    void initNetConvSimple() {
        Sequential conv = new Sequential(new Input(28, 28, 1), new Conv2D(7, 5, "relu").padding("same"))
                .seed(1).build();
        assertRow(conv.summary(), "conv2d (Conv2D)", "(None, 28, 28, 7)", "182");
        Sequential head = new Sequential(new Input(7, 7, 7), new Flatten(), new Dense(10, "softmax")).seed(2).build();
        String summary = head.summary();
        assertRow(summary, "flatten (Flatten)", "(None, 343)", "0");
        assertRow(summary, "dense (Dense)", "(None, 10)", "3,440");
        assertEquals(182 + 3_440, conv.parameterCount() + head.parameterCount());

        Tensor maps = conv.predict(Tensor.uniform(Shape.of(1, 28, 28, 1), 0, 1, new Rng(3)));
        Tensor pooled = AvgPool2D.apply(maps, pool(maps.shape(), 4));
        assertEquals(Shape.of(1, 7, 7, 7), pooled.shape());
        // Pooled (2, 5), channel 6 is the mean of the 16 conv outputs in rows 8–11, columns 20–23.
        double sum = 0;
        for (int y = 8; y < 12; y++) {
            for (int x = 20; x < 24; x++) {
                sum += maps.get(0, y, x, 6);
            }
        }
        assertEquals(sum / 16, pooled.get(0, 2, 5, 6), 1e-6);
        assertEquals(Shape.of(1, 10), head.predict(pooled).shape());
    }

    @Test
    void elevenByElevenSameKeepsTheImageSize() {
        int n = 28;
        Sequential net = new Sequential(new Input(n, n, 1), new Conv2D(20, 11, "relu").padding("same")).build();
        assertEquals(Shape.of(n, n, 20), net.outputShape());
        assertRow(net.summary(), "conv2d (Conv2D)", "(None, 28, 28, 20)", "2,440");
    }

    /**
     * Seed 004: "fully connected: N² (N = size of layer/image), convolutional: M (M = size of
     * kernel), independent of the size of the image".
     */
    @Test
    void convolutionWeightsDoNotGrowWithTheImage() {
        for (int side : new int[] {8, 64}) {
            Sequential conv = new Sequential(new Input(side, side, 1), new Conv2D(1, 3).useBias(false)).build();
            assertEquals(9, conv.parameterCount());
            int pixels = side * side;
            Sequential dense = new Sequential(new Input(pixels), new Dense(pixels).useBias(false)).build();
            assertEquals((long) pixels * pixels, dense.parameterCount());
        }
    }

    /**
     * Seed 001: sharing one filter over all positions "reduces the number of free parameters by a
     * factor of H × W"; with H = W = 10² that factor is 10⁴. The notes' "nearly 10⁶" for D = 10²
     * is not that ratio: 10⁶ is the layer's number of neurons H·W·D. Asserted: a D → D layer of 3×3
     * filters on 100×100 holds 3·3·100·100 = 90,000 weights however many of the 10⁶ neurons use them.
     */
    @Test
    void sharedWeightsAtEveryPosition() {
        Sequential net = new Sequential(new Input(100, 100, 100),
                new Conv2D(100, 3).padding("same").useBias(false)).build();
        assertEquals(90_000, net.parameterCount());
        assertEquals(1_000_000, net.outputShape().size());
    }
}
