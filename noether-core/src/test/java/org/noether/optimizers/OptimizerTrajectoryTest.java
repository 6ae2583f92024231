package org.noether.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.noether.optimizers.schedules.CosineDecay;
import org.noether.optimizers.schedules.ExponentialDecay;
import org.noether.optimizers.schedules.PiecewiseConstantDecay;
import org.noether.optimizers.schedules.StepDecay;
import org.noether.tensor.Tensor;

/**
 * Every optimizer and option, five steps on two parameters with varying gradients, against an
 * independent double-precision implementation of Keras's formulas written below. Adam's reference
 * uses the paper's bias-corrected form with Keras's ε moved inside the correction, so it checks
 * where ε sits rather than repeating the same expression.
 */
class OptimizerTrajectoryTest {
    private static final int STEPS = 5;
    private static final double TOLERANCE = 1e-6;
    private static final float[] START_0 = {0.5f, -1.25f, 2.0f, 0.0f, 1.5f, -0.75f};
    private static final float[] START_1 = {1.0f, -2.0f, 0.25f, 3.0f};
    private static final double[] AMPLITUDES = {0.5, 3.0, 1.0, 0.05, 2.0};

    // ---------------------------------------------------------------- the reference

    /** One rule of the reference: updates {@code w} from {@code g} with slots {@code s} at step {@code t >= 1}. */
    interface Rule {
        void apply(double[] w, double[] g, double[][] s, double lr, long t);
    }

    enum Clip { NONE, NORM, GLOBAL_NORM, VALUE }

    /** Keras's apply() in double precision: learning rate, clipping, weight decay, rule, counter. */
    record Reference(int slotCount, double slotStart, Rule rule, LongToDoubleFunction rate, Clip clip,
                     double threshold, double weightDecay) {

        Reference(int slotCount, Rule rule, double lr) {
            this(slotCount, 0, rule, step -> lr, Clip.NONE, 0, 0);
        }

        Reference startingSlotsAt(double value) {
            return new Reference(slotCount, value, rule, rate, clip, threshold, weightDecay);
        }

        Reference clipped(Clip kind, double c) {
            return new Reference(slotCount, slotStart, rule, rate, kind, c, weightDecay);
        }

        Reference decayed(double lambda) {
            return new Reference(slotCount, slotStart, rule, rate, clip, threshold, lambda);
        }

        Reference scheduled(LongToDoubleFunction schedule) {
            return new Reference(slotCount, slotStart, rule, schedule, clip, threshold, weightDecay);
        }

        /** Runs the steps; {@code grads[t][p]} null means parameter p has no gradient at step t. */
        List<double[][]> run(double[][] start, double[][][] grads) {
            double[][] w = {start[0].clone(), start[1].clone()};
            Map<Integer, double[][]> slots = new HashMap<>();
            List<double[][]> trajectory = new ArrayList<>();
            for (int t = 0; t < grads.length; t++) {
                double lr = rate.applyAsDouble(t);
                double globalNorm = 0;
                for (double[] g : grads[t]) {
                    globalNorm += g == null ? 0 : sumOfSquares(g);
                }
                globalNorm = Math.sqrt(globalNorm);
                for (int p = 0; p < w.length; p++) {
                    if (grads[t][p] == null) {
                        continue;
                    }
                    double[] g = grads[t][p].clone();
                    double norm = Math.sqrt(sumOfSquares(g));
                    for (int i = 0; i < g.length; i++) {
                        g[i] = switch (clip) {
                            case NONE -> g[i];
                            case NORM -> norm > threshold ? g[i] * threshold / norm : g[i];
                            case GLOBAL_NORM -> globalNorm > threshold ? g[i] * threshold / globalNorm : g[i];
                            case VALUE -> Math.max(-threshold, Math.min(threshold, g[i]));
                        };
                        w[p][i] -= w[p][i] * weightDecay * lr;
                    }
                    int size = g.length;
                    double[][] s = slots.computeIfAbsent(p, key -> {
                        double[][] fresh = new double[slotCount][size];
                        for (double[] slot : fresh) {
                            Arrays.fill(slot, slotStart);
                        }
                        return fresh;
                    });
                    rule.apply(w[p], g, s, lr, t + 1);
                }
                trajectory.add(new double[][] {w[0].clone(), w[1].clone()});
            }
            return trajectory;
        }

        private static double sumOfSquares(double[] g) {
            double sum = 0;
            for (double value : g) {
                sum += value * value;
            }
            return sum;
        }
    }

    static Rule sgd(double mu, boolean nesterov) {
        return (w, g, s, lr, t) -> {
            for (int i = 0; i < w.length; i++) {
                if (mu == 0) {
                    w[i] -= lr * g[i];
                    continue;
                }
                s[0][i] = mu * s[0][i] - lr * g[i];
                w[i] += nesterov ? mu * s[0][i] - lr * g[i] : s[0][i];
            }
        };
    }

