package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java micro-kernel (any tile shape) gives bit-identical products to the kernels in use —
 * the Vector API ones where the module is present, the wide one and the narrow one (which
 * {@link Gemm} takes for products up to one vector wide, but which is checked here on every size)
 * — since every element is the same fused sum in the same order. With {@link GemmTest} checking
 * the kernels in use against a reference, this covers the fallback path without a second JVM.
 */
class MicroKernelTest {

    @Test
    void scalarKernelsMatchTheKernelsInUseBitForBit() {
        for (MicroKernel inUse : new MicroKernel[] {MicroKernel.best(), MicroKernel.narrow()}) {
            if (inUse != null) {
                assertScalarKernelsMatch(inUse);
            }
        }
    }

    private static void assertScalarKernelsMatch(MicroKernel inUse) {
        SplittableRandom random = new SplittableRandom(5);
        MicroKernel[] scalars = {new ScalarMicroKernel(6, 16), new ScalarMicroKernel(4, 8), new ScalarMicroKernel(1, 3)};
        for (int[] size : GemmTest.SIZES) {
            int m = size[0];
            int n = size[1];
            int k = size[2];
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    float[] a = fill(random, m * k);
                    float[] b = fill(random, k * n);
                    float[] c = fill(random, m * n);
                    float[] expected = c.clone();
                    Gemm.sgemm(inUse, transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, 1f,
                            expected, 0, n, null);
                    for (MicroKernel scalar : scalars) {
                        float[] actual = c.clone();
                        Gemm.sgemm(scalar, transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, 1f,
                                actual, 0, n, null);
                        assertArrayEquals(expected, actual, scalar.name() + " vs " + inUse.name() + " for m=" + m
                                + " n=" + n + " k=" + k + " transA=" + transA + " transB=" + transB);
                    }
                }
            }
        }
    }

    private static float[] fill(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}
