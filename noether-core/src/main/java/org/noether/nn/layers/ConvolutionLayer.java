package org.noether.nn.layers;

import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.kernel.Boundary;
import org.noether.kernel.ConvOptions;
import org.noether.kernel.Padding;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.nn.activations.Activation;
import org.noether.nn.activations.Activations;
import org.noether.nn.initializers.Initializer;
import org.noether.nn.initializers.Initializers;
import org.noether.tensor.Tensor;

/**
 * What every convolution layer shares (Keras's {@code BaseConv}): the number of filters, the
 * window, strides, dilation, padding, border, groups, bias, activation and initializers, with
 * their validation, fluent setters and saved config. Subclasses fix the number of spatial axes
 * and the forward pass.
 *
 * <p>Option values are per spatial axis (one value for all axes, or one per axis).
 *
 * @param <L> the concrete layer, so that setters chain: {@code new Conv2D(32, 3).strides(2).padding("same")}
 */
public abstract class ConvolutionLayer<L extends ConvolutionLayer<L>> extends Layer {
    private final int rank;
    private final int filters;
    private final int[] kernelSize;
    private int[] strides;
    private int[] dilation;
    private Padding padding = Padding.valid();
    private Boundary boundary = Boundary.ZEROS;
    private int groups = 1;
    private Activation activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();

    protected ConvolutionLayer(int rank, int filters, int[] kernelSize, Activation activation) {
        this.rank = rank;
        if (filters <= 0) {
            throw new IllegalArgumentException(type() + " filters must be a positive integer. Received: filters="
                    + filters);
        }
        this.filters = filters;
        this.kernelSize = perAxis("kernel_size", kernelSize);
        this.strides = perAxis("strides", new int[] {1});
        this.dilation = perAxis("dilation_rate", new int[] {1});
        this.activation = activation == null ? Activations.LINEAR : activation;
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    private int[] perAxis(String name, int[] values) {
        return WindowArguments.perAxis(type(), name, rank, values);
    }

    private void checkNotBuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is already built; set its options before adding it to a model");
        }
    }

    @Override
    public L name(String newName) {
        super.name(newName);
        return self();
    }

    /** Step of the window (one value, or one per axis); default 1. */
    public L strides(int... values) {
        checkNotBuilt();
        this.strides = perAxis("strides", values);
        return self();
    }

    /** Spacing of the window's taps (dilated or "atrous" convolution); default 1. */
    public L dilation(int... values) {
        checkNotBuilt();
        this.dilation = perAxis("dilation_rate", values);
        return self();
    }

    /** "valid" (default), "same" or "full". */
    public L padding(String mode) {
        return padding(Padding.of(mode));
    }

    /** Any padding, including explicit amounts per side. */
    public L padding(Padding value) {
        checkNotBuilt();
        this.padding = value;
        return self();
    }

    /** What the window sees beyond the border: zeros (default), periodic or reflect. */
    public L boundary(Boundary value) {
        checkNotBuilt();
        this.boundary = value;
        return self();
    }

    /** Splits the channels into groups convolved separately (groups = input channels: depthwise). */
    public L groups(int value) {
        checkNotBuilt();
        if (value < 1 || filters % value != 0) {
            throw new IllegalArgumentException(type() + " groups must be positive and divide filters=" + filters
                    + ". Received: groups=" + value);
        }
        this.groups = value;
        return self();
    }

    /** The activation fused after the convolution and bias. */
    public L activation(Activation value) {
        checkNotBuilt();
        this.activation = value;
        return self();
    }

    /** Whether to add a bias per filter (default true). */
    public L useBias(boolean value) {
        checkNotBuilt();
        this.useBias = value;
        return self();
    }

    /** How the kernel starts (default Glorot uniform). */
    public L kernelInitializer(Initializer value) {
        checkNotBuilt();
        this.kernelInitializer = value;
        return self();
    }

    /** How the bias starts (default zeros). */
    public L biasInitializer(Initializer value) {
        checkNotBuilt();
        this.biasInitializer = value;
        return self();
    }

    public int filters() {
        return filters;
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    public int groups() {
        return groups;
    }

    public Activation activation() {
        return activation;
    }

    protected boolean useBias() {
        return useBias;
    }

    protected Initializer kernelInitializer() {
        return kernelInitializer;
    }

    protected Initializer biasInitializer() {
        return biasInitializer;
    }

    protected Padding padding() {
        return padding;
    }

    /** The options of the 2-D convolution that implements this layer (1-D layers get a height of 1). */
    protected ConvOptions options() {
        int last = rank - 1;
        return ConvOptions.defaults()
                .strides(rank == 2 ? strides[0] : 1, strides[last])
                .dilation(rank == 2 ? dilation[0] : 1, dilation[last])
                .padding(rank == 2 ? padding : WindowArguments.onWidthOnly(padding))
                .boundary(boundary)
                .groups(groups)
                .owner(describe());
    }

    /** Bias and activation after the convolution's output, which only this layer holds (its storage is reused). */
    protected Tensor finish(Tensor convolved, Tensor bias) {
        return Activations.withBiasOverwriting(convolved, bias, activation);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("filters", filters);
        config.put("kernel_size", WindowArguments.toList(kernelSize));
        config.put("strides", WindowArguments.toList(strides));
        config.put("padding", WindowArguments.paddingConfig(padding));
        config.put("boundary", WindowArguments.boundaryConfig(boundary));
        config.put("dilation_rate", WindowArguments.toList(dilation));
        config.put("groups", groups);
        config.put("activation", Layers.activationConfig(activation));
        config.put("use_bias", useBias);
        config.put("kernel_initializer", Layers.initializerConfig(kernelInitializer));
        config.put("bias_initializer", Layers.initializerConfig(biasInitializer));
        return config;
    }

    /** Applies the options saved by {@link #config()} (other than filters and kernel size) to {@code layer}. */
    protected static <L extends ConvolutionLayer<L>> L readOptions(L layer, ConfigReader read) {
        layer.strides(read.has("strides") ? read.getIntArray("strides") : new int[] {1});
        layer.dilation(read.has("dilation_rate") ? read.getIntArray("dilation_rate") : new int[] {1});
        layer.padding(WindowArguments.readPadding(read, Padding.valid()));
        layer.boundary(WindowArguments.readBoundary(read));
        layer.groups(read.getInt("groups", 1));
        layer.activation(Layers.activation(read.value("activation")));
        layer.useBias(read.getBoolean("use_bias", true));
        layer.kernelInitializer(Layers.initializer(read.value("kernel_initializer"), Initializers.glorotUniform()));
        layer.biasInitializer(Layers.initializer(read.value("bias_initializer"), Initializers.zeros()));
        return layer;
    }
}
