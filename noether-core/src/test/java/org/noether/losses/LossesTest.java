package org.noether.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noether.tensor.Tensor;

/** Lookup by Keras names and aliases, the config round trip, custom losses and the registry's errors. */
class LossesTest {

    @Test
    void findsLossesByKerasNameClassNameAndAlias() {
        assertInstanceOf(MeanSquaredError.class, Losses.get("mean_squared_error"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("mse"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("MSE"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("MeanSquaredError"));
        assertInstanceOf(MeanAbsoluteError.class, Losses.get("mae"));
        assertInstanceOf(MeanSquaredLogarithmicError.class, Losses.get("msle"));
        assertInstanceOf(KLDivergence.class, Losses.get("kld"));
        assertInstanceOf(KLDivergence.class, Losses.get("kl_divergence"));
        assertInstanceOf(KLDivergence.class, Losses.get("kullback_leibler_divergence"));
        assertInstanceOf(BinaryCrossentropy.class, Losses.get("bce"));
        assertInstanceOf(Huber.class, Losses.get("huber"));
        assertInstanceOf(Hinge.class, Losses.get("hinge"));
        assertEquals(new SparseCategoricalCrossentropy(), Losses.get("sparse_categorical_crossentropy"));
        assertEquals(new CategoricalCrossentropy(), Losses.get("categorical_crossentropy"));
    }

    @Test
    void everyLossNamesItselfAndRoundTripsThroughItsConfig() {
        List<Loss> losses = List.of(new MeanSquaredError(), new MeanAbsoluteError(), new MeanSquaredLogarithmicError(),
                new Huber(0.25), new BinaryCrossentropy(true, 0.1), new CategoricalCrossentropy(true, 0.2),
                new SparseCategoricalCrossentropy(true), new KLDivergence(), new Hinge());
        assertEquals(Losses.names(), losses.stream().map(Loss::name).toList());
        for (Loss loss : losses) {
            assertEquals(loss, Losses.fromConfig(loss.name(), loss.config()), loss.name());
            assertEquals(loss.getClass(), Losses.get(loss.name()).getClass());
        }
        assertEquals(List.of("from_logits", "label_smoothing"),
                List.copyOf(new BinaryCrossentropy().config().keySet()));
        assertEquals(Map.of("from_logits", true, "label_smoothing", 0.1), new BinaryCrossentropy(true, 0.1).config());
    }

    @Test
    void configsReadBackFromJsonMayHoldAnyNumberTypeAndKerasKeys() {
        Map<String, Object> keras = new HashMap<>();
        keras.put("name", "binary_crossentropy");
        keras.put("reduction", "sum_over_batch_size");
        keras.put("axis", -1);
        keras.put("from_logits", true);
        keras.put("label_smoothing", 0); // an Integer after JSON parsing
        keras.put("dtype", null);
        assertEquals(new BinaryCrossentropy(true), Losses.fromConfig("BinaryCrossentropy", keras));
        assertEquals(new Huber(2), Losses.fromConfig("huber_loss", Map.of("delta", 2L)));
    }

    @Test
    void badConfigsNameTheKeyAndTheValue() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Losses.fromConfig("categorical_crossentropy", Map.of("from_logit", true)));
        assertMessage(unknown, "categorical_crossentropy", "from_logit", "from_logits", "label_smoothing");
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> Losses.fromConfig("bce", Map.of("from_logits", "yes")));
        assertMessage(type, "binary_crossentropy", "from_logits=yes", "boolean");
        IllegalArgumentException reduction = assertThrows(IllegalArgumentException.class,
                () -> Losses.fromConfig("mse", Map.of("reduction", "sum")));
        assertMessage(reduction, "mean_squared_error", "reduction=sum", "sum_over_batch_size");
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Losses.get("parse_categorical_crossentropy"));
        assertMessage(error, "parse_categorical_crossentropy", "sparse_categorical_crossentropy", "mean_squared_error",
                "mse", "kl_divergence", "hinge");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.get("custom")), "custom",
                "Loss object");
    }

    @Test
    void aLambdaIsACustomLoss() {
        // A physics-informed style loss: data misfit plus a penalty that the output sums to one.
        Loss custom = (yTrue, yPred) -> yPred.sub(yTrue).square().mean().add(yPred.sum().sub(1).square());
        assertEquals("custom", custom.name());
        assertEquals(Map.of(), custom.config());
        Tensor yPred = Tensor.vector(0.5f, 0.25f).requiresGrad(true);
        Tensor loss = custom.compute(Tensor.vector(0, 0), yPred);
        assertEquals((0.25 + 0.0625) / 2 + 0.0625, loss.item(), 1e-6);
        loss.backward();
        // ∂/∂p_i = (p_i − y_i) + 2·(Σp − 1) = p_i − 0.5.
        assertEquals(0, yPred.grad().data()[0], 1e-6);
        assertEquals(-0.25, yPred.grad().data()[1], 1e-6);
    }

    private static void assertMessage(IllegalArgumentException error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "message \"" + error.getMessage() + "\" lacks " + part);
        }
    }
}
