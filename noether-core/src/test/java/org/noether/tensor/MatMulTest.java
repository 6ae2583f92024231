package org.noether.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Tensor matmul against a naive triple loop in double: every transpose combination, batched
 * operands, broadcast batch shapes, and the errors for shapes that do not align.
 */
class MatMulTest {

    @Test
    void handComputedProduct() {
        Tensor a = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(new float[][] {{5, 6, 7}, {8, 9, 10}});
        Expect.values(a.matmul(b), new int[] {2, 3}, 21, 24, 27, 47, 54, 61);
        Expect.values(a.matmul(a, true, false), new int[] {2, 2}, 10, 14, 14, 20);
        Expect.values(a.matmul(a, false, true), new int[] {2, 2}, 5, 11, 11, 25);
        Expect.values(a.matmul(a, true, true), new int[] {2, 2}, 7, 15, 10, 22);
    }

    @Test
    void allTransposeCombinationsMatchTheReference() {
        int m = 7;
        int k = 13;
        int n = 5;
        Rng rng = new Rng(1);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                Tensor a = Tensor.uniform(transA ? Shape.of(k, m) : Shape.of(m, k), -1, 1, rng);
                Tensor b = Tensor.uniform(transB ? Shape.of(n, k) : Shape.of(k, n), -1, 1, rng);
                compare(a, b, transA, transB, new int[] {m, n});
            }
        }
    }

    @Test
    void batchedAndBroadcastBatchShapes() {
        Rng rng = new Rng(2);
        int[][][] cases = {
            // a, b, expected result
            {{4, 3, 5}, {4, 5, 2}, {4, 3, 2}},
            {{4, 3, 5}, {5, 2}, {4, 3, 2}},
            {{3, 5}, {4, 5, 2}, {4, 3, 2}},
            {{2, 1, 3, 5}, {4, 5, 2}, {2, 4, 3, 2}},
            {{1, 3, 5}, {4, 1, 5, 2}, {4, 1, 3, 2}},
            {{2, 3, 3, 5}, {3, 5, 2}, {2, 3, 3, 2}},
            {{0, 3, 5}, {5, 2}, {0, 3, 2}},
            {{2, 3, 0}, {2, 0, 4}, {2, 3, 4}},
        };
        for (int[][] c : cases) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    Tensor a = Tensor.uniform(Shape.of(transposed(c[0], transA)), -1, 1, rng);
                    Tensor b = Tensor.uniform(Shape.of(transposed(c[1], transB)), -1, 1, rng);
                    compare(a, b, transA, transB, c[2]);
                }
            }
        }
    }

    @Test
    void innerDimensionMismatchNamesBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 5);
        Expect.thrown(IllegalArgumentException.class, () -> a.matmul(b), "matmul", "[2, 3]", "[4, 5]", "3", "4");
        Expect.thrown(IllegalArgumentException.class, () -> a.matmul(a), "[2, 3]", "3 and 2");
        Expect.thrown(IllegalArgumentException.class, () -> a.matmul(b, true, false), "[2, 3]ᵀ", "[4, 5]");
        Expect.thrown(IllegalArgumentException.class, () -> a.matmul(Tensor.zeros(3)), "2 axes", "[2, 3]", "[3]");
    }

    @Test
    void batchMismatchNamesBothFullShapes() {
        Tensor a = Tensor.zeros(2, 3, 4);
        Tensor b = Tensor.zeros(3, 4, 5);
        Expect.thrown(IllegalArgumentException.class, () -> a.matmul(b), "matmul", "[2, 3, 4]", "[3, 4, 5]");
    }

    private static int[] transposed(int[] dims, boolean transpose) {
        int[] out = dims.clone();
        if (transpose) {
            out[dims.length - 2] = dims[dims.length - 1];
            out[dims.length - 1] = dims[dims.length - 2];
        }
        return out;
    }

    /** Checks {@code op(a)·op(b)} element by element against the reference, with the float error bound. */
    private static void compare(Tensor a, Tensor b, boolean transA, boolean transB, int[] expectedDims) {
        String what = "matmul " + a.shape() + (transA ? "ᵀ" : "") + " · " + b.shape() + (transB ? "ᵀ" : "");
        Tensor c = a.matmul(b, transA, transB);
        assertEquals(Shape.of(expectedDims), c.shape(), what);
        int rank = expectedDims.length;
        int m = expectedDims[rank - 2];
        int n = expectedDims[rank - 1];
        int k = transA ? a.dim(-2) : a.dim(-1);
        int[] batch = Arrays.copyOf(expectedDims, rank - 2);
        int batchCount = Shape.of(batch).size();
        double[] expected = new double[c.size()];
        double tolerance = 0;
        for (int bi = 0; bi < batchCount; bi++) {
            int aOffset = batchOffset(a.shape(), batch, bi);
            int bOffset = batchOffset(b.shape(), batch, bi);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    double magnitude = 0;
                    for (int p = 0; p < k; p++) {
                        double x = a.data()[aOffset + (transA ? p * m + i : i * k + p)];
                        double y = b.data()[bOffset + (transB ? j * k + p : p * n + j)];
                        sum += x * y;
                        magnitude += Math.abs(x * y);
                    }
                    expected[(bi * m + i) * n + j] = sum;
                    tolerance = Math.max(tolerance, 2 * k * 0x1p-24 * magnitude);
                }
            }
        }
        Expect.close(expected, c.data(), tolerance + 1e-30, what);
    }

    /** Offset of batch entry {@code flat} (of the broadcast batch shape) within an operand. */
    private static int batchOffset(Shape operand, int[] batch, int flat) {
        int rank = operand.rank();
        int matrix = operand.dim(-2) * operand.dim(-1);
        int[] own = Arrays.copyOf(operand.dims(), rank - 2);
        int offset = 0;
        int remainder = flat;
        int stride = matrix;
        for (int axis = batch.length - 1; axis >= 0; axis--) {
            int index = remainder % batch[axis];
            remainder /= batch[axis];
            int ownAxis = axis - (batch.length - own.length);
            if (ownAxis >= 0) {
                offset += (own[ownAxis] == 1 ? 0 : index) * stride;
                stride *= own[ownAxis];
            }
        }
        return offset;
    }
}
