package org.noether.examples;

import java.io.IOException;
import org.noether.models.Sequential;
import org.noether.nn.layers.AveragePooling2D;
import org.noether.nn.layers.Conv2D;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;

/**
 * LeNet-5 (LeCun, Bottou, Bengio and Haffner, 1998), the convolutional network of the MNIST table
 * in the notes, as usually adapted to 28×28 inputs: 6 filters of 5×5 with "same" padding (the
 * original's 32×32 input), 2×2 average pooling (subsampling), 16 filters of 5×5, 2×2 average
 * pooling, then dense layers of 120, 84 and 10; tanh throughout as in the paper, softmax at the end
 * — 61,706 weights.
 *
 * <p>Run: {@code ./noether demo lenet}, or this class's {@code main} with {@code --data DIR},
 * {@code --epochs N}, {@code --batch-size N}, {@code --output DIR}, {@code --seed N}.
 *
 * <pre>{@code LeNet5.main(new String[] {"--epochs", "10"});}</pre>
 */
public final class LeNet5 {
    /** {@code ./noether demo lenet}: Adam with a cosine-decaying learning rate, 10 epochs of 64. */
    public static final ClassifierDemo DEMO = new ClassifierDemo("lenet",
            "LeNet-5: Conv2D 6 5x5 same, AveragePooling 2, Conv2D 16 5x5, AveragePooling 2, Dense 120, 84, 10 (tanh); "
                    + "Adam with a cosine-decaying learning rate",
            LeNet5::network, Optimizers::adamWithCosineDecay, 10, 64);

    private LeNet5() {
    }

    /** The network, for 28×28 grey images. */
    public static Sequential network() {
        return new Sequential(
                new Input(28, 28, 1),
                new Conv2D(6, 5, "tanh").padding("same"),
                new AveragePooling2D(2),
                new Conv2D(16, 5, "tanh"),
                new AveragePooling2D(2),
                new Flatten(),
                new Dense(120, "tanh"),
                new Dense(84, "tanh"),
                new Dense(10, "softmax"));
    }

    /** Trains, evaluates and saves the network; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        DEMO.run(ClassifierDemo.Options.parse(args), System.out);
    }
}
