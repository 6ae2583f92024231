package org.noether.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.noether.nn.activations.Activations;
import org.noether.nn.layers.Conv2D;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The notes' definition of a convolution layer, term by term against a Conv2D layer with 2 input
 * channels (seed 000's two sublattices, N_c = 2) and 2 filters:
 * {@code a_{y,x,k} = f(Σ_{m,n,l} a_{y+m−1, x+n−1, l}·K_{m,n,l,k} + b_k)} (seed 003, indices from 1;
 * seed 000 writes the same sum with {@code a_{x+m, y+n, c}·W_{mn}}). With indices from 0 the
 * input pixel is {@code (y+m, x+n)}; with stride S and padding P before the input it is
 * {@code (y·S + m − P, x·S + n − P)}, zero outside. No flip of the kernel: what deep learning calls
 * a convolution is a cross-correlation.
 */
class ConvolutionFormulaTest {
    private static final int CHANNELS = 2;
    private static final int FILTERS = 2;

    /** The sum of the notes in double, one term per (m, n, l); {@code relu} switches f. */
    private static double[] definition(Tensor a, Tensor kernel, Tensor bias, int[] stride, int[] padBefore,
                                       int outHeight, int outWidth, boolean relu) {
        int batch = a.dim(0);
        int height = a.dim(1);
        int width = a.dim(2);
        int kernelHeight = kernel.dim(0);
        int kernelWidth = kernel.dim(1);
        double[] out = new double[batch * outHeight * outWidth * FILTERS];
        int index = 0;
        for (int image = 0; image < batch; image++) {
            for (int y = 0; y < outHeight; y++) {
                for (int x = 0; x < outWidth; x++) {
                    for (int k = 0; k < FILTERS; k++) {
                        double sum = bias.get(k);
                        for (int m = 1; m <= kernelHeight; m++) {
                            for (int n = 1; n <= kernelWidth; n++) {
                                int row = y * stride[0] + m - 1 - padBefore[0];
                                int column = x * stride[1] + n - 1 - padBefore[1];
                                if (row < 0 || row >= height || column < 0 || column >= width) {
                                    continue;
                                }
                                for (int l = 0; l < CHANNELS; l++) {
                                    sum += (double) a.get(image, row, column, l) * kernel.get(m - 1, n - 1, l, k);
                                }
                            }
                        }
                        out[index++] = relu ? Math.max(0, sum) : sum;
                    }
                }
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "number of outputs");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "output " + i);
        }
    }

    @Test
    void validStrideOneWithRelu() {
        Rng rng = new Rng(11);
        Tensor a = Tensor.uniform(Shape.of(2, 5, 4, CHANNELS), -1, 1, rng);
        Tensor kernel = Tensor.uniform(Shape.of(3, 3, CHANNELS, FILTERS), -1, 1, rng);
        Tensor bias = Tensor.of(new float[] {-0.4f, 0.3f}, FILTERS);
        Conv2D layer = HandSetLayers.withWeights(new Conv2D(FILTERS, 3, "relu"), Shape.of(5, 4, CHANNELS),
                kernel.data(), bias.data());
        float[] out = layer.apply(a, false).data();
        double[] expected = definition(a, kernel, bias, new int[] {1, 1}, new int[] {0, 0}, 3, 2, true);
        assertClose(expected, out);
        long zeros = Arrays.stream(expected).filter(v -> v == 0).count();
        assertTrue(zeros > 0 && zeros < expected.length, "the case should exercise both sides of the ReLU");
    }

    /**
     * A 2×3 kernel, stride 2, "same" on a 5×7 image: 3×4 outputs. Keras pads
     * {@code (out−1)·S + F − W} in total, the odd one after: height (3−1)·2 + 2 − 5 = 1 → (0, 1),
     * width (4−1)·2 + 3 − 7 = 2 → (1, 1).
     */
    @Test
    void stridedSameWithARectangularKernel() {
        Rng rng = new Rng(12);
        Tensor a = Tensor.uniform(Shape.of(2, 5, 7, CHANNELS), -1, 1, rng);
        Tensor kernel = Tensor.uniform(Shape.of(2, 3, CHANNELS, FILTERS), -1, 1, rng);
        Tensor bias = Tensor.of(new float[] {0.25f, -0.5f}, FILTERS);
        Conv2D layer = new Conv2D(FILTERS, new int[] {2, 3}, Activations.LINEAR).strides(2).padding("same");
        HandSetLayers.withWeights(layer, Shape.of(5, 7, CHANNELS), kernel.data(), bias.data());
        Tensor out = layer.apply(a, false);
        assertEquals(Shape.of(2, 3, 4, FILTERS), out.shape());
        assertClose(definition(a, kernel, bias, new int[] {2, 2}, new int[] {0, 1}, 3, 4, false), out.data());
    }
}
