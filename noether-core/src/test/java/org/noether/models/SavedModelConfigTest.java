package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.io.Json;
import org.noether.io.SafeTensors;
import org.noether.losses.CategoricalCrossentropy;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Dropout;
import org.noether.nn.layers.Input;
import org.noether.optimizers.SGD;
import org.noether.tensor.Tensor;
import org.noether.train.metrics.Metrics;

/** A saved model's config read back: the round trip, and misspelt keys at each level named on load. */
class SavedModelConfigTest {
    private static final Tensor X = Tensor.of(new float[][] {{0.5f, -1}, {2, 0.25f}});

    private static Sequential compiledModel() {
        Sequential model = new Sequential(new Input(2), new Dense(3, "relu"), new Dropout(0.1), new Dense(2, "softmax"));
        model.seed(7);
        model.compile(new SGD(0.05, 0.9), new CategoricalCrossentropy(false, 0.1),
                Metrics.get("accuracy"), Metrics.fromConfig("top_k_categorical_accuracy", Map.of("k", 1)));
        return model;
    }

    @Test
    void compiledModelRoundTrips(@TempDir Path directory) throws IOException {
        Sequential model = compiledModel();
        model.save(directory);
        Model loaded = Model.load(directory);
        assertEquals(model.name(), loaded.name());
        assertEquals(7, loaded.seed());
        assertArrayEquals(model.predict(X).data(), loaded.predict(X).data());
        assertEquals(model.trainer().optimizer().config(), loaded.trainer().optimizer().config());
        assertEquals(model.trainer().loss(), loaded.trainer().loss());
        assertEquals(List.of("accuracy", "top_k_categorical_accuracy"),
                loaded.trainer().metrics().stream().map(metric -> metric.name()).toList());
    }

    @Test
    void unknownKeysAreNamedAtEveryLevel(@TempDir Path directory) throws IOException {
        compiledModel().save(directory);
        assertLoadFails(directory, config -> config.put("sead", 3),
                "Unknown config key(s) [sead] for the model config");
        assertLoadFails(directory, config -> architecture(config).put("input_shapes", List.of(2)),
                "Unknown config key(s) [input_shapes] for Sequential");
        assertLoadFails(directory, config -> layer(config, 0).put("trainable", false),
                "Unknown config key(s) [trainable] for Sequential layer 0");
        assertLoadFails(directory, config -> layerConfig(config, 2).put("rate_", 0.5),
                "Unknown config key(s) [rate_] for Dropout");
        assertLoadFails(directory, config -> compile(config).put("loss_weights", null),
                "Unknown config key(s) [loss_weights] for the compile config");
        assertLoadFails(directory, config -> map(compile(config).get("optimizer")).put("module", "keras"),
                "optimizer. Known keys: [name, config]");
    }

    @Test
    void wrongTypesNameTheKey(@TempDir Path directory) throws IOException {
        compiledModel().save(directory);
        assertLoadFails(directory, config -> config.put("seed", "seven"),
                "Config key 'seed' of the model config must be an integer. "
                        + "Received: seed=seven (String)");
        assertLoadFails(directory, config -> compile(config).put("metrics", "accuracy"),
                "Config key 'metrics' of the compile config must be a list");
    }

    /** Rewrites the config stored in the weights file, then expects loading to fail naming {@code expected}. */
    private static void assertLoadFails(Path directory, Consumer<Map<String, Object>> change, String expected)
            throws IOException {
        Path file = directory.resolve("model.safetensors");
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, Object> original = Json.parseObject(contents.metadata().get("noether_config"));
        Map<String, Object> changed = Json.parseObject(Json.write(original));
        change.accept(changed);
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.put("noether_config", Json.writeCompact(changed));
        SafeTensors.write(file, contents.tensors(), metadata);
        try {
            IOException error = assertThrows(IOException.class, () -> Model.load(directory));
            assertTrue(error.getMessage().startsWith(file.toString()) && error.getMessage().contains(expected),
                    () -> "expected <" + expected + "> in <" + error.getMessage() + ">");
        } finally {
            metadata.put("noether_config", Json.writeCompact(original));
            SafeTensors.write(file, contents.tensors(), metadata);
        }
    }

    private static Map<String, Object> architecture(Map<String, Object> config) {
        return map(config.get("architecture"));
    }

    private static Map<String, Object> layer(Map<String, Object> config, int index) {
        return map(((List<?>) architecture(config).get("layers")).get(index));
    }

    private static Map<String, Object> layerConfig(Map<String, Object> config, int index) {
        return map(layer(config, index).get("config"));
    }

    private static Map<String, Object> compile(Map<String, Object> config) {
        return map(config.get("compile"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
