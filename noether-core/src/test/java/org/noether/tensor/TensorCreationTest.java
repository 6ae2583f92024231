package org.noether.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Tensor factories, seeded random tensors, element access and the printed form. */
class TensorCreationTest {

    @Test
    void constantFactories() {
        Expect.values(Tensor.zeros(2, 3), new int[] {2, 3}, 0, 0, 0, 0, 0, 0);
        Expect.values(Tensor.ones(Shape.of(3)), new int[] {3}, 1, 1, 1);
        Expect.values(Tensor.full(Shape.of(2, 1), -2.5), new int[] {2, 1}, -2.5f, -2.5f);
        Expect.values(Tensor.scalar(7), new int[0], 7);
        Expect.values(Tensor.zeros(4, 0), new int[] {4, 0});
        assertEquals(0, Tensor.scalar(7).rank());
    }

    @Test
    void fromArraysCopiesTheValues() {
        float[] values = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(values, 2, 3);
        values[0] = 100;
        Expect.values(t, new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        Expect.values(Tensor.of(new float[] {1, 2}), new int[] {2}, 1, 2);
        Expect.values(Tensor.vector(3, 4), new int[] {2}, 3, 4);
        float[][] rows = {{1, 2, 3}, {4, 5, 6}};
        Tensor m = Tensor.of(rows);
        rows[1][0] = 100;
        Expect.values(m, new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        Expect.values(Tensor.of(new float[0][]), new int[] {0, 0});
    }

    @Test
    void wrapSharesTheArray() {
        float[] values = {1, 2};
        Tensor t = Tensor.wrap(values, Shape.of(2));
        values[1] = 5;
        assertEquals(5f, t.get(1));
        assertSame(values, t.data());
    }

    @Test
    void valuesThatDoNotFitTheShapeAreRejected() {
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3), "5", "[2, 3]", "6");
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.of(new float[][] {{1, 2}, {3}}),
                "Row 1", "1 values", "expected 2");
    }

    @Test
    void linspaceIncludesBothEnds() {
        Expect.values(Tensor.linspace(0, 1, 5), new int[] {5}, 0, 0.25f, 0.5f, 0.75f, 1);
        Expect.values(Tensor.linspace(2, -2, 3), new int[] {3}, 2, 0, -2);
        Expect.values(Tensor.linspace(3, 9, 1), new int[] {1}, 3);
        Expect.values(Tensor.linspace(3, 9, 0), new int[] {0});
        // The end is exact even where start + step·i accumulates rounding.
        assertEquals(0.7f, Tensor.linspace(0.1, 0.7, 7).get(6));
    }

    @Test
    void arangeCounts() {
        Expect.values(Tensor.arange(4), new int[] {4}, 0, 1, 2, 3);
        Expect.values(Tensor.arange(0), new int[] {0});
    }

    @Test
    void negativeCountsAreRejectedByName() {
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.linspace(0, 1, -1), "count", "-1");
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.arange(-3), "count", "-3");
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.zeros(2, -3), "[2, -3]");
    }

    @Test
    void uniformIsReproducibleAndInRangeWithTheRightMoments() {
        Shape shape = Shape.of(400, 500);
        Tensor a = Tensor.uniform(shape, -2, 3, new Rng(42));
        Tensor b = Tensor.uniform(shape, -2, 3, new Rng(42));
        Tensor c = Tensor.uniform(shape, -2, 3, new Rng(43));
        assertArrayEquals(a.data(), b.data(), "same seed, same values");
        assertFalse(Arrays.equals(a.data(), c.data()), "another seed, other values");
        double[] moments = moments(a.data());
        for (float v : a.data()) {
            assertTrue(v >= -2 && v < 3, "value " + v + " outside [-2, 3)");
        }
        assertEquals(0.5, moments[0], 0.02, "mean of U(-2, 3)");
        assertEquals(25.0 / 12, moments[1], 0.03, "variance of U(-2, 3)");
        assertEquals(-2, min(a.data()), 1e-3, "the low end is reached");
        assertEquals(3, max(a.data()), 1e-3, "the high end is approached");
    }

    @Test
    void normalIsReproducibleWithTheRightMoments() {
        Shape shape = Shape.of(200_000);
        Tensor a = Tensor.normal(shape, 1.5, 2, new Rng(7));
        assertArrayEquals(a.data(), Tensor.normal(shape, 1.5, 2, new Rng(7)).data());
        double[] moments = moments(a.data());
        assertEquals(1.5, moments[0], 0.03, "mean");
        assertEquals(2, Math.sqrt(moments[1]), 0.02, "standard deviation");
        assertEquals(0, moments[2], 0.05, "skewness");
        assertEquals(3, moments[3], 0.08, "kurtosis");
        int withinOneSigma = 0;
        for (float v : a.data()) {
            withinOneSigma += Math.abs(v - 1.5) < 2 ? 1 : 0;
        }
        assertEquals(0.6827, withinOneSigma / 200_000.0, 0.006, "fraction within one standard deviation");
    }

    @Test
    void rngStreamsAreReproducibleAndSplitsIndependent() {
        Rng parent = new Rng(5);
        Rng child = parent.split();
        Rng again = new Rng(5);
        Rng childAgain = again.split();
        assertEquals(parent.nextLong(), again.nextLong());
        assertEquals(child.nextLong(), childAgain.nextLong());
        assertFalse(new Rng(5).nextLong() == new Rng(5).split().nextLong());
        float truncated = Float.NaN;
        Rng rng = new Rng(3);
        for (int i = 0; i < 10_000; i++) {
            truncated = rng.truncatedNormal(0, 0.5);
            assertTrue(Math.abs(truncated) <= 1.0, "truncated normal " + truncated + " beyond two deviations");
        }
        int[] order = new Rng(9).permutation(50);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
        Expect.thrown(IllegalArgumentException.class, () -> new Rng(1).nextInt(0), "bound", "0");
    }

    @Test
    void accessors() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(6f, t.get(1, 2));
        assertEquals(2f, t.get(0, 1));
        assertEquals(3, t.dim(-1));
        assertEquals(2, t.rank());
        assertEquals(6, t.size());
        assertEquals(4.5f, Tensor.of(new float[] {4.5f}, 1, 1).item());
        assertEquals(4.5f, Tensor.scalar(4.5).item());
        assertEquals(4.5f, Tensor.scalar(4.5).get());
        float[] copy = t.toArray();
        copy[0] = 100;
        assertEquals(1f, t.get(0, 0), "toArray is a copy");
        assertNotSame(t.data(), copy);
    }

    @Test
    void accessorErrorsNameTheIndexAndTheShape() {
        Tensor t = Tensor.zeros(2, 3);
        Expect.thrown(IllegalArgumentException.class, () -> t.get(1), "[1]", "2 coordinates", "[2, 3]");
        Expect.thrown(IndexOutOfBoundsException.class, () -> t.get(2, 0), "[2, 0]", "[2, 3]");
        Expect.thrown(IndexOutOfBoundsException.class, () -> t.get(0, -1), "[0, -1]", "[2, 3]");
        Expect.thrown(IllegalStateException.class, t::item, "one element", "[2, 3]");
        Expect.thrown(IllegalStateException.class, () -> Tensor.zeros(0).item(), "[0]");
    }

    @Test
    void toStringShowsShapeAndNestedValues() {
        assertEquals("tensor([2, 2], [[1, 2], [3, 4]])", Tensor.of(new float[][] {{1, 2}, {3, 4}}).toString());
        assertEquals("tensor([], -3)", Tensor.scalar(-3).toString());
        assertEquals("tensor([3], [0.5, -1.25, 1.0E-8])", Tensor.vector(0.5f, -1.25f, 1e-8f).toString());
        assertEquals("tensor([2], [NaN, Infinity])", Tensor.vector(Float.NaN, Float.POSITIVE_INFINITY).toString());
        assertEquals("tensor([0], [])", Tensor.zeros(0).toString());
        assertEquals("tensor([2, 1, 2], [[[0, 1]], [[2, 3]]])", Tensor.arange(4).reshape(2, 1, 2).toString());
    }

    @Test
    void toStringElidesTheMiddleOfLargeTensors() {
        assertEquals("tensor([2000], [0, 1, 2, ..., 1997, 1998, 1999])", Tensor.arange(2000).toString());
        String matrix = Tensor.arange(1100).reshape(100, 11).toString();
        assertTrue(matrix.startsWith("tensor([100, 11], [[0, 1, 2, ..., 8, 9, 10], [11, 12, 13, ..., 19, 20, 21], "
                + "[22, 23, 24, ..., 30, 31, 32], ..., [1067, "), matrix);
        assertTrue(matrix.endsWith("[1089, 1090, 1091, ..., 1097, 1098, 1099]])"), matrix);
        // Up to 1000 elements everything is printed.
        assertFalse(Tensor.arange(1000).toString().contains("..."));
    }

    @Test
    void toStringMarksGradientTracking() {
        Tensor leaf = Tensor.vector(1, 2).requiresGrad(true);
        assertEquals("tensor([2], [1, 2], requiresGrad)", leaf.toString());
        assertTrue(leaf.tanh().toString().endsWith(", gradFn=Tanh)"), leaf.tanh().toString());
    }

    /** Mean, variance, skewness and kurtosis, in double. */
    private static double[] moments(float[] values) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (float v : values) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= values.length;
        m3 /= values.length;
        m4 /= values.length;
        return new double[] {mean, m2, m3 / Math.pow(m2, 1.5), m4 / (m2 * m2)};
    }

    private static double min(float[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static double max(float[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
