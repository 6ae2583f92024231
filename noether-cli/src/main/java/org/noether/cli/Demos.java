package org.noether.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.noether.models.Sequential;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.optimizers.Adam;
import org.noether.optimizers.Optimizer;
import org.noether.optimizers.schedules.CosineDecay;

/**
 * The demos {@code ./noether demo NAME} runs, by name; the first is the default.
 *
 * <pre>{@code ClassifierDemo demo = Demos.ALL.get("mlp");}</pre>
 */
final class Demos {
    /** Every demo, the default first. */
    static final Map<String, ClassifierDemo> ALL = new LinkedHashMap<>();

    static {
        add(new ClassifierDemo("mlp", "a dense network 784-128-10 (ReLU, softmax), Adam with a cosine-decaying "
                + "learning rate", Demos::mlp, Demos::adamWithCosineDecay, 5, 32));
    }

    private Demos() {
    }

    private static void add(ClassifierDemo demo) {
        ALL.put(demo.name(), demo);
    }

    /** The notes' first classifier: 784 inputs, 128 hidden ReLU units, 10 softmax outputs. */
    static Sequential mlp() {
        return new Sequential(
                new Input(28, 28, 1),
                new Flatten(),
                new Dense(128, "relu"),
                new Dense(10, "softmax"));
    }

    /**
     * Adam from 1e-3, the learning rate decaying to 0 along a half cosine over the run: the last
     * epochs average out the minibatch noise instead of ending wherever the last batches left the
     * weights (about +0.5% test accuracy for the MLP, and far less spread between seeds).
     */
    static Optimizer adamWithCosineDecay(long steps) {
        return new Adam().learningRate(new CosineDecay(1e-3, steps));
    }

    /** The demo run when no name is given. */
    static ClassifierDemo defaultDemo() {
        return ALL.values().iterator().next();
    }
}
