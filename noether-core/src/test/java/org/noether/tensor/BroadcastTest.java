package org.noether.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NumPy broadcasting of every binary tensor op, from a table of shape pairs: the result shape, the
 * values against a naive index computation, and the error (naming both shapes and the op) where
 * the shapes do not broadcast.
 */
class BroadcastTest {

    /** One binary op: its name as errors print it, the tensor method and the float it computes. */
    record Op(String name, BinaryOperator<Tensor> tensor, FloatOp scalar) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface FloatOp {
        float apply(float x, float y);
    }

    static final List<Op> OPS = List.of(
            new Op("add", Tensor::add, (x, y) -> x + y),
            new Op("sub", Tensor::sub, (x, y) -> x - y),
            new Op("mul", Tensor::mul, (x, y) -> x * y),
            new Op("div", Tensor::div, (x, y) -> x / y),
            new Op("pow", Tensor::pow, (x, y) -> (float) Math.pow(x, y)),
            new Op("maximum", Tensor::maximum, (x, y) -> x >= y ? x : y),
            new Op("minimum", Tensor::minimum, (x, y) -> x <= y ? x : y),
            new Op("gt", Tensor::gt, (x, y) -> x > y ? 1 : 0),
            new Op("lt", Tensor::lt, (x, y) -> x < y ? 1 : 0),
            new Op("ge", Tensor::ge, (x, y) -> x >= y ? 1 : 0),
            new Op("le", Tensor::le, (x, y) -> x <= y ? 1 : 0),
            new Op("eq", Tensor::eq, (x, y) -> x == y ? 1 : 0));

    /** Pairs of shapes that broadcast, with the result shape. */
    static final int[][][] COMPATIBLE = {
        {{3, 1}, {4}, {3, 4}},
        {{2, 3}, {2, 3}, {2, 3}},
        {{}, {2, 3}, {2, 3}},
        {{2, 3}, {}, {2, 3}},
        {{1}, {5}, {5}},
        {{2, 1, 4}, {3, 1}, {2, 3, 4}},
        {{5, 1, 1}, {1, 6, 1}, {5, 6, 1}},
        {{1, 3, 1}, {2, 1, 4}, {2, 3, 4}},
        {{4}, {2, 3, 4}, {2, 3, 4}},
        {{2, 1}, {1, 1, 3}, {1, 2, 3}},
        {{1, 1}, {1}, {1, 1}},
        {{0, 3}, {1, 3}, {0, 3}},
        {{0}, {1}, {0}},
        {{2, 1, 3, 1}, {4, 1, 5}, {2, 4, 3, 5}},
    };

    /** Pairs of shapes that do not broadcast. */
    static final int[][][] INCOMPATIBLE = {
        {{2, 3}, {3, 2}},
        {{3}, {4}},
        {{2, 1}, {8, 4, 3}},
        {{0}, {2}},
        {{2, 3, 4}, {3, 3}},
    };

    static Stream<Arguments> compatibleCases() {
        return OPS.stream().flatMap(op -> Stream.of(COMPATIBLE).map(pair -> Arguments.of(op, pair)));
    }

