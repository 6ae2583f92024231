package org.noether.nn.layers;

import java.util.Locale;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Enlarges images by whole factors {@code (sh, sw)}: "nearest" (default, as in the notes) repeats
 * each row {@code sh} times and each column {@code sw} times, {@code y[i, j, c] = x[⌊i/sh⌋, ⌊j/sw⌋, c]};
 * "bilinear" interpolates between the nearest input pixels with half-pixel centres, as Keras and
 * TensorFlow do: output row i samples input position {@code (i + ½)/sh − ½}, clamped to the edge
 * rows, and likewise for columns.
 *
 * <p>Shape: {@code [h, w, c] → [h·sh, w·sw, c]}. Bilinear resizing is linear and separable, so it
 * is computed as {@code A_h · x · A_wᵀ} with fixed interpolation matrices {@code A_h [h·sh, h]} and
 * {@code A_w [w·sw, w]}: matrix products, differentiable to any order.
 *
 * <pre>{@code new UpSampling2D(); new UpSampling2D(2, 3).interpolation("bilinear");}</pre>
 */
public final class UpSampling2D extends Layer {
    private final int[] size;
    private String interpolation = "nearest";
    private Tensor rowWeights;
    private Tensor columnWeights;

    /** Doubles the height and the width. */
    public UpSampling2D() {
        this(2);
    }

    /** Multiplies the height and the width by {@code factor}. */
    public UpSampling2D(int factor) {
        this(new int[] {factor});
    }

    /** Multiplies the height by {@code heightFactor} and the width by {@code widthFactor}. */
    public UpSampling2D(int heightFactor, int widthFactor) {
        this(new int[] {heightFactor, widthFactor});
    }

    private UpSampling2D(int[] size) {
        this.size = WindowArguments.perAxis(type(), "size", 2, size);
    }

    /** "nearest" (repeat values; default) or "bilinear" (half-pixel-centre interpolation). */
    public UpSampling2D interpolation(String value) {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is already built; set its options before adding it to a model");
        }
        String mode = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (!mode.equals("nearest") && !mode.equals("bilinear")) {
            throw new IllegalArgumentException(type() + " interpolation must be 'nearest' or 'bilinear'. Received: '"
                    + value + "'");
        }
        this.interpolation = mode;
        return this;
    }

    /** The factors {@code {height, width}}. */
    public int[] size() {
        return size.clone();
    }

    /** "nearest" or "bilinear". */
    public String interpolation() {
        return interpolation;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (inputShape.rank() != 3) {
            throw new IllegalArgumentException(describe() + " expects images [height, width, channels] per sample. "
                    + "Received per-sample shape " + inputShape);
        }
        return Shape.of(inputShape.dim(0) * size[0], inputShape.dim(1) * size[1], inputShape.dim(2));
    }

    @Override
    protected void createWeights(Shape inputShape, Rng rng) {
        // Not weights: the fixed interpolation matrices, which depend only on the input size.
        if (interpolation.equals("bilinear")) {
            rowWeights = bilinearMatrix(inputShape.dim(0), size[0]);
            columnWeights = bilinearMatrix(inputShape.dim(1), size[1]);
        }
    }

    /**
     * The {@code [n·factor, n]} matrix of linear interpolation with half-pixel centres: row o holds
     * the weights {@code 1 − t} and {@code t} of the two input positions around {@code (o + ½)/factor − ½},
     * both clamped into {@code [0, n)}.
     */
    static Tensor bilinearMatrix(int n, int factor) {
        int outputs = n * factor;
        float[] weights = new float[outputs * n];
        for (int o = 0; o < outputs; o++) {
            double source = (o + 0.5) / factor - 0.5;
            int lower = (int) Math.floor(source);
            double t = source - lower;
            weights[o * n + Math.clamp(lower, 0, n - 1)] += (float) (1 - t);
            weights[o * n + Math.clamp(lower + 1, 0, n - 1)] += (float) t;
        }
        return Tensor.of(weights, outputs, n);
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        int batch = x.dim(0);
        int height = x.dim(1);
        int width = x.dim(2);
        int channels = x.dim(3);
        if (interpolation.equals("nearest")) {
            // A new size-1 axis after height and after width, broadcast to the factor: each value repeated.
            Shape repeated = Shape.of(batch, height, size[0], width, size[1], channels);
            return x.reshape(batch, height, 1, width, 1, channels).expand(repeated)
                    .reshape(batch, height * size[0], width * size[1], channels);
        }
        // Rows: A_h [oh, h] · x [n, h, w·c]; then columns: A_w [ow, w] · [n·oh, w, c].
        Tensor rows = rowWeights.matmul(x.reshape(batch, height, width * channels));
        int outputHeight = height * size[0];
        Tensor both = columnWeights.matmul(rows.reshape(batch * outputHeight, width, channels));
        return both.reshape(batch, outputHeight, width * size[1], channels);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("size", WindowArguments.toList(size));
        config.put("interpolation", interpolation);
        return config;
    }

    /** Rebuilds the layer from {@link #config()}; unknown keys are an error. */
    public static UpSampling2D fromConfig(Map<String, Object> config) {
        ConfigReader read = Layers.configReader("UpSampling2D", config);
        UpSampling2D layer = new UpSampling2D(WindowArguments.readPerAxis(read, "size", new int[] {2}))
                .interpolation(read.getString("interpolation", "nearest"));
        read.finish();
        return layer;
    }
}
