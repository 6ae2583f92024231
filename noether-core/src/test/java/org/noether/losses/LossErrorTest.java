package org.noether.losses;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/** Every bad input stops with a message that names the loss, what was received and what was expected. */
class LossErrorTest {

    private static void assertMessageContains(IllegalArgumentException error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "message \"" + error.getMessage() + "\" lacks " + part);
        }
    }

    @Test
    void shapeMismatchNamesBothShapesAndTheLoss() {
        List<Loss> losses = List.of(new MeanSquaredError(), new MeanAbsoluteError(), new MeanSquaredLogarithmicError(),
                new Huber(), new BinaryCrossentropy(), new CategoricalCrossentropy(), new KLDivergence(), new Hinge());
        for (Loss loss : losses) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> loss.compute(Tensor.zeros(4, 1), Tensor.full(Shape.of(4, 3), 0.5)));
            assertMessageContains(error, loss.name(), "[4, 1]", "[4, 3]");
        }
    }

    @Test
    void sparseLabelsOfTheWrongShapeAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().compute(Tensor.zeros(4, 3), Tensor.zeros(4, 3)));
        assertMessageContains(error, "sparse_categorical_crossentropy", "[4, 3]", "[4]");
    }

    @Test
    void badSparseLabelNamesTheValueAndTheRange() {
        Tensor probabilities = Tensor.full(Shape.of(3, 3), 1.0 / 3);
        for (float bad : new float[] {3, -1, 1.5f, Float.NaN}) {
            Tensor labels = Tensor.vector(0, bad, 2);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new SparseCategoricalCrossentropy().compute(labels, probabilities));
            assertMessageContains(error, "sparse_categorical_crossentropy", "[0, 3)", String.valueOf(bad),
                    "position 1");
        }
    }

    @Test
    void scalarPredictionsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().compute(Tensor.scalar(1), Tensor.scalar(2)));
        assertMessageContains(error, "mean_squared_error", "yPred shape []");
    }

    @Test
    void badHyperparametersAreRejected() {
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> new BinaryCrossentropy(false, 1.5)),
                "binary_crossentropy", "label_smoothing=1.5");
        assertMessageContains(assertThrows(IllegalArgumentException.class,
                () -> new CategoricalCrossentropy(true, -0.1)), "categorical_crossentropy", "label_smoothing=-0.1");
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> new Huber(0)), "huber_loss",
                "delta=0.0");
    }
}
