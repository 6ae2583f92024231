package org.noether.examples;

import java.io.IOException;
import org.noether.models.Sequential;
import org.noether.nn.layers.AveragePooling2D;
import org.noether.nn.layers.Conv2D;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.optimizers.Optimizer;
import org.noether.optimizers.SGD;

/**
 * The lecture's first convolutional network (seed 004, {@code init_net_conv_simple}): seven 5×5
 * filters with "same" padding and ReLU, 4×4 average pooling (28×28 → 7×7), then a softmax layer —
 * 3,622 weights in all, trained as the notes do with plain SGD — at learning rate 0.3: the notes'
 * 1.0 (for the MNIST digits) sends Fashion-MNIST's loss to chance within the first epoch.
 *
 * <pre>{@code
 * net.add(Conv2D(input_shape=(M,M,1), filters=7, kernel_size=[5,5], activation='relu', padding='same'))
 * net.add(AveragePooling2D(pool_size=4))
 * net.add(Flatten())
 * net.add(Dense(10, activation='softmax'))
 * }</pre>
 *
 * <p>Run: {@code ./noether demo conv-simple}, or this class's {@code main} with {@code --data DIR},
 * {@code --epochs N}, {@code --batch-size N}, {@code --output DIR}, {@code --seed N}.
 */
public final class ConvSimple {
    /** {@code ./noether demo conv-simple}: plain SGD as in the notes, 10 epochs, batches of 100. */
    public static final ClassifierDemo DEMO = new ClassifierDemo("conv-simple",
            "the notes' init_net_conv_simple: Conv2D 7 filters 5x5 same (ReLU), AveragePooling 4, Dense 10 softmax; "
                    + "plain SGD (learning rate 0.3) as in the notes",
            ConvSimple::network, ConvSimple::optimizer, 10, 100);

    private ConvSimple() {
    }

    /** The network, for 28×28 grey images. */
    public static Sequential network() {
        return new Sequential(
                new Input(28, 28, 1),
                new Conv2D(7, 5, "relu").padding("same"),
                new AveragePooling2D(4),
                new Flatten(),
                new Dense(10, "softmax"));
    }

    static Optimizer optimizer(long steps) {
        return new SGD(0.3);
    }

    /** Trains, evaluates and saves the network; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        DEMO.run(ClassifierDemo.Options.parse(args), System.out);
    }
}
