package org.noether.nn.layers.augmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.noether.autograd.Autograd;
import org.noether.data.ImageTransforms;
import org.noether.io.Json;
import org.noether.models.Sequential;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;

/**
 * The image augmentation layers: identity at inference, reproducible from a seed, exact on the
 * cases with known answers (mirrors, whole-pixel shifts, a quarter turn, the zoom centre, the
 * erased area), gradients, saved configs and errors.
 */
class AugmentationLayersTest {

    /** Each layer type with non-default arguments. */
    private static List<Supplier<ImageAugmentation<?>>> samples() {
        return List.of(
                () -> new RandomFlip("horizontal"),
                RandomFlip::new,
                () -> new RandomTranslation(0.2, 0.1).fillMode("constant").fillValue(0.5),
                () -> new RandomTranslation(FactorRange.of(-0.1, 0.3), FactorRange.of(0.05)).interpolation("nearest"),
                () -> new RandomRotation(0.1).fillMode("wrap"),
                () -> new RandomRotation(FactorRange.of(-0.2, 0.05)).seed(17),
                () -> new RandomZoom(0.3),
                () -> new RandomZoom(FactorRange.of(-0.3, -0.1), FactorRange.of(0.2)).fillMode("nearest"),
                RandomErasing::new,
                () -> new RandomErasing().factor(0.5, 0.9).scale(0.1, 0.3).fillValue(0.25).valueRange(0, 1));
    }

    /** {@code n} images {@code h × w × c} whose values name their position (all distinct). */
    private static Tensor positions(int n, int h, int w, int c) {
        float[] values = new float[n * h * w * c];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return Tensor.of(values, n, h, w, c);
    }

    private static <L extends Layer> L built(L layer, Shape shape, long seed) {
        layer.build(shape, new Rng(seed));
        return layer;
    }

    private static float[] image(Tensor images, int i) {
        int size = images.size() / images.dim(0);
        return Arrays.copyOfRange(images.data(), i * size, (i + 1) * size);
    }

    @Test
    void inferenceIsTheIdentityAndTrainingIsNot() {
        Tensor x = Tensor.uniform(Shape.of(4, 9, 9, 2), 0, 1, new Rng(1));
        for (Supplier<ImageAugmentation<?>> sample : samples()) {
            Layer layer = built(sample.get(), Shape.of(9, 9, 2), 3);
            assertSame(x, layer.apply(x, false), layer.describe());
            assertEquals(Shape.of(9, 9, 2), layer.outputShape(Shape.of(9, 9, 2)));
            Tensor first = layer.apply(x, true);
            Tensor second = layer.apply(x, true);
            assertEquals(x.shape(), first.shape());
            assertFalse(Arrays.equals(first.data(), second.data()) && Arrays.equals(x.data(), first.data()),
                    layer.describe() + " changes images in training");
        }
    }

    @Test
    void theSameSeedGivesTheSameAugmentations() {
        Tensor x = Tensor.uniform(Shape.of(6, 8, 8, 1), 0, 1, new Rng(1));
        for (Supplier<ImageAugmentation<?>> sample : samples()) {
            Layer a = built(sample.get(), Shape.of(8, 8, 1), 5);
            Layer b = built(sample.get(), Shape.of(8, 8, 1), 5);
            Layer other = built(sample.get(), Shape.of(8, 8, 1), 6);
            for (int call = 0; call < 2; call++) {
                Tensor fromA = a.apply(x, true);
                assertArrayEquals(fromA.data(), b.apply(x, true).data(), a.describe() + " call " + call);
                boolean seeded = a.config().containsKey("seed");
                assertEquals(seeded, Arrays.equals(fromA.data(), other.apply(x, true).data()),
                        a.describe() + ": another model seed changes the draws unless the layer has its own seed");
            }
        }
    }

