package org.noether.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noether.io.Json;
import org.noether.nn.activations.Activations;
import org.noether.nn.initializers.Initializers;
import org.noether.nn.initializers.RandomNormal;
import org.noether.nn.layers.ActivationLayer;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Dropout;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.nn.layers.Maxout;

/** Layers, activations and initializers rebuilt from saved configs: round trips, Keras's keys, unknown keys. */
class LayerConfigReadingTest {

    @Test
    void everyBuiltInLayerRoundTripsThroughItsConfig() {
        List<Layer> layers = List.of(new Input(28, 28), new Dense(10, Activations.elu(0.5)).useBias(false)
                        .kernelInitializer(new RandomNormal(0, 0.1)), new Maxout(4, 3), new ActivationLayer(Activations.TANH),
                new Flatten(), new Dropout(0.25));
        for (Layer layer : layers) {
            Layer rebuilt = Layers.fromConfig(layer.type(), layer.config());
            assertEquals(layer.getClass(), rebuilt.getClass());
            assertEquals(Json.writeCompact(layer.config()), Json.writeCompact(rebuilt.config()), layer.type());
        }
    }

    @Test
    void kerasBookkeepingKeysAreAcceptedWhenTheySayWhatNoetherDoes() {
        Map<String, Object> dense = new LinkedHashMap<>(Map.of("units", 3));
        dense.put("name", "dense_7");
        dense.put("trainable", true);
        dense.put("dtype", Map.of("module", "keras", "class_name", "DTypePolicy", "config", Map.of("name", "float32")));
        assertEquals(3, ((Dense) Layers.fromConfig("Dense", dense)).config().get("units"));
        Map<String, Object> flatten = new HashMap<>();
        flatten.put("name", "flatten");
        flatten.put("trainable", true);
        flatten.put("dtype", "float32");
        assertEquals(Flatten.class, Layers.fromConfig("Flatten", flatten).getClass());
    }

    @Test
    void frozenOrOtherDtypeLayersAreRejected() {
        assertMessage(() -> Layers.fromConfig("Dense", Map.of("units", 3, "trainable", false)),
                "Config key 'trainable' of Dense must be true", "Received: trainable=false (Boolean)");
        assertMessage(() -> Layers.fromConfig("Dropout", Map.of("rate", 0.5, "dtype", "float16")),
                "Config key 'dtype' of Dropout must be \"float32\"", "Received: dtype=float16 (String)");
    }

    @Test
    void unknownLayerKeysAreRejectedListingTheKnownOnes() {
        assertMessage(() -> Layers.fromConfig("Dense", Map.of("units", 3, "use_bais", false)),
                "Unknown config key(s) [use_bais] for Dense", "use_bias", "kernel_initializer",
                "Received: use_bais=false (Boolean)");
        assertMessage(() -> Layers.fromConfig("Maxout", Map.of("units", 3, "pieces", 2, "activation", "relu")),
                "Unknown config key(s) [activation] for Maxout");
        assertMessage(() -> Layers.fromConfig("InputLayer", Map.of("shape", List.of(4), "batch_size", 32)),
                "Unknown config key(s) [batch_size] for InputLayer");
        assertMessage(() -> Layers.fromConfig("Dropout", Map.of("rate", 0.5, "seed", 3)),
                "Unknown config key(s) [seed] for Dropout");
        assertMessage(() -> Layers.fromConfig("Activation", Map.of("activation", "relu", "alpha", 1)),
                "Unknown config key(s) [alpha] for Activation");
        assertMessage(() -> Layers.fromConfig("Flatten", Map.of("data_format", "channels_first")),
                "Unknown config key(s) [data_format] for Flatten");
    }

    @Test
    void wrongTypesAndMissingArgumentsNameTheLayer() {
        assertMessage(() -> Layers.fromConfig("Dense", Map.of("units", 2.5)),
                "Config key 'units' of Dense must be an integer. Received: units=2.5 (Double)");
        assertMessage(() -> Layers.fromConfig("Maxout", Map.of("units", 3)),
                "The config of Maxout has no key 'pieces'; expected an integer");
    }

    @Test
    void activationsAndInitializersRejectUnknownKeys() {
        assertEquals(Map.of("alpha", 0.5), Activations.fromConfig("elu", Map.of("alpha", 0.5)).config());
        assertMessage(() -> Activations.fromConfig("leaky_relu", Map.of("alpha", 0.1)),
                "Unknown config key(s) [alpha] for Activation 'leaky_relu'. Known keys: [negative_slope]");
        assertMessage(() -> Activations.fromConfig("relu", Map.of("max_value", 6)),
                "Unknown config key(s) [max_value] for Activation 'relu'");
        assertEquals(Map.of("value", 2.0), Initializers.fromConfig("constant", Map.of("value", 2)).config());
        assertMessage(() -> Initializers.fromConfig("random_normal", Map.of("mean", 0, "std", 1)),
                "Unknown config key(s) [std] for Initializer 'random_normal'. Known keys: [mean, stddev]");
        assertMessage(() -> Initializers.fromConfig("constant", Map.of("value", "one")),
                "Config key 'value' of Initializer 'constant' must be a number. Received: value=one (String)");
    }

    @Test
    void savedActivationsAndInitializersRejectKeysBesideNameAndConfig() {
        Map<String, Object> saved = Map.of("name", "elu", "config", Map.of("alpha", 0.5), "module", "keras");
        assertMessage(() -> Layers.activation(saved),
                "Unknown config key(s) [module] for saved activation. Known keys: [name, config]");
        assertMessage(() -> Layers.initializer(Map.of("config", Map.of()), Initializers.zeros()),
                "The config of saved initializer has no key 'name'; expected a string");
        assertMessage(() -> Layers.activation(7), "A saved activation must be a name or {name, config}. Received: 7");
    }

    private static void assertMessage(Runnable action, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "expected <" + part + "> in <" + e.getMessage() + ">");
        }
    }
}