    static Rule adagrad(double epsilon) {
        return (w, g, s, lr, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] += g[i] * g[i];
                w[i] -= lr * g[i] / Math.sqrt(s[0][i] + epsilon);
            }
        };
    }

    /** Slots: 0 mean square, 1 average gradient, 2 momentum buffer. */
    static Rule rmsprop(double rho, double mu, double epsilon, boolean centered) {
        return (w, g, s, lr, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = rho * s[0][i] + (1 - rho) * g[i] * g[i];
                s[1][i] = rho * s[1][i] + (1 - rho) * g[i];
                double variance = centered ? s[0][i] - s[1][i] * s[1][i] : s[0][i];
                double increment = lr * g[i] / Math.sqrt(variance + epsilon);
                s[2][i] = mu * s[2][i] + increment;
                w[i] -= mu > 0 ? s[2][i] : increment;
            }
        };
    }

    static Rule adadelta(double rho, double epsilon) {
        return (w, g, s, lr, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = rho * s[0][i] + (1 - rho) * g[i] * g[i];
                double delta = -Math.sqrt(s[1][i] + epsilon) / Math.sqrt(s[0][i] + epsilon) * g[i];
                s[1][i] = rho * s[1][i] + (1 - rho) * delta * delta;
                w[i] += lr * delta;
            }
        };
    }

    /** Paper form: bias-corrected moments; Keras's ε equals the paper's ε times √(1 − β₂^t). Slot 2: max v. */
    static Rule adam(double beta1, double beta2, double epsilon, boolean amsgrad) {
        return (w, g, s, lr, t) -> {
            double correction1 = 1 - Math.pow(beta1, t);
            double correction2 = 1 - Math.pow(beta2, t);
            for (int i = 0; i < w.length; i++) {
                s[0][i] = beta1 * s[0][i] + (1 - beta1) * g[i];
                s[1][i] = beta2 * s[1][i] + (1 - beta2) * g[i] * g[i];
                s[2][i] = Math.max(s[2][i], s[1][i]);
                double mHat = s[0][i] / correction1;
                double vHat = (amsgrad ? s[2][i] : s[1][i]) / correction2;
                w[i] -= lr * mHat / (Math.sqrt(vHat) + epsilon / Math.sqrt(correction2));
            }
        };
    }

    // ---------------------------------------------------------------- the cases

    record Case(String name, Supplier<Optimizer> optimizer, Reference reference) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Reference adamDefault = new Reference(3, adam(0.9, 0.999, 1e-7, false), 0.01);
        return Stream.of(
                new Case("sgd", () -> new SGD(0.1), new Reference(1, sgd(0, false), 0.1)),
                new Case("sgd momentum", () -> new SGD(0.1, 0.9), new Reference(1, sgd(0.9, false), 0.1)),
                new Case("sgd nesterov", () -> new SGD(0.1, 0.9, true), new Reference(1, sgd(0.9, true), 0.1)),
                new Case("adagrad", () -> new Adagrad(0.1),
                        new Reference(1, adagrad(1e-7), 0.1).startingSlotsAt(0.1)),
                new Case("adagrad accumulator and epsilon",
                        () -> new Adagrad(0.1).initialAccumulatorValue(0.01).epsilon(0.05),
                        new Reference(1, adagrad(0.05), 0.1).startingSlotsAt(0.01)),
                new Case("rmsprop", () -> new RMSprop(0.01), new Reference(3, rmsprop(0.9, 0, 1e-7, false), 0.01)),
                new Case("rmsprop rho and momentum", () -> new RMSprop(0.01).rho(0.8).momentum(0.5),
                        new Reference(3, rmsprop(0.8, 0.5, 1e-7, false), 0.01)),
                new Case("rmsprop centered", () -> new RMSprop(0.01).centered(true).epsilon(1e-2),
                        new Reference(3, rmsprop(0.9, 0, 1e-2, true), 0.01)),
                new Case("rmsprop centered momentum", () -> new RMSprop(0.01).centered(true).momentum(0.7),
                        new Reference(3, rmsprop(0.9, 0.7, 1e-7, true), 0.01)),
                new Case("adadelta", () -> new Adadelta(1.0), new Reference(2, adadelta(0.95, 1e-7), 1.0)),
                new Case("adadelta rho and epsilon", () -> new Adadelta(0.5).rho(0.5).epsilon(1e-3),
                        new Reference(2, adadelta(0.5, 1e-3), 0.5)),
                new Case("adam", () -> new Adam(0.01), adamDefault),
                new Case("adam amsgrad", () -> new Adam(0.01).amsgrad(true),
                        new Reference(3, adam(0.9, 0.999, 1e-7, true), 0.01)),
                new Case("adam betas and epsilon", () -> new Adam(0.01, 0.5, 0.9).epsilon(1e-1),
                        new Reference(3, adam(0.5, 0.9, 1e-1, false), 0.01)),
                new Case("adamw", () -> new AdamW(0.01, 0.5), adamDefault.decayed(0.5)),
                new Case("sgd weight decay", () -> new SGD(0.1).weightDecay(0.2),
                        new Reference(1, sgd(0, false), 0.1).decayed(0.2)),
                new Case("sgd clipnorm", () -> new SGD(0.1, 0.5).clipNorm(1.0),
                        new Reference(1, sgd(0.5, false), 0.1).clipped(Clip.NORM, 1.0)),
                new Case("adam global clipnorm", () -> new Adam(0.01).globalClipNorm(1.5),
                        adamDefault.clipped(Clip.GLOBAL_NORM, 1.5)),
                new Case("rmsprop clipvalue", () -> new RMSprop(0.01).clipValue(0.5),
                        new Reference(3, rmsprop(0.9, 0, 1e-7, false), 0.01).clipped(Clip.VALUE, 0.5)),
                new Case("sgd momentum exponential decay",
                        () -> new SGD(0.1, 0.9).learningRate(new ExponentialDecay(0.2, 2, 0.5, true)),
                        new Reference(1, sgd(0.9, false), 0).scheduled(t -> 0.2 * Math.pow(0.5, t / 2))),
                new Case("adagrad step decay", () -> new Adagrad().learningRate(new StepDecay(0.3, 3, 0.1)),
                        new Reference(1, adagrad(1e-7), 0).startingSlotsAt(0.1)
                                .scheduled(t -> t < 3 ? 0.3 : 0.03)),
                new Case("rmsprop piecewise constant",
                        () -> new RMSprop().learningRate(new PiecewiseConstantDecay(new long[] {0, 2},
                                new double[] {0.05, 0.02, 0.01})),
                        new Reference(3, rmsprop(0.9, 0, 1e-7, false), 0)
                                .scheduled(t -> t == 0 ? 0.05 : t <= 2 ? 0.02 : 0.01)),
                new Case("adam cosine warmup", () -> new Adam().learningRate(new CosineDecay(0.0, 4, 0.1, 0.02, 2)),
                        adamDefault.scheduled(t -> t < 2 ? 0.01 * t
                                : 0.02 * (0.9 * 0.5 * (1 + Math.cos(Math.PI * (t - 2) / 4)) + 0.1))),
                new Case("adamw amsgrad clipnorm cosine",
                        () -> new AdamW(0.01, 0.3).amsgrad(true).clipNorm(0.8)
                                .learningRate(new CosineDecay(0.02, 3)),
                        new Reference(3, adam(0.9, 0.999, 1e-7, true), 0).decayed(0.3).clipped(Clip.NORM, 0.8)
                                .scheduled(t -> 0.02 * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, 3) / 3)))));
    }

    /** Gradients that change size and sign from step to step; parameter 1 has none at step 2 and a 0 at step 3. */
    private static double[][][] gradients() {
        double[][][] grads = new double[STEPS][2][];
        for (int t = 0; t < STEPS; t++) {
            for (int p = 0; p < 2; p++) {
                int size = p == 0 ? START_0.length : START_1.length;
                double[] g = new double[size];
                for (int i = 0; i < size; i++) {
                    g[i] = (float) (AMPLITUDES[t] * Math.sin(1.7 * i + 0.9 * t + 2.3 * p + 0.4));
                }
                grads[t][p] = g;
            }
        }
        grads[2][1] = null;
        grads[3][1][0] = 0;
        return grads;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsTheKerasFormulasStepByStep(Case c) {
        Tensor w0 = Tensor.of(START_0, 2, 3);
        Tensor w1 = Tensor.of(START_1, 4);
        List<Tensor> parameters = List.of(w0, w1);
        double[][][] grads = gradients();
        List<double[][]> expected = c.reference().run(new double[][] {toDouble(START_0), toDouble(START_1)}, grads);
        Optimizer optimizer = c.optimizer().get();
        for (int t = 0; t < STEPS; t++) {
            for (int p = 0; p < 2; p++) {
                Tensor parameter = parameters.get(p);
                parameter.setGrad(grads[t][p] == null ? null : Tensor.wrap(toFloat(grads[t][p]), parameter.shape()));
            }
            optimizer.step(parameters);
            for (int p = 0; p < 2; p++) {
                float[] actual = parameters.get(p).data();
                for (int i = 0; i < actual.length; i++) {
                    double want = expected.get(t)[p][i];
                    assertEquals(want, actual[i], TOLERANCE * Math.max(1, Math.abs(want)),
                            c + ": step " + (t + 1) + ", parameter " + p + ", element " + i);
                }
            }
        }
        assertEquals(STEPS, optimizer.iterations());
        assertMoved(parameters);
    }

    /** Guards against a vacuous pass: every element of parameter 0 must have moved. */
    private static void assertMoved(List<Tensor> parameters) {
        float[] values = parameters.get(0).data();
        for (int i = 0; i < values.length; i++) {
            assertTrue(Math.abs(values[i] - START_0[i]) > 1e-4, "element " + i + " did not move");
        }
    }

    private static double[] toDouble(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    private static float[] toFloat(double[] values) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) values[i];
        }
        return result;
    }
}
