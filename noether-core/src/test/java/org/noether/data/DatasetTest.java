package org.noether.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

class DatasetTest {

    /** Sample {@code i} has x row {@code [i, 100 + i]} and label {@code i}, so pairing can be checked. */
    static Dataset numbered(int n) {
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 100 + i;
            y[i] = i;
        }
        return new Dataset(Tensor.of(x, n, 2), Tensor.of(y, n));
    }

    /** The sample ids of a numbered dataset, checking that each x row still belongs to its label. */
    static int[] ids(Dataset data) {
        int[] ids = new int[data.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) data.y().get(i);
            assertEquals(ids[i], data.x().get(i, 0), "x row " + i + " belongs to label " + ids[i]);
            assertEquals(100 + ids[i], data.x().get(i, 1));
        }
        return ids;
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    @Test
    void sampleCountsMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(Tensor.zeros(5, 3), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("x of shape [5, 3] and y of shape [4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.scalar(1), Tensor.scalar(1)));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(null, Tensor.zeros(1)));
    }

    @Test
    void takeAndSliceKeepPairs() {
        Dataset data = numbered(6);
        assertEquals(6, data.size());
        assertArrayEquals(new int[] {4, 1, 1}, ids(data.take(new int[] {4, 1, 1})));
        assertArrayEquals(new int[] {2, 3, 4}, ids(data.slice(2, 5)));
        assertEquals(0, data.slice(3, 3).size());
        String message = assertThrows(IllegalArgumentException.class, () -> data.slice(4, 7)).getMessage();
        assertTrue(message.contains("from=4, to=7"), message);
    }

    @Test
    void shuffleIsAPermutationThatKeepsPairsAndFollowsTheSeed() {
        Dataset data = numbered(50);
        int[] first = ids(data.shuffle(new Rng(7)));
        int[] again = ids(data.shuffle(new Rng(7)));
        int[] other = ids(data.shuffle(new Rng(8)));
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
        assertFalse(Arrays.equals(first, range(0, 50)));
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        assertArrayEquals(range(0, 50), sorted);
    }

    @Test
    void splitKeepsOrderAndPutsTheLastFractionSecond() {
        Dataset.Pair parts = numbered(10).split(0.7);
        assertArrayEquals(range(0, 7), ids(parts.first()));
        assertArrayEquals(range(7, 10), ids(parts.second()));
        // 0.29 · 100 is 28.999999999999996 in binary: the meant count is 29.
        assertEquals(29, numbered(100).split(0.29).first().size());
        assertEquals(0, numbered(3).split(0).first().size());
        assertEquals(3, numbered(3).split(1).first().size());
        assertEquals(2, numbered(5).split(0.5).first().size());
        String message = assertThrows(IllegalArgumentException.class, () -> numbered(3).split(1.5)).getMessage();
        assertTrue(message.contains("firstFraction must be in [0, 1]. Received: 1.5"), message);
        assertThrows(IllegalArgumentException.class, () -> numbered(3).split(Double.NaN));
    }

    @Test
    void validationSplitFollowsKerasArithmetic() {
        // Keras: split_at = floor(n · (1 − validation_split)); validation is data[split_at:].
        for (int n : new int[] {10, 50000, 60000, 7, 101}) {
            for (double v : new double[] {0.1, 0.2, 0.25, 0.3, 0.33}) {
                int splitAt = (int) Math.floor(n * (1.0 - v));
                if (splitAt == 0 || splitAt == n) {
                    continue;
                }
                Dataset.Pair parts = numbered(n).validationSplit(v);
                assertEquals(splitAt, parts.first().size(), n + " " + v);
                assertEquals(n - splitAt, parts.second().size());
                assertEquals(splitAt, (int) parts.second().y().get(0));
            }
        }
        assertEquals(45000, numbered(50000).validationSplit(0.1).first().size());
        String message = assertThrows(IllegalArgumentException.class,
                () -> numbered(1).validationSplit(0.1)).getMessage();
        assertTrue(message.contains("contains 1 samples") && message.contains("Received: validationFraction=0.1"),
                message);
        assertThrows(IllegalArgumentException.class, () -> numbered(3).validationSplit(0));
    }

    @Test
    void randomSplitIsDisjointCompleteAndReproducible() {
        Dataset data = numbered(101);
        Dataset.Pair parts = data.randomSplit(0.8, new Rng(3));
        int[] first = ids(parts.first());
        int[] second = ids(parts.second());
        assertEquals(80, first.length);
        assertEquals(21, second.length);
        Set<Integer> seen = new HashSet<>();
        for (int id : first) {
            assertTrue(seen.add(id), "repeated " + id);
        }
        for (int id : second) {
            assertTrue(seen.add(id), "in both parts: " + id);
        }
        assertEquals(101, seen.size());
        assertArrayEquals(first, ids(data.randomSplit(0.8, new Rng(3)).first()));
        assertFalse(Arrays.equals(first, ids(data.randomSplit(0.8, new Rng(4)).first())));
    }

    @Test
    void worksForImagesAndOneHotTargets() {
        Dataset images = new Dataset(Tensor.zeros(Shape.of(4, 28, 28, 1)), Tensor.zeros(4, 10));
        Dataset.Pair parts = images.split(0.5);
        assertEquals(Shape.of(2, 28, 28, 1), parts.second().x().shape());
        assertEquals(Shape.of(2, 10), parts.second().y().shape());
        assertEquals("Dataset[x=[4, 28, 28, 1], y=[4, 10]]", images.toString());
    }
}
