package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noether.data.FashionMnist;
import org.noether.data.TrainTest;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.optimizers.Adam;
import org.noether.optimizers.schedules.CosineDecay;
import org.noether.train.FitOptions;
import org.noether.train.History;
import org.noether.train.metrics.Accuracy;

/**
 * The notes' first real network end to end: Input(28, 28, 1) – Flatten – Dense(128, relu) –
 * Dense(10, softmax) on Fashion-MNIST, Adam from 1e-3 with a cosine-decaying learning rate, sparse
 * categorical cross-entropy, batches of 32, 5 epochs. TensorFlow's tutorial reports about 88% test accuracy for this model; 87% is the
 * bar. Skipped where the Debian package dataset-fashion-mnist is not installed. (About 25 s.)
 */
class FashionMnistMlpTest {

    @Test
    void reachesEightySevenPercentTestAccuracy() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY),
                "Fashion-MNIST not installed at " + FashionMnist.DEFAULT_DIRECTORY);
        TrainTest data = FashionMnist.load();
        Sequential model = SequentialTest.mlp().seed(0);
        model.compile(new Adam().learningRate(new CosineDecay(1e-3, 5 * 1875)), new SparseCategoricalCrossentropy(),
                new Accuracy());
        History history = model.fit(data.train(), new FitOptions().epochs(5).batchSize(32).verbose(0));

        assertEquals(5, history.epochs().size());
        for (int epoch = 1; epoch < 5; epoch++) {
            assertTrue(history.get("loss").get(epoch) < history.get("loss").get(epoch - 1), history.toString());
        }
        Map<String, Double> test = model.evaluate(data.test().x(), data.test().y(), 256);
        assertTrue(test.get("accuracy") >= 0.87, "test accuracy " + test + ", training " + history);
    }
}
