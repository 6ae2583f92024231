package org.noether.kernel;

import java.util.Arrays;

/**
 * The patch matrix of a convolution and its adjoint.
 *
 * <p>Row {@code (n, oy, ox)} of the patches of group {@code g} holds, for each tap
 * {@code (ky, kx)} in order, the {@code C/groups} channels of group g of input pixel
 * {@code (oy·S + ky·D − P_top, ox·S + kx·D − P_left)}, or what the {@link Boundary} puts there
 * outside the image. In NHWC those channels are contiguous, so each tap is one array copy.
 * {@link #scatterAdd} adds a patch matrix back onto the pixels it was read from (col2im).
 */
final class Im2col {
    private Im2col() {
    }

    /** Fills {@code patches} with the rows of images {@code [first, first + count)} for {@code group}. */
    static void patches(ConvGeometry g, float[] x, int group, int first, int count, float[] patches) {
        int lines = count * g.outputHeight();
        // One output row of one image per step: along it a tap reads the input at a fixed stride, so
        // the border is looked up only where the window leaves the image.
        Parallel.forRange(lines, (long) lines * g.outputWidth() * g.patchSize(), (lineFrom, lineTo) -> {
            for (int line = lineFrom; line < lineTo; line++) {
                int image = first + line / g.outputHeight();
                int outputY = line % g.outputHeight();
                int tapOffset = line * g.outputWidth() * g.patchSize();
                for (int ky = 0; ky < g.kernelHeight(); ky++) {
                    int inputY = g.boundary().map(outputY * g.strideHeight() + ky * g.dilationHeight() - g.padTop(),
                            g.inputHeight());
                    for (int kx = 0; kx < g.kernelWidth(); kx++) {
                        copyTap(g, x, group, image, inputY, kx, patches, tapOffset);
                        tapOffset += g.groupInputChannels();
                    }
                }
            }
        });
    }

    /**
     * Writes tap {@code kx} of input row {@code inputY} (-1: a zero row) for every output column of
     * one output row, the first into {@code patches[target ..]}, the next a patch further on.
     */
    private static void copyTap(ConvGeometry g, float[] x, int group, int image, int inputY, int kx,
                                float[] patches, int target) {
        int channels = g.groupInputChannels();
        int patchSize = g.patchSize();
        int outputWidth = g.outputWidth();
        if (inputY < 0) {
            for (int outputX = 0; outputX < outputWidth; outputX++, target += patchSize) {
                Arrays.fill(patches, target, target + channels, 0f);
            }
            return;
        }
        int stride = g.strideWidth();
        int shift = kx * g.dilationWidth() - g.padLeft(); // inputX = outputX·stride + shift
        // Output columns whose tap lies inside the row: [inside, insideEnd).
        int inside = Math.min(outputWidth, shift >= 0 ? 0 : (-shift + stride - 1) / stride);
        int last = g.inputWidth() - 1 - shift;
        int insideEnd = last < 0 ? inside : Math.max(inside, Math.min(outputWidth, last / stride + 1));
        int rowStart = (image * g.inputHeight() + inputY) * g.inputWidth();
        for (int outputX = 0; outputX < inside; outputX++) {
            borderTap(g, x, group, rowStart, outputX * stride + shift, patches, target + outputX * patchSize);
        }
        int source = (rowStart + inside * stride + shift) * g.inputChannels() + group * channels;
        int pixelStride = stride * g.inputChannels();
        int at = target + inside * patchSize;
        if (channels == 1) {
            // A grey first layer: one value per tap, where a call per value would dominate.
            for (int outputX = inside; outputX < insideEnd; outputX++, at += patchSize, source += pixelStride) {
                patches[at] = x[source];
            }
        } else {
            for (int outputX = inside; outputX < insideEnd; outputX++, at += patchSize, source += pixelStride) {
                System.arraycopy(x, source, patches, at, channels);
            }
        }
        for (int outputX = insideEnd; outputX < outputWidth; outputX++) {
            borderTap(g, x, group, rowStart, outputX * stride + shift, patches, target + outputX * patchSize);
        }
    }

    /** A tap at input column {@code column} outside the row: what the boundary puts there. */
    private static void borderTap(ConvGeometry g, float[] x, int group, int rowStart, int column, float[] patches,
                                  int at) {
        int channels = g.groupInputChannels();
        int inputX = g.boundary().map(column, g.inputWidth());
        if (inputX < 0) {
            Arrays.fill(patches, at, at + channels, 0f);
        } else {
            System.arraycopy(x, (rowStart + inputX) * g.inputChannels() + group * channels, patches, at, channels);
        }
    }

    /**
     * Adds each patch value of images {@code [first, first + count)} of {@code group} onto the input
     * pixel it was read from (values read from outside a zero border are dropped).
     */
    static void scatterAdd(ConvGeometry g, float[] patches, int group, int first, int count, float[] dx) {
        int positions = g.outputPositions();
        int patchSize = g.patchSize();
        // Whole images per task: windows overlap within an image, never across images.
        Parallel.forRange(count, (long) count * positions * patchSize, (imageFrom, imageTo) -> {
            int channels = g.groupInputChannels();
            for (int local = imageFrom; local < imageTo; local++) {
                int image = first + local;
                for (int position = 0; position < positions; position++) {
                    int outputY = position / g.outputWidth();
                    int outputX = position % g.outputWidth();
                    int source = (local * positions + position) * patchSize;
                    for (int ky = 0; ky < g.kernelHeight(); ky++) {
                        int inputY = g.boundary().map(outputY * g.strideHeight() + ky * g.dilationHeight()
                                - g.padTop(), g.inputHeight());
                        for (int kx = 0; kx < g.kernelWidth(); kx++, source += channels) {
                            int inputX = g.boundary().map(outputX * g.strideWidth() + kx * g.dilationWidth()
                                    - g.padLeft(), g.inputWidth());
                            if (inputY < 0 || inputX < 0) {
                                continue;
                            }
                            int target = ((image * g.inputHeight() + inputY) * g.inputWidth() + inputX)
                                    * g.inputChannels() + group * channels;
                            for (int c = 0; c < channels; c++) {
                                dx[target + c] += patches[source + c];
                            }
                        }
                    }
                }
            }
        });
    }
}
