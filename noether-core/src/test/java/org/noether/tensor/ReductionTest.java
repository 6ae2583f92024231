package org.noether.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sums, means, maxima, minima and argmax along axes, and the stability of softmax and logSoftmax. */
class ReductionTest {
    /** [[1, 5, 3], [4, 2, 6]]. */
    private static final Tensor M = Tensor.of(new float[][] {{1, 5, 3}, {4, 2, 6}});

    @Test
    void handComputedReductionsOfAMatrix() {
        Expect.values(M.sum(), new int[0], 21);
        Expect.values(M.sum(0), new int[] {3}, 5, 7, 9);
        Expect.values(M.sum(1), new int[] {2}, 9, 12);
        Expect.values(M.sum(-1), new int[] {2}, 9, 12);
        Expect.values(M.sum(true, 1), new int[] {2, 1}, 9, 12);
        Expect.values(M.sum(true, 0, 1), new int[] {1, 1}, 21);
        Expect.values(M.mean(), new int[0], 3.5f);
        Expect.values(M.mean(0), new int[] {3}, 2.5f, 3.5f, 4.5f);
        Expect.values(M.mean(true, 1), new int[] {2, 1}, 3, 4);
        Expect.values(M.max(), new int[0], 6);
        Expect.values(M.max(0, false), new int[] {3}, 4, 5, 6);
        Expect.values(M.max(1, true), new int[] {2, 1}, 5, 6);
        Expect.values(M.min(0, false), new int[] {3}, 1, 2, 3);
        Expect.values(M.min(-1, true), new int[] {2, 1}, 1, 2);
        Expect.values(M.argmax(0), new int[] {3}, 1, 0, 1);
        Expect.values(M.argmax(1), new int[] {2}, 1, 2);
    }

    @Test
    void eachAxisAndEveryAxisPairOfARank3TensorMatchesANaiveReduction() {
        int[] dims = {3, 4, 5};
        Tensor x = Tensor.uniform(Shape.of(dims), -3, 3, new Rng(17));
        int[][] axisSets = {{0}, {1}, {2}, {-1}, {0, 1}, {0, 2}, {2, 1}, {0, 1, 2}, {}};
        for (int[] axes : axisSets) {
            for (boolean keepDims : new boolean[] {false, true}) {
                String what = "axes " + Arrays.toString(axes) + " keepDims " + keepDims;
                double[][] reference = naive(x, axes);
                Tensor sum = x.sum(keepDims, axes);
                assertEquals(Shape.of(reducedDims(dims, axes, keepDims)), sum.shape(), what);
                Expect.close(reference[0], sum.data(), 1e-5, "sum " + what);
                Expect.close(reference[1], x.mean(keepDims, axes).data(), 1e-6, "mean " + what);
            }
        }
        for (int axis = -3; axis < 3; axis++) {
            int[] axes = {axis};
            double[][] reference = naive(x, axes);
            Expect.close(reference[2], x.max(axis, false).data(), 0, "max axis " + axis);
            Expect.close(reference[3], x.min(axis, true).data(), 0, "min axis " + axis);
            Expect.close(reference[4], x.argmax(axis).data(), 0, "argmax axis " + axis);
            assertEquals(Shape.of(reducedDims(dims, axes, false)), x.argmax(axis).shape());
            assertEquals(Shape.of(reducedDims(dims, axes, true)), x.min(axis, true).shape());
        }
    }

    @Test
    void argmaxAndMaxPickTheFirstOfTiesAndLetNaNWin() {
        Tensor ties = Tensor.of(new float[][] {{2, 7, 7}, {-1, -1, -1}});
        Expect.values(ties.argmax(1), new int[] {2}, 1, 0);
        Tensor withNaN = Tensor.vector(1, Float.NaN, 3);
        Expect.values(withNaN.max(), new int[0], Float.NaN);
        Expect.values(withNaN.argmax(0), new int[0], 1);
        Expect.values(withNaN.min(0, false), new int[0], Float.NaN);
        Expect.values(withNaN.sum(), new int[0], Float.NaN);
        Expect.values(Tensor.vector(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY).max(), new int[0],
                Float.NEGATIVE_INFINITY);
    }

    @Test
    void sumsAccumulateInDoublePrecision() {
        // 1 + 2²⁴ ones: a float accumulator would stop growing at 2²⁴.
        Tensor x = Tensor.ones(1 << 24);
        Expect.values(Tensor.concat(0, x, Tensor.ones(16)).sum(), new int[0], (1 << 24) + 16);
        Expect.values(Tensor.vector(1e8f, 1, -1e8f).sum(), new int[0], 1);
    }

