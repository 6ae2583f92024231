package org.noether.examples;

import java.util.Locale;
import org.noether.data.Dataset;
import org.noether.losses.MeanSquaredError;
import org.noether.models.Sequential;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Input;
import org.noether.optimizers.SGD;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;

/**
 * The lecture's first Keras example: a 2-150-150-100-1 ReLU network learns the function
 * {@code f(x, y) = exp(−5 (x² + y²))·|x + y|} on the square [−½, ½]² from fresh random batches,
 * one {@code trainOnBatch} step per batch (the notes' {@code make_batch} and
 * {@code train_on_batch} loop), with plain SGD at learning rate 0.1 on the mean squared error.
 *
 * <p>Options: {@code --batches N} (default 4000), {@code --batch-size N} (default 100).
 *
 * <pre>{@code FunctionFitting.main(new String[] {"--batches", "4000"});}</pre>
 */
public final class FunctionFitting {
    private FunctionFitting() {
    }

    /** The cost on the first batch, and the network's and a constant guess's costs on fresh points. */
    public record Result(double firstCost, double finalCost, double constantGuessCost) {
    }

    public static void main(String[] args) {
        run(args);
    }

    /** The notes' {@code myFunc}: a bump times a ridge, {@code exp(−5 r²)·|x + y|}. */
    static float myFunc(float x, float y) {
        return (float) (Math.exp(-5 * (x * x + y * y)) * Math.abs(x + y));
    }

    /** The notes' {@code make_batch}: {@code batchSize} random points of [−½, ½]² and myFunc there. */
    static Dataset makeBatch(Rng rng, int batchSize) {
        float[] inputs = new float[batchSize * 2];
        float[] targets = new float[batchSize];
        for (int i = 0; i < batchSize; i++) {
            inputs[2 * i] = rng.uniform(-0.5, 0.5);
            inputs[2 * i + 1] = rng.uniform(-0.5, 0.5);
            targets[i] = myFunc(inputs[2 * i], inputs[2 * i + 1]);
        }
        return new Dataset(Tensor.of(inputs, batchSize, 2), Tensor.of(targets, batchSize, 1));
    }

    /** Trains on {@code --batches} random batches; prints the cost as it falls. */
    public static Result run(String... args) {
        ExampleOptions options = ExampleOptions.parse(args, "batches", "batch-size");
        int batches = options.integer("batches", 4000);
        int batchSize = options.integer("batch-size", 100);

        Sequential net = new Sequential();
        net.add(new Input(2));
        net.add(new Dense(150, "relu"));
        net.add(new Dense(150, "relu"));
        net.add(new Dense(100, "relu"));
        net.add(new Dense(1, "relu"));
        net.compile(new SGD(0.1), new MeanSquaredError());

        Rng rng = new Rng(1);
        double[] costs = new double[batches];
        for (int k = 0; k < batches; k++) {
            Dataset batch = makeBatch(rng, batchSize);
            costs[k] = net.trainOnBatch(batch.x(), batch.y()).get("loss");
            if ((k + 1) % Math.max(1, batches / 10) == 0) {
                System.out.println("batch " + (k + 1) + ": cost " + format(costs[k]));
            }
        }

        Dataset fresh = makeBatch(rng, 2000);
        Tensor yOut = net.predictOnBatch(fresh.x());
        double cost = yOut.sub(fresh.y()).square().mean().item();
        double constantGuess = fresh.y().sub(fresh.y().mean()).square().mean().item();
        System.out.println("cost on 2000 fresh points " + format(cost) + " (the best constant guess: "
                + format(constantGuess) + ")");
        return new Result(costs[0], cost, constantGuess);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
