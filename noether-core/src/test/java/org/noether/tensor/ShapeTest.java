package org.noether.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Shape: sizes, row-major strides, negative axes, broadcasting and the errors of each. */
class ShapeTest {

    @Test
    void sizeAndRowMajorStrides() {
        Shape nhwc = Shape.of(32, 28, 28, 3);
        assertEquals(4, nhwc.rank());
        assertEquals(32 * 28 * 28 * 3, nhwc.size());
        assertArrayEquals(new int[] {28 * 28 * 3, 28 * 3, 3, 1}, nhwc.strides());
        assertArrayEquals(new int[] {1}, Shape.of(7).strides());
        assertArrayEquals(new int[] {0, 5, 1}, Shape.of(4, 0, 5).strides());
        assertEquals(0, Shape.of(4, 0, 5).size());
        assertEquals(28 * 28, nhwc.sizeOf(1, 3));
        assertEquals(1, nhwc.sizeOf(2, 2));
    }

    @Test
    void scalarShapeHasRankZeroAndOneElement() {
        assertEquals(0, Shape.scalar().rank());
        assertEquals(1, Shape.scalar().size());
        assertEquals(Shape.scalar(), Shape.of());
        assertArrayEquals(new int[0], Shape.scalar().strides());
        assertEquals("[]", Shape.scalar().toString());
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        Shape shape = Shape.of(2, 3, 5);
        assertEquals(5, shape.dim(-1));
        assertEquals(2, shape.dim(-3));
        assertEquals(1, shape.normalizeAxis(-2));
        assertEquals(2, shape.normalizeAxis(2));
    }

    @Test
    void axisOutOfRangeNamesTheAxisAndTheShape() {
        Shape shape = Shape.of(2, 3);
        Expect.thrown(IllegalArgumentException.class, () -> shape.normalizeAxis(2), "Axis 2", "[2, 3]", "rank 2");
        Expect.thrown(IllegalArgumentException.class, () -> shape.normalizeAxis(-3), "Axis -3", "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> shape.dim(5), "5", "[2, 3]");
        Expect.thrown(IllegalArgumentException.class, () -> Shape.scalar().normalizeAxis(0), "Axis 0", "[]");
    }

    @Test
    void invalidDimensionsAreRejected() {
        Expect.thrown(IllegalArgumentException.class, () -> Shape.of(2, -1), ">= 0", "[2, -1]");
        Expect.thrown(IllegalArgumentException.class, () -> Shape.of(65536, 65536), "[65536, 65536]",
                "2147483647");
        Expect.thrown(IllegalArgumentException.class, () -> Shape.scalar().dropFirst(), "scalar");
    }

    @Test
    void derivedShapes() {
        Shape shape = Shape.of(4, 5, 6);
        assertEquals(Shape.of(4, 1, 6), shape.withDim(1, 1));
        assertEquals(Shape.of(4, 5, 9), shape.withDim(-1, 9));
        assertEquals(Shape.of(8, 4, 5, 6), shape.prepend(8));
        assertEquals(Shape.of(5, 6), shape.dropFirst());
        assertEquals(Shape.scalar(), Shape.of(3).dropFirst());
        assertEquals(Shape.of(4, 5, 6), shape, "withDim must not change the original");
    }

    @Test
    void shapesAreValuesAndDefensivelyCopied() {
        int[] dims = {2, 3};
        Shape shape = Shape.of(dims);
        dims[0] = 99;
        assertEquals(Shape.of(2, 3), shape);
        shape.dims()[1] = 99;
        assertEquals(Shape.of(2, 3), shape);
        assertEquals(Shape.of(2, 3).hashCode(), shape.hashCode());
        assertNotEquals(Shape.of(3, 2), shape);
        assertNotEquals(Shape.of(2, 3, 1), shape);
        assertEquals("[2, 3]", shape.toString());
    }

    @Test
    void broadcastAlignsFromTheRight() {
        assertEquals(Shape.of(3, 4), Shape.broadcast(Shape.of(3, 1), Shape.of(4), "add"));
        assertEquals(Shape.of(2, 3, 4), Shape.broadcast(Shape.of(2, 1, 4), Shape.of(3, 1), "add"));
        assertEquals(Shape.of(5), Shape.broadcast(Shape.scalar(), Shape.of(5), "add"));
        assertEquals(Shape.of(0, 4), Shape.broadcast(Shape.of(0, 1), Shape.of(1, 4), "add"));
    }

    @Test
    void broadcastMismatchNamesBothShapesTheOpAndTheDimensions() {
        Expect.thrown(IllegalArgumentException.class,
                () -> Shape.broadcast(Shape.of(2, 3), Shape.of(3, 2), "mul"), "mul", "[2, 3]", "[3, 2]", "2 vs 3");
    }
}
