package org.noether.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.noether.tensor.Rng;

class SplitsTest {

    @Test
    void holdOutReproducesTheLectureNumbers() {
        // The lectures' MNIST: 50000 training images -> 45000 train + 5000 validation; 10000 test.
        Dataset test = DatasetTest.numbered(10000);
        Splits splits = Splits.holdOut(new TrainTest(DatasetTest.numbered(50000), test), 0.1);
        assertEquals(45000, splits.train().size());
        assertEquals(5000, splits.validation().size());
        assertSame(test, splits.test());
        assertEquals(45000, (int) splits.validation().y().get(0));
        assertEquals(49999, (int) splits.validation().y().get(4999));
    }

    @Test
    void orderedBlocksFollowEachOther() {
        Splits splits = Splits.ordered(DatasetTest.numbered(10), 0.6, 0.3);
        assertArrayEquals(IntStream.range(0, 6).toArray(), DatasetTest.ids(splits.train()));
        assertArrayEquals(IntStream.range(6, 9).toArray(), DatasetTest.ids(splits.validation()));
        assertArrayEquals(new int[] {9}, DatasetTest.ids(splits.test()));
    }

    @Test
    void randomBlocksAreDisjointCompleteAndReproducible() {
        Dataset all = DatasetTest.numbered(1000);
        Splits splits = Splits.random(all, 0.7, 0.15, new Rng(11));
        assertEquals(700, splits.train().size());
        assertEquals(150, splits.validation().size());
        assertEquals(150, splits.test().size());
        Set<Integer> seen = new HashSet<>();
        for (Dataset part : new Dataset[] {splits.train(), splits.validation(), splits.test()}) {
            for (int id : DatasetTest.ids(part)) {
                assertTrue(seen.add(id), "sample " + id + " appears twice");
            }
        }
        assertEquals(1000, seen.size());
        Splits again = Splits.random(all, 0.7, 0.15, new Rng(11));
        assertArrayEquals(DatasetTest.ids(splits.validation()), DatasetTest.ids(again.validation()));
        Splits other = Splits.random(all, 0.7, 0.15, new Rng(12));
        assertTrue(!Arrays.equals(DatasetTest.ids(splits.test()), DatasetTest.ids(other.test())));
    }

    @Test
    void fractionsMustFit() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> Splits.ordered(DatasetTest.numbered(10), 0.8, 0.3)).getMessage();
        assertTrue(message.contains("at most 1") && message.contains("0.8 + 0.3"), message);
        String negative = assertThrows(IllegalArgumentException.class,
                () -> Splits.ordered(DatasetTest.numbered(10), -0.1, 0.3)).getMessage();
        assertTrue(negative.contains("trainFraction must be in [0, 1]. Received: -0.1"), negative);
    }
}
