package org.noether.nn.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.noether.io.Json;
import org.noether.nn.Layers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Keras's fan counting and every named initializer's distribution, checked on large samples: the
 * mean and variance within statistical tolerance, the limits of uniform and truncated normal
 * draws, and reproducibility from a seed.
 */
class InitializersTest {
    /** A dense kernel with fan_in 400, fan_out 600: 240,000 draws. */
    private static final Shape DENSE = Shape.of(400, 600);
    /** Standard deviation of a unit normal truncated to [−2, 2]. */
    private static final double TRUNCATED_STDDEV = 0.87962566103423978;

    @Test
    void fansAsKerasCountsThem() {
        Object[][] table = {
                {Shape.scalar(), 1, 1},
                {Shape.of(5), 5, 5},
                {Shape.of(3, 4), 3, 4},                 // dense [in, out]
                {Shape.of(5, 8, 2), 40, 10},            // Conv1D [k, cin, cout]
                {Shape.of(3, 3, 16, 32), 144, 288},     // Conv2D [kh, kw, cin, cout]
                {Shape.of(5, 5, 1, 6), 25, 150},
        };
        for (Object[] row : table) {
            double[] fans = Initializer.fans((Shape) row[0]);
            assertArrayEquals(new double[] {(int) row[1], (int) row[2]}, fans, "fans of " + row[0]);
        }
    }

    /** Sample mean and variance, in double. */
    private static double[] moments(Tensor values) {
        double sum = 0;
        for (float value : values.data()) {
            sum += value;
        }
        double mean = sum / values.size();
        double squares = 0;
        for (float value : values.data()) {
            squares += (value - mean) * (value - mean);
        }
        return new double[] {mean, squares / (values.size() - 1)};
    }

