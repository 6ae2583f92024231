package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noether.nn.initializers.Constant;
import org.noether.nn.initializers.RandomNormal;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;
import org.noether.testing.LayerGradCheck;

/** Maxout: the largest of the pieces' affine maps, by hand and against a double loop; gradients; errors. */
class MaxoutTest {

    private static Maxout built(Maxout maxout, int... inputShape) {
        maxout.build(Shape.of(inputShape), new Rng(11));
        return maxout;
    }

    @Test
    void handWorkedCaseTakesTheMaximumOfThePieces() {
        Maxout maxout = built(new Maxout(2, 2), 2);
        // columns: unit 0 piece 0, unit 0 piece 1, unit 1 piece 0, unit 1 piece 1
        maxout.parameter("kernel").assign(Tensor.of(new float[] {1, -1, 2, 0, 0, 1, -1, 3}, 2, 4));
        maxout.parameter("bias").assign(Tensor.vector(0, 0.5f, 0, -1));
        Tensor y = maxout.apply(Tensor.of(new float[][] {{2, 1}, {-1, 2}}), false);
        // x = [2, 1]:  pieces [2, −0.5] and [3, 2]   → [2, 3]
        // x = [−1, 2]: pieces [−1, 3.5] and [−4, 5]  → [3.5, 5]
        assertEquals(Shape.of(2, 2), y.shape());
        assertArrayEquals(new float[] {2, 3, 3.5f, 5}, y.data());
    }

    @Test
    void matchesADoubleReferenceForRandomWeights() {
        int in = 5;
        int units = 3;
        int pieces = 4;
        Maxout maxout = built(new Maxout(units, pieces), in);
        maxout.parameter("bias").assign(Tensor.normal(Shape.of(units * pieces), 0, 1, new Rng(2)));
        Tensor x = Tensor.uniform(Shape.of(7, in), -1, 1, new Rng(3));
        Tensor y = maxout.apply(x, false);
        float[] kernel = maxout.parameter("kernel").value().data();
        float[] bias = maxout.parameter("bias").value().data();
        for (int r = 0; r < 7; r++) {
            for (int j = 0; j < units; j++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < pieces; p++) {
                    int column = j * pieces + p;
                    double z = bias[column];
                    for (int k = 0; k < in; k++) {
                        z += (double) x.get(r, k) * kernel[k * units * pieces + column];
                    }
                    best = Math.max(best, z);
                }
                assertEquals(best, y.get(r, j), 1e-5, "sample " + r + " unit " + j);
            }
        }
    }

    @Test
    void shapesAndParameterCount() {
        Maxout maxout = built(new Maxout(3, 2), 4);
        assertEquals(Shape.of(4, 6), maxout.parameter("kernel").value().shape());
        assertEquals(Shape.of(6), maxout.parameter("bias").value().shape());
        assertEquals(4 * 6 + 6, maxout.parameterCount());
        assertEquals(Shape.of(3), maxout.outputShape(Shape.of(4)));
        assertEquals(Shape.of(2, 3), maxout.outputShape(Shape.of(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> maxout.outputShape(Shape.scalar()));

        Maxout rank3 = built(new Maxout(3, 2), 5, 4);
        assertEquals(Shape.of(2, 5, 3), rank3.apply(Tensor.zeros(2, 5, 4), false).shape());
    }

    @Test
    void gradientsWithRespectToInputKernelAndBias() {
        Maxout maxout = built(new Maxout(3, 3).kernelInitializer(new RandomNormal(0, 1)), 4);
        // piecewise linear: a small step keeps the differences away from the switches between pieces
        LayerGradCheck.check(maxout, Tensor.uniform(Shape.of(5, 4), -1, 1, new Rng(8)), 1e-3,
                GradCheck.ABSOLUTE_TOLERANCE, GradCheck.RELATIVE_TOLERANCE);
    }

    @Test
    void gradientFlowsOnlyThroughTheWinningPiece() {
        Maxout maxout = built(new Maxout(1, 2).kernelInitializer(new Constant(0)), 1);
        maxout.parameter("kernel").assign(Tensor.of(new float[] {1, -1}, 1, 2)); // y = max(x, −x) = |x|
        Tensor x = Tensor.of(new float[] {3, -2}, 2, 1).requiresGrad(true);
        Tensor y = maxout.apply(x, false);
        assertArrayEquals(new float[] {3, 2}, y.data());
        y.sum().backward();
        assertArrayEquals(new float[] {1, -1}, x.grad().data(), "d|x|/dx = sign(x)");
        // kernel gradient: piece 0 won for x = 3 (adds 3), piece 1 for x = −2 (adds −2)
        assertArrayEquals(new float[] {3, -2}, maxout.parameter("kernel").value().grad().data());
        assertArrayEquals(new float[] {1, 1}, maxout.parameter("bias").value().grad().data());
    }

    @Test
    void theInitializerCannotChangeAfterBuilding() {
        Maxout maxout = built(new Maxout(2, 2), 3);
        maxout.name("m");
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> maxout.kernelInitializer(new Constant(1)));
        assertTrue(error.getMessage().contains("Maxout 'm'") && error.getMessage().contains("built"),
                error.getMessage());
    }

    @Test
    void nonPositiveUnitsOrPiecesAreRejected() {
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class, () -> new Maxout(0, 2));
        assertTrue(units.getMessage().contains("units=0"), units.getMessage());
        IllegalArgumentException pieces = assertThrows(IllegalArgumentException.class, () -> new Maxout(3, -1));
        assertTrue(pieces.getMessage().contains("pieces=-1"), pieces.getMessage());
    }
}
