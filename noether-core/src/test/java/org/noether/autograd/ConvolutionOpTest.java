package org.noether.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.noether.autograd.ops.AvgPool2D;
import org.noether.autograd.ops.Conv2D;
import org.noether.autograd.ops.Conv2DInputGrad;
import org.noether.autograd.ops.MaxPool2D;
import org.noether.kernel.Boundary;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.ConvOptions;
import org.noether.kernel.Padding;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;

/**
 * Convolution and pooling ops against a naive reference written here (seven nested loops in
 * double, borders by index arithmetic), for every option; their gradients by finite differences,
 * to second order for the convolution; and the adjoint identity that makes the transposed
 * convolution the input gradient: {@code ⟨conv(x, w), y⟩ = ⟨x, convᵀ(y, w)⟩}.
 */
class ConvolutionOpTest {

    record Case(String name, int[] input, int[] kernel, ConvOptions options) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> convolutions() {
        ConvOptions base = ConvOptions.defaults();
        return Stream.of(
                new Case("valid 3x3", new int[] {2, 5, 6, 3}, new int[] {3, 3, 3, 4}, base),
                new Case("same 3x3", new int[] {2, 5, 5, 2}, new int[] {3, 3, 2, 3}, base.padding(Padding.same())),
                new Case("same 4x2 even kernel", new int[] {1, 6, 5, 2}, new int[] {4, 2, 2, 2},
                        base.padding(Padding.same())),
                new Case("full 2x3", new int[] {1, 4, 4, 1}, new int[] {2, 3, 1, 2}, base.padding(Padding.full())),
                new Case("explicit asymmetric", new int[] {1, 5, 4, 2}, new int[] {3, 3, 2, 2},
                        base.padding(Padding.explicit(0, 2, 1, 1))),
                new Case("stride 2 same", new int[] {2, 7, 8, 2}, new int[] {3, 3, 2, 3},
                        base.strides(2, 2).padding(Padding.same())),
                new Case("stride (2,1) valid", new int[] {1, 7, 5, 1}, new int[] {3, 3, 1, 2}, base.strides(2, 1)),
                new Case("dilation 2", new int[] {1, 7, 7, 2}, new int[] {3, 3, 2, 2}, base.dilation(2, 2)),
                new Case("dilation same", new int[] {1, 6, 6, 1}, new int[] {3, 3, 1, 2},
                        base.dilation(2, 1).padding(Padding.same())),
                new Case("groups 2", new int[] {2, 5, 5, 4}, new int[] {3, 3, 2, 6}, base.groups(2)),
                new Case("depthwise", new int[] {1, 5, 5, 3}, new int[] {3, 3, 1, 3},
                        base.groups(3).padding(Padding.same())),
                new Case("periodic same", new int[] {2, 5, 4, 2}, new int[] {3, 3, 2, 2},
                        base.padding(Padding.same()).boundary(Boundary.PERIODIC)),
                new Case("periodic wider than input", new int[] {1, 3, 3, 1}, new int[] {5, 5, 1, 1},
                        base.padding(Padding.same()).boundary(Boundary.PERIODIC)),
                new Case("reflect same", new int[] {1, 5, 6, 2}, new int[] {3, 3, 2, 2},
                        base.padding(Padding.same()).boundary(Boundary.REFLECT)),
                new Case("edge same stride 2", new int[] {1, 6, 5, 2}, new int[] {3, 3, 2, 2},
                        base.padding(Padding.same()).strides(2, 2).boundary(Boundary.EDGE)),
                new Case("1x1", new int[] {2, 3, 4, 5}, new int[] {1, 1, 5, 3}, base))
                .map(Arguments::of);
    }

    private static Tensor random(int[] shape, long seed) {
        return Tensor.uniform(org.noether.tensor.Shape.of(shape), -1, 1, new Rng(seed));
    }

