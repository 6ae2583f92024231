package org.noether.examples;

import java.util.Locale;
import org.noether.losses.BinaryCrossentropy;
import org.noether.models.Sequential;
import org.noether.nn.initializers.Constant;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Input;
import org.noether.optimizers.Adam;
import org.noether.tensor.Tensor;
import org.noether.train.FitOptions;

/**
 * Logic gates from the lecture: AND wired by hand ("for large w", one sigmoid neuron with weights
 * w, w and bias −1.5w), OR learned by the same single neuron, and XOR — which no single neuron can
 * compute, since no line separates 01 and 10 from 00 and 11 — learned with a hidden layer.
 *
 * <p>Options: {@code --epochs N} (training passes over the four inputs; default 1000).
 *
 * <pre>{@code LogicGates.main(new String[] {"--epochs", "1000"});}</pre>
 */
public final class LogicGates {
    /** The four inputs 00, 01, 10, 11. */
    static final Tensor INPUTS = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    private static final String[] INPUT_NAMES = {"00", "01", "10", "11"};

    private LogicGates() {
    }

    /** Each network's outputs for 00, 01, 10, 11. */
    public record Result(float[] and, float[] or, float[] xor, float[] xorWithoutHiddenLayer) {
    }

    public static void main(String[] args) {
        run(args);
    }

    /** Builds AND, trains OR and XOR (and XOR on a single neuron, which fails); prints the truth tables. */
    public static Result run(String... args) {
        int epochs = ExampleOptions.parse(args, "epochs").integer("epochs", 1000);

        double w = 20;
        Sequential and = new Sequential(new Input(2),
                new Dense(1, "sigmoid").kernelInitializer(new Constant(w)).biasInitializer(new Constant(-1.5 * w)));

        Sequential or = new Sequential(new Input(2), new Dense(1, "sigmoid"));
        train(or, Tensor.of(new float[] {0, 1, 1, 1}, 4, 1), epochs);

        Sequential xor = new Sequential(new Input(2), new Dense(4, "tanh"), new Dense(1, "sigmoid"));
        train(xor, Tensor.of(new float[] {0, 1, 1, 0}, 4, 1), epochs);

        Sequential xorSingleNeuron = new Sequential(new Input(2), new Dense(1, "sigmoid"));
        train(xorSingleNeuron, Tensor.of(new float[] {0, 1, 1, 0}, 4, 1), epochs);

        Result result = new Result(outputs(and), outputs(or), outputs(xor), outputs(xorSingleNeuron));
        print("AND (hand-wired)", result.and());
        print("OR (learned)", result.or());
        print("XOR (learned, hidden layer of 4)", result.xor());
        print("XOR (single neuron: cannot work)", result.xorWithoutHiddenLayer());
        return result;
    }

    private static void train(Sequential gate, Tensor targets, int epochs) {
        gate.seed(2).compile(new Adam(0.05), new BinaryCrossentropy());
        gate.fit(INPUTS, targets, new FitOptions().epochs(epochs).batchSize(4).verbose(0));
    }

    private static float[] outputs(Sequential gate) {
        return gate.predict(INPUTS).data();
    }

    private static void print(String title, float[] outputs) {
        StringBuilder line = new StringBuilder(title).append(':');
        for (int i = 0; i < outputs.length; i++) {
            line.append(String.format(Locale.ROOT, "  %s -> %.3f", INPUT_NAMES[i], outputs[i]));
        }
        System.out.println(line);
    }
}
