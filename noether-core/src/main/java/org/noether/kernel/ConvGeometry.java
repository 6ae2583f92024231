package org.noether.kernel;

import java.util.Arrays;

/**
 * The sizes of one 2-D convolution or pooling over NHWC data, with the output size per axis from
 * the notes' rule {@code 1 + (W − F + 2P)/S}, where the window spans {@code F = (K−1)·D + 1}
 * positions for a kernel of K taps with dilation D, and {@code 2P} is the padding before plus
 * after.
 *
 * <p>For a convolution a non-integer result is an error naming W, F, P and S (as the notes state
 * it: those hyperparameters do not fit); pooling rounds down, as Keras does, so that a 2×2 pool
 * halves an odd size. Shapes: input {@code [n, inputHeight, inputWidth, inputChannels]}, kernel
 * {@code [kernelHeight, kernelWidth, inputChannels/groups, outputChannels]}, output
 * {@code [n, outputHeight, outputWidth, outputChannels]}.
 *
 * <pre>{@code ConvGeometry g = ConvGeometry.convolution("conv2d", new int[] {32, 28, 28, 1}, new int[] {3, 3, 1, 8},
 *         new int[] {1, 1}, new int[] {1, 1}, Padding.same(), Boundary.ZEROS, 1); // g.outputHeight() == 28}</pre>
 */