    /** The definition, term by term, in double. */
    static double[] reference(Tensor x, Tensor w, ConvGeometry g) {
        double[] out = new double[g.outputSize()];
        int groupIn = g.groupInputChannels();
        int groupOut = g.groupOutputChannels();
        for (int n = 0; n < g.batch(); n++) {
            for (int oy = 0; oy < g.outputHeight(); oy++) {
                for (int ox = 0; ox < g.outputWidth(); ox++) {
                    for (int k = 0; k < g.outputChannels(); k++) {
                        int group = k / groupOut;
                        double sum = 0;
                        for (int ky = 0; ky < g.kernelHeight(); ky++) {
                            for (int kx = 0; kx < g.kernelWidth(); kx++) {
                                int iy = readIndex(oy * g.strideHeight() + ky * g.dilationHeight() - g.padTop(),
                                        g.inputHeight(), g.boundary());
                                int ix = readIndex(ox * g.strideWidth() + kx * g.dilationWidth() - g.padLeft(),
                                        g.inputWidth(), g.boundary());
                                if (iy < 0 || ix < 0) {
                                    continue;
                                }
                                for (int c = 0; c < groupIn; c++) {
                                    sum += (double) x.get(n, iy, ix, group * groupIn + c) * w.get(ky, kx, c, k);
                                }
                            }
                        }
                        out[((n * g.outputHeight() + oy) * g.outputWidth() + ox) * g.outputChannels() + k] = sum;
                    }
                }
            }
        }
        return out;
    }

