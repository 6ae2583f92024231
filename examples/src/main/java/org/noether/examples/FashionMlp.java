package org.noether.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.noether.data.FashionMnist;
import org.noether.data.TrainTest;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.models.Model;
import org.noether.models.Sequential;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.optimizers.Adam;
import org.noether.tensor.Tensor;
import org.noether.train.FitOptions;
import org.noether.train.metrics.Accuracy;

/**
 * The demo's classifier on one page: a dense network 784-128-10 (ReLU, softmax) learns the ten
 * classes of Fashion-MNIST with Adam and a sparse categorical cross-entropy on the class labels;
 * it is evaluated on the test set, saved, loaded back, and the loaded model classifies the test
 * images.
 *
 * <p>Options: {@code --data DIR} (the four Fashion-MNIST IDX files, or {@code embedded} for the
 * bundled subset; by default the Debian package's directory, else the subset), {@code --epochs N}
 * (default 5), {@code --output DIR} (default models/fashion-mlp).
 *
 * <pre>{@code FashionMlp.main(new String[] {"--epochs", "5"});}</pre>
 */
public final class FashionMlp {
    /** {@code ./noether demo mlp}: this network, Adam with a cosine-decaying learning rate, 5 epochs of 32. */
    public static final ClassifierDemo DEMO = new ClassifierDemo("mlp",
            "a dense network 784-128-10 (ReLU, softmax), Adam with a cosine-decaying learning rate",
            FashionMlp::network, Optimizers::adamWithCosineDecay, 5, 32);

    private FashionMlp() {
    }

    /** The notes' first classifier: 784 inputs, 128 hidden ReLU units, 10 softmax outputs. */
    public static Sequential network() {
        return new Sequential(
                new Input(28, 28, 1),
                new Flatten(),
                new Dense(128, "relu"),
                new Dense(10, "softmax"));
    }

    public static void main(String[] args) throws IOException {
        run(args);
    }

    /** Trains, evaluates, saves, loads and predicts; returns the loaded model's test accuracy. */
    public static double run(String... args) throws IOException {
        ExampleOptions options = ExampleOptions.parse(args, "data", "epochs", "output");
        Path dataDirectory = options.path("data", null);
        int epochs = options.integer("epochs", 5);
        Path directory = options.path("output", Path.of("models", "fashion-mlp"));

        TrainTest data = FashionData.locate(dataDirectory).split();
        Sequential model = network();
        model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy(), new Accuracy());
        System.out.print(model.summary());
        model.fit(data.train(), new FitOptions().epochs(epochs).batchSize(32).validationSplit(0.1));

        Map<String, Double> test = model.evaluate(data.test());
        System.out.println("test loss " + format(test.get("loss")) + ", test accuracy " + format(test.get("accuracy")));

        model.save(directory);
        Model loaded = Model.load(directory);
        Tensor probabilities = loaded.predict(data.test().x());
        Tensor predicted = probabilities.argmax(-1);
        for (int i = 0; i < 5; i++) {
            String guess = FashionMnist.CLASS_NAMES.get((int) predicted.get(i));
            String truth = FashionMnist.CLASS_NAMES.get((int) data.test().y().get(i));
            System.out.println("test image " + i + ": predicted " + guess + ", true " + truth);
        }
        return loaded.evaluate(data.test()).get("accuracy");
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
