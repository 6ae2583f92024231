package org.noether.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.function.Executable;

/**
 * Assertions shared by the foundation tests: an exception of a given type whose message names
 * given words, and tensors compared with an expected shape and values.
 *
 * <pre>{@code Expect.thrown(IllegalArgumentException.class, () -> a.add(b), "[2, 3]", "[3, 2]", "add");}</pre>
 */
public final class Expect {
    private Expect() {
    }

    /** Runs {@code action}, which must throw {@code type} with a message containing every word. */
    public static <T extends Throwable> T thrown(Class<T> type, Executable action, String... words) {
        T error = assertThrows(type, action);
        String message = error.getMessage();
        for (String word : words) {
            assertTrue(message != null && message.contains(word),
                    () -> "the message \"" + message + "\" should name \"" + word + "\"");
        }
        return error;
    }

    /** The tensor has exactly this shape and these values (bit for bit, NaN equal to NaN). */
    public static void values(Tensor actual, int[] shape, float... expected) {
        assertNotNull(actual, "expected a tensor of shape " + Shape.of(shape) + ", got null");
        assertEquals(Shape.of(shape), actual.shape(), "shape");
        assertArrayEquals(expected, actual.toArray(), "values of " + actual);
    }

    /** Every value within {@code tolerance} of the expected double. */
    public static void close(double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i] + " ± " + tolerance);
            }
        }
    }
}
