package org.noether.optimizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.noether.io.ConfigReader;
import org.noether.kernel.Parallel;
import org.noether.optimizers.GradientClipping.Kind;
import org.noether.optimizers.schedules.Hyperparameters;
import org.noether.optimizers.schedules.LearningRateSchedule;
import org.noether.optimizers.schedules.Schedules;
import org.noether.tensor.Tensor;

/**
 * Updates parameters in place from their gradients, one {@link #step} per batch; Keras's
 * {@code optimizer.apply(grads, variables)}.
 *
 * <p>One step, in Keras's order, with {@code t = iterations()} updates done before it:
 * <ol>
 * <li>{@code η} = the constant learning rate, or {@code schedule.rate(t)} (so 0 on the first step);
 * <li>parameters whose {@code grad()} is null are skipped;
 * <li>gradient clipping, if set: {@code clipNorm} per parameter, {@code globalClipNorm} over all
 *     gradients together, or {@code clipValue} elementwise (see {@link #clipNorm});
 * <li>weight decay, if set: {@code w ← w − w·λ·η};
 * <li>the optimizer's own update rule with {@code η} and the clipped gradient;
 * <li>{@code iterations ← t + 1}.
 * </ol>
 * Gradients are only read. Per-parameter state (moments, accumulators; "slots") is created on a
 * parameter's first step, keyed by the parameter's identity, and can be saved with {@link #state}
 * and restored with {@link #loadState} to resume training exactly.
 *
 * <p>Shape: every gradient has its parameter's shape, and so does every slot.
 *
 * <pre>{@code
 * Optimizer optimizer = new Adam(1e-3).clipNorm(1.0);
 * loss.backward();
 * optimizer.step(parameters); // then clear the gradients before the next backward()
 * }</pre>
 */
public abstract class Optimizer {
    private final String name;
    private double learningRate;
    private LearningRateSchedule schedule;
    private Double weightDecay;
    private final GradientClipping clipping = new GradientClipping();
    private long iterations;
    private final Map<Tensor, Slots> slotsByParameter = new IdentityHashMap<>();

    /** The state of one parameter: one array per slot name, each of the parameter's size. */
    private record Slots(List<String> names, float[][] values) {
    }

    /** An optimizer called {@code name} (its Keras name) with a constant learning rate. */
    protected Optimizer(String name, double learningRate) {
        this.name = name;
        this.learningRate = Hyperparameters.nonNegative("learningRate", learningRate);
    }

    // ---------------------------------------------------------------- the update rule

    /**
     * The names of the per-parameter slots in the order {@link #update} receives them, e.g.
     * {@code ["m", "v"]}. Must return an equal list for as long as the optimizer has state.
     */
    protected abstract List<String> slotNames();

    /** The value a new slot starts with (0 unless the rule says otherwise, as Adagrad's accumulator). */
    protected float initialSlotValue(String slot) {
        return 0f;
    }

    /**
     * Applies the update rule to elements {@code [from, to)} of one parameter, in place. Every rule
     * is elementwise, so {@link #step} splits a parameter's elements over the kernel threads.
     *
     * @param parameter    the parameter's values
     * @param gradient     its (clipped) gradient, same length; read only
     * @param slots        its state arrays, in the order of {@link #slotNames()}
     * @param learningRate {@code η} for this step
     */
    protected abstract void update(float[] parameter, float[] gradient, float[][] slots, double learningRate,
                                   int from, int to);

    /** Adds the optimizer's own hyperparameters to {@code config} under their Keras names. */
    protected abstract void writeConfig(Map<String, Object> config);

    /** Sets the optimizer's own hyperparameters from {@code config} (the inverse of {@link #writeConfig}). */
    protected abstract void readConfig(ConfigReader config);

    /** Whether weight decay is part of the method and cannot be switched off (AdamW). */
    protected boolean weightDecayRequired() {
        return false;
    }

    // ---------------------------------------------------------------- stepping

    /**
     * Applies one update to each parameter that has a gradient and counts one iteration. An empty
     * list does nothing; a non-empty list in which no parameter has a gradient is an error.
     */
    public final void step(List<Tensor> parameters) {
        if (parameters.isEmpty()) {
            return;
        }
        checkGradients(parameters);
        double rate = learningRate();
        clipping.prepare(parameters);
        for (int p = 0; p < parameters.size(); p++) {
            Tensor parameter = parameters.get(p);
            if (parameter.grad() == null) {
                continue;
            }
            float[][] slots = slotsOf(parameter).values();
            float[] gradient = clipping.clip(parameter.grad().data());
            if (weightDecay != null) {
                applyWeightDecay(parameter.data(), weightDecay * rate);
            }
            float[] values = parameter.data();
            Parallel.forRange(values.length, 16L * values.length,
                    (from, to) -> update(values, gradient, slots, rate, from, to));
        }
        iterations++;
    }

