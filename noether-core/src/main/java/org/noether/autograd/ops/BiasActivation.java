package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.autograd.GradMode;
import org.noether.kernel.ChannelBias;
import org.noether.kernel.Scratch;
import org.noether.tensor.Tensor;

/**
 * A layer's bias and activation as one op: {@code y = f(z + b)} with {@code b} added along the last
 * axis and {@code f} identity, ReLU, sigmoid or tanh — the step after every convolution and dense
 * product. Forward and backward are one pass each ({@link ChannelBias}) instead of an add, an
 * activation, its gradient and a bias reduction.
 *
 * <p>Shape: {@code z [..., c]}, {@code b [c]} or null → like z. Gradient: {@code ∂z = g·f'(y)},
 * {@code ∂b = Σ ∂z} over all axes but the last; when the gradient itself is being recorded (a
 * second derivative), the same formula as tensor operations instead, so that it can be
 * differentiated again.
 *
 * <pre>{@code Tensor y = BiasActivation.apply(x.matmul(kernel), bias, ChannelBias.Function.RELU);}</pre>
 */
public final class BiasActivation extends Function {
    private final ChannelBias.Function function;
    private final Tensor output;

    private BiasActivation(ChannelBias.Function function, Tensor output) {
        this.function = function;
        this.output = output;
    }

    /** {@code f(z + bias)}; {@code bias} may be null. */
    public static Tensor apply(Tensor z, Tensor bias, ChannelBias.Function function) {
        return apply(z, bias, function, new float[z.size()]);
    }

    /**
     * {@code f(z + bias)} written over z's storage, for a layer's fresh product that nothing else
     * reads: neither its producer's gradient (a convolution's or product's needs its inputs only)
     * nor this op's (it needs the output). Saves an activation-sized array per layer and step.
     */
    public static Tensor applyOverwriting(Tensor z, Tensor bias, ChannelBias.Function function) {
        return apply(z, bias, function, z.data());
    }

    /**
     * Records {@code f(z + bias)} for a {@code z} whose producer already wrote {@code f(z + bias)}
     * into its storage (a convolution's epilogue): the output shares z's array.
     */
    static Tensor recordApplied(Tensor z, Tensor bias, ChannelBias.Function function) {
        checkBias(z.rank() == 0 ? 1 : z.dim(-1), bias, "the last axis of ", z.shape());
        Tensor output = Tensor.wrap(z.data(), z.shape());
        return new BiasActivation(function, output).record(output, z, bias);
    }

    /**
     * A bias must be null or one value per channel; {@code channels} are those of {@code what +
     * subject}, a message built only when it is needed (this runs per layer and step).
     */
    static void checkBias(int channels, Tensor bias, String what, Object subject) {
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != channels)) {
            throw new IllegalArgumentException("biasActivation: bias " + bias.shape() + " does not match " + what
                    + subject + "; expected [" + channels + "]");
        }
    }

    private static Tensor apply(Tensor z, Tensor bias, ChannelBias.Function function, float[] y) {
        int channels = z.rank() == 0 ? 1 : z.dim(-1);
        checkBias(channels, bias, "the last axis of ", z.shape());
        int rows = channels == 0 ? 0 : z.size() / channels;
        ChannelBias.forward(z.data(), bias == null ? null : bias.data(), rows, channels, function, y);
        Tensor output = Tensor.wrap(y, z.shape());
        return new BiasActivation(function, output).record(output, z, bias);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor z = input(0);
        Tensor bias = input(1);
        if (GradMode.isEnabled()) {
            return recordedBackward(g, z, bias);
        }
        int channels = z.rank() == 0 ? 1 : z.dim(-1);
        int rows = channels == 0 ? 0 : z.size() / channels;
        float[] gz = Scratch.floats(z.size());
        float[] gb = bias != null && needsGrad(1) ? new float[channels] : null;
        ChannelBias.backward(g.data(), output.data(), rows, channels, function, gz, gb);
        return new Tensor[] {
            needsGrad(0) ? Tensor.wrap(gz, z.shape()) : null,
            gb == null ? null : Tensor.wrap(gb, bias.shape())};
    }

    /**
     * The same gradient as recorded operations, in terms of the output as the unfused activations
     * write theirs, so that it can be differentiated again.
     */
    private Tensor[] recordedBackward(Tensor g, Tensor z, Tensor bias) {
        Tensor gz = switch (function) {
            case IDENTITY -> g;
            case RELU -> ReluGrad.apply(g, output);
            case SIGMOID -> g.mul(output.mul(output.neg().add(1)));
            case TANH -> TanhGrad.apply(g, output);
        };
        return new Tensor[] {
            needsGrad(0) ? gz : null,
            bias != null && needsGrad(1) ? gz.sumTo(bias.shape()) : null};
    }
}
