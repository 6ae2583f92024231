package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noether.losses.BinaryCrossentropy;
import org.noether.losses.MeanSquaredError;
import org.noether.nn.initializers.Constant;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Input;
import org.noether.optimizers.Adam;
import org.noether.optimizers.SGD;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;

/**
 * The worked examples of lectures 2–3 of seed 004 (Marquardt, "Machine Learning for Physicists"),
 * done the Keras way in Noether: the AND trick, the OR/XOR homework, and learning a 2D function
 * from random batches with {@code trainOnBatch}.
 */
class LectureExamplesTest {
    private static final Tensor INPUTS = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});

    private static Tensor targets(float... values) {
        return Tensor.of(values, 4, 1);
    }

    /** "for large w": a single sigmoid neuron with weights w, w and bias −1.5w is an AND gate. */
    @Test
    void handWiredAndNeuronFromTheNotes() {
        double w = 20;
        Dense neuron = new Dense(1, "sigmoid").kernelInitializer(new Constant(w)).biasInitializer(new Constant(-1.5 * w));
        Sequential net = new Sequential(new Input(2), neuron);
        float[] out = net.predict(INPUTS).data();
        assertEquals(0, out[0], 1e-6);
        assertEquals(0, out[1], 1e-4);
        assertEquals(0, out[2], 1e-4);
        assertEquals(1, out[3], 1e-4);
    }

    private static float[] trainGate(Sequential net, Tensor target, int epochs) {
        net.compile(new Adam(0.05), new BinaryCrossentropy(false));
        for (int epoch = 0; epoch < epochs; epoch++) {
            net.trainOnBatch(INPUTS, target);
        }
        return net.predict(INPUTS).data();
    }

    private static void assertGate(float[] out, float... expected) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out[i], 0.1, "input " + INPUTS.slice(i, i + 1) + ": " + out[i]);
        }
    }

    @Test
    void singleNeuronLearnsAndAndOr() {
        Sequential and = new Sequential(new Input(2), new Dense(1, "sigmoid"));
        assertGate(trainGate(and.seed(1), targets(0, 0, 0, 1), 500), 0, 0, 0, 1);
        Sequential or = new Sequential(new Input(2), new Dense(1, "sigmoid"));
        assertGate(trainGate(or.seed(1), targets(0, 1, 1, 1), 500), 0, 1, 1, 1);
    }

    /** XOR is not linearly separable: it needs the hidden layer (the homework's point). */
    @Test
    void hiddenLayerLearnsXor() {
        Sequential xor = new Sequential(new Input(2), new Dense(4, "tanh"), new Dense(1, "sigmoid"));
        assertGate(trainGate(xor.seed(2), targets(0, 1, 1, 0), 1000), 0, 1, 1, 0);
    }

    /** The notes' test function for the 2D example: {@code exp(−5 r²)·|x + y|}. */
    private static float myFunc(float x, float y) {
        return (float) (Math.exp(-5 * (x * x + y * y)) * Math.abs(x + y));
    }

    /** {@code make_batch}: random positions in the square [−½, ½]² and the function's values there. */
    private static Tensor[] makeBatch(Rng rng, int batchSize) {
        float[] inputs = new float[batchSize * 2];
        float[] targets = new float[batchSize];
        for (int i = 0; i < batchSize; i++) {
            inputs[2 * i] = rng.uniform(-0.5, 0.5);
            inputs[2 * i + 1] = rng.uniform(-0.5, 0.5);
            targets[i] = myFunc(inputs[2 * i], inputs[2 * i + 1]);
        }
        return new Tensor[] {Tensor.of(inputs, batchSize, 2), Tensor.of(targets, batchSize, 1)};
    }

    /**
     * Lecture 3's Keras example: a 2-150-150-100-1 ReLU net trained with {@code train_on_batch}
     * on fresh random batches. The function has variance about 0.0063 over the square; the stated
     * level is a mean squared error below 0.0005 on a fresh batch (about 8% of that variance).
     */
    @Test
    void learnsTheTwoDimensionalFunctionFromRandomBatches() {
        Sequential net = new Sequential(new Input(2), new Dense(150, "relu"), new Dense(150, "relu"),
                new Dense(100, "relu"), new Dense(1, "linear"));
        net.seed(5).compile(new SGD(0.1, 0.9, false), new MeanSquaredError());
        Rng rng = new Rng(11);
        double firstCost = Double.NaN;
        for (int k = 0; k < 1500; k++) {
            Tensor[] batch = makeBatch(rng, 100);
            Map<String, Double> logs = net.trainOnBatch(batch[0], batch[1]);
            if (k == 0) {
                firstCost = logs.get("loss");
            }
        }
        Tensor[] test = makeBatch(new Rng(99), 2000);
        double cost = net.evaluate(test[0], test[1]).get("loss");
        assertTrue(cost < 0.0005, "mean squared error " + cost + " after training (first batch: " + firstCost + ")");
    }
}
