package org.noether.optimizers.schedules;

import java.util.Map;

/**
 * A learning rate that changes with the optimizer's step count: {@code η(step)}, where {@code step}
 * is the number of updates already applied (0 for the first update), as in Keras's
 * {@code LearningRateSchedule.__call__(step)}.
 *
 * <p>{@link #name()} and {@link #config()} make a schedule saveable: {@link Schedules#fromConfig}
 * rebuilds it from the two.
 *
 * <pre>{@code
 * Optimizer sgd = new SGD().learningRate(new ExponentialDecay(0.1, 1000, 0.96));
 * }</pre>
 */
public interface LearningRateSchedule {

    /** The learning rate for the update that follows {@code step} earlier updates. */
    double rate(long step);

    /** The Keras class name, e.g. {@code "ExponentialDecay"}; the key for {@link Schedules#fromConfig}. */
    String name();

    /** The constructor arguments under their Keras names, e.g. {@code initial_learning_rate}. */
    Map<String, Object> config();
}
