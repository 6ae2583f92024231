package org.noether.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/** Dropout: identity in inference; in training a Bernoulli mask with survivors scaled by 1/(1−rate). */
class DropoutTest {
    private static final int SAMPLES = 200;
    private static final int FEATURES = 500;

    private static Dropout built(double rate, long seed) {
        Dropout dropout = new Dropout(rate);
        dropout.build(Shape.of(FEATURES), new Rng(seed));
        return dropout;
    }

    @Test
    void inferenceIsTheIdentity() {
        Dropout dropout = built(0.5, 1);
        Tensor x = Tensor.uniform(Shape.of(4, FEATURES), -1, 1, new Rng(2));
        Tensor y = dropout.apply(x, false);
        assertArrayEquals(x.data(), y.data());
        assertSame(x, y, "no copy in inference");
        assertEquals(Shape.of(3, 4), new Dropout(0.2).outputShape(Shape.of(3, 4)));
    }

    @Test
    void rateZeroIsTheIdentityInTraining() {
        Tensor x = Tensor.uniform(Shape.of(4, FEATURES), -1, 1, new Rng(2));
        assertArrayEquals(x.data(), built(0, 1).apply(x, true).data());
    }

    @Test
    void trainingDropsAboutRateAndScalesSurvivors() {
        for (double rate : new double[] {0.1, 0.3, 0.5, 0.8}) {
            Tensor y = built(rate, 3).apply(Tensor.ones(SAMPLES, FEATURES), true);
            int n = y.size();
            float survivor = (float) (1 / (1 - rate));
            int dropped = 0;
            double sum = 0;
            for (float value : y.data()) {
                if (value == 0) {
                    dropped++;
                } else {
                    assertEquals(survivor, value, "a survivor is scaled by exactly 1/(1-rate) for rate " + rate);
                }
                sum += value;
            }
            double fraction = (double) dropped / n;
            double sigma = Math.sqrt(rate * (1 - rate) / n);
            assertEquals(rate, fraction, 5 * sigma, "fraction dropped for rate " + rate);
            // each output has mean 1 and variance rate/(1−rate): the mean of n is 1 within 5 standard errors
            double meanSigma = Math.sqrt(rate / (1 - rate) / n);
            assertEquals(1, sum / n, 5 * meanSigma, "mean preserved for rate " + rate);
        }
    }

    @Test
    void masksDifferBetweenCallsAndAreReproducibleForASeed() {
        Tensor x = Tensor.ones(8, FEATURES);
        Dropout first = built(0.5, 42);
        Dropout second = built(0.5, 42);
        float[] a1 = first.apply(x, true).data();
        float[] a2 = first.apply(x, true).data();
        assertArrayEquals(a1, second.apply(x, true).data(), "same seed, same first mask");
        assertArrayEquals(a2, second.apply(x, true).data(), "same seed, same second mask");
        assertFalse(Arrays.equals(a1, a2), "a new mask on every call");
        assertFalse(Arrays.equals(a1, built(0.5, 43).apply(x, true).data()), "another seed, another mask");
    }

    @Test
    void gradientIsTheSameMask() {
        Dropout dropout = built(0.4, 5);
        Tensor x = Tensor.uniform(Shape.of(3, FEATURES), 0.5, 1.5, new Rng(6)).requiresGrad(true);
        Tensor y = dropout.apply(x, true);
        y.sum().backward();
        for (int i = 0; i < x.size(); i++) {
            float mask = y.data()[i] / x.data()[i];
            assertEquals(mask, x.grad().data()[i], 1e-6f * (1 + mask), "element " + i);
        }
    }

    @Test
    void rateOutsideZeroToOneIsRejected() {
        for (double rate : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Dropout(rate));
            assertTrue(error.getMessage().contains("rate=" + rate), error.getMessage());
        }
    }
}