    static Stream<Arguments> incompatibleCases() {
        return OPS.stream().flatMap(op -> Stream.of(INCOMPATIBLE).map(pair -> Arguments.of(op, pair)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compatibleCases")
    void resultShapeAndValuesMatchANaiveIndexComputation(Op op, int[][] pair) {
        Rng rng = new Rng(pair[0].length * 31L + pair[1].length);
        Tensor a = draw(pair[0], rng);
        Tensor b = draw(pair[1], rng);
        Tensor result = op.tensor().apply(a, b);
        assertEquals(Shape.of(pair[2]), result.shape(), op + " of " + a.shape() + " and " + b.shape());
        assertArrayEquals(naive(op.scalar(), a, b, pair[2]), result.toArray(),
                op + " of " + a.shape() + " and " + b.shape());
        // Broadcasting is symmetric in the shapes.
        assertEquals(Shape.of(pair[2]), op.tensor().apply(b, a).shape());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompatibleCases")
    void mismatchNamesBothShapesAndTheOp(Op op, int[][] pair) {
        Tensor a = Tensor.ones(pair[0]);
        Tensor b = Tensor.ones(pair[1]);
        Expect.thrown(IllegalArgumentException.class, () -> op.tensor().apply(a, b),
                op.name(), a.shape().toString(), b.shape().toString());
    }

    @Test
    void whereBroadcastsMaskAndBothBranches() {
        Tensor mask = Tensor.of(new float[] {1, 0, 1}, 3, 1);
        Tensor a = Tensor.vector(10, 20);
        Tensor b = Tensor.scalar(-1);
        Expect.values(a.where(mask, b), new int[] {3, 2}, 10, 20, -1, -1, 10, 20);
        Expect.thrown(IllegalArgumentException.class, () -> a.where(Tensor.ones(3), b), "where", "[3]", "[2]");
        Expect.thrown(IllegalArgumentException.class, () -> a.where(mask, Tensor.ones(4)), "where", "[2]", "[4]");
    }

    @Test
    void constantOperandsBroadcastAsScalars() {
        Tensor m = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Expect.values(m.add(1), new int[] {2, 2}, 2, 3, 4, 5);
        Expect.values(m.sub(1), new int[] {2, 2}, 0, 1, 2, 3);
        Expect.values(m.mul(-2), new int[] {2, 2}, -2, -4, -6, -8);
        Expect.values(m.div(4), new int[] {2, 2}, 0.25f, 0.5f, 0.75f, 1);
        Expect.values(m.maximum(2.5), new int[] {2, 2}, 2.5f, 2.5f, 3, 4);
        Expect.values(m.minimum(2.5), new int[] {2, 2}, 1, 2, 2.5f, 2.5f);
        Expect.values(m.clamp(1.5, 3.5), new int[] {2, 2}, 1.5f, 2, 3, 3.5f);
        Expect.values(m.gt(2), new int[] {2, 2}, 0, 0, 1, 1);
        Expect.values(m.lt(2), new int[] {2, 2}, 1, 0, 0, 0);
    }

    @Test
    void expandAndSumToAreInverseShapeRules() {
        Tensor column = Tensor.of(new float[] {1, 2}, 2, 1);
        Expect.values(column.expand(Shape.of(3, 2, 2)), new int[] {3, 2, 2}, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2);
        Expect.values(Tensor.arange(12).reshape(3, 2, 2).sumTo(Shape.of(2, 1)), new int[] {2, 1}, 27, 39);
        Expect.values(Tensor.arange(6).reshape(2, 3).sumTo(Shape.of(3)), new int[] {3}, 3, 5, 7);
        Expect.thrown(IllegalArgumentException.class, () -> column.expand(Shape.of(3)), "expand", "[2, 1]", "[3]");
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).sumTo(Shape.of(4)), "[2, 3]", "[4]");
        Expect.thrown(IllegalArgumentException.class, () -> Tensor.zeros(3).sumTo(Shape.of(2, 3)), "[3]", "[2, 3]");
    }

    /** Values in {1, 1.5, 2}: positive for div and pow, and with ties for the comparisons. */
    private static Tensor draw(int[] shape, Rng rng) {
        float[] values = new float[Shape.of(shape).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1 + 0.5f * rng.nextInt(3);
        }
        return Tensor.of(values, shape);
    }

    /** Each output element from the operand elements its index maps to, right-aligned, size-1 axes repeated. */
    private static float[] naive(FloatOp op, Tensor a, Tensor b, int[] outDims) {
        Shape out = Shape.of(outDims);
        float[] result = new float[out.size()];
        int[] index = new int[outDims.length];
        for (int flat = 0; flat < result.length; flat++) {
            int remainder = flat;
            for (int axis = outDims.length - 1; axis >= 0; axis--) {
                index[axis] = remainder % outDims[axis];
                remainder /= outDims[axis];
            }
            result[flat] = op.apply(a.data()[sourceOffset(a.shape(), index)], b.data()[sourceOffset(b.shape(), index)]);
        }
        return result;
    }

    private static int sourceOffset(Shape shape, int[] outIndex) {
        int offset = 0;
        int shift = outIndex.length - shape.rank();
        for (int axis = 0; axis < shape.rank(); axis++) {
            int i = shape.dim(axis) == 1 ? 0 : outIndex[axis + shift];
            offset = offset * shape.dim(axis) + i;
        }
        return offset;
    }
}
