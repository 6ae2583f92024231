package org.noether.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The weighted running mean that tracks the loss over an epoch. */
class MeanTest {

    @Test
    void weighsEachUpdateByItsCount() {
        Mean loss = new Mean("loss");
        assertEquals(0, loss.result());
        loss.update(2.0, 3); // a batch of 3 with mean loss 2
        loss.update(6.0, 1); // a last, smaller batch
        assertEquals((2.0 * 3 + 6.0) / 4, loss.result(), 1e-15);
        assertEquals(4, loss.count());
        loss.update(1.0);
        assertEquals((6.0 + 6.0 + 1.0) / 5, loss.result(), 1e-15);
        loss.update(100.0, 0); // no samples: no weight
        assertEquals((6.0 + 6.0 + 1.0) / 5, loss.result(), 1e-15);
        assertEquals("loss", loss.name());
        loss.reset();
        assertEquals(0, loss.result());
        assertEquals(0, loss.count());
        assertEquals("mean", new Mean().name());
    }

    @Test
    void accumulatesInDouble() {
        Mean mean = new Mean();
        for (int i = 0; i < 1_000_000; i++) {
            mean.update(0.1, 1);
        }
        assertEquals(0.1, mean.result(), 1e-9); // a float sum would be off by about 1e-3
    }

    @Test
    void rejectsANegativeCount() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Mean("loss").update(1, -2));
        AccuracyMetricsTest.assertMessage(error, "loss", "count=-2");
    }
}
