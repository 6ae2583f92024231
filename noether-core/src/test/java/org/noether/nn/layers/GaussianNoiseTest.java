package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noether.autograd.Autograd;
import org.noether.io.Json;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/** GaussianNoise: identity at inference; in training x + N(0, stddev²), reproducible from the seed. */
class GaussianNoiseTest {

    private static GaussianNoise built(GaussianNoise layer, long seed) {
        layer.build(Shape.of(40, 40, 3), new Rng(seed));
        return layer;
    }

    @Test
    void inferenceIsTheIdentity() {
        Tensor x = Tensor.uniform(Shape.of(2, 40, 40, 3), 0, 1, new Rng(1));
        assertSame(x, built(new GaussianNoise(0.2), 1).apply(x, false));
        assertSame(x, built(new GaussianNoise(0), 1).apply(x, true), "stddev 0 adds nothing");
    }

    @Test
    void trainingAddsNoiseOfTheRequestedMeanAndSpread() {
        Tensor x = Tensor.full(Shape.of(20, 40, 40, 3), 0.5);
        Tensor y = built(new GaussianNoise(0.2), 3).apply(x, true);
        double sum = 0;
        double squares = 0;
        for (float value : y.data()) {
            sum += value - 0.5;
            squares += (value - 0.5) * (value - 0.5);
        }
        double mean = sum / y.size();
        assertEquals(0, mean, 0.003);
        assertEquals(0.2, Math.sqrt(squares / y.size() - mean * mean), 0.003);
    }

    @Test
    void theSeedFixesTheNoiseAndTheGradientIsOne() {
        Tensor x = Tensor.uniform(Shape.of(2, 40, 40, 3), 0, 1, new Rng(1));
        assertArrayEquals(built(new GaussianNoise(0.1), 4).apply(x, true).data(),
                built(new GaussianNoise(0.1), 4).apply(x, true).data());
        assertFalse(Arrays.equals(built(new GaussianNoise(0.1), 4).apply(x, true).data(),
                built(new GaussianNoise(0.1), 5).apply(x, true).data()));
        assertArrayEquals(built(new GaussianNoise(0.1).seed(9), 4).apply(x, true).data(),
                built(new GaussianNoise(0.1).seed(9), 5).apply(x, true).data(), "an own seed overrides the model's");

        Tensor leaf = x.copy().requiresGrad(true);
        Tensor gradient = Autograd.grad(new Tensor[] {built(new GaussianNoise(0.3), 1).apply(leaf, true).sum()},
                new Tensor[] {Tensor.scalar(1)}, new Tensor[] {leaf}, false)[0];
        for (float value : gradient.data()) {
            assertEquals(1, value);
        }
    }

    @Test
    void configRoundTripsAndBadStddevIsNamed() {
        for (GaussianNoise layer : new GaussianNoise[] {new GaussianNoise(0.25), new GaussianNoise(0.5).seed(3)}) {
            Layer parsed = Layers.fromConfig("GaussianNoise", Json.parseObject(Json.writeCompact(layer.config())));
            assertEquals(layer.config(), parsed.config());
        }
        assertEquals(Map.of("stddev", 0.1), Layers.fromConfig("gaussiannoise", Map.of("stddev", 0.1)).config());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(2));
        assertTrue(error.getMessage().contains("must be a number in [0, 1]. Received: stddev=2.0"), error.getMessage());
    }
}
