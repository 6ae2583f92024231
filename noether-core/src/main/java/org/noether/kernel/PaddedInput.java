package org.noether.kernel;

import java.util.Arrays;

/**
 * A convolution's input with its border written out: {@code xp[n, py, px, c] =
 * x[n, map(py − padTop), map(px − padLeft), c]}, or 0 where the {@link Boundary} gives zeros.
 * Shapes: x {@code [n, h, w, c]}, xp {@code [n, h + padTop + padBottom, w + padLeft + padRight, c]}.
 *
 * <p>The convolution of x is then the unpadded ("valid") convolution of xp ({@link #geometry}),
 * whose windows all lie inside: every panel of patches is read in place or packed by the fast
 * loops, where a panel with a window over the border took the value-by-value path. The kernel
 * gradient, whose panels of transposed patches all took that path once any window crossed the
 * border, gains most (batch 64, one channel, 5×5 'same' at 28×28, two threads: 1.5 -> 0.8 ms;
 * 3×3 from 64 channels at 56×56, batch 8: 15.4 -> 12.9 ms). The input gradient, scattered into a
 * padded input and {@link #crop cropped}, adds every window in whole runs (5×5 'same', 6 channels at
 * 32×32, batch 64, one thread: 17.5 -> 11.3 ms).
 *
 * <pre>{@code Convolution.forward(PaddedInput.geometry(g), PaddedInput.copy(g, x), kernel, y);}</pre>
 */
final class PaddedInput {
    /**
     * Fewest channels per group for which the forward product reads a padded input as it is: a
     * border window's patch is then a few long runs, packed almost as fast as a window inside, and
     * the copy cost more than it saved (256 channels at 14×14: 4–11% slower padded). With one
     * channel (5×5 'same' at 28×28) the forward pass took 2.3 ms, padded 0.7.
     */
    private static final int MANY_CHANNELS = 16;

    private PaddedInput() {
    }

    /** Whether the convolution pads its input at all. */
    static boolean pads(ConvGeometry g) {
        return g.padTop() > 0 || g.padBottom() > 0 || g.padLeft() > 0 || g.padRight() > 0;
    }

    /**
     * Whether the forward product is faster on a padded copy of the input: with few channels per
     * group, or where the narrow kernel's 12-row panels take the product (few filters per group),
     * since nearly all of those include a window over the border (3×3 'same' at 28×28 with 16
     * channels and filters per group, one thread: 3.9 ms forward, padded 2.0–2.2).
     */
    static boolean helpsForward(ConvGeometry g) {
        return pads(g) && (g.groupInputChannels() < MANY_CHANNELS || Gemm.isNarrow(g.groupOutputChannels()));
    }

    /**
     * Whether the input gradient is faster scattered into a padded input and cropped: with zeros
     * beyond the border, where every window then lies inside and is added in runs of whole rows,
     * and few channels per group, whose border windows were added a few floats at a time. With 16
     * (3×3 'same', 4 groups of 16 at 28×28, batch 8, two threads) the larger scatter and the crop
     * cost more than they saved: 1.9–2.0 ms, padded 2.2–2.3.
     */
    static boolean helpsInputGradient(ConvGeometry g) {
        return pads(g) && g.boundary() == Boundary.ZEROS && g.groupInputChannels() < MANY_CHANNELS;
    }

    /** The same convolution over the padded input, without padding: same windows, same output. */
    static ConvGeometry geometry(ConvGeometry g) {
        return new ConvGeometry(g.batch(), g.inputHeight() + g.padTop() + g.padBottom(),
                g.inputWidth() + g.padLeft() + g.padRight(), g.inputChannels(), g.kernelHeight(), g.kernelWidth(),
                g.outputChannels(), g.groups(), g.strideHeight(), g.strideWidth(), g.dilationHeight(),
                g.dilationWidth(), 0, 0, 0, 0, Boundary.ZEROS, g.outputHeight(), g.outputWidth());
    }

    /** x with its border, in a scratch array of {@link #geometry}'s input size. */
    static float[] copy(ConvGeometry g, float[] x) {
        float[] padded = Scratch.floats(geometry(g).inputSize());
        pad(g, x, padded);
        return padded;
    }

    /** The inside of {@code padded} (the input of {@link #geometry}) into x: the adjoint of {@link #pad} with zeros. */
    static void crop(ConvGeometry g, float[] padded, float[] x) {
        int height = g.inputHeight();
        int rowLength = g.inputWidth() * g.inputChannels();
        int paddedHeight = height + g.padTop() + g.padBottom();
        int paddedRow = (g.inputWidth() + g.padLeft() + g.padRight()) * g.inputChannels();
        Parallel.forRange(g.batch() * height, (long) g.batch() * height * rowLength, (from, to) -> {
            for (int row = from; row < to; row++) {
                int paddedY = row / height * paddedHeight + row % height + g.padTop();
                System.arraycopy(padded, paddedY * paddedRow + g.padLeft() * g.inputChannels(), x, row * rowLength,
                        rowLength);
            }
        });
    }

    /** Writes x with its border into {@code padded} (every element of it). */
    static void pad(ConvGeometry g, float[] x, float[] padded) {
        int height = g.inputHeight();
        int width = g.inputWidth();
        int channels = g.inputChannels();
        int paddedHeight = height + g.padTop() + g.padBottom();
        int paddedWidth = width + g.padLeft() + g.padRight();
        int paddedRow = paddedWidth * channels;
        Parallel.forRange(g.batch() * paddedHeight, (long) g.batch() * paddedHeight * paddedRow, (from, to) -> {
            for (int row = from; row < to; row++) {
                int image = row / paddedHeight;
                int sourceY = g.boundary().map(row % paddedHeight - g.padTop(), height);
                int target = row * paddedRow;
                if (sourceY < 0) {
                    Arrays.fill(padded, target, target + paddedRow, 0f);
                    continue;
                }
                int sourceRow = (image * height + sourceY) * width * channels;
                System.arraycopy(x, sourceRow, padded, target + g.padLeft() * channels, width * channels);
                for (int paddedX = 0; paddedX < paddedWidth; paddedX++) {
                    if (paddedX == g.padLeft()) {
                        paddedX += width - 1;
                        continue;
                    }
                    int sourceX = g.boundary().map(paddedX - g.padLeft(), width);
                    int pixel = target + paddedX * channels;
                    if (sourceX < 0) {
                        Arrays.fill(padded, pixel, pixel + channels, 0f);
                    } else {
                        System.arraycopy(x, sourceRow + sourceX * channels, padded, pixel, channels);
                    }
                }
            }
        });
    }
}