    /** Fails before anything changes if a gradient does not fit its parameter or no gradient exists. */
    private static void checkGradients(List<Tensor> parameters) {
        boolean anyGradient = false;
        for (int p = 0; p < parameters.size(); p++) {
            Tensor parameter = parameters.get(p);
            Tensor grad = parameter.grad();
            if (grad != null && !grad.shape().equals(parameter.shape())) {
                throw new IllegalArgumentException("The gradient of parameter " + p + " has shape " + grad.shape()
                        + " but the parameter has shape " + parameter.shape());
            }
            anyGradient |= grad != null;
        }
        if (!anyGradient) {
            throw new IllegalArgumentException("No gradients provided for any parameter: all " + parameters.size()
                    + " parameters have grad() == null. Call backward() on the loss before step()");
        }
    }

    private static void applyWeightDecay(float[] values, double decayTimesRate) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (values[i] - values[i] * decayTimesRate);
        }
    }

    private Slots slotsOf(Tensor parameter) {
        List<String> names = slotNames();
        Slots slots = slotsByParameter.get(parameter);
        if (slots == null) {
            float[][] values = new float[names.size()][parameter.size()];
            for (int s = 0; s < values.length; s++) {
                Arrays.fill(values[s], initialSlotValue(names.get(s)));
            }
            slots = new Slots(names, values);
            slotsByParameter.put(parameter, slots);
        } else if (!slots.names().equals(names)) {
            throw new IllegalStateException("The state of " + name + " has slots " + slots.names() + " but its "
                    + "settings now need " + names + ": settings that add or remove state (momentum, centered, "
                    + "amsgrad) cannot change after the first step; create a new optimizer instead");
        }
        return slots;
    }

    /** The number of steps applied so far (Keras's {@code optimizer.iterations}). */
    public final long iterations() {
        return iterations;
    }

    // ---------------------------------------------------------------- hyperparameters

    /** The Keras name of the method: {@code "sgd"}, {@code "adam"}, ... */
    public final String name() {
        return name;
    }

    /** The learning rate the next step will use: the constant, or the schedule at {@link #iterations()}. */
    public final double learningRate() {
        return schedule != null ? schedule.rate(iterations) : learningRate;
    }

    /** The schedule, if the learning rate follows one. */
    public final Optional<LearningRateSchedule> learningRateSchedule() {
        return Optional.ofNullable(schedule);
    }

    /** A constant learning rate {@code η >= 0} (replaces a schedule). */
    public Optimizer learningRate(double learningRate) {
        this.learningRate = Hyperparameters.nonNegative("learningRate", learningRate);
        this.schedule = null;
        return this;
    }

    /** A learning rate that follows {@code schedule}, evaluated at the step count before each step. */
    public Optimizer learningRate(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("Argument learningRate must be a schedule or a number. Received: null");
        }
        this.schedule = schedule;
        return this;
    }

    /**
     * Decoupled weight decay {@code λ >= 0}: before each update {@code w ← w − w·λ·η} (Keras's
     * {@code weight_decay}, as AdamW uses it).
     */
    public Optimizer weightDecay(double weightDecay) {
        this.weightDecay = Hyperparameters.nonNegative("weightDecay", weightDecay);
        return this;
    }

    /** Clips each gradient to norm {@code c > 0}: {@code g ← g · c / max(‖g‖₂, c)}. */
    public Optimizer clipNorm(double clipNorm) {
        clipping.set(Kind.CLIP_NORM, clipNorm);
        return this;
    }

    /** Clips all gradients of a step together to global norm {@code c > 0}: {@code g ← g · c / max(‖G‖₂, c)}. */
    public Optimizer globalClipNorm(double globalClipNorm) {
        clipping.set(Kind.GLOBAL_CLIP_NORM, globalClipNorm);
        return this;
    }

    /** Clips every gradient element to {@code [−c, c]}, {@code c > 0}. */
    public Optimizer clipValue(double clipValue) {
        clipping.set(Kind.CLIP_VALUE, clipValue);
        return this;
    }

    // ---------------------------------------------------------------- config

    /**
     * All hyperparameters under their Keras names ({@code learning_rate}, {@code weight_decay},
     * {@code clipnorm}, {@code global_clipnorm}, {@code clipvalue}, then the method's own), with null
     * for options that are off; a schedule appears as {@code {"class_name": ..., "config": ...}}.
     * {@link Optimizers#fromConfig} is the inverse.
     */
    public final Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("learning_rate", schedule != null ? Schedules.serialize(schedule) : learningRate);
        config.put("weight_decay", weightDecay);
        for (Kind kind : Kind.values()) {
            config.put(kind.configKey, clipping.threshold(kind));
        }
        writeConfig(config);
        return Collections.unmodifiableMap(config);
    }

    /** Sets every hyperparameter present in {@code config}; Keras keys for unsupported features must be off. */
    final void applyConfig(ConfigReader config) {
        config.ignore("name"); // Keras lets users rename optimizers; the method is chosen by the caller
        if (config.value("learning_rate") instanceof Map<?, ?>) {
            learningRate(Schedules.deserialize(config.getMap("learning_rate")));
        } else if (config.value("learning_rate") != null) {
            learningRate(config.getDouble("learning_rate"));
        }
        if (config.has("weight_decay")) {
            OptionalDouble decay = config.getOptionalDouble("weight_decay");
            if (decay.isPresent()) {
                weightDecay(decay.getAsDouble());
            } else if (weightDecayRequired()) {
                throw new IllegalArgumentException("Argument weight_decay must be a number for " + name
                        + ". Received: weight_decay=null");
            } else {
                weightDecay = null;
            }
        }
        for (Kind kind : Kind.values()) {
            config.getOptionalDouble(kind.configKey).ifPresent(threshold -> clipping.set(kind, threshold));
        }
        readConfig(config);
        requireOff(config, "use_ema", config.getBoolean("use_ema", false));
        config.ignore("ema_momentum"); // only meaningful with use_ema
        for (String key : List.of("ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps")) {
            requireOff(config, key, config.getOptionalDouble(key).isPresent());
        }
        config.finish();
    }

    private void requireOff(ConfigReader config, String key, boolean on) {
        if (on) {
            throw new IllegalArgumentException("The Keras option " + key + " is not supported by " + name
                    + ". Received: " + key + "=" + config.value(key) + "; remove it or set it to null/false");
        }
    }

    // ---------------------------------------------------------------- state

    /**
     * A snapshot of the optimizer's state for {@code parameters}: {@code "iterations"} (a scalar,
     * exact up to 2^24 steps) and {@code "i/slot"} for the i-th parameter and each slot, e.g.
     * {@code "0/m"}. Parameters without state yet get their initial slots. The tensors are copies.
     */
    public final Map<String, Tensor> state(List<Tensor> parameters) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("iterations", Tensor.scalar(iterations));
        for (int p = 0; p < parameters.size(); p++) {
            Tensor parameter = parameters.get(p);
            Slots slots = slotsOf(parameter);
            for (int s = 0; s < slots.values().length; s++) {
                Tensor copy = Tensor.wrap(slots.values()[s].clone(), parameter.shape());
                state.put(p + "/" + slots.names().get(s), copy);
            }
        }
        return state;
    }

    /**
     * Restores a snapshot made by {@link #state} (from this or an identically configured optimizer) for
     * {@code parameters} in the same order. Every entry must be present with the parameter's shape and
     * none may be extra; nothing changes unless all entries fit.
     */
    public final void loadState(List<Tensor> parameters, Map<String, Tensor> state) {
        List<String> names = slotNames();
        Set<String> expected = new TreeSet<>();
        expected.add("iterations");
        for (int p = 0; p < parameters.size(); p++) {
            for (String slot : names) {
                expected.add(p + "/" + slot);
            }
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(state.keySet());
        Set<String> extra = new TreeSet<>(state.keySet());
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException("The optimizer state does not fit " + name + " with "
                    + parameters.size() + " parameters and slots " + names + ": missing entries " + missing
                    + ", unexpected entries " + extra);
        }
        long restoredIterations = iterationsFrom(state.get("iterations"));
        List<float[][]> restored = new ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
            Tensor parameter = parameters.get(p);
            float[][] values = new float[names.size()][];
            for (int s = 0; s < names.size(); s++) {
                String key = p + "/" + names.get(s);
                Tensor saved = state.get(key);
                if (!saved.shape().equals(parameter.shape())) {
                    throw new IllegalArgumentException("The optimizer state entry '" + key + "' has shape "
                            + saved.shape() + " but parameter " + p + " has shape " + parameter.shape());
                }
                values[s] = saved.data().clone();
            }
            restored.add(values);
        }
        for (int p = 0; p < parameters.size(); p++) {
            slotsByParameter.put(parameters.get(p), new Slots(names, restored.get(p)));
        }
        iterations = restoredIterations;
    }

    private static long iterationsFrom(Tensor saved) {
        float value = saved.size() == 1 ? saved.data()[0] : Float.NaN;
        if (!(value >= 0) || value != Math.rint(value)) {
            throw new IllegalArgumentException("The optimizer state entry 'iterations' must be one integer >= 0. "
                    + "Received: " + saved);
        }
        return (long) value;
    }

    @Override
    public String toString() {
        return name + config();
    }
}