    /** Borders written out independently of {@link Boundary#map}. */
    private static int readIndex(int index, int size, Boundary boundary) {
        if (index >= 0 && index < size) {
            return index;
        }
        switch (boundary) {
            case ZEROS:
                return -1;
            case PERIODIC:
                return ((index % size) + size) % size;
            case EDGE:
                return Math.max(0, Math.min(size - 1, index));
            default:
                int reflected = index;
                while (reflected < 0 || reflected >= size) {
                    reflected = reflected < 0 ? -reflected : 2 * (size - 1) - reflected;
                }
                return reflected;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutions")
    void forwardMatchesTheDefinition(Case c) {
        Tensor x = random(c.input(), 1);
        Tensor w = random(c.kernel(), 2);
        ConvGeometry g = c.options().convolution(c.input(), c.kernel());
        float[] actual = Conv2D.apply(x, w, c.options()).data();
        double[] expected = reference(x, w, g);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * (1 + Math.abs(expected[i])), c + " element " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutions")
    void gradientsMatchFiniteDifferences(Case c) {
        GradCheck.check(c.name(), t -> Conv2D.apply(t[0], t[1], c.options()), random(c.input(), 3),
                random(c.kernel(), 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutions")
    void secondDerivativesMatchFiniteDifferences(Case c) {
        // conv(x, w)² makes the second derivative depend on both inputs.
        GradCheck.checkSecondOrder(c.name(), t -> Conv2D.apply(t[0], t[1], c.options()).square(),
                random(c.input(), 5), random(c.kernel(), 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutions")
    void transposedConvolutionIsTheAdjoint(Case c) {
        Tensor x = random(c.input(), 7);
        Tensor w = random(c.kernel(), 8);
        ConvGeometry g = c.options().convolution(c.input(), c.kernel());
        Tensor y = random(new int[] {g.batch(), g.outputHeight(), g.outputWidth(), g.outputChannels()}, 9);
        double left = dot(Conv2D.apply(x, w, c.options()), y);
        double right = dot(x, Conv2DInputGrad.apply(y, w, g));
        assertEquals(left, right, 1e-4 * (1 + Math.abs(left)), c.name());
    }

    private static double dot(Tensor a, Tensor b) {
        double total = 0;
        for (int i = 0; i < a.size(); i++) {
            total += (double) a.data()[i] * b.data()[i];
        }
        return total;
    }

    static Stream<Arguments> poolings() {
        ConvOptions base = ConvOptions.defaults();
        return Stream.of(
                Arguments.of("2x2", new int[] {2, 4, 6, 3}, 2, 2, base.strides(2, 2)),
                Arguments.of("odd size rounds down", new int[] {1, 5, 5, 2}, 2, 2, base.strides(2, 2)),
                Arguments.of("2x2 same, odd size", new int[] {2, 5, 7, 3}, 2, 2,
                        base.strides(2, 2).padding(Padding.same())),
                Arguments.of("3x3 stride 1 same", new int[] {1, 4, 5, 2}, 3, 3, base.padding(Padding.same())),
                Arguments.of("3x3 stride 2 same", new int[] {2, 5, 5, 1}, 3, 3,
                        base.strides(2, 2).padding(Padding.same())),
                Arguments.of("periodic same", new int[] {1, 4, 4, 2}, 3, 3,
                        base.padding(Padding.same()).boundary(Boundary.PERIODIC)),
                Arguments.of("4x4 average pooling of the notes", new int[] {1, 8, 8, 1}, 4, 4, base.strides(4, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poolings")
    void poolingMatchesTheDefinitionAndGradients(String name, int[] input, int pool, int poolWidth, ConvOptions options) {
        // Distinct values so that no finite-difference step changes which element wins a window.
        float[] values = new float[input[0] * input[1] * input[2] * input[3]];
        int[] order = new Rng(11).permutation(values.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = order[i] * 0.05f - 1;
        }
        Tensor x = Tensor.of(values, input);
        ConvGeometry g = options.pooling(input, pool, poolWidth);
        Tensor max = MaxPool2D.apply(x, g);
        Tensor average = AvgPool2D.apply(x, g);
        for (int n = 0; n < g.batch(); n++) {
            for (int oy = 0; oy < g.outputHeight(); oy++) {
                for (int ox = 0; ox < g.outputWidth(); ox++) {
                    for (int c = 0; c < g.inputChannels(); c++) {
                        double best = Double.NEGATIVE_INFINITY;
                        double sum = 0;
                        int count = 0;
                        for (int ky = 0; ky < pool; ky++) {
                            for (int kx = 0; kx < poolWidth; kx++) {
                                int iy = readIndex(oy * g.strideHeight() + ky - g.padTop(), g.inputHeight(), g.boundary());
                                int ix = readIndex(ox * g.strideWidth() + kx - g.padLeft(), g.inputWidth(), g.boundary());
                                if (iy < 0 || ix < 0) {
                                    continue;
                                }
                                double value = x.get(n, iy, ix, c);
                                best = Math.max(best, value);
                                sum += value;
                                count++;
                            }
                        }
                        assertEquals(best, max.get(n, oy, ox, c), 1e-6, name + " max");
                        assertEquals(sum / count, average.get(n, oy, ox, c), 1e-5, name + " average");
                    }
                }
            }
        }
        GradCheck.check(name + " max", t -> MaxPool2D.apply(t[0], g), x);
        GradCheck.check(name + " average", t -> AvgPool2D.apply(t[0], g), x);
        GradCheck.checkSecondOrder(name + " average squared", t -> AvgPool2D.apply(t[0], g).square(), x);
        GradCheck.checkSecondOrder(name + " max squared", t -> MaxPool2D.apply(t[0], g).square(), x);
    }

    @org.junit.jupiter.api.Test
    void aNonIntegerOutputSizeNamesTheLayerAndTheHyperparameters() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConvOptions.defaults().strides(2, 2).owner("Conv2D 'conv2d'")
                        .convolution(new int[] {1, 28, 28, 1}, new int[] {3, 3, 1, 4}));
        String message = error.getMessage();
        assertTrue(message.startsWith("Conv2D 'conv2d'"), message);
        assertTrue(message.contains("W=28") && message.contains("F=3") && message.contains("2P=0")
                && message.contains("S=2") && message.contains("13.5"), message);
    }
}
