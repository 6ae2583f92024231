package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The row loops in use (the Vector API ones where the module is present) give bit-identical
 * results to the plain loops, for every row length from 1 to past two vectors and at offsets that
 * are not multiples of a vector: whole vectors, masked tails and plain tails all agree. Where the
 * module is absent both sides are the plain loops and the test checks nothing new; the plain loops
 * are checked against their definitions through the convolution and pooling tests.
 */
class ChannelRowsTest {
    private static final ChannelRows IN_USE = ChannelRows.best();
    private static final ChannelRows PLAIN = ChannelRows.PLAIN;
    private static final int SIZE = 512;

    @Test
    void vectorRowsMatchThePlainLoopsBitForBit() {
        SplittableRandom random = new SplittableRandom(3);
        for (int length = 1; length <= 40; length++) {
            int n = length;
            int[] sources = {3, 70, 141, 200};
            int offset = 5;
            float[] a = values(random);
            float[] b = values(random);
            float scale = 1f / 3;
            same("addRun", n, (rows, out) -> rows.addRun(a, offset, out, 17, n));
            same("multiplyAdd", n, (rows, out) -> rows.multiplyAdd(a, offset, b, 9, out, 17, n));
            same("sumTaps", n, (rows, out) -> rows.sumTaps(a, new int[] {3, -1, 141, 200}, 4, b, out, 17,
                    n));
            same("meanOfTaps", n, (rows, out) -> rows.meanOfTaps(a, sources, 3, out, 17, n));
            same("spreadToTaps", n, (rows, out) -> rows.spreadToTaps(a, offset, scale, out, sources, 4, n));
            int[] winners = new int[SIZE];
            for (int i = 0; i < SIZE; i++) {
                winners[i] = 40 + i + (random.nextBoolean() ? 0 : 1);
            }
            same("keepWhereIndexed", n, (rows, out) -> rows.keepWhereIndexed(a, offset, winners, 9, 49, out,
                    17, n));
            same("keepWherePositive", n, (rows, out) -> rows.keepWherePositive(a, offset, b, 9, out, 17,
                    n));
            for (boolean relu : new boolean[] {false, true}) {
                same("addBias relu=" + relu, n, (rows, out) -> rows.addBias(a, b, 7, n, 45, 2, 2 + 4 * 45,
                        out, relu));
                // Rows that follow each other, as a narrow layer's block of C lies.
                same("addBias, rows together, relu=" + relu, n, (rows, out) -> rows.addBias(a, b, 7, n, n, 2,
                        2 + 9 * n, out, relu));
            }
            double[] plainSums = new double[64];
            double[] inUseSums = new double[64];
            PLAIN.addColumns(a, 1, 1 + 5 * n, n, plainSums, 3);
            IN_USE.addColumns(a, 1, 1 + 5 * n, n, inUseSums, 3);
            assertArrayEquals(plainSums, inUseSums, "addColumns, length " + n);
        }
    }

    /** Runs {@code operation} with the plain loops and with the ones in use, on equal copies of one output. */
    private static void same(String what, int length, BiConsumer<ChannelRows, float[]> operation) {
        float[] plain = values(new SplittableRandom(length));
        float[] inUse = plain.clone();
        operation.accept(PLAIN, plain);
        operation.accept(IN_USE, inUse);
        assertArrayEquals(plain, inUse, what + ", length " + length);
    }

    private static float[] values(SplittableRandom random) {
        float[] values = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            values[i] = (float) random.nextDouble(-2, 2);
        }
        return values;
    }
}
