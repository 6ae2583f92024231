package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.noether.io.Json;
import org.noether.models.Model;
import org.noether.models.Sequential;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Checks every layer of this package passes the same way: its config rebuilt by
 * {@link Layers#fromConfig} (directly and through JSON text) computes the same outputs, a model
 * holding it saves and loads to bit-identical predictions, and its {@code summary()} row.
 */
final class LayerChecks {
    private LayerChecks() {
    }

    /** A random batch of 3 samples of per-sample shape {@code inputShape}. */
    static Tensor batch(Shape inputShape, long seed) {
        return Tensor.uniform(inputShape.prepend(3), -1, 1, new Rng(seed));
    }

    /**
     * The layer made by {@code make} and the one rebuilt from its config have equal configs and, built
     * from the same seed, equal weights and outputs in inference and in training.
     */
    static void assertConfigRoundTrip(Supplier<Layer> make, Shape inputShape) {
        Layer layer = make.get();
        Map<String, Object> config = layer.config();
        Layer direct = Layers.fromConfig(layer.type(), config);
        assertEquals(layer.getClass(), direct.getClass());
        assertEquals(config, direct.config(), layer.type());
        Map<String, Object> parsed = Json.parseObject(Json.writeCompact(config));
        Layer rebuilt = Layers.fromConfig(layer.type().toLowerCase(java.util.Locale.ROOT), parsed);
        assertEquals(config, rebuilt.config(), layer.type() + " through " + Json.writeCompact(parsed));

        layer.build(inputShape, new Rng(3));
        rebuilt.build(inputShape, new Rng(3));
        assertEquals(layer.parameters().size(), rebuilt.parameters().size());
        for (int p = 0; p < layer.parameters().size(); p++) {
            assertArrayEquals(layer.parameters().get(p).value().data(), rebuilt.parameters().get(p).value().data(),
                    layer.type() + " initial weight " + layer.parameters().get(p).name());
        }
        Tensor x = batch(inputShape, 4);
        assertArrayEquals(layer.apply(x, false).data(), rebuilt.apply(x, false).data(), layer.type());
        assertArrayEquals(layer.apply(x, true).data(), rebuilt.apply(x, true).data(), layer.type() + " training");
    }

    /** Saves {@code model} to {@code directory}, loads it, and compares configs, weights and predictions bit for bit. */
    static Model assertSaveLoadIdentical(Sequential model, Path directory) throws IOException {
        model.build();
        model.save(directory);
        Model loaded = Model.load(directory);
        assertEquals(model.layers().size(), loaded.layers().size());
        for (int i = 0; i < model.layers().size(); i++) {
            assertEquals(model.layers().get(i).config(), loaded.layers().get(i).config(),
                    model.layers().get(i).describe());
        }
        Map<String, Tensor> saved = model.weightSnapshot();
        Map<String, Tensor> restored = loaded.weightSnapshot();
        assertEquals(saved.keySet(), restored.keySet());
        saved.forEach((path, value) -> assertArrayEquals(value.data(), restored.get(path).data(), path));
        Tensor x = batch(model.inputShape(), 5);
        assertArrayEquals(model.predict(x).data(), loaded.predict(x).data());
        return loaded;
    }

    /**
     * The summary has the row {@code name  shape  count}. A name longer than its column runs into the
     * shape column (the summary does not wrap names), so no space is required there.
     */
    static void assertSummaryRow(String summary, String name, String shape, String count) {
        Pattern row = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*" + Pattern.quote(shape) + "\\s+"
                + Pattern.quote(count) + "\\s*$");
        assertTrue(row.matcher(summary).find(), "row " + name + " " + shape + " " + count + " in\n" + summary);
    }
}
