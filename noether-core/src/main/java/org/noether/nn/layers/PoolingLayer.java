package org.noether.nn.layers;

import java.util.Map;
import org.noether.autograd.ops.AvgPool2D;
import org.noether.autograd.ops.MaxPool2D;
import org.noether.io.ConfigReader;
import org.noether.kernel.Boundary;
import org.noether.kernel.ConvGeometry;
import org.noether.kernel.ConvOptions;
import org.noether.kernel.Padding;
import org.noether.nn.Layer;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * What the window pooling layers share (Keras's {@code BasePooling}): a window of
 * {@code pool_size} slid with {@code strides} (default: the pool size, so windows tile the input),
 * {@code padding} "valid" (default) or "same", and the border the window sees; each output is the
 * maximum or the mean of its window, per channel — the notes' coarse-graining.
 *
 * <p>Shape per spatial axis: {@code 1 + ⌊(W − F + 2P)/S⌋} (rounded down, so a 2-wide pool halves
 * an odd size); channels are unchanged. The 1-D layers pool a one-pixel-high image.
 *
 * <pre>{@code new MaxPooling2D(); new AveragePooling1D(4).padding("same");}</pre>
 *
 * @param <L> the concrete layer, so that setters chain: {@code new MaxPooling2D(3).strides(2).padding("same")}
 */
public abstract class PoolingLayer<L extends PoolingLayer<L>> extends Layer {
    /** What a window is reduced to. */
    protected enum Reduction { MAX, AVERAGE }

    private final int rank;
    private final Reduction reduction;
    private final int[] poolSize;
    private int[] strides;
    private Padding padding = Padding.valid();
    private Boundary boundary = Boundary.ZEROS;

    /**
     * A pooling over {@code rank} spatial axes (1 or 2) with windows of {@code poolSize} (one value
     * for all axes or one per axis).
     */
    protected PoolingLayer(int rank, Reduction reduction, int[] poolSize) {
        this.rank = rank;
        this.reduction = reduction;
        this.poolSize = WindowArguments.perAxis(type(), "pool_size", rank, poolSize);
        this.strides = this.poolSize.clone();
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    private void checkNotBuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is already built; set its options before adding it to a model");
        }
    }

    /** Step of the window (one value, or one per axis); default the pool size. */
    public L strides(int... values) {
        checkNotBuilt();
        this.strides = WindowArguments.perAxis(type(), "strides", rank, values);
        return self();
    }

    /** "valid" (default) or "same" (output size {@code ⌈W/S⌉}); "full" is accepted too. */
    public L padding(String mode) {
        return padding(Padding.of(mode));
    }

    /** Any padding, including explicit amounts per side; padded positions never win or count. */
    public L padding(Padding value) {
        checkNotBuilt();
        this.padding = value;
        return self();
    }

    /** What the window sees beyond the border: nothing (default, Keras's behaviour), periodic or reflect. */
    public L boundary(Boundary value) {
        checkNotBuilt();
        this.boundary = value;
        return self();
    }

    /** The window size per spatial axis. */
    public int[] poolSize() {
        return poolSize.clone();
    }

    /** The step per spatial axis. */
    public int[] strides() {
        return strides.clone();
    }

    private ConvOptions options() {
        int last = rank - 1;
        return ConvOptions.defaults()
                .strides(rank == 2 ? strides[0] : 1, strides[last])
                .padding(rank == 2 ? padding : WindowArguments.onWidthOnly(padding))
                .boundary(boundary)
                .owner(describe());
    }

    /** The geometry for a batch of {@code batch} samples of per-sample shape {@code inputShape}. */
    private ConvGeometry geometry(int batch, Shape inputShape) {
        if (inputShape.rank() != rank + 1) {
            String expected = rank == 2 ? "images [height, width, channels]" : "sequences [steps, channels]";
            throw new IllegalArgumentException(describe() + " expects " + expected + " per sample. Received "
                    + "per-sample shape " + inputShape);
        }
        int height = rank == 2 ? inputShape.dim(0) : 1;
        int[] input = {batch, height, inputShape.dim(rank - 1), inputShape.dim(rank)};
        return options().pooling(input, rank == 2 ? poolSize[0] : 1, poolSize[rank - 1]);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        ConvGeometry g = geometry(1, inputShape);
        return rank == 2 ? Shape.of(g.outputHeight(), g.outputWidth(), g.inputChannels())
                : Shape.of(g.outputWidth(), g.inputChannels());
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        ConvGeometry g = geometry(x.dim(0), x.shape().dropFirst());
        Tensor image = rank == 2 ? x : x.reshape(x.dim(0), 1, x.dim(1), x.dim(2));
        Tensor pooled = reduction == Reduction.MAX ? MaxPool2D.apply(image, g) : AvgPool2D.apply(image, g);
        return rank == 2 ? pooled : pooled.reshape(x.dim(0), g.outputWidth(), g.inputChannels());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("pool_size", WindowArguments.toList(poolSize));
        config.put("padding", WindowArguments.paddingConfig(padding));
        config.put("strides", WindowArguments.toList(strides));
        config.put("boundary", WindowArguments.boundaryConfig(boundary));
        return config;
    }

    /** The pool size saved by {@link #config()}, or Keras's default 2 per axis when absent. */
    protected static int[] readPoolSize(ConfigReader read) {
        return WindowArguments.readPerAxis(read, "pool_size", new int[] {2});
    }

    /** Applies the options saved by {@link #config()} (other than the pool size) to {@code layer}, then finishes. */
    protected static <L extends PoolingLayer<L>> L readOptions(L layer, ConfigReader read) {
        int[] strides = WindowArguments.readPerAxis(read, "strides", null);
        if (strides != null) {
            layer.strides(strides);
        }
        layer.padding(WindowArguments.readPadding(read, Padding.valid()));
        layer.boundary(WindowArguments.readBoundary(read));
        read.finish();
        return layer;
    }
}
