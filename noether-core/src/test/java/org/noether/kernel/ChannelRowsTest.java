package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import java.util.function.Consumer;
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
            same("addRun", n, target -> rows(target).addRun(a, offset, target.array, 17, n));
            same("multiplyAdd", n, target -> rows(target).multiplyAdd(a, offset, b, 9, target.array, 17, n));
            same("sumTaps", n, target -> rows(target).sumTaps(a, new int[] {3, -1, 141, 200}, 4, b, target.array, 17,
                    n));
            same("meanOfTaps", n, target -> rows(target).meanOfTaps(a, sources, 3, target.array, 17, n));
            same("spreadToTaps", n, target -> rows(target).spreadToTaps(a, offset, scale, target.array, sources, 4, n));
            int[] winners = new int[SIZE];
            for (int i = 0; i < SIZE; i++) {
                winners[i] = 40 + i + (random.nextBoolean() ? 0 : 1);
            }
            same("keepWhereIndexed", n, target -> rows(target).keepWhereIndexed(a, offset, winners, 9, 49, target.array,
                    17, n));
            same("keepWherePositive", n, target -> rows(target).keepWherePositive(a, offset, b, 9, target.array, 17,
                    n));
            for (boolean relu : new boolean[] {false, true}) {
                same("addBias relu=" + relu, n, target -> rows(target).addBias(a, b, 7, n, 45, 2, 2 + 4 * 45,
                        target.array, relu));
                // Rows that follow each other, as a narrow layer's block of C lies.
                same("addBias, rows together, relu=" + relu, n, target -> rows(target).addBias(a, b, 7, n, n, 2,
                        2 + 9 * n, target.array, relu));
            }
            double[] plainSums = new double[64];
            double[] inUseSums = new double[64];
            PLAIN.addColumns(a, 1, 1 + 5 * n, n, plainSums, 3);
            IN_USE.addColumns(a, 1, 1 + 5 * n, n, inUseSums, 3);
            assertArrayEquals(plainSums, inUseSums, "addColumns, length " + n);
        }
    }

    /** The output array of one side: both start from the same values. */
    private record Target(float[] array, boolean plain) {
    }

    private static ChannelRows rows(Target target) {
        return target.plain() ? PLAIN : IN_USE;
    }

    private static void same(String what, int length, Consumer<Target> operation) {
        float[] start = values(new SplittableRandom(length));
        Target plain = new Target(start.clone(), true);
        Target inUse = new Target(start.clone(), false);
        operation.accept(plain);
        operation.accept(inUse);
        assertArrayEquals(plain.array(), inUse.array(), what + ", length " + length);
    }

    private static float[] values(SplittableRandom random) {
        float[] values = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            values[i] = (float) random.nextDouble(-2, 2);
        }
        return values;
    }
}
