package org.noether.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.Test;

/** Reshape, transpose, permute, slice, pad, take and concat: values worked out by hand, and errors. */
class TensorLayoutTest {
    /** [[0, 1, 2], [3, 4, 5]]. */
    private static final Tensor M = Tensor.arange(6).reshape(2, 3);
    /** x[i, j, k] = 100i + 10j + k, shape [2, 3, 4]: every value spells its own index. */
    private static final Tensor CUBE = indexed(2, 3, 4);

    private static Tensor indexed(int a, int b, int c) {
        float[] values = new float[a * b * c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int k = 0; k < c; k++) {
                    values[(i * b + j) * c + k] = 100 * i + 10 * j + k;
                }
            }
        }
        return Tensor.of(values, a, b, c);
    }

    @Test
    void reshapeKeepsRowMajorOrderAndInfersOneDimension() {
        Expect.values(M.reshape(3, 2), new int[] {3, 2}, 0, 1, 2, 3, 4, 5);
        assertEquals(Shape.of(3, 2), M.reshape(-1, 2).shape());
        assertEquals(Shape.of(6), M.reshape(-1).shape());
        assertEquals(Shape.of(1, 6, 1), M.reshape(1, -1, 1).shape());
        assertEquals(Shape.of(0, 5), Tensor.zeros(0, 5).reshape(-1, 5).shape());
        assertEquals(Shape.of(2, 12), CUBE.flatten().shape());
        assertEquals(Shape.scalar(), Tensor.vector(3).reshape().shape());
    }

    @Test
    void reshapeErrorsNameBothShapes() {
        Expect.thrown(IllegalArgumentException.class, () -> M.reshape(4, 2), "[2, 3]", "6", "[4, 2]", "8");
        Expect.thrown(IllegalArgumentException.class, () -> M.reshape(4, -1), "[2, 3]", "[4, -1]");
        Expect.thrown(IllegalArgumentException.class, () -> M.reshape(-1, -1), "[-1, -1]", "only one");
        Expect.thrown(IllegalArgumentException.class, () -> M.reshape(0, -1), "[2, 3]", "[0, -1]");
        Expect.thrown(IllegalArgumentException.class, () -> M.reshape(Shape.of(5)), "[2, 3]", "[5]");
    }

    @Test
    void transposeSwapsTheLastTwoAxes() {
        Expect.values(M.transpose(), new int[] {3, 2}, 0, 3, 1, 4, 2, 5);
        Tensor t = CUBE.transpose();
        assertEquals(Shape.of(2, 4, 3), t.shape());
        assertEquals(123f, t.get(1, 3, 2));
        assertEquals(12f, t.get(0, 2, 1));
        Tensor outer = CUBE.transpose(0, -1);
        assertEquals(Shape.of(4, 3, 2), outer.shape());
        assertEquals(121f, outer.get(1, 2, 1));
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.vector(1, 2).transpose(), "2 axes", "[2]");
        Expect.thrown(IllegalArgumentException.class, () -> M.transpose(0, 2), "Axis 2", "[2, 3]");
    }

    @Test
    void permuteMovesEveryAxis() {
        Tensor p = CUBE.permute(2, 0, 1);
        assertEquals(Shape.of(4, 2, 3), p.shape());
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(100 * i + 10 * j + k, p.get(k, i, j), "p[" + k + ", " + i + ", " + j + "]");
                }
            }
        }
        Expect.values(CUBE.permute(-1, 0, 1), new int[] {4, 2, 3}, p.toArray());
        Expect.values(CUBE.permute(0, 1, 2), new int[] {2, 3, 4}, CUBE.toArray());
        Expect.values(Tensor.scalar(5).permute(), new int[0], 5);
    }

    @Test
    void permuteErrorsNameThePermutation() {
        Expect.thrown(IllegalArgumentException.class, () -> CUBE.permute(0, 1), "[0, 1]", "3 axes", "[2, 3, 4]");
        Expect.thrown(IllegalArgumentException.class, () -> CUBE.permute(0, 2, 2), "[0, 2, 2]", "twice");
        Expect.thrown(IllegalArgumentException.class, () -> CUBE.permute(0, 1, 3), "Axis 3", "[2, 3, 4]");
    }

    @Test
    void sliceCopiesARange() {
        Expect.values(M.slice(1, 1, 3), new int[] {2, 2}, 1, 2, 4, 5);
        Expect.values(M.slice(1, 2), new int[] {1, 3}, 3, 4, 5);
        Expect.values(CUBE.slice(-1, 3, 4), new int[] {2, 3, 1}, 3, 13, 23, 103, 113, 123);
        Expect.values(CUBE.slice(1, 2, 2), new int[] {2, 0, 4});
        Tensor whole = M.slice(0, 0, 2);
        Expect.values(whole, new int[] {2, 3}, 0, 1, 2, 3, 4, 5);
        assertNotSame(M.data(), whole.data(), "a slice is a copy");
    }

    @Test
    void sliceErrorsNameTheRangeTheAxisAndTheShape() {
        Expect.thrown(IllegalArgumentException.class, () -> M.slice(1, 2, 4), "[2, 4)", "axis 1", "length 3",
                "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> M.slice(0, -1, 1), "[-1, 1)", "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> M.slice(0, 2, 1), "[2, 1)", "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> M.slice(2, 0, 1), "Axis 2", "[2, 3]");
    }

    @Test
    void padAddsZerosOnEitherSide() {
        Expect.values(M.pad(1, 1, 2), new int[] {2, 6}, 0, 0, 1, 2, 0, 0, 0, 3, 4, 5, 0, 0);
        Expect.values(M.pad(0, 0, 1), new int[] {3, 3}, 0, 1, 2, 3, 4, 5, 0, 0, 0);
        Expect.values(M.pad(-1, 0, 0), new int[] {2, 3}, M.toArray());
        Expect.thrown(IllegalArgumentException.class, () -> M.pad(0, -1, 0), "before=-1");
        Expect.thrown(IllegalArgumentException.class, () -> M.pad(3, 1, 1), "Axis 3", "[2, 3]");
    }

    @Test
    void takeGathersFirstAxisEntriesInOrderWithRepeats() {
        Expect.values(M.take(new int[] {1, 0, 1}), new int[] {3, 3}, 3, 4, 5, 0, 1, 2, 3, 4, 5);
        Expect.values(M.take(new int[0]), new int[] {0, 3});
        Tensor rows = CUBE.take(new int[] {1});
        assertEquals(Shape.of(1, 3, 4), rows.shape());
        assertEquals(123f, rows.get(0, 2, 3));
        Expect.thrown(IndexOutOfBoundsException.class, () -> M.take(new int[] {0, 2}), "index 2", "position 1",
                "[2, 3]");
        Expect.thrown(IndexOutOfBoundsException.class, () -> M.take(new int[] {-1}), "index -1", "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.scalar(1).take(new int[] {0}), "scalar");
    }

    @Test
    void concatJoinsAlongAnAxis() {
        Tensor other = Tensor.of(new float[] {6, 7, 8, 9}, 2, 2);
        Expect.values(Tensor.concat(1, M, other), new int[] {2, 5}, 0, 1, 2, 6, 7, 3, 4, 5, 8, 9);
        Expect.values(Tensor.concat(0, M, M.slice(0, 0, 1)), new int[] {3, 3}, 0, 1, 2, 3, 4, 5, 0, 1, 2);
        Expect.values(Tensor.concat(-1, Tensor.vector(1), Tensor.zeros(0), Tensor.vector(2, 3)),
                new int[] {3}, 1, 2, 3);
        Tensor parts = Tensor.concat(1, CUBE.slice(1, 0, 1), CUBE.slice(1, 1, 3));
        Expect.values(parts, new int[] {2, 3, 4}, CUBE.toArray());
    }

    @Test
    void concatErrorsNameThePartsShapesAndTheAxis() {
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.concat(0, M, Tensor.zeros(2, 2)),
                "axis 0", "part 1", "[2, 2]", "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.concat(1, M, Tensor.zeros(2)),
                "part 1", "[2]", "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.concat(2, M, M), "Axis 2", "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.concat(0), "at least one");
    }
}
