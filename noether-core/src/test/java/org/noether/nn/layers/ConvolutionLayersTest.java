package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.noether.kernel.Boundary;
import org.noether.kernel.Padding;
import org.noether.models.Sequential;
import org.noether.nn.Layer;
import org.noether.nn.initializers.RandomNormal;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.LayerGradCheck;

/**
 * The Conv1D and Conv2D layers: shape rules for every option, gradients of input, kernel and bias
 * for every option (bias on and off, activations, strides, dilation, groups, padding modes,
 * borders), config round trips, saving, and the errors that name the layer.
 */
class ConvolutionLayersTest {

    /** A non-trivial bias, so that its gradient check means something. */
    private static <L extends ConvolutionLayer<L>> L withBias(L layer) {
        return layer.biasInitializer(new RandomNormal(0, 0.3));
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("Conv2D valid", (Supplier<Layer>) () -> withBias(new Conv2D(3, 3)), Shape.of(5, 6, 2),
                        Shape.of(3, 4, 3)),
                Arguments.of("Conv2D same tanh", (Supplier<Layer>) () -> withBias(new Conv2D(2, 3, "tanh")
                        .padding("same")), Shape.of(4, 5, 2), Shape.of(4, 5, 2)),
                Arguments.of("Conv2D no bias", (Supplier<Layer>) () -> new Conv2D(2, 3).useBias(false),
                        Shape.of(4, 4, 1), Shape.of(2, 2, 2)),
                Arguments.of("Conv2D stride 2 same", (Supplier<Layer>) () -> withBias(new Conv2D(2, 3).strides(2)
                        .padding("same")), Shape.of(5, 6, 2), Shape.of(3, 3, 2)),
                Arguments.of("Conv2D rectangular kernel, stride (2, 1)", (Supplier<Layer>) () -> withBias(
                        new Conv2D(2, new int[] {3, 2}, null).strides(2, 1)), Shape.of(7, 4, 1), Shape.of(3, 3, 2)),
                Arguments.of("Conv2D dilation 2", (Supplier<Layer>) () -> withBias(new Conv2D(2, 3).dilation(2)),
                        Shape.of(6, 6, 1), Shape.of(2, 2, 2)),
                Arguments.of("Conv2D groups 2", (Supplier<Layer>) () -> withBias(new Conv2D(4, 3).groups(2)),
                        Shape.of(4, 4, 4), Shape.of(2, 2, 4)),
                Arguments.of("Conv2D depthwise (groups = channels = filters)", (Supplier<Layer>) () -> withBias(
                        new Conv2D(3, 3).groups(3)), Shape.of(5, 5, 3), Shape.of(3, 3, 3)),
                Arguments.of("Conv2D depthwise, stride 2 same, periodic, tanh", (Supplier<Layer>) () -> withBias(
                        new Conv2D(4, 3, "tanh").strides(2).padding("same").boundary(Boundary.PERIODIC).groups(4)),
                        Shape.of(5, 6, 4), Shape.of(3, 3, 4)),
                Arguments.of("Conv2D full padding", (Supplier<Layer>) () -> withBias(new Conv2D(1, 2).padding("full")),
                        Shape.of(3, 3, 1), Shape.of(4, 4, 1)),
                Arguments.of("Conv2D explicit padding, periodic", (Supplier<Layer>) () -> withBias(new Conv2D(2, 3)
                        .padding(Padding.explicit(1, 1, 2, 0)).boundary(Boundary.PERIODIC)), Shape.of(4, 4, 1),
                        Shape.of(4, 4, 2)),
                Arguments.of("Conv2D reflect border", (Supplier<Layer>) () -> withBias(new Conv2D(2, 3).padding("same")
                        .boundary(Boundary.REFLECT)), Shape.of(4, 5, 1), Shape.of(4, 5, 2)),
                Arguments.of("Conv1D same", (Supplier<Layer>) () -> withBias(new Conv1D(2, 3).padding("same")),
                        Shape.of(6, 2), Shape.of(6, 2)),
                Arguments.of("Conv1D stride 2 dilation 2 sigmoid", (Supplier<Layer>) () -> withBias(
                        new Conv1D(3, 2, "sigmoid").strides(2).dilation(2)), Shape.of(7, 1), Shape.of(3, 3)),
                Arguments.of("Conv1D explicit periodic", (Supplier<Layer>) () -> withBias(new Conv1D(1, 3)
                        .padding(Padding.explicit(2, 0)).boundary(Boundary.PERIODIC)), Shape.of(5, 1), Shape.of(5, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void shapeRuleGradientsAndConfig(String name, Supplier<Layer> make, Shape input, Shape output) {
        Layer layer = make.get();
        assertEquals(output, layer.outputShape(input), name);
        layer.build(input, new Rng(1));
        Tensor x = Tensor.uniform(input.prepend(2), -1, 1, new Rng(2));
        assertEquals(output.prepend(2), layer.apply(x, false).shape(), name);
        LayerGradCheck.check(layer, x);
        LayerChecks.assertConfigRoundTrip(make, input);
    }

    @Test
    void everyOptionSurvivesSavingAndLoading(@TempDir Path directory) throws IOException {
        Sequential model = new Sequential(new Input(8, 8, 2),
                new Conv2D(4, 3, "relu").padding("same").boundary(Boundary.PERIODIC).groups(2),
                new Conv2D(3, new int[] {2, 3}, null).strides(2, 1).dilation(1, 2).useBias(false),
                new Reshape(-1, 3),
                new Conv1D(2, 2, "tanh").padding(Padding.explicit(1, 0)));
        LayerChecks.assertSaveLoadIdentical(model, directory);
    }

    @Test
    void biasIsAddedPerFilterAndActivationFollows() {
        Conv2D layer = new Conv2D(2, 1, "relu").kernelInitializer(new org.noether.nn.initializers.Constant(1))
                .biasInitializer(new org.noether.nn.initializers.Constant(-0.5));
        layer.build(Shape.of(1, 2, 1), new Rng(1));
        Tensor y = layer.apply(Tensor.of(new float[] {0.2f, 2f}, 1, 1, 2, 1), false);
        assertEquals(0f, y.get(0, 0, 0, 0), 0f);
        assertEquals(1.5f, y.get(0, 0, 1, 1), 1e-6f);
    }

    @Test
    void errorsNameTheLayerAndWhatWasReceived() {
        Conv2D conv = new Conv2D(4, 3).strides(2).name("conv2d_7");
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> conv.outputShape(Shape.of(28, 28, 1)));
        assertTrue(size.getMessage().contains("Conv2D 'conv2d_7'") && size.getMessage().contains("W=28")
                && size.getMessage().contains("S=2"), size.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(4, 3).outputShape(Shape.of(28, 28)));
        assertTrue(rank.getMessage().contains("[height, width, channels]") && rank.getMessage().contains("[28, 28]"),
                rank.getMessage());
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(4, 3).groups(2).outputShape(Shape.of(5, 5, 3)));
        assertTrue(groups.getMessage().contains("groups=2"), groups.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3).strides(0));
        assertThrows(IllegalArgumentException.class, () -> new Conv1D(2, 3).padding(Padding.explicit(1, 1, 2, 2))
                .outputShape(Shape.of(5, 1)));
        Conv2D built = new Conv2D(2, 3);
        built.build(Shape.of(5, 5, 1), new Rng(1));
        assertThrows(IllegalStateException.class, () -> built.strides(2));
    }
}