public record ConvGeometry(int batch, int inputHeight, int inputWidth, int inputChannels,
                           int kernelHeight, int kernelWidth, int outputChannels, int groups,
                           int strideHeight, int strideWidth, int dilationHeight, int dilationWidth,
                           int padTop, int padBottom, int padLeft, int padRight, Boundary boundary,
                           int outputHeight, int outputWidth) {

    /** Input channels per group (the kernel's third dimension). */
    public int groupInputChannels() {
        return inputChannels / groups;
    }

    /** Output channels per group. */
    public int groupOutputChannels() {
        return outputChannels / groups;
    }

    /** Length of one patch of one group: {@code kernelHeight · kernelWidth · groupInputChannels}. */
    public int patchSize() {
        return kernelHeight * kernelWidth * groupInputChannels();
    }

    /** Output positions per image. */
    public int outputPositions() {
        return outputHeight * outputWidth;
    }

    /** Elements of the input, of the output. */
    public int inputSize() {
        return batch * inputHeight * inputWidth * inputChannels;
    }

    public int outputSize() {
        return batch * outputHeight * outputWidth * outputChannels;
    }

    /**
     * The geometry of a convolution.
     *
     * @param owner  named in errors, e.g. "Conv2D 'conv2d_1'"
     * @param input  {@code [n, h, w, c]}
     * @param kernel {@code [kh, kw, c/groups, filters]}
     */
    public static ConvGeometry convolution(String owner, int[] input, int[] kernel, int[] strides, int[] dilations,
                                           Padding padding, Boundary boundary, int groups) {
        if (input.length != 4 || kernel.length != 4) {
            throw new IllegalArgumentException(owner + " needs an input [batch, height, width, channels] and a kernel "
                    + "[height, width, inChannels/groups, filters]. Received: input " + Arrays.toString(input)
                    + ", kernel " + Arrays.toString(kernel));
        }
        if (groups < 1 || input[3] % groups != 0 || kernel[3] % groups != 0) {
            throw new IllegalArgumentException(owner + ": groups=" + groups + " must divide the input channels ("
                    + input[3] + ") and the filters (" + kernel[3] + ")");
        }
        if (kernel[2] != input[3] / groups) {
            throw new IllegalArgumentException(owner + ": the kernel " + Arrays.toString(kernel) + " expects "
                    + kernel[2] * groups + " input channels (" + kernel[2] + " per group × " + groups
                    + " groups). Received: input " + Arrays.toString(input));
        }
        return build(owner, input, kernel[0], kernel[1], kernel[3], groups, strides, dilations, padding, boundary,
                false);
    }

    /** The geometry of a pooling window of {@code poolHeight × poolWidth} over each channel. */
    public static ConvGeometry pooling(String owner, int[] input, int poolHeight, int poolWidth, int[] strides,
                                       Padding padding, Boundary boundary) {
        if (input.length != 4) {
            throw new IllegalArgumentException(owner + " needs an input [batch, height, width, channels]. Received: "
                    + Arrays.toString(input));
        }
        return build(owner, input, poolHeight, poolWidth, input[3], input[3], strides, new int[] {1, 1}, padding,
                boundary, true);
    }

    /**
     * The geometry of the convolution that maps the (larger) output of a transposed convolution of
     * {@code input [n,h,w,c]} with {@code kernel [kh,kw,filters,c]} back to {@code input}; see
     * {@link ConvOptions#transposed}. The transposed convolution is this geometry's input gradient.
     */
    static ConvGeometry transposed(String owner, int[] input, int[] kernel, int[] strides, int[] dilations,
                                   Padding padding, Boundary boundary, int groups, int[] outputPadding) {
        if (input.length != 4 || kernel.length != 4) {
            throw new IllegalArgumentException(owner + " needs an input [batch, height, width, channels] and a kernel "
                    + "[height, width, filters, inChannels/groups]. Received: input " + Arrays.toString(input)
                    + ", kernel " + Arrays.toString(kernel));
        }
        if (groups != 1) {
            throw new IllegalArgumentException(owner + ": a transposed convolution has one group. Received: groups="
                    + groups);
        }
        if (kernel[3] != input[3]) {
            throw new IllegalArgumentException(owner + ": the kernel " + Arrays.toString(kernel) + " expects "
                    + kernel[3] + " input channels. Received: input " + Arrays.toString(input));
        }
        check(owner, "strides", strides);
        check(owner, "dilation rates", dilations);
        String mode = padding.mode();
        if (!mode.equals("valid") && !mode.equals("same")) {
            throw new IllegalArgumentException(owner + ": a transposed convolution takes padding 'valid' or 'same'. "
                    + "Received: " + padding);
        }
        int[] size = new int[2];
        int[] pads = new int[4];
        for (int axis = 0; axis < 2; axis++) {
            int span = (kernel[axis] - 1) * dilations[axis] + 1;
            if (outputPadding == null) {
                size[axis] = mode.equals("valid") ? input[axis + 1] * strides[axis] + Math.max(span - strides[axis], 0)
                        : input[axis + 1] * strides[axis];
            } else {
                if (outputPadding[axis] < 0 || outputPadding[axis] >= Math.max(strides[axis], dilations[axis])) {
                    throw new IllegalArgumentException(owner + ": output padding must be >= 0 and smaller than the "
                            + "stride or dilation. Received: " + Arrays.toString(outputPadding));
                }
                int pad = mode.equals("same") ? span / 2 : 0;
                size[axis] = (input[axis + 1] - 1) * strides[axis] + span - 2 * pad + outputPadding[axis];
                // The output padding is cut from the end of the forward padding, which must total
                // 2·pad − p for the forward convolution to map this size back onto the input; split as
                // "same" splits, odd one at the end, as TensorFlow and Keras's JAX backend place it.
                int total = Math.max(2 * pad - outputPadding[axis], 0);
                pads[2 * axis] = total / 2;
                pads[2 * axis + 1] = total - total / 2;
            }
        }
        Padding forward = outputPadding == null ? padding : Padding.explicit(pads);
        int[] large = {input[0], size[0], size[1], kernel[2]};
        ConvGeometry geometry = build(owner, large, kernel[0], kernel[1], input[3], 1, strides, dilations, forward,
                boundary, true);
        if (geometry.outputHeight() != input[1] || geometry.outputWidth() != input[2]) {
            throw new IllegalArgumentException(owner + ": no output size maps back onto the input "
                    + Arrays.toString(input) + " with these hyperparameters");
        }
        return geometry;
    }

    private static ConvGeometry build(String owner, int[] input, int kernelHeight, int kernelWidth, int outputChannels,
                                      int groups, int[] strides, int[] dilations, Padding padding, Boundary boundary,
                                      boolean roundDown) {
        check(owner, "strides", strides);
        check(owner, "dilation rates", dilations);
        if (kernelHeight < 1 || kernelWidth < 1) {
            throw new IllegalArgumentException(owner + ": window sizes must be >= 1. Received: " + kernelHeight + "×"
                    + kernelWidth);
        }
        int[] vertical = padding.resolve(0, 2, input[1], kernelHeight, strides[0], dilations[0]);
        int[] horizontal = padding.resolve(1, 2, input[2], kernelWidth, strides[1], dilations[1]);
        int outputHeight = outputSize(owner, "height", input[1], kernelHeight, dilations[0], vertical, strides[0],
                roundDown);
        int outputWidth = outputSize(owner, "width", input[2], kernelWidth, dilations[1], horizontal, strides[1],
                roundDown);
        return new ConvGeometry(input[0], input[1], input[2], input[3], kernelHeight, kernelWidth, outputChannels,
                groups, strides[0], strides[1], dilations[0], dilations[1], vertical[0], vertical[1], horizontal[0],
                horizontal[1], boundary, outputHeight, outputWidth);
    }

    private static void check(String owner, String what, int[] values) {
        if (values.length != 2 || values[0] < 1 || values[1] < 1) {
            throw new IllegalArgumentException(owner + ": " + what + " must be two positive integers. Received: "
                    + Arrays.toString(values));
        }
    }

    /** {@code 1 + (W − F + P_before + P_after)/S}, exact for a convolution, rounded down for pooling. */
    private static int outputSize(String owner, String axis, int size, int taps, int dilation, int[] pad, int stride,
                                  boolean roundDown) {
        int span = (taps - 1) * dilation + 1;
        int numerator = size - span + pad[0] + pad[1];
        String padText = pad[0] == pad[1] ? "2P=" + 2 * pad[0] : "P=" + pad[0] + "+" + pad[1];
        if (numerator < 0) {
            throw new IllegalArgumentException(owner + ": the window (F=" + span + ") is larger than the padded input "
                    + axis + " (W=" + size + ", " + padText + ")");
        }
        if (!roundDown && numerator % stride != 0) {
            throw new IllegalArgumentException(owner + ": output " + axis + " 1 + (W − F + 2P)/S = 1 + (" + size + " − "
                    + span + " + " + (pad[0] + pad[1]) + ")/" + stride + " = " + (1 + numerator / (double) stride)
                    + " is not an integer (W=" + size + ", F=" + span + ", " + padText + ", S=" + stride
                    + "); change the padding or the stride");
        }
        return 1 + numerator / stride;
    }
}
