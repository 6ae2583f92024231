package org.noether.data;

/**
 * A data set as it is published: training samples and held-out test samples, as Keras's
 * {@code load_data()} returns {@code (x_train, y_train), (x_test, y_test)}.
 *
 * <pre>{@code TrainTest data = FashionMnist.load(); data.train().size() == 60000}</pre>
 *
 * @param train the samples to learn from (and to take a validation set from)
 * @param test the samples to evaluate the finished model on
 */
public record TrainTest(Dataset train, Dataset test) {
    /** Checks that both parts are present. */
    public TrainTest {
        if (train == null || test == null) {
            throw new IllegalArgumentException("TrainTest needs both parts. Received: train=" + train
                    + ", test=" + test);
        }
    }
}
