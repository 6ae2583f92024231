package org.noether.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.noether.models.Sequential;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.optimizers.Adam;

/**
 * The demos {@code ./noether demo NAME} runs, by name; the first is the default.
 *
 * <pre>{@code ClassifierDemo demo = Demos.ALL.get("mlp");}</pre>
 */
final class Demos {
    /** Every demo, the default first. */
    static final Map<String, ClassifierDemo> ALL = new LinkedHashMap<>();

    static {
        add(new ClassifierDemo("mlp", "a dense network 784-128-10 (ReLU, softmax) trained with Adam",
                Demos::mlp, () -> new Adam(1e-3), 5, 32));
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

    /** The demo run when no name is given. */
    static ClassifierDemo defaultDemo() {
        return ALL.values().iterator().next();
    }
}
