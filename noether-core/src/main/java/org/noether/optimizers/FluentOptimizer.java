package org.noether.optimizers;

import org.noether.optimizers.schedules.LearningRateSchedule;

/**
 * The shared setters of {@link Optimizer}, returning the concrete optimizer so that settings chain
 * in any order: {@code new Adam().clipNorm(1.0).beta1(0.8)}.
 *
 * @param <S> the concrete optimizer
 */
abstract class FluentOptimizer<S extends FluentOptimizer<S>> extends Optimizer {

    FluentOptimizer(String name, double learningRate) {
        super(name, learningRate);
    }

    @SuppressWarnings("unchecked")
    final S self() {
        return (S) this;
    }

    @Override
    public S learningRate(double learningRate) {
        super.learningRate(learningRate);
        return self();
    }

    @Override
    public S learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return self();
    }

    @Override
    public S weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return self();
    }

    @Override
    public S clipNorm(double clipNorm) {
        super.clipNorm(clipNorm);
        return self();
    }

    @Override
    public S globalClipNorm(double globalClipNorm) {
        super.globalClipNorm(globalClipNorm);
        return self();
    }

    @Override
    public S clipValue(double clipValue) {
        super.clipValue(clipValue);
        return self();
    }
}
