package org.noether.optimizers;

import java.util.List;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.optimizers.schedules.Hyperparameters;

/**
 * The Adam update shared by {@link Adam} and {@link AdamW} (which differ only in weight decay);
 * the rule is written out in {@link Adam}'s documentation.
 *
 * @param <S> the concrete optimizer
 */
abstract class AdamRule<S extends AdamRule<S>> extends FluentOptimizer<S> {
    private static final List<String> MOMENTS = List.of("m", "v");
    private static final List<String> MOMENTS_AND_MAXIMUM = List.of("m", "v", "v_hat");

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private boolean amsgrad;

    AdamRule(String name, double learningRate) {
        super(name, learningRate);
    }

    /** The decay {@code β₁ ∈ [0, 1)} of the first-moment (mean) estimate. */
    public S beta1(double beta1) {
        this.beta1 = Hyperparameters.fraction("beta1", beta1, false);
        return self();
    }

    /** The decay {@code β₂ ∈ [0, 1)} of the second-moment (uncentered variance) estimate. */
    public S beta2(double beta2) {
        this.beta2 = Hyperparameters.fraction("beta2", beta2, false);
        return self();
    }

    /** {@code ε >= 0}, added to {@code √v} (Keras's "epsilon hat"). */
    public S epsilon(double epsilon) {
        this.epsilon = Hyperparameters.nonNegative("epsilon", epsilon);
        return self();
    }

    /** Whether to divide by the running maximum of {@code v} (AMSGrad, Reddi et al., 2018). */
    public S amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return self();
    }

    /** {@code β₁}. */
    public double beta1() {
        return beta1;
    }

    /** {@code β₂}. */
    public double beta2() {
        return beta2;
    }

    /** {@code ε}. */
    public double epsilon() {
        return epsilon;
    }

    /** Whether AMSGrad is on. */
    public boolean amsgrad() {
        return amsgrad;
    }

    @Override
    protected final List<String> slotNames() {
        return amsgrad ? MOMENTS_AND_MAXIMUM : MOMENTS;
    }

    @Override
    protected final void update(float[] parameter, float[] gradient, float[][] slots, double learningRate,
                                int from, int to) {
        long t = iterations() + 1;
        // The bias corrections of m and v folded into one step size, as Keras (and the paper's
        // Section 2 remark) do; ε then stays outside the correction.
        double alpha = learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        float[] m = slots[0];
        float[] v = slots[1];
        // In float, as Keras computes it: the loop vectorizes (square roots and divisions of 16
        // floats at a time, where in double the update cost as much as an MLP step's products).
        float keepMean = (float) (1 - beta1);
        float keepSquare = (float) (1 - beta2);
        float step = (float) alpha;
        float eps = (float) epsilon;
        if (amsgrad) {
            float[] vMax = slots[2];
            for (int i = from; i < to; i++) {
                float g = gradient[i];
                m[i] += (g - m[i]) * keepMean;
                v[i] += (g * g - v[i]) * keepSquare;
                vMax[i] = Math.max(vMax[i], v[i]);
                parameter[i] -= m[i] * step / ((float) Math.sqrt(vMax[i]) + eps);
            }
        } else {
            for (int i = from; i < to; i++) {
                float g = gradient[i];
                m[i] += (g - m[i]) * keepMean;
                v[i] += (g * g - v[i]) * keepSquare;
                parameter[i] -= m[i] * step / ((float) Math.sqrt(v[i]) + eps);
            }
        }
    }

    @Override
    protected final void writeConfig(Map<String, Object> config) {
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        config.put("amsgrad", amsgrad);
    }

    @Override
    protected final void readConfig(ConfigReader config) {
        beta1(config.getDouble("beta_1", beta1));
        beta2(config.getDouble("beta_2", beta2));
        epsilon(config.getDouble("epsilon", epsilon));
        amsgrad(config.getBoolean("amsgrad", amsgrad));
    }
}
