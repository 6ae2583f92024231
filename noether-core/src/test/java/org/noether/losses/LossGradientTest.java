package org.noether.losses;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;

/**
 * The gradient of every loss with respect to yPred (yTrue held constant) against central
 * differences, from one table. Inputs stay away from the kinks and clipping bounds by more than
 * the finite-difference step, so the checks compare derivatives, not jumps.
 */
class LossGradientTest {
    private static final int ROWS = 3;
    private static final int COLS = 4;

    /** One row of the table: a loss, its constant targets and how to draw the predictions. */
    record Case(Loss loss, Tensor yTrue, Function<Rng, Tensor> drawPrediction) {
        @Override
        public String toString() {
            return loss.toString();
        }
    }

    private static Tensor draw(Rng rng, double low, double high) {
        return Tensor.uniform(Shape.of(ROWS, COLS), low, high, rng);
    }

    /** Values at least 0.1 from zero, each sign equally likely. */
    private static Tensor awayFromZero(Rng rng) {
        float[] values = new float[ROWS * COLS];
        for (int i = 0; i < values.length; i++) {
            values[i] = (rng.nextInt(2) * 2 - 1) * rng.uniform(0.1, 0.9);
        }
        return Tensor.of(values, ROWS, COLS);
    }

    static Stream<Case> cases() {
        Rng rng = new Rng(77);
        Tensor targets = draw(rng, -1, 1);
        Tensor probabilities = draw(rng, 0.05, 0.95);
        Tensor oneHot = Tensor.of(new float[][] {{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}});
        Tensor distribution = draw(rng, 0.05, 0.95);
        distribution = distribution.div(distribution.sum(true, -1));
        Tensor signs = Tensor.of(new float[][] {{1, -1, 1, 1}, {-1, -1, 1, -1}, {1, 1, -1, 1}});
        Tensor labels = Tensor.vector(1, 0, 3);
        return Stream.of(
                new Case(new MeanSquaredError(), targets, r -> draw(r, -1, 1)),
                new Case(new MeanAbsoluteError(), targets, r -> targets.add(awayFromZero(r))),
                new Case(new MeanSquaredLogarithmicError(), draw(rng, 0, 2), r -> draw(r, 0.05, 2)),
                // Errors of magnitude 0.1–0.9 (the quadratic part) and, doubled and pushed out by 1,
                // 1.2–2.8 (the linear part).
                new Case(new Huber(), targets, r -> targets.add(awayFromZero(r))),
                new Case(new Huber(), targets, r -> {
                    Tensor error = awayFromZero(r);
                    return targets.add(error.mul(2).add(error.sign()));
                }),
                new Case(new BinaryCrossentropy(), probabilities, r -> draw(r, 0.05, 0.95)),
                new Case(new BinaryCrossentropy(false, 0.1), signs.gt(0), r -> draw(r, 0.05, 0.95)),
                new Case(new BinaryCrossentropy(true), probabilities, r -> draw(r, -4, 4)),
                new Case(new BinaryCrossentropy(true, 0.2), signs.gt(0), r -> draw(r, -4, 4)),
                new Case(new CategoricalCrossentropy(), oneHot, r -> draw(r, 0.05, 0.95)),
                new Case(new CategoricalCrossentropy(false, 0.1), distribution, r -> draw(r, 0.05, 0.95)),
                new Case(new CategoricalCrossentropy(true), oneHot, r -> draw(r, -3, 3)),
                new Case(new CategoricalCrossentropy(true, 0.2), oneHot, r -> draw(r, -3, 3)),
                new Case(new SparseCategoricalCrossentropy(), labels, r -> draw(r, 0.05, 0.95)),
                new Case(new SparseCategoricalCrossentropy(true), labels, r -> draw(r, -3, 3)),
                new Case(new KLDivergence(), distribution, r -> draw(r, 0.05, 0.95)),
                // |score| < 0.9 keeps 1 − y·score at least 0.1 from the hinge's kink.
                new Case(new Hinge(), signs, r -> draw(r, -0.9, 0.9)),
                new Case(new Hinge(), signs.gt(0), r -> draw(r, -0.9, 0.9)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(Case c) {
        Tensor yPred = c.drawPrediction().apply(new Rng(5));
        // Scaled by the element count so that per-element gradients are of order one, not 1/size.
        GradCheck.check(c.loss().toString(), x -> c.loss().compute(c.yTrue(), x[0]).mul(x[0].size()), yPred);
    }
}
