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
        int positions = g.outputPositions();
        int rows = count * positions;
        int patchSize = g.patchSize();
        Parallel.forRange(rows, (long) rows * patchSize, (rowFrom, rowTo) -> {
            int channels = g.groupInputChannels();
            for (int row = rowFrom; row < rowTo; row++) {
                int image = first + row / positions;
                int position = row % positions;
                int outputY = position / g.outputWidth();
                int outputX = position % g.outputWidth();
                int target = row * patchSize;
                for (int ky = 0; ky < g.kernelHeight(); ky++) {
                    int inputY = g.boundary().map(outputY * g.strideHeight() + ky * g.dilationHeight() - g.padTop(),
                            g.inputHeight());
                    for (int kx = 0; kx < g.kernelWidth(); kx++, target += channels) {
                        int inputX = g.boundary().map(outputX * g.strideWidth() + kx * g.dilationWidth()
                                - g.padLeft(), g.inputWidth());
                        if (inputY < 0 || inputX < 0) {
                            Arrays.fill(patches, target, target + channels, 0f);
                        } else {
                            int source = ((image * g.inputHeight() + inputY) * g.inputWidth() + inputX)
                                    * g.inputChannels() + group * channels;
                            if (channels == 1) {
                                patches[target] = x[source]; // a grey first layer: a call per value would dominate
                            } else {
                                System.arraycopy(x, source, patches, target, channels);
                            }
                        }
                    }
                }
            }
        });
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
