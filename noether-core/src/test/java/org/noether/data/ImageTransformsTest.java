package org.noether.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noether.autograd.Autograd;
import org.noether.data.ImageTransforms.Box;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;

/**
 * Image transforms against hand-worked cases (Keras's fill-mode diagrams, exact flips, whole-pixel
 * shifts and quarter turns, a zoom of a linear ramp) and against a double-precision bilinear
 * reference written here; gradients by central differences.
 */
class ImageTransformsTest {

    /** {@code n} images {@code h × w × c} whose values name their position: 1000n + 100c + 10y + x. */
    private static Tensor positions(int n, int h, int w, int c) {
        float[] values = new float[n * h * w * c];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        values[((i * h + y) * w + x) * c + k] = 1000 * i + 100 * k + 10 * y + x;
                    }
                }
            }
        }
        return Tensor.of(values, n, h, w, c);
    }

    private static float at(Tensor images, int i, int y, int x, int k) {
        return images.get(i, y, x, k);
    }

    @Test
    void fillModesFollowKerasDiagrams() {
        // Keras: reflect (d c b a | a b c d | d c b a), wrap (a b c d | a b c d | a b c d),
        // nearest (a a a a | a b c d | d d d d), constant (k k k k | a b c d | k k k k).
        int[][] expected = {
            {3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0},
            {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3},
            {0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3},
            {-1, -1, -1, -1, 0, 1, 2, 3, -1, -1, -1, -1}};
        FillMode[] modes = {FillMode.REFLECT, FillMode.WRAP, FillMode.NEAREST, FillMode.CONSTANT};
        for (int m = 0; m < modes.length; m++) {
            for (int index = -4; index < 8; index++) {
                assertEquals(expected[m][index + 4], modes[m].map(index, 4), modes[m] + " at " + index);
            }
        }
        assertEquals(FillMode.WRAP, FillMode.of("Wrap"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> FillMode.of("mirror"));
        assertTrue(error.getMessage().contains("Received: fill_mode='mirror'"), error.getMessage());
    }

    @Test
    void flipsMirrorExactly() {
        Tensor images = positions(2, 3, 4, 2);
        Tensor horizontal = ImageTransforms.flip(images, true, false);
        Tensor vertical = ImageTransforms.flip(images, false, true);
        Tensor both = ImageTransforms.flip(images, true, true);
        for (int i = 0; i < 2; i++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    for (int k = 0; k < 2; k++) {
                        assertEquals(at(images, i, y, 3 - x, k), at(horizontal, i, y, x, k));
                        assertEquals(at(images, i, 2 - y, x, k), at(vertical, i, y, x, k));
                        assertEquals(at(images, i, 2 - y, 3 - x, k), at(both, i, y, x, k));
                    }
                }
            }
        }
    }

    @Test
    void wholePixelShiftsCopyPixelsExactly() {
        Tensor images = positions(1, 5, 6, 1);
        for (Interpolation interpolation : Interpolation.values()) {
            Tensor shifted = ImageTransforms.warp(images, AffineWarp.translation(2, -1), interpolation,
                    FillMode.CONSTANT, -7);
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 6; x++) {
                    boolean inside = y - 2 >= 0 && x + 1 < 6;
                    float expected = inside ? at(images, 0, y - 2, x + 1, 0) : -7;
                    assertEquals(expected, at(shifted, 0, y, x, 0), interpolation + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void quarterTurnIsTransposeThenUpsideDown() {
        Tensor images = positions(1, 5, 5, 1);
        Tensor turned = ImageTransforms.warp(images, AffineWarp.rotation(Math.PI / 2, 5, 5), Interpolation.BILINEAR,
                FillMode.CONSTANT, -1);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                // transpose: t[a][b] = in[b][a]; then upside down: out[y][x] = t[4 - y][x] = in[x][4 - y]
                assertEquals(at(images, 0, x, 4 - y, 0), at(turned, 0, y, x, 0), y + "," + x);
            }
        }
        // counter-clockwise as displayed: the top-right corner goes to the top-left
        assertEquals(at(images, 0, 0, 4, 0), at(turned, 0, 0, 0, 0));
    }

    @Test
    void zoomKeepsTheCentreAndStretchesALinearRampExactly() {
        int h = 7;
        int w = 9;
        float[] ramp = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ramp[y * w + x] = 0.5f * x - 0.25f * y;
            }
        }
        Tensor image = Tensor.of(ramp, 1, h, w, 1);
        double zoomY = 0.6;
        double zoomX = 0.75;
        Tensor zoomed = ImageTransforms.warp(image, AffineWarp.zoom(zoomY, zoomX, h, w), Interpolation.BILINEAR,
                FillMode.REFLECT, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // zooming in reads inside the image, where bilinear interpolation of a linear function is exact
                double sourceX = zoomX * x + (w - 1) / 2.0 * (1 - zoomX);
                double sourceY = zoomY * y + (h - 1) / 2.0 * (1 - zoomY);
                assertEquals(0.5 * sourceX - 0.25 * sourceY, at(zoomed, 0, y, x, 0), 1e-5, y + "," + x);
            }
        }
        Tensor random = Tensor.uniform(Shape.of(1, h, w, 2), 0, 1, new Rng(5));
        Tensor out = ImageTransforms.warp(random, AffineWarp.zoom(1.7, 0.4, h, w), Interpolation.BILINEAR,
                FillMode.CONSTANT, 0);
        for (int k = 0; k < 2; k++) {
            assertEquals(at(random, 0, 3, 4, k), at(out, 0, 3, 4, k), "centre pixel, channel " + k);
        }
    }

    /** Keras's fill rules written out independently, in double precision. */
    private static double referenceRead(double[] image, int h, int w, int c, int y, int x, int k, FillMode mode,
                                        double fill) {
        int[] yx = {y, x};
        int[] sizes = {h, w};
        for (int axis = 0; axis < 2; axis++) {
            int n = sizes[axis];
            int i = yx[axis];
            if (i >= 0 && i < n) {
                continue;
            }
            switch (mode) {
                case CONSTANT -> {
                    return fill;
                }
                case NEAREST -> i = i < 0 ? 0 : n - 1;
                case WRAP -> i = ((i % n) + n) % n;
                case REFLECT -> {
                    while (i < 0 || i >= n) {
                        i = i < 0 ? -i - 1 : 2 * n - 1 - i;
                    }
                }
                default -> throw new AssertionError(mode);
            }
            yx[axis] = i;
        }
        return image[(yx[0] * w + yx[1]) * c + k];
    }

    @Test
    void bilinearWarpsMatchADoublePrecisionReferenceForEveryFillMode() {
        int n = 3;
        int h = 6;
        int w = 7;
        int c = 2;
        Tensor images = Tensor.uniform(Shape.of(n, h, w, c), -1, 1, new Rng(11));
        Rng rng = new Rng(12);
        for (FillMode mode : FillMode.values()) {
            AffineWarp[] warps = new AffineWarp[n];
            for (int i = 0; i < n; i++) {
                AffineWarp turn = AffineWarp.rotation(rng.uniform(-3, 3), h, w);
                double scale = rng.uniform(0.6, 1.6);
                warps[i] = new AffineWarp(turn.xx() * scale, turn.xy(), turn.x0() + rng.uniform(-3, 3),
                        turn.yx(), turn.yy() * scale, turn.y0() + rng.uniform(-3, 3));
            }
            Tensor out = ImageTransforms.warp(images, warps, Interpolation.BILINEAR, mode, 0.25);
            for (int i = 0; i < n; i++) {
                double[] image = new double[h * w * c];
                for (int j = 0; j < image.length; j++) {
                    image[j] = images.data()[i * h * w * c + j];
                }
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double sx = warps[i].xx() * x + warps[i].xy() * y + warps[i].x0();
                        double sy = warps[i].yx() * x + warps[i].yy() * y + warps[i].y0();
                        int x0 = (int) Math.floor(sx);
                        int y0 = (int) Math.floor(sy);
                        double fx = sx - x0;
                        double fy = sy - y0;
                        for (int k = 0; k < c; k++) {
                            double expected = (1 - fy) * (1 - fx) * referenceRead(image, h, w, c, y0, x0, k, mode, 0.25)
                                    + (1 - fy) * fx * referenceRead(image, h, w, c, y0, x0 + 1, k, mode, 0.25)
                                    + fy * (1 - fx) * referenceRead(image, h, w, c, y0 + 1, x0, k, mode, 0.25)
                                    + fy * fx * referenceRead(image, h, w, c, y0 + 1, x0 + 1, k, mode, 0.25);
                            assertEquals(expected, at(out, i, y, x, k), 1e-5, mode + " image " + i + " at " + y + ","
                                    + x + "," + k);
                        }
                    }
                }
            }
        }
    }

    @Test
    void nearestReadsTheClosestPixel() {
        Tensor images = positions(1, 4, 4, 1);
        // a shift by 0.4 rounds back to the same pixel, by 0.6 to the next
        Tensor small = ImageTransforms.warp(images, AffineWarp.translation(0.4, 0), Interpolation.NEAREST,
                FillMode.NEAREST, 0);
        Tensor large = ImageTransforms.warp(images, AffineWarp.translation(0.6, 0), Interpolation.NEAREST,
                FillMode.NEAREST, 0);
        assertArrayEquals(images.data(), small.data());
        assertEquals(at(images, 0, 1, 2, 0), at(large, 0, 2, 2, 0));
        assertEquals(at(images, 0, 0, 2, 0), at(large, 0, 0, 2, 0), "row -1 reads the nearest row, 0");
    }

    @Test
    void recordedAndDirectWarpsGiveIdenticalValues() {
        Tensor images = Tensor.uniform(Shape.of(2, 5, 6, 3), 0, 1, new Rng(3));
        AffineWarp[] warps = {AffineWarp.rotation(0.7, 5, 6), AffineWarp.zoom(1.3, 0.8, 5, 6)};
        for (Interpolation interpolation : Interpolation.values()) {
            Tensor direct = ImageTransforms.warp(images, warps, interpolation, FillMode.CONSTANT, 0.5);
            Tensor recorded = ImageTransforms.warp(images.copy().requiresGrad(true), warps, interpolation,
                    FillMode.CONSTANT, 0.5);
            assertTrue(recorded.gradFn() != null, "the recorded path keeps the graph");
            assertArrayEquals(direct.data(), recorded.data(), interpolation.toString());
        }
    }

    @Test
    void warpGradientsMatchFiniteDifferences() {
        Tensor images = Tensor.uniform(Shape.of(2, 4, 5, 2), -1, 1, new Rng(8));
        AffineWarp[] warps = {AffineWarp.rotation(0.4, 4, 5), AffineWarp.translation(-1.3, 0.7)};
        for (FillMode mode : FillMode.values()) {
            for (Interpolation interpolation : Interpolation.values()) {
                GradCheck.check("warp " + mode + " " + interpolation,
                        x -> ImageTransforms.warp(x[0], warps, interpolation, mode, 0.3), images);
            }
        }
    }

    @Test
    void erasingSetsTheBoxAndStopsItsGradient() {
        Tensor images = positions(2, 4, 5, 2).requiresGrad(true);
        Box[] boxes = {new Box(1, 3, 2, 4), null}; // reaches past the right edge: columns 3 and 4 only
        Tensor erased = ImageTransforms.erase(images, boxes, Tensor.scalar(-1));
        for (int i = 0; i < 2; i++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    for (int k = 0; k < 2; k++) {
                        boolean inBox = i == 0 && y >= 1 && y < 3 && x >= 3;
                        assertEquals(inBox ? -1 : at(images, i, y, x, k), at(erased, i, y, x, k));
                    }
                }
            }
        }
        Tensor gradient = Autograd.grad(new Tensor[] {erased.sum()}, new Tensor[] {Tensor.scalar(1)},
                new Tensor[] {images}, false)[0];
        for (int i = 0; i < gradient.size(); i++) {
            float value = erased.data()[i];
            assertEquals(value == -1 ? 0 : 1, gradient.data()[i], "element " + i);
        }
    }

    @Test
    void occlusionCoversOneRectangleWithAnAreaInTheRange() {
        int n = 200;
        int size = 20;
        Tensor occluded = ImageTransforms.occlude(Tensor.ones(n, size, size, 1), 0.05, 0.2, 0f, new Rng(9));
        // sides are round(sqrt(u)·20) with u in [0.05, 0.2]: 4..9 pixels
        double totalFraction = 0;
        for (int i = 0; i < n; i++) {
            int top = size;
            int bottom = -1;
            int left = size;
            int right = -1;
            int count = 0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (at(occluded, i, y, x, 0) == 0) {
                        count++;
                        top = Math.min(top, y);
                        bottom = Math.max(bottom, y);
                        left = Math.min(left, x);
                        right = Math.max(right, x);
                    }
                }
            }
            int rows = bottom - top + 1;
            int columns = right - left + 1;
            assertEquals(rows * columns, count, "image " + i + " holds one solid rectangle");
            assertTrue(rows >= 4 && rows <= 9 && columns >= 4 && columns <= 9, "image " + i + ": " + rows + "x" + columns);
            totalFraction += count / (double) (size * size);
        }
        // E[sqrt(u1)·sqrt(u2)] = E[sqrt(u)]² for u uniform on [0.05, 0.2]
        double meanRoot = (Math.pow(0.2, 1.5) - Math.pow(0.05, 1.5)) / 1.5 / 0.15;
        assertEquals(meanRoot * meanRoot, totalFraction / n, 0.015);
    }

    @Test
    void gaussianNoiseHasTheRequestedMeanAndSpread() {
        Tensor base = Tensor.full(Shape.of(10, 50, 50, 4), 0.5);
        Tensor noisy = ImageTransforms.addGaussianNoise(base, 0.1, new Rng(4));
        double sum = 0;
        double squares = 0;
        for (float value : noisy.data()) {
            sum += value - 0.5;
            squares += (value - 0.5) * (value - 0.5);
        }
        int count = noisy.size();
        double mean = sum / count;
        assertEquals(0, mean, 0.002);
        assertEquals(0.1, Math.sqrt(squares / count - mean * mean), 0.002);
    }

    @Test
    void badArgumentsAreNamed() {
        Tensor image = Tensor.zeros(4, 4, 1);
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> ImageTransforms.flip(image, true, false));
        assertTrue(rank.getMessage().contains("ImageTransforms.flip expects images [batch, height, width, channels]. "
                + "Received: shape [4, 4, 1]"), rank.getMessage());
        Tensor batch = Tensor.zeros(2, 4, 4, 1);
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> ImageTransforms.warp(batch,
                new AffineWarp[] {AffineWarp.identity()}, Interpolation.NEAREST, FillMode.CONSTANT, 0));
        assertTrue(count.getMessage().contains("2 images. Received: 1 warps"), count.getMessage());
        IllegalArgumentException finite = assertThrows(IllegalArgumentException.class,
                () -> new AffineWarp(1, 0, Double.NaN, 0, 1, 0));
        assertTrue(finite.getMessage().contains("x0=NaN"), finite.getMessage());
        IllegalArgumentException area = assertThrows(IllegalArgumentException.class,
                () -> Box.random(4, 4, 0.5, 0.2, new Rng(1)));
        assertTrue(area.getMessage().contains("Received: [0.5, 0.2]"), area.getMessage());
        IllegalArgumentException fill = assertThrows(IllegalArgumentException.class,
                () -> ImageTransforms.erase(batch, new Box[2], Tensor.zeros(2, 4, 4, 3)));
        assertTrue(fill.getMessage().contains("Received: fill of shape [2, 4, 4, 3]"), fill.getMessage());
        IllegalArgumentException stddev = assertThrows(IllegalArgumentException.class,
                () -> ImageTransforms.addGaussianNoise(batch, -0.1, new Rng(1)));
        assertTrue(stddev.getMessage().contains("Received: stddev=-0.1"), stddev.getMessage());
    }
}
