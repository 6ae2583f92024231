package org.noether.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Every loss against an independent double-precision implementation of Keras's formula, written
 * here with plain loops over rows, on random data; plus the agreement of the logits and
 * probability forms and their stability at extreme logits.
 */
class LossReferenceTest {
    private static final int ROWS = 6;
    private static final int COLS = 5;
    private static final double EPS = 1e-7;
    /** {@code 1 − ε} as float32 rounds it (0.99999988), as Keras's float32 clip uses it. */
    private static final double ONE_MINUS_EPS = (float) (1 - EPS);
    private static final double RELATIVE = 1e-5;

    /** A per-row loss on double rows. */
    private interface RowLoss {
        double of(double[] y, double[] p);
    }

    private final Rng rng = new Rng(2024);

    private float[] uniform(double low, double high) {
        float[] values = new float[ROWS * COLS];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.uniform(low, high);
        }
        return values;
    }

    private float[] oneHot(int[] classes) {
        float[] values = new float[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            values[r * COLS + classes[r]] = 1;
        }
        return values;
    }

    private int[] randomClasses() {
        int[] classes = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            classes[r] = rng.nextInt(COLS);
        }
        return classes;
    }

    /** Mean over rows of the reference per-row loss, in double. */
    private static double reference(RowLoss rowLoss, float[] yTrue, float[] yPred) {
        double total = 0;
        for (int r = 0; r < ROWS; r++) {
            double[] y = new double[COLS];
            double[] p = new double[COLS];
            for (int c = 0; c < COLS; c++) {
                y[c] = yTrue[r * COLS + c];
                p[c] = yPred[r * COLS + c];
            }
            total += rowLoss.of(y, p);
        }
        return total / ROWS;
    }

    private static void assertMatches(Loss loss, RowLoss rowLoss, float[] yTrue, float[] yPred) {
        double expected = reference(rowLoss, yTrue, yPred);
        double actual = loss.compute(Tensor.of(yTrue, ROWS, COLS), Tensor.of(yPred, ROWS, COLS)).item();
        assertEquals(expected, actual, RELATIVE * Math.abs(expected) + 1e-7, loss.toString());
    }

    private static double clip(double x, double low, double high) {
        return Math.max(low, Math.min(high, x));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double[] logSoftmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        double[] out = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            out[j] = z[j] - max - Math.log(sum);
        }
        return out;
    }

    private static double[] smoothCategorical(double[] y, double s) {
        double[] out = new double[y.length];
        for (int j = 0; j < y.length; j++) {
            out[j] = y[j] * (1 - s) + s / y.length;
        }
        return out;
    }

    private static double categoricalOnProbabilities(double[] y, double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        double loss = 0;
        for (int j = 0; j < p.length; j++) {
            loss -= y[j] * Math.log(clip(p[j] / sum, EPS, ONE_MINUS_EPS));
        }
        return loss;
    }

    private static double categoricalOnLogits(double[] y, double[] z) {
        double[] logP = logSoftmax(z);
        double loss = 0;
        for (int j = 0; j < z.length; j++) {
            loss -= y[j] * logP[j];
        }
        return loss;
    }

    private static double binary(double[] y, double[] p, boolean logits, double s) {
        double[] terms = new double[y.length];
        for (int j = 0; j < y.length; j++) {
            double label = y[j] * (1 - s) + 0.5 * s;
            if (logits) {
                double probability = 1 / (1 + Math.exp(-p[j]));
                terms[j] = -(label * Math.log(probability) + (1 - label) * Math.log(1 - probability));
            } else {
                double q = clip(p[j], EPS, ONE_MINUS_EPS);
                terms[j] = -(label * Math.log(q) + (1 - label) * Math.log(1 - q));
            }
        }
        return mean(terms);
    }

    @Test
    void regressionLosses() {
        float[] yTrue = uniform(-2, 2);
        float[] yPred = uniform(-2, 2);
        float[] positiveTrue = uniform(0, 5);
        float[] positivePred = uniform(-0.5, 5); // some ≤ 0: MSLE treats them as ε
        assertMatches(new MeanSquaredError(), (y, p) -> {
            double[] t = new double[y.length];
            for (int j = 0; j < y.length; j++) {
                t[j] = (y[j] - p[j]) * (y[j] - p[j]);
            }
            return mean(t);
        }, yTrue, yPred);
        assertMatches(new MeanAbsoluteError(), (y, p) -> {
            double[] t = new double[y.length];
            for (int j = 0; j < y.length; j++) {
                t[j] = Math.abs(y[j] - p[j]);
            }
            return mean(t);
        }, yTrue, yPred);
        assertMatches(new MeanSquaredLogarithmicError(), (y, p) -> {
            double[] t = new double[y.length];
            for (int j = 0; j < y.length; j++) {
                double d = Math.log(Math.max(p[j], EPS) + 1) - Math.log(Math.max(y[j], EPS) + 1);
                t[j] = d * d;
            }
            return mean(t);
        }, positiveTrue, positivePred);
        for (double delta : new double[] {1, 0.7}) {
            assertMatches(new Huber(delta), (y, p) -> {
                double[] t = new double[y.length];
                for (int j = 0; j < y.length; j++) {
                    double e = Math.abs(p[j] - y[j]);
                    t[j] = e <= delta ? 0.5 * e * e : delta * e - 0.5 * delta * delta;
                }
                return mean(t);
            }, yTrue, yPred);
        }
    }

    @Test
    void hingeWithBothLabelConventions() {
        float[] scores = uniform(-2, 2);
        float[] zeroOne = new float[ROWS * COLS];
        for (int i = 0; i < zeroOne.length; i++) {
            zeroOne[i] = rng.nextInt(2);
        }
        float[] plusMinus = new float[zeroOne.length];
        for (int i = 0; i < zeroOne.length; i++) {
            plusMinus[i] = 2 * zeroOne[i] - 1;
        }
        RowLoss hinge = (y, p) -> {
            double[] t = new double[y.length];
            for (int j = 0; j < y.length; j++) {
                t[j] = Math.max(1 - y[j] * p[j], 0);
            }
            return mean(t);
        };
        assertMatches(new Hinge(), hinge, plusMinus, scores);
        assertEquals(reference(hinge, plusMinus, scores),
                new Hinge().compute(Tensor.of(zeroOne, ROWS, COLS), Tensor.of(scores, ROWS, COLS)).item(), 1e-6);
    }

    @Test
    void binaryCrossentropyOnProbabilitiesAndLogits() {
        float[] labels = uniform(0, 1); // soft labels are allowed
        float[] probabilities = uniform(0, 1);
        probabilities[0] = 0; // clipped to ε
        probabilities[1] = 1; // clipped to 1 − ε
        float[] logits = uniform(-6, 6);
        for (double s : new double[] {0, 0.1}) {
            assertMatches(new BinaryCrossentropy(false, s), (y, p) -> binary(y, p, false, s), labels, probabilities);
            assertMatches(new BinaryCrossentropy(true, s), (y, p) -> binary(y, p, true, s), labels, logits);
        }
    }

    @Test
    void categoricalCrossentropyOnProbabilitiesAndLogits() {
        float[] targets = oneHot(randomClasses());
        float[] unnormalised = uniform(0, 2);
        float[] logits = uniform(-5, 5);
        for (double s : new double[] {0, 0.2}) {
            assertMatches(new CategoricalCrossentropy(false, s),
                    (y, p) -> categoricalOnProbabilities(smoothCategorical(y, s), p), targets, unnormalised);
            assertMatches(new CategoricalCrossentropy(true, s),
                    (y, z) -> categoricalOnLogits(smoothCategorical(y, s), z), targets, logits);
        }
    }

    @Test
    void sparseCategoricalCrossentropyEqualsCategoricalOfOneHot() {
        int[] classes = randomClasses();
        float[] labels = new float[ROWS];
        for (int r = 0; r < ROWS; r++) {
            labels[r] = classes[r];
        }
        float[] targets = oneHot(classes);
        float[] unnormalised = uniform(0, 2);
        float[] logits = uniform(-5, 5);
        for (boolean fromLogits : new boolean[] {false, true}) {
            float[] predictions = fromLogits ? logits : unnormalised;
            double expected = reference(fromLogits ? LossReferenceTest::categoricalOnLogits
                    : LossReferenceTest::categoricalOnProbabilities, targets, predictions);
            double actual = new SparseCategoricalCrossentropy(fromLogits)
                    .compute(Tensor.vector(labels), Tensor.of(predictions, ROWS, COLS)).item();
            assertEquals(expected, actual, RELATIVE * expected);
        }
    }

    @Test
    void klDivergence() {
        float[] targets = uniform(0, 1);
        targets[0] = 0; // clipped to ε
        float[] predictions = uniform(0, 1);
        assertMatches(new KLDivergence(), (y, p) -> {
            double sum = 0;
            for (int j = 0; j < y.length; j++) {
                double t = clip(y[j], EPS, 1);
                sum += t * Math.log(t / clip(p[j], EPS, 1));
            }
            return sum;
        }, targets, predictions);
    }

    @Test
    void logitsFormsEqualProbabilityFormsOfTheActivation() {
        Tensor logits = Tensor.of(uniform(-4, 4), ROWS, COLS);
        Tensor targets = Tensor.of(oneHot(randomClasses()), ROWS, COLS);
        assertEquals(new CategoricalCrossentropy().compute(targets, logits.softmax(-1)).item(),
                new CategoricalCrossentropy(true).compute(targets, logits).item(), 1e-5);
        Tensor labels = Tensor.of(uniform(0, 1), ROWS, COLS);
        assertEquals(new BinaryCrossentropy().compute(labels, logits.sigmoid()).item(),
                new BinaryCrossentropy(true).compute(labels, logits).item(), 1e-5);
        Tensor indices = Tensor.vector(0, 1, 2, 3, 4, 0);
        assertEquals(new SparseCategoricalCrossentropy().compute(indices, logits.softmax(-1)).item(),
                new SparseCategoricalCrossentropy(true).compute(indices, logits).item(), 1e-5);
    }

    @Test
    void extremeLogitsGiveFiniteLossesAndGradients() {
        Tensor targets = Tensor.of(new float[][] {{0, 1, 0}, {1, 0, 0}});
        Tensor logits = Tensor.of(new float[][] {{1000, -1000, 0}, {-1000, 1000, 1000}}).requiresGrad(true);
        Tensor loss = new CategoricalCrossentropy(true).compute(targets, logits);
        // Sample 1: log-sum-exp ≈ 1000, so −(−1000 − 1000) = 2000; sample 2: 1000 + ln 2 + 1000.
        assertEquals((2000 + 2000 + Math.log(2)) / 2, loss.item(), 1e-2);
        loss.backward();
        // ∂/∂z = (softmax(z) − y) / batch.
        float[] expected = {0.5f, -0.5f, 0, -0.5f, 0.25f, 0.25f};
        assertArrayClose(expected, logits.grad().data(), 1e-6);

        Tensor indexLogits = Tensor.of(new float[][] {{1000, -1000, 0}}).requiresGrad(true);
        Tensor sparse = new SparseCategoricalCrossentropy(true).compute(Tensor.vector(1), indexLogits);
        assertEquals(2000, sparse.item(), 1e-2);
        sparse.backward();
        assertArrayClose(new float[] {1, -1, 0}, indexLogits.grad().data(), 1e-6);

        Tensor binaryLogits = Tensor.of(new float[] {1000, -1000, 1000, -1000}, 4, 1).requiresGrad(true);
        Tensor binaryLoss = new BinaryCrossentropy(true).compute(Tensor.vector(0, 1, 1, 0), binaryLogits);
        assertEquals(500, binaryLoss.item(), 1e-3); // two samples cost 1000, two cost 0
        binaryLoss.backward();
        // ∂/∂z = (σ(z) − y) / batch.
        assertArrayClose(new float[] {0.25f, -0.25f, 0, 0}, binaryLogits.grad().data(), 1e-6);
    }

    @Test
    void lossesAreScalars() {
        Tensor yTrue = Tensor.full(Shape.of(ROWS, COLS), 0.2);
        Tensor yPred = Tensor.full(Shape.of(ROWS, COLS), 0.3);
        for (String name : Losses.names()) {
            if (name.equals(SparseCategoricalCrossentropy.NAME)) {
                continue; // its targets are indices, checked above
            }
            assertEquals(0, Losses.get(name).compute(yTrue, yPred.copy()).rank(), name);
        }
    }

    private static void assertArrayClose(float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Float.isFinite(actual[i]), "element " + i + " is " + actual[i]);
            assertEquals(expected[i], actual[i], tolerance, "element " + i);
        }
    }
}