    @Test
    void flipsMirrorWholeImagesAndEveryMirrorOccurs() {
        int n = 64;
        Tensor x = positions(n, 3, 4, 2);
        Tensor horizontal = ImageTransforms.flip(x, true, false);
        Tensor vertical = ImageTransforms.flip(x, false, true);
        Tensor both = ImageTransforms.flip(x, true, true);
        Tensor[] mirrors = {x, horizontal, vertical, both};
        Map<String, boolean[]> allowed = Map.of("horizontal", new boolean[] {true, true, false, false},
                "vertical", new boolean[] {true, false, true, false},
                "horizontal_and_vertical", new boolean[] {true, true, true, true});
        for (var mode : allowed.entrySet()) {
            Tensor y = built(new RandomFlip(mode.getKey()), Shape.of(3, 4, 2), 9).apply(x, true);
            int[] counts = new int[4];
            for (int i = 0; i < n; i++) {
                int match = -1;
                for (int m = 0; m < 4; m++) {
                    if (Arrays.equals(image(mirrors[m], i), image(y, i))) {
                        match = m;
                    }
                }
                assertTrue(match >= 0 && mode.getValue()[match], mode.getKey() + " image " + i + " is an allowed mirror");
                counts[match]++;
            }
            for (int m = 0; m < 4; m++) {
                if (mode.getValue()[m]) {
                    assertTrue(counts[m] >= 5, mode.getKey() + ": each allowed mirror occurs: " + Arrays.toString(counts));
                }
            }
        }
    }

    @Test
    void translationByWholePixelsShiftsExactly() {
        Tensor x = positions(3, 8, 6, 2);
        // height factor 0.25 of 8 rows = 2 down; width factor -0.5 of 6 columns = 3 left
        RandomTranslation layer = built(new RandomTranslation(FactorRange.of(0.25, 0.25), FactorRange.of(-0.5, -0.5))
                .fillMode("constant").fillValue(-1), Shape.of(8, 6, 2), 1);
        Tensor y = layer.apply(x, true);
        for (int i = 0; i < 3; i++) {
            for (int row = 0; row < 8; row++) {
                for (int column = 0; column < 6; column++) {
                    for (int k = 0; k < 2; k++) {
                        boolean inside = row - 2 >= 0 && column + 3 < 6;
                        float expected = inside ? x.get(i, row - 2, column + 3, k) : -1;
                        assertEquals(expected, y.get(i, row, column, k));
                    }
                }
            }
        }
    }

    @Test
    void aQuarterTurnOfASquareImageIsTransposeThenUpsideDown() {
        Tensor x = positions(2, 5, 5, 1);
        Tensor y = built(new RandomRotation(FactorRange.of(0.25, 0.25)), Shape.of(5, 5, 1), 1).apply(x, true);
        for (int i = 0; i < 2; i++) {
            for (int row = 0; row < 5; row++) {
                for (int column = 0; column < 5; column++) {
                    assertEquals(x.get(i, column, 4 - row, 0), y.get(i, row, column, 0), row + "," + column);
                }
            }
        }
    }

