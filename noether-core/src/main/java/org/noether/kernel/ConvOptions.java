package org.noether.kernel;

/**
 * The hyperparameters of a 2-D convolution or pooling besides its window: strides, dilation
 * rates, padding, what lies beyond the border, and groups; plus the name errors should mention.
 *
 * <p>Defaults: stride 1, dilation 1, {@code valid} padding, zero border, 1 group.
 *
 * <pre>{@code ConvOptions.defaults().strides(2, 2).padding(Padding.same()).boundary(Boundary.PERIODIC)}</pre>
 */
public record ConvOptions(int strideHeight, int strideWidth, int dilationHeight, int dilationWidth, Padding padding,
                          Boundary boundary, int groups, String owner) {

    /** Stride 1, dilation 1, valid padding, zero border, 1 group. */
    public static ConvOptions defaults() {
        return new ConvOptions(1, 1, 1, 1, Padding.valid(), Boundary.ZEROS, 1, "conv2d");
    }

    public ConvOptions strides(int height, int width) {
        return new ConvOptions(height, width, dilationHeight, dilationWidth, padding, boundary, groups, owner);
    }

    public ConvOptions dilation(int height, int width) {
        return new ConvOptions(strideHeight, strideWidth, height, width, padding, boundary, groups, owner);
    }

    public ConvOptions padding(Padding value) {
        return new ConvOptions(strideHeight, strideWidth, dilationHeight, dilationWidth, value, boundary, groups, owner);
    }

    public ConvOptions boundary(Boundary value) {
        return new ConvOptions(strideHeight, strideWidth, dilationHeight, dilationWidth, padding, value, groups, owner);
    }

    public ConvOptions groups(int value) {
        return new ConvOptions(strideHeight, strideWidth, dilationHeight, dilationWidth, padding, boundary, value, owner);
    }

    /** The name used in error messages, e.g. "Conv2D 'conv2d_1'". */
    public ConvOptions owner(String value) {
        return new ConvOptions(strideHeight, strideWidth, dilationHeight, dilationWidth, padding, boundary, groups, value);
    }

    int[] strides() {
        return new int[] {strideHeight, strideWidth};
    }

    int[] dilations() {
        return new int[] {dilationHeight, dilationWidth};
    }

    /** The geometry of a convolution of {@code input [n,h,w,c]} with {@code kernel [kh,kw,c/groups,k]}. */
    public ConvGeometry convolution(int[] input, int[] kernel) {
        return ConvGeometry.convolution(owner, input, kernel, strides(), dilations(), padding, boundary, groups);
    }

    /** The geometry of a {@code poolHeight × poolWidth} pooling of {@code input [n,h,w,c]}. */
    public ConvGeometry pooling(int[] input, int poolHeight, int poolWidth) {
        return ConvGeometry.pooling(owner, input, poolHeight, poolWidth, strides(), padding, boundary);
    }

    /**
     * The geometry of the convolution whose input gradient is the transposed convolution of
     * {@code input [n,h,w,c]} with {@code kernel [kh,kw,filters,c]}, following Keras's output size:
     * without output padding {@code h·S + max(F − S, 0)} ("valid") or {@code h·S} ("same"); with
     * it {@code (h−1)·S + F − 2·pad + outputPadding}, pad = ⌊F/2⌋ for "same", 0 for "valid".
     */
    public ConvGeometry transposed(int[] input, int[] kernel, int[] outputPadding) {
        return ConvGeometry.transposed(owner, input, kernel, strides(), dilations(), padding, boundary, groups,
                outputPadding);
    }
}