    @Test
    void emptyAxesAndReductionErrors() {
        Expect.values(Tensor.zeros(2, 0).sum(1), new int[] {2}, 0, 0);
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).max(1, false), "axis 1", "[2, 0]",
                "empty");
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).argmax(1), "axis 1", "[2, 0]",
                "empty");
        Expect.thrown(IllegalArgumentException.class, () -> M.sum(0, -2), "axis -2", "twice", "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> M.sum(2), "Axis 2", "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> M.max(-3, false), "Axis -3", "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> M.argmax(2), "Axis 2", "[2, 3]");
    }

    @Test
    void softmaxMatchesTheDefinitionAndSumsToOne() {
        Tensor x = Tensor.uniform(Shape.of(3, 4, 5), -4, 4, new Rng(3));
        for (int axis = 0; axis < 3; axis++) {
            Tensor y = x.softmax(axis);
            Tensor log = x.logSoftmax(axis);
            double[] expected = new double[x.size()];
            double[] expectedLog = new double[x.size()];
            int n = x.dim(axis);
            int inner = x.shape().sizeOf(axis + 1, 3);
            for (int flat = 0; flat < x.size(); flat++) {
                int base = flat - (flat / inner % n) * inner;
                double total = 0;
                for (int k = 0; k < n; k++) {
                    total += Math.exp(x.data()[base + k * inner]);
                }
                expected[flat] = Math.exp(x.data()[flat]) / total;
                expectedLog[flat] = x.data()[flat] - Math.log(total);
            }
            Expect.close(expected, y.data(), 1e-7, "softmax axis " + axis);
            Expect.close(expectedLog, log.data(), 2e-6, "logSoftmax axis " + axis);
            Expect.close(new double[x.size() / n], y.sum(axis).sub(1).data(), 1e-6, "softmax sums, axis " + axis);
        }
    }

    @Test
    void softmaxIsStableForLargeInputs() {
        Tensor x = Tensor.of(new float[][] {{1000, 1000, -1000}, {-1000, -1000, -999}, {1000, 0, -1000}});
        double e = Math.E;
        Expect.close(new double[] {0.5, 0.5, 0, 1 / (2 + e), 1 / (2 + e), e / (2 + e), 1, 0, 0}, x.softmax(1).data(),
                1e-7, "softmax of ±1000");
        double ln2 = Math.log(2);
        double rest = Math.log1p(2 / e);
        Tensor log = x.logSoftmax(-1);
        Expect.close(new double[] {-ln2, -ln2, -2000 - ln2, -1 - rest, -1 - rest, -rest, 0, -1000, -2000},
                log.data(), 1e-4, "logSoftmax of ±1000");
        for (float v : log.data()) {
            assertTrue(Float.isFinite(v), "logSoftmax stays finite: " + log);
        }
        Tensor column = x.softmax(0);
        for (float v : column.data()) {
            assertFalse(Float.isNaN(v), "softmax along axis 0 has no NaN: " + column);
        }
        Expect.close(new double[] {0.5, 0, 0.5}, column.slice(1, 0, 1).reshape(3).data(), 1e-7,
                "softmax along the first axis");
    }

    private static int[] reducedDims(int[] dims, int[] axes, boolean keepDims) {
        boolean[] reduced = reducedMask(dims.length, axes);
        int[] out = new int[dims.length];
        int count = 0;
        for (int i = 0; i < dims.length; i++) {
            if (!reduced[i]) {
                out[count++] = dims[i];
            } else if (keepDims) {
                out[count++] = 1;
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static boolean[] reducedMask(int rank, int[] axes) {
        boolean[] reduced = new boolean[rank];
        for (int axis : axes) {
            reduced[axis < 0 ? axis + rank : axis] = true;
        }
        return reduced;
    }

    /**
     * Sum, mean, max, min and argmax (the first maximum's position along the single reduced axis)
     * over {@code axes}, by visiting every element and adding it into its output cell.
     */
    private static double[][] naive(Tensor x, int[] axes) {
        int[] dims = x.shape().dims();
        boolean[] reduced = reducedMask(dims.length, axes);
        int outSize = 1;
        int count = 1;
        for (int i = 0; i < dims.length; i++) {
            if (reduced[i]) {
                count *= dims[i];
            } else {
                outSize *= dims[i];
            }
        }
        double[] sum = new double[outSize];
        double[] max = new double[outSize];
        double[] min = new double[outSize];
        double[] argmax = new double[outSize];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        int[] index = new int[dims.length];
        for (int flat = 0; flat < x.size(); flat++) {
            int remainder = flat;
            for (int axis = dims.length - 1; axis >= 0; axis--) {
                index[axis] = remainder % dims[axis];
                remainder /= dims[axis];
            }
            int out = 0;
            int position = 0;
            for (int axis = 0; axis < dims.length; axis++) {
                if (reduced[axis]) {
                    position = position * dims[axis] + index[axis];
                } else {
                    out = out * dims[axis] + index[axis];
                }
            }
            double value = x.data()[flat];
            sum[out] += value;
            if (value > max[out]) {
                max[out] = value;
                argmax[out] = position;
            }
            min[out] = Math.min(min[out], value);
        }
        double[] mean = new double[outSize];
        for (int i = 0; i < outSize; i++) {
            mean[i] = sum[i] / count;
        }
        return new double[][] {sum, mean, max, min, argmax};
    }
}