    @Test
    void zoomKeepsTheCentrePixel() {
        Tensor x = Tensor.uniform(Shape.of(10, 7, 9, 3), 0, 1, new Rng(4));
        for (RandomZoom zoom : new RandomZoom[] {new RandomZoom(0.5), new RandomZoom(0.5, 0.3).fillMode("constant")}) {
            Tensor y = built(zoom, Shape.of(7, 9, 3), 2).apply(x, true);
            for (int i = 0; i < 10; i++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(x.get(i, 3, 4, k), y.get(i, 3, 4, k), 1e-6, "image " + i + " channel " + k);
                }
            }
            assertFalse(Arrays.equals(x.data(), y.data()));
        }
    }

    @Test
    void erasingCoversOneRectangleWithAnAreaInTheScaleRange() {
        int n = 100;
        Tensor x = Tensor.ones(n, 20, 20, 2);
        RandomErasing always = new RandomErasing().factor(1, 1).scale(0.05, 0.2).fillValue(-1.0).valueRange(-1, 1);
        Tensor y = built(always, Shape.of(20, 20, 2), 3).apply(x, true);
        for (int i = 0; i < n; i++) {
            int count = 0;
            int rows = 0;
            for (int row = 0; row < 20; row++) {
                boolean any = false;
                for (int column = 0; column < 20; column++) {
                    boolean erased = y.get(i, row, column, 0) == -1;
                    assertEquals(erased, y.get(i, row, column, 1) == -1, "all channels of a pixel are erased together");
                    count += erased ? 1 : 0;
                    any |= erased;
                }
                rows += any ? 1 : 0;
            }
            // each side is round(sqrt(u)·20), u in [0.05, 0.2]: 4..9 pixels
            assertTrue(rows >= 4 && rows <= 9 && count % rows == 0 && count / rows >= 4 && count / rows <= 9,
                    "image " + i + ": " + count + " pixels in " + rows + " rows");
        }
        RandomErasing never = new RandomErasing().factor(0, 0).fillValue(-1.0).valueRange(-1, 1);
        assertArrayEquals(x.data(), built(never, Shape.of(20, 20, 2), 3).apply(x, true).data());
    }

    @Test
    void erasingProbabilityAndNoiseFollowKeras() {
        int n = 400;
        Tensor x = Tensor.full(Shape.of(n, 6, 6, 1), 0.5);
        Tensor y = built(new RandomErasing().factor(0.3, 0.3).valueRange(0, 1), Shape.of(6, 6, 1), 8).apply(x, true);
        int erasedImages = 0;
        for (int i = 0; i < n; i++) {
            float[] pixels = image(y, i);
            boolean changed = false;
            for (float value : pixels) {
                assertTrue(value >= 0 && value <= 1, "noise fills are clipped to the value range: " + value);
                changed |= value != 0.5f;
            }
            erasedImages += changed ? 1 : 0;
        }
        assertEquals(0.3, erasedImages / (double) n, 0.07, "erased with probability 0.3");
    }

    @Test
    void inputGradientsAreExact() {
        Tensor x = Tensor.uniform(Shape.of(2, 5, 6, 2), -1, 1, new Rng(7));
        List<Layer> fixed = List.of(
                new RandomRotation(FactorRange.of(0.07, 0.07)).fillMode("constant").fillValue(0.2),
                new RandomTranslation(FactorRange.of(0.13, 0.13), FactorRange.of(-0.21, -0.21)),
                new RandomZoom(FactorRange.of(0.3, 0.3), FactorRange.of(-0.2, -0.2)).fillMode("wrap"));
        for (Layer layer : fixed) {
            built(layer, Shape.of(5, 6, 2), 1);
            GradCheck.check(layer.describe(), inputs -> layer.apply(inputs[0], true), x);
        }
        // a flip only moves values (y = Px, P a permutation), so the gradient of ½Σy² is PᵀPx = x itself;
        // erasing keeps that outside the box and zeroes it inside
        Layer flip = built(new RandomFlip(), Shape.of(5, 6, 2), 1);
        Layer erase = built(new RandomErasing().factor(1, 1).fillValue(9.0).valueRange(0, 10), Shape.of(5, 6, 2), 1);
        for (Layer layer : List.of(flip, erase)) {
            Tensor leaf = x.copy().requiresGrad(true);
            Tensor y = layer.apply(leaf, true);
            Tensor gradient = Autograd.grad(new Tensor[] {y.square().sum().mul(0.5)}, new Tensor[] {Tensor.scalar(1)},
                    new Tensor[] {leaf}, false)[0];
            boolean erasing = layer == erase;
            for (int i = 0; i < x.size(); i++) {
                float expected = erasing && y.data()[i] == 9 ? 0 : x.data()[i];
                assertEquals(expected, gradient.data()[i], 1e-6, layer.describe() + " element " + i);
            }
            if (erasing) {
                assertTrue(Arrays.toString(y.data()).contains("9.0"), "something was erased");
            }
        }
    }

    @Test
    void configsRoundTripDirectlyAndThroughJson() {
        Tensor x = Tensor.uniform(Shape.of(3, 6, 6, 1), 0, 1, new Rng(2));
        for (Supplier<ImageAugmentation<?>> sample : samples()) {
            Layer layer = sample.get();
            Layer direct = Layers.fromConfig(layer.type(), layer.config());
            Layer parsed = Layers.fromConfig(layer.type(), Json.parseObject(Json.writeCompact(layer.config())));
            assertEquals(layer.getClass(), parsed.getClass());
            assertEquals(layer.config(), direct.config(), layer.type());
            assertEquals(layer.config(), parsed.config(), layer.type() + " through " + Json.writeCompact(layer.config()));
            built(layer, Shape.of(6, 6, 1), 4);
            built(parsed, Shape.of(6, 6, 1), 4);
            assertArrayEquals(layer.apply(x, true).data(), parsed.apply(x, true).data(), layer.describe());
        }
    }

    @Test
    void kerasConfigsWithBookkeepingKeysLoad() {
        Map<String, Object> keras = new HashMap<>();
        keras.put("name", "random_rotation");
        keras.put("trainable", true);
        keras.put("dtype", "float32");
        keras.put("factor", List.of(-0.2, 0.2));
        keras.put("fill_mode", "reflect");
        keras.put("fill_value", 0.0);
        keras.put("interpolation", "bilinear");
        keras.put("seed", null);
        keras.put("data_format", "channels_last");
        Layer rotation = Layers.fromConfig("RandomRotation", keras);
        assertEquals(0.2, rotation.config().get("factor"), "a symmetric pair is saved as one number");

        Map<String, Object> erasing = new HashMap<>(Map.of("factor", 0.8, "scale", List.of(0.02, 0.33),
                "value_range", List.of(0, 255)));
        erasing.put("fill_value", null);
        assertEquals(List.of(0.0, 0.8), Layers.fromConfig("RandomErasing", erasing).config().get("factor"),
                "one number f is the probability range [0, f], as Keras reads it");

        keras.put("data_format", "channels_first");
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("RandomRotation", keras));
        assertTrue(format.getMessage().contains("data_format") && format.getMessage().contains("channels_first"),
                format.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("RandomFlip", Map.of("mode", "vertical", "probability", 0.5)));
        assertTrue(unknown.getMessage().contains("[probability]"), unknown.getMessage());
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException factor = assertThrows(IllegalArgumentException.class, () -> new RandomRotation(1.5));
        assertTrue(factor.getMessage().contains("RandomRotation factor must be a number (or a pair of numbers) in "
                + "[-1.0, 1.0]. Received: factor=1.5"), factor.getMessage());
        IllegalArgumentException height = assertThrows(IllegalArgumentException.class,
                () -> new RandomTranslation(FactorRange.of(0.1, 1.2), FactorRange.of(0.1)));
        assertTrue(height.getMessage().contains("Received: height_factor=[0.1, 1.2]"), height.getMessage());
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class, () -> new RandomFlip("diagonal"));
        assertTrue(mode.getMessage().contains("Received: mode='diagonal'"), mode.getMessage());
        IllegalArgumentException fill = assertThrows(IllegalArgumentException.class,
                () -> new RandomZoom(0.1).fillMode("mirror"));
        assertTrue(fill.getMessage().contains("Received: fill_mode='mirror'"), fill.getMessage());
        IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
                () -> new RandomErasing().scale(0.1, 1.5));
        assertTrue(scale.getMessage().contains("RandomErasing scale") && scale.getMessage().contains("1.5"),
                scale.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new RandomFlip().build(Shape.of(28, 28), new Rng(1)));
        assertTrue(shape.getMessage().contains("expects images [height, width, channels] per sample. Received "
                + "per-sample shape [28, 28]"), shape.getMessage());
        RandomZoom builtZoom = built(new RandomZoom(0.1), Shape.of(4, 4, 1), 1);
        assertThrows(IllegalStateException.class, () -> builtZoom.fillMode("constant"));
    }

    @Test
    void aModelAugmentsInTrainingAndPredictsDeterministically() {
        Sequential model = new Sequential(new Input(8, 8, 1), new RandomFlip(), new RandomRotation(0.1),
                new RandomErasing().valueRange(0, 1), new Flatten(), new Dense(2, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        Tensor x = Tensor.uniform(Shape.of(16, 8, 8, 1), 0, 1, new Rng(3));
        Tensor y = Tensor.of(new float[] {1, 0}, 1, 2).expand(Shape.of(16, 2)).copy();
        assertArrayEquals(model.predict(x).data(), model.predict(x).data(), "no augmentation at inference");
        Tensor before = model.predict(x);
        model.trainOnBatch(x, y);
        assertFalse(Arrays.equals(before.data(), model.predict(x).data()), "training through the layers updates Dense");
    }
}
