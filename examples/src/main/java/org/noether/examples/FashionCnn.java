package org.noether.examples;

import java.io.IOException;
import org.noether.models.Sequential;
import org.noether.nn.layers.Conv2D;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.nn.layers.MaxPooling2D;

/**
 * The Keras tutorial's convolutional network on Fashion-MNIST: 32 and 64 filters of 3×3 with ReLU,
 * each followed by 2×2 max pooling (28 → 26 → 13 → 11 → 5), a dense layer of 128 and a softmax —
 * 225,034 weights. The main demo ({@code ./noether demo}).
 *
 * <p>Run: {@code ./noether demo fashion-cnn}, or this class's {@code main} with {@code --data DIR},
 * {@code --epochs N}, {@code --batch-size N}, {@code --output DIR}, {@code --seed N}.
 *
 * <pre>{@code FashionCnn.main(new String[] {"--epochs", "10"});}</pre>
 */
public final class FashionCnn {
    /** {@code ./noether demo fashion-cnn}: Adam with a cosine-decaying learning rate, 10 epochs of 64. */
    public static final ClassifierDemo DEMO = new ClassifierDemo("fashion-cnn",
            "the Keras tutorial CNN: Conv2D 32 3x3, MaxPooling 2, Conv2D 64 3x3, MaxPooling 2, Dense 128, Dense 10; "
                    + "Adam with a cosine-decaying learning rate",
            FashionCnn::network, Optimizers::adamWithCosineDecay, 10, 64);

    private FashionCnn() {
    }

    /** The network, for 28×28 grey images. */
    public static Sequential network() {
        return new Sequential(
                new Input(28, 28, 1),
                new Conv2D(32, 3, "relu"),
                new MaxPooling2D(2),
                new Conv2D(64, 3, "relu"),
                new MaxPooling2D(2),
                new Flatten(),
                new Dense(128, "relu"),
                new Dense(10, "softmax"));
    }

    /** Trains, evaluates and saves the network; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        DEMO.run(ClassifierDemo.Options.parse(args), System.out);
    }
}
