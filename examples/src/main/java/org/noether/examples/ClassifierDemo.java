package org.noether.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.noether.data.Dataset;
import org.noether.data.FashionMnist;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.models.Model;
import org.noether.optimizers.Optimizer;
import org.noether.tensor.Tensor;
import org.noether.train.FitOptions;
import org.noether.train.History;
import org.noether.train.metrics.Accuracy;
import org.noether.train.metrics.ConfusionMatrix;

/**
 * One image-classifier demo: a network for 28×28×1 Fashion-MNIST images, trained with a sparse
 * categorical cross-entropy on the class labels, then evaluated on the test set (accuracy and
 * confusion matrix) and saved.
 *
 * <p>The optimizer is made for the number of steps the run will take, so that a learning-rate
 * schedule can end exactly with training.
 *
 * <pre>{@code new ClassifierDemo("mlp", "...", FashionMlp::network, steps -> new Adam(1e-3), 5, 32).run(options, out);}</pre>
 *
 * @param name              the demo's name on the command line ({@code ./noether demo NAME})
 * @param description       one line for the report
 * @param model             makes the untrained network, for inputs {@code [28, 28, 1]}
 * @param optimizerForSteps makes the optimizer for a run of that many steps
 */
public record ClassifierDemo(String name, String description, Supplier<Model> model,
                             LongFunction<Optimizer> optimizerForSteps,
                             int defaultEpochs, int defaultBatchSize) {

    /**
     * What the user may change: the data directory ({@link FashionData#locate}), epochs and batch
     * size (null for the demo's), where the model goes (null for {@code models/NAME}), the seed and
     * a validation fraction (0 for none).
     */
    public record Options(Path data, Integer epochs, Integer batchSize, Path output, long seed,
                          double validationSplit) {
        /** The demo's defaults: data found automatically, seed 0, no validation. */
        public static Options defaults() {
            return new Options(null, null, null, null, 0, 0);
        }

        /** Options from an example's command line: {@code --data --epochs --batch-size --output --seed}. */
        static Options parse(String... args) {
            ExampleOptions options = ExampleOptions.parse(args, "data", "epochs", "batch-size", "output", "seed");
            Integer epochs = options.has("epochs") ? options.integer("epochs", 0) : null;
            Integer batchSize = options.has("batch-size") ? options.integer("batch-size", 0) : null;
            return new Options(options.path("data", null), epochs, batchSize, options.path("output", null),
                    options.integer("seed", 0), 0);
        }
    }

    /** Trains, evaluates and saves; returns the test accuracy. */
    public double run(Options options, PrintStream out) throws IOException {
        FashionData data = FashionData.locate(options.data());
        out.println("Demo '" + name + "': " + description);
        out.println("Data: " + data.describe());
        Dataset train = data.split().train();
        Dataset test = data.split().test();

        int epochs = options.epochs() != null ? options.epochs() : defaultEpochs;
        int batchSize = options.batchSize() != null ? options.batchSize() : defaultBatchSize;
        FitOptions fit = new FitOptions().epochs(epochs).batchSize(batchSize).output(out);
        int trainingSamples = train.size();
        if (options.validationSplit() > 0) {
            fit.validationSplit(options.validationSplit());
            trainingSamples = train.validationSplit(options.validationSplit()).first().size();
        }
        long steps = (long) epochs * ((trainingSamples + batchSize - 1) / batchSize);

        Model network = model.get();
        network.seed(options.seed());
        network.compile(optimizerForSteps.apply(steps), new SparseCategoricalCrossentropy(), new Accuracy());
        network.build(FashionMnist.IMAGE_SIZE, FashionMnist.IMAGE_SIZE, 1);
        out.print(network.summary());

        long start = System.nanoTime();
        History history = network.fit(train.x(), train.y(), fit);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (history.stopReason() != null) {
            out.println(history.stopReason());
        }

        Map<String, Double> result = network.evaluate(test.x(), test.y(), 256);
        double accuracy = result.get("accuracy");
        out.printf(Locale.ROOT, "Training took %.1f s (%d epochs). Test loss %.4f, test accuracy %.4f%n", seconds,
                history.epochs().size(), result.get("loss"), accuracy);
        Tensor predicted = network.predict(test.x(), 256).argmax(-1);
        out.println("Confusion matrix (rows: true class, columns: predicted class):");
        out.print(ConfusionMatrix.of(test.y(), predicted, FashionMnist.NUM_CLASSES).format(FashionMnist.CLASS_NAMES));

        Path directory = options.output() != null ? options.output() : Path.of("models", name);
        network.save(directory);
        history.writeCsv(directory.resolve("history.csv"));
        out.println("Model written to " + directory.toAbsolutePath().normalize() + " (config.json, model.safetensors, "
                + "history.csv)");
        return accuracy;
    }
}