    private static double maxAbs(Tensor values) {
        double max = 0;
        for (float value : values.data()) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    private static double fractionBeyond(Tensor values, double bound) {
        int count = 0;
        for (float value : values.data()) {
            count += Math.abs(value) > bound ? 1 : 0;
        }
        return (double) count / values.size();
    }

    /** Mean within 5 standard errors, variance within 2% (its relative standard error here is about 0.3%). */
    private static void assertMoments(String name, Tensor values, double mean, double variance) {
        double[] sample = moments(values);
        assertEquals(mean, sample[0], 5 * Math.sqrt(variance / values.size()), name + " mean");
        assertEquals(variance, sample[1], 0.02 * variance, name + " variance");
    }

    private static void assertUniform(String name, Initializer initializer, Shape shape, double limit) {
        Tensor values = initializer.create(shape, new Rng(1));
        assertEquals(shape, values.shape());
        double max = maxAbs(values);
        assertTrue(max <= limit * (1 + 1e-7), name + ": " + max + " beyond the limit " + limit);
        assertTrue(max > 0.999 * limit, name + ": largest |value| " + max + " should reach the limit " + limit);
        assertMoments(name, values, 0, limit * limit / 3);
    }

    /** Truncated at two standard deviations of the underlying normal, variance kept by Keras's correction. */
    private static void assertTruncatedNormal(String name, Initializer initializer, Shape shape, double variance) {
        Tensor values = initializer.create(shape, new Rng(2));
        double bound = 2 * Math.sqrt(variance) / TRUNCATED_STDDEV;
        double max = maxAbs(values);
        assertTrue(max <= bound * (1 + 1e-6), name + ": " + max + " beyond 2σ = " + bound);
        assertTrue(max > 0.99 * bound, name + ": largest |value| " + max + " should come close to 2σ = " + bound);
        assertMoments(name, values, 0, variance);
    }

    @Test
    void glorotUniform() {
        assertUniform("glorot_uniform", Initializers.glorotUniform(), DENSE, Math.sqrt(6.0 / (400 + 600)));
    }

    @Test
    void glorotNormal() {
        assertTruncatedNormal("glorot_normal", Initializers.glorotNormal(), DENSE, 2.0 / (400 + 600));
    }

    @Test
    void heUniform() {
        assertUniform("he_uniform", Initializers.heUniform(), DENSE, Math.sqrt(6.0 / 400));
    }

    @Test
    void heNormal() {
        assertTruncatedNormal("he_normal", Initializers.heNormal(), DENSE, 2.0 / 400);
    }

    @Test
    void heNormalOnAConvolutionKernelUsesTheReceptiveField() {
        // [3, 3, 64, 128]: fan_in = 3·3·64 = 576
        assertTruncatedNormal("he_normal conv", Initializers.heNormal(), Shape.of(3, 3, 64, 128), 2.0 / 576);
        assertUniform("glorot_uniform conv", Initializers.glorotUniform(), Shape.of(3, 3, 64, 128),
                Math.sqrt(6.0 / (576 + 1152)));
    }

    @Test
    void lecunUniformAndNormal() {
        assertUniform("lecun_uniform", Initializers.lecunUniform(), DENSE, Math.sqrt(3.0 / 400));
        assertTruncatedNormal("lecun_normal", Initializers.lecunNormal(), DENSE, 1.0 / 400);
    }

    @Test
    void varianceScalingDefaultsAndOptions() {
        // Keras's defaults: scale 1, fan_in, truncated normal
        assertTruncatedNormal("variance_scaling", Initializers.get("variance_scaling"), DENSE, 1.0 / 400);
        assertUniform("variance_scaling fan_avg uniform", new VarianceScaling(2, VarianceScaling.Mode.FAN_AVG,
                VarianceScaling.Distribution.UNIFORM), DENSE, Math.sqrt(3 * 2.0 / 500));

        Tensor untruncated = new VarianceScaling(3, VarianceScaling.Mode.FAN_OUT,
                VarianceScaling.Distribution.UNTRUNCATED_NORMAL).create(DENSE, new Rng(3));
        double variance = 3.0 / 600;
        assertMoments("untruncated normal", untruncated, 0, variance);
        // a normal lies beyond 2σ with probability 4.55%
        assertEquals(0.0455, fractionBeyond(untruncated, 2 * Math.sqrt(variance)), 0.003);
    }

    @Test
    void randomUniformAndNormalKerasDefaults() {
        Tensor uniform = Initializers.get("random_uniform").create(DENSE, new Rng(4));
        assertTrue(maxAbs(uniform) <= 0.05 && maxAbs(uniform) > 0.0499, "uniform in [-0.05, 0.05)");
        assertMoments("random_uniform", uniform, 0, 0.1 * 0.1 / 12);

        Tensor normal = Initializers.get("random_normal").create(DENSE, new Rng(5));
        assertMoments("random_normal", normal, 0, 0.05 * 0.05);
        assertEquals(0.0455, fractionBeyond(normal, 0.1), 0.003, "not truncated");

        Tensor shifted = new RandomUniform(2, 5).create(DENSE, new Rng(6));
        assertMoments("uniform [2, 5)", shifted, 3.5, 9.0 / 12);
        for (float value : shifted.data()) {
            assertTrue(value >= 2 && value <= 5, String.valueOf(value));
        }
        assertMoments("normal(1, 0.5)", new RandomNormal(1, 0.5).create(DENSE, new Rng(7)), 1, 0.25);
    }

    @Test
    void constants() {
        assertArrayEquals(new float[6], Initializers.zeros().create(Shape.of(2, 3), new Rng(0)).data());
        assertArrayEquals(new float[] {1, 1, 1}, Initializers.ones().create(Shape.of(3), new Rng(0)).data());
        assertArrayEquals(new float[] {0.25f, 0.25f}, new Constant(0.25).create(Shape.of(2), new Rng(0)).data());
        assertEquals("zeros", Initializers.zeros().name());
        assertEquals("ones", Initializers.ones().name());
        assertEquals("constant", new Constant(0.25).name());
        assertEquals(Map.of("value", 0.25), new Constant(0.25).config());
        assertArrayEquals(new float[2], Initializers.get("constant").create(Shape.of(2), new Rng(0)).data(),
                "Keras's Constant defaults to 0");
    }

    private static List<Initializer> everyNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Initializers.get("no_such_initializer"));
        String message = error.getMessage();
        assertTrue(message.contains("'no_such_initializer'"), message);
        for (String name : Initializers.names()) {
            assertTrue(message.contains(name), name + " not listed in: " + message);
        }
        return Initializers.names().stream().map(Initializers::get).toList();
    }

    @Test
    void everyNamedInitializerIsCoveredAndReproducible() {
        Set<String> names = new TreeSet<>();
        for (Initializer initializer : everyNamed()) {
            names.add(initializer.name());
            Tensor first = initializer.create(Shape.of(30, 20), new Rng(42));
            Tensor again = initializer.create(Shape.of(30, 20), new Rng(42));
            assertArrayEquals(first.data(), again.data(), initializer.name() + ": same seed, same weights");
            if (!(initializer instanceof Constant)) {
                assertFalse(Arrays.equals(first.data(), initializer.create(Shape.of(30, 20), new Rng(43)).data()),
                        initializer.name() + ": another seed, other weights");
            }
        }
        // "constant" with its default value 0 is the zeros initializer, and says so
        assertEquals(new TreeSet<>(List.of("glorot_uniform", "glorot_normal", "he_uniform", "he_normal",
                "lecun_uniform", "lecun_normal", "zeros", "ones", "random_uniform", "random_normal",
                "variance_scaling")), names, "the names tested above");
    }

    @Test
    void savedFormRebuildsTheSameInitializer() {
        List<Initializer> initializers = new java.util.ArrayList<>(everyNamed());
        initializers.add(new RandomUniform(-1, 1));
        initializers.add(new RandomNormal(0.5, 2));
        initializers.add(new Constant(-3));
        initializers.add(new VarianceScaling(0.5, VarianceScaling.Mode.FAN_AVG, VarianceScaling.Distribution.UNIFORM));
        for (Initializer initializer : initializers) {
            Initializer direct = Initializers.fromConfig(initializer.name(), initializer.config());
            Object saved = Json.parse(Json.writeCompact(Layers.initializerConfig(initializer)));
            Initializer throughJson = Layers.initializer(saved, Initializers.zeros());
            for (Initializer rebuilt : List.of(direct, throughJson)) {
                assertEquals(initializer.name(), rebuilt.name());
                assertEquals(initializer.config(), rebuilt.config(), initializer.name());
                assertArrayEquals(initializer.create(Shape.of(7, 9), new Rng(8)).data(),
                        rebuilt.create(Shape.of(7, 9), new Rng(8)).data(), initializer.name());
            }
        }
        assertEquals("he_normal", Layers.initializerConfig(Initializers.heNormal()));
        assertEquals("glorot_uniform", Initializers.get("xavier_uniform").name());
        assertEquals("zeros", Layers.initializer(null, Initializers.zeros()).name(), "absent: the fallback");
    }

    @Test
    void badArgumentsAreRejected() {
        IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
                () -> new VarianceScaling(0, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.UNIFORM));
        assertTrue(scale.getMessage().contains("scale=0"), scale.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> new RandomUniform(1, 1));
        assertTrue(range.getMessage().contains("minval=1.0") && range.getMessage().contains("maxval=1.0"),
                range.getMessage());
        IllegalArgumentException stddev = assertThrows(IllegalArgumentException.class, () -> new RandomNormal(0, -1));
        assertTrue(stddev.getMessage().contains("stddev=-1.0"), stddev.getMessage());
    }
}
