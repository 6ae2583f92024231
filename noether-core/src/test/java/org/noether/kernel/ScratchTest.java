package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A step's arrays are handed out once per step and again in the next step, cleared where asked;
 * outside a scope, and after it closes, arrays are new; scopes nest.
 */
class ScratchTest {
    @Test
    void arraysOfOneStepServeTheNextAndNeverTwiceInAStep() {
        Scratch scratch = new Scratch();
        float[] first;
        float[] second;
        try (Scratch.Scope step = scratch.enter()) {
            first = Scratch.floats(100);
            second = Scratch.floats(100);
            assertNotSame(first, second);
            Arrays.fill(first, 7f);
        }
        try (Scratch.Scope step = scratch.enter()) {
            float[] again = Scratch.floats(100);
            float[] andAgain = Scratch.floats(100);
            assertTrue(again == first || again == second, "the previous step's arrays are reused");
            assertNotSame(again, andAgain);
            Arrays.fill(again, 3f);
            Arrays.fill(andAgain, 3f);
            float[] zeros = Scratch.zeros(100);
            assertArrayEquals(new float[100], zeros, "a fresh array when the free ones are used up");
        }
        try (Scratch.Scope step = scratch.enter()) {
            assertArrayEquals(new float[100], Scratch.zeros(100), "a reused array is cleared");
        }
    }

    @Test
    void outsideAScopeArraysAreNewAndScopesNest() {
        float[] outside = Scratch.floats(10);
        assertNotSame(outside, Scratch.floats(10));
        Scratch outer = new Scratch();
        Scratch inner = new Scratch();
        try (Scratch.Scope a = outer.enter()) {
            int[] fromOuter = Scratch.ints(5);
            try (Scratch.Scope b = inner.enter()) {
                Scratch.ints(5);
            }
            try (Scratch.Scope again = outer.enter()) {
                assertSame(fromOuter, Scratch.ints(5), "after the inner scope, the outer one serves again");
            }
        }
        assertNotSame(Scratch.floats(10), Scratch.floats(10));
    }
}
