package org.noether.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.noether.io.Json;
import org.noether.nn.activations.Activations;
import org.noether.nn.initializers.Constant;
import org.noether.nn.initializers.Initializers;
import org.noether.nn.initializers.RandomNormal;
import org.noether.nn.initializers.RandomUniform;
import org.noether.nn.initializers.VarianceScaling;
import org.noether.nn.layers.ActivationLayer;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Dropout;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.nn.layers.Maxout;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Every built-in layer's {@code config()} rebuilt by {@link Layers#fromConfig} gives an equal config,
 * directly and through JSON text (where whole numbers come back as Long), and a layer that computes
 * the same outputs from the same weights.
 */
class LayerConfigRoundTripTest {

    /** A layer of each type with non-default arguments, and the per-sample shape to build it for. */
    private record Sample(Supplier<Layer> layer, Shape inputShape) {
    }

    private static List<Sample> samples() {
        return List.of(
                new Sample(() -> new Input(28, 28, 1), Shape.of(28, 28, 1)),
                new Sample(() -> new Dense(10), Shape.of(6)),
                new Sample(() -> new Dense(7, Activations.leakyRelu(0.1)).useBias(false)
                        .kernelInitializer(new RandomNormal(0.5, 0.25)), Shape.of(6)),
                new Sample(() -> new Dense(4, "softmax").kernelInitializer(Initializers.heNormal())
                        .biasInitializer(new Constant(0.3)), Shape.of(2, 6)),
                new Sample(() -> new Dense(3, Activations.elu(0.7)).kernelInitializer(new RandomUniform(-0.2, 0.1))
                        .biasInitializer(new VarianceScaling(2.5, VarianceScaling.Mode.FAN_OUT,
                                VarianceScaling.Distribution.UNTRUNCATED_NORMAL)), Shape.of(6)),
                new Sample(() -> new Maxout(5, 3), Shape.of(6)),
                new Sample(() -> new Maxout(2, 4).kernelInitializer(Initializers.lecunNormal()), Shape.of(6)),
                new Sample(() -> new ActivationLayer("gelu"), Shape.of(6)),
                new Sample(() -> new ActivationLayer(Activations.leakyRelu(0.05)), Shape.of(6)),
                new Sample(Flatten::new, Shape.of(2, 3, 4)),
                new Sample(() -> new Dropout(0.25), Shape.of(6)));
    }

    @Test
    void everyBuiltInTypeIsCoveredAndRegistered() {
        Set<String> covered = new TreeSet<>();
        for (Sample sample : samples()) {
            covered.add(sample.layer().get().type());
        }
        assertEquals(new TreeSet<>(List.of("Activation", "Dense", "Dropout", "Flatten", "InputLayer", "Maxout")), covered);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("NoSuchLayer", Map.of()));
        String message = error.getMessage();
        assertTrue(message.contains("'NoSuchLayer'") && message.contains("Layers.register"), message);
        assertEquals(Dense.class, Layers.fromConfig("dense", Map.of("units", 2)).getClass(), "any letter case");
        for (String type : covered) {
            assertTrue(message.contains(type), "the known types listed include " + type + ": " + message);
        }
    }

    @Test
    void configRebuildsAnEqualConfig() {
        for (Sample sample : samples()) {
            Layer layer = sample.layer().get();
            Layer rebuilt = Layers.fromConfig(layer.type(), layer.config());
            assertEquals(layer.getClass(), rebuilt.getClass());
            assertEquals(layer.config(), rebuilt.config(), layer.type());
        }
    }

    @Test
    void configSurvivesJsonText() {
        for (Sample sample : samples()) {
            Layer layer = sample.layer().get();
            Map<String, Object> parsed = Json.parseObject(Json.writeCompact(layer.config()));
            Layer rebuilt = Layers.fromConfig(layer.type(), parsed);
            assertEquals(layer.config(), rebuilt.config(), layer.type() + " through " + Json.writeCompact(parsed));
        }
    }

    @Test
    void rebuiltLayerComputesTheSameOutputs() {
        for (Sample sample : samples()) {
            Layer layer = sample.layer().get();
            Layer rebuilt = Layers.fromConfig(layer.type(), Json.parseObject(Json.writeCompact(layer.config())));
            layer.build(sample.inputShape(), new Rng(3));
            rebuilt.build(sample.inputShape(), new Rng(3));
            for (int p = 0; p < layer.parameters().size(); p++) {
                assertArrayEquals(layer.parameters().get(p).value().data(),
                        rebuilt.parameters().get(p).value().data(), layer.type() + " initial weight " + p);
            }
            Tensor x = Tensor.uniform(sample.inputShape().prepend(3), -1, 1, new Rng(4));
            assertArrayEquals(layer.apply(x, false).data(), rebuilt.apply(x, false).data(), layer.type());
            assertArrayEquals(layer.apply(x, true).data(), rebuilt.apply(x, true).data(), layer.type() + " training");
        }
    }
}
