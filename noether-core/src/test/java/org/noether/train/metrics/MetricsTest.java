package org.noether.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lookup by Keras names and aliases, names as Keras reports them, config round trip and errors. */
class MetricsTest {

    @Test
    void findsMetricsByNameAndAlias() {
        assertInstanceOf(Accuracy.class, Metrics.get("accuracy"));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.get("categorical_accuracy"));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.get("CategoricalAccuracy"));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("sparse_categorical_accuracy"));
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("binary_accuracy"));
        assertInstanceOf(TopKCategoricalAccuracy.class, Metrics.get("top_k_categorical_accuracy"));
        assertInstanceOf(SparseTopKCategoricalAccuracy.class, Metrics.get("sparse_top_k_categorical_accuracy"));
        assertInstanceOf(MeanAbsoluteError.class, Metrics.get("mae"));
        assertNotSame(Metrics.get("accuracy"), Metrics.get("accuracy"));
    }

    @Test
    void namesAreTheKerasHistoryKeys() {
        assertEquals("accuracy", Metrics.get("accuracy").name());
        assertEquals("acc", Metrics.get("acc").name()); // Keras keeps the spelling asked for
        assertEquals("mean_absolute_error", Metrics.get("mae").name()); // as Keras 3 reports it
        for (String name : Metrics.names()) {
            assertEquals(name, Metrics.get(name).name());
        }
    }

    @Test
    void configRoundTrips() {
        TopKCategoricalAccuracy top3 = (TopKCategoricalAccuracy) Metrics.fromConfig("top_k_categorical_accuracy",
                Map.of("k", 3));
        assertEquals(3, top3.k());
        assertEquals(3, ((TopKCategoricalAccuracy) Metrics.fromConfig(top3.name(), top3.config())).k());
        assertEquals(5, ((SparseTopKCategoricalAccuracy) Metrics.get("sparse_top_k_categorical_accuracy")).k());
        BinaryAccuracy binary = new BinaryAccuracy(0.7);
        assertEquals(0.7, ((BinaryAccuracy) Metrics.fromConfig(binary.name(), binary.config())).threshold());
        assertEquals(0.5, ((BinaryAccuracy) Metrics.fromConfig("binary_accuracy",
                Map.of("name", "binary_accuracy", "dtype", "float32"))).threshold());
    }

    @Test
    void errorsNameWhatWasWrong() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Metrics.get("acuracy"));
        AccuracyMetricsTest.assertMessage(unknown, "acuracy", "accuracy [acc]", "top_k_categorical_accuracy",
                "mean_absolute_error [mae]");
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> Metrics.fromConfig("top_k_categorical_accuracy", Map.of("top_k", 3)));
        AccuracyMetricsTest.assertMessage(key, "top_k_categorical_accuracy", "top_k", "[name, dtype, k]");
        IllegalArgumentException integer = assertThrows(IllegalArgumentException.class,
                () -> Metrics.fromConfig("top_k_categorical_accuracy", Map.of("k", 2.5)));
        AccuracyMetricsTest.assertMessage(integer, "k=2.5", "integer");
    }
}
