package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.noether.kernel.Parallel;
import org.noether.losses.MeanSquaredError;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.nn.layers.Conv2D;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.nn.layers.MaxPooling2D;
import org.noether.optimizers.Adam;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Training ends in the same weights, to the last bit, on one, two or three threads: every kernel
 * sums in an order that does not depend on how the work is split, nor on which thread takes which
 * grain when one finishes early.
 */
class ThreadCountTest {
    private static final int ORIGINAL_THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(ORIGINAL_THREADS);
    }

    @Test
    void aConvolutionalNetworkTrainsToTheSameBitsOnAnyThreadCount() {
        Rng rng = new Rng(5);
        Tensor images = Tensor.uniform(Shape.of(48, 16, 16, 1), 0, 1, rng);
        float[] labels = new float[48];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        Tensor classes = Tensor.of(labels, new int[] {48});
        assertSameWeightsOnOneTwoAndThreeThreads(() -> {
            Sequential net = new Sequential(new Input(16, 16, 1), new Conv2D(8, 3, "relu"), new MaxPooling2D(2),
                    new Conv2D(16, 3, "relu"), new Flatten(), new Dense(10, "softmax")).seed(3);
            net.compile(new Adam(1e-3), new SparseCategoricalCrossentropy());
            return net;
        }, net -> {
            for (int step = 0; step < 3; step++) {
                net.trainOnBatch(images, classes);
            }
        });
    }

    @Test
    void aTanhNetworkOnManyPointsTrainsToTheSameBitsOnAnyThreadCount() {
        Rng rng = new Rng(6);
        Tensor points = Tensor.uniform(Shape.of(5000, 2), -1, 1, rng);
        Tensor targets = Tensor.uniform(Shape.of(5000, 1), -1, 1, rng);
        assertSameWeightsOnOneTwoAndThreeThreads(() -> {
            Sequential net = new Sequential(new Input(2), new Dense(20, "tanh"), new Dense(20, "tanh"),
                    new Dense(1)).seed(4);
            net.compile(new Adam(1e-2), new MeanSquaredError());
            return net;
        }, net -> {
            for (int step = 0; step < 5; step++) {
                net.trainOnBatch(points, targets);
            }
        });
    }

    /** Builds a fresh network for each thread count, trains it, and compares every weight. */
    private static void assertSameWeightsOnOneTwoAndThreeThreads(Supplier<Sequential> build,
                                                                Consumer<Sequential> train) {
        List<float[]> reference = null;
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            Sequential net = build.get();
            List<float[]> initial = values(net);
            train.accept(net);
            List<float[]> weights = values(net);
            if (reference == null) {
                reference = weights;
                for (int i = 0; i < weights.size(); i++) {
                    assertFalse(Arrays.equals(initial.get(i), weights.get(i)), "training changed weights " + i);
                }
                continue;
            }
            for (int i = 0; i < weights.size(); i++) {
                assertArrayEquals(reference.get(i), weights.get(i),
                        "weights " + i + " after training on " + threads + " threads");
            }
        }
    }

    private static List<float[]> values(Sequential net) {
        return net.trainableTensors().stream().map(tensor -> tensor.data().clone()).toList();
    }
}
