package org.noether.lectures;

import org.noether.nn.Layer;
import org.noether.nn.Parameter;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Layers with the weights the lecture notes write down, and the notes' small images as tensors:
 * a layer is built for one per-sample shape, then its kernel (and bias) are overwritten.
 *
 * <pre>{@code Conv2D edge = withWeights(new Conv2D(1, 3), Shape.of(5, 5, 1), kernel(SOBEL), 0);}</pre>
 */
final class HandSetLayers {
    private HandSetLayers() {
    }

    /** Builds {@code layer} for {@code inputShape} and sets its kernel, and its bias when one is given. */
    static <L extends Layer> L withWeights(L layer, Shape inputShape, float[] kernel, float... bias) {
        layer.build(inputShape, new Rng(0));
        assign(layer.parameter("kernel"), kernel);
        if (bias.length > 0) {
            assign(layer.parameter("bias"), bias);
        }
        return layer;
    }

    private static void assign(Parameter parameter, float[] values) {
        parameter.assign(Tensor.of(values, parameter.value().shape().dims()));
    }

    /** A batch of one single-channel image {@code [1, h, w, 1]} from its rows. */
    static Tensor image(double[][] rows) {
        int height = rows.length;
        int width = rows[0].length;
        float[] data = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                data[y * width + x] = (float) rows[y][x];
            }
        }
        return Tensor.of(data, 1, height, width, 1);
    }

    /** A kernel {@code [kh, kw, 1, filters]} whose filter k is {@code filters[k]}, each scaled by {@code scale}. */
    static float[] kernel(double scale, double[][]... filters) {
        int height = filters[0].length;
        int width = filters[0][0].length;
        float[] data = new float[height * width * filters.length];
        for (int m = 0; m < height; m++) {
            for (int n = 0; n < width; n++) {
                for (int k = 0; k < filters.length; k++) {
                    data[(m * width + n) * filters.length + k] = (float) (filters[k][m][n] * scale);
                }
            }
        }
        return data;
    }

    /** {@link #kernel(double, double[][]...)} with the filters as written. */
    static float[] kernel(double[][]... filters) {
        return kernel(1, filters);
    }

    /** Channel {@code k} of {@code [1, h, w, c]} as rows. */
    static double[][] channel(Tensor images, int k) {
        int height = images.dim(1);
        int width = images.dim(2);
        int channels = images.dim(3);
        float[] data = images.data();
        double[][] rows = new double[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rows[y][x] = data[(y * width + x) * channels + k];
            }
        }
        return rows;
    }
}
