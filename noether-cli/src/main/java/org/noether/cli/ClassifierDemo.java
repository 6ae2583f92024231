package org.noether.cli;

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
import org.noether.models.Sequential;
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
 * <pre>{@code new ClassifierDemo("mlp", "...", Demos::mlp, steps -> new Adam(1e-3), 5, 32).run(options, out);}</pre>
 */
record ClassifierDemo(String name, String description, Supplier<Sequential> model,
                      LongFunction<Optimizer> optimizerForSteps,
                      int defaultEpochs, int defaultBatchSize) {

    /** What the user may change from the command line. */
    record Options(Path data, Integer epochs, Integer batchSize, Path output, long seed, double validationSplit) {
    }

    /** Trains, evaluates and saves; returns the test accuracy. */
    double run(Options options, PrintStream out) throws IOException {
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

        Sequential network = model.get();
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
