package org.noether.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Schedule values worked by hand, Keras's boundary conventions, config round trips and errors. */
class LearningRateScheduleTest {
    private static final double EXACT = 1e-15;

    @Test
    void exponentialDecayIsSmoothOrAStaircase() {
        ExponentialDecay smooth = new ExponentialDecay(0.1, 100, 0.5);
        assertEquals(0.1, smooth.rate(0), EXACT);
        assertEquals(0.1 * Math.sqrt(0.5), smooth.rate(50), EXACT);
        assertEquals(0.025, smooth.rate(200), EXACT);
        ExponentialDecay stairs = new ExponentialDecay(0.1, 100_000, 0.96, true);
        assertEquals(0.1, stairs.rate(99_999), EXACT);
        assertEquals(0.1 * 0.96 * 0.96, stairs.rate(250_000), EXACT);
    }

    @Test
    void stepDecayDropsByTheFactorEveryStepSize() {
        StepDecay decay = new StepDecay(0.1, 30, 0.1);
        assertEquals(0.1, decay.rate(0), EXACT);
        assertEquals(0.1, decay.rate(29), EXACT);
        assertEquals(0.01, decay.rate(30), EXACT);
        assertEquals(0.001, decay.rate(65), 1e-17);
    }

    @Test
    void cosineDecayGoesFromTheStartToAlphaAndStays() {
        CosineDecay decay = new CosineDecay(0.2, 100, 0.1);
        assertEquals(0.2, decay.rate(0), EXACT);
        assertEquals(0.2 * (0.9 * 0.5 + 0.1), decay.rate(50), EXACT);
        assertEquals(0.02, decay.rate(100), EXACT);
        assertEquals(0.02, decay.rate(1_000), EXACT);
        assertEquals(0.1, new CosineDecay(0.1, 10).rate(0), EXACT);
        assertEquals(0.0, new CosineDecay(0.1, 10).rate(10), EXACT);
    }

    @Test
    void cosineWarmupClimbsLinearlyThenDecaysFromTheTarget() {
        CosineDecay decay = new CosineDecay(0.0, 1000, 0.0, 0.1, 100);
        assertEquals(0.0, decay.rate(0), EXACT);
        assertEquals(0.05, decay.rate(50), EXACT);
        assertEquals(0.1, decay.rate(100), EXACT);
        assertEquals(0.05, decay.rate(600), 1e-12);
        assertEquals(0.0, decay.rate(1_100), EXACT);
        assertEquals(0.0, decay.rate(5_000), EXACT);
        assertEquals(0.3, new CosineDecay(0.1, 10, 0.0, 0.3, 0).rate(0), EXACT, "no warmup steps: start at target");
    }

    @Test
    void piecewiseConstantIncludesEachBoundaryInTheIntervalBelow() {
        PiecewiseConstantDecay decay = new PiecewiseConstantDecay(new long[] {100_000, 110_000},
                new double[] {1.0, 0.5, 0.1});
        assertEquals(1.0, decay.rate(0));
        assertEquals(1.0, decay.rate(100_000));
        assertEquals(0.5, decay.rate(100_001));
        assertEquals(0.5, decay.rate(110_000));
        assertEquals(0.1, decay.rate(110_001));
    }

    static Stream<LearningRateSchedule> schedules() {
        return Stream.of(new ExponentialDecay(0.1, 10, 0.9, true), new StepDecay(0.5, 7, 0.3),
                new CosineDecay(0.01, 50, 0.2), new CosineDecay(0.0, 50, 0.0, 0.1, 5),
                new PiecewiseConstantDecay(new long[] {3, 8}, new double[] {0.3, 0.2, 0.1}));
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void configRoundTrips(LearningRateSchedule schedule) {
        LearningRateSchedule rebuilt = Schedules.fromConfig(schedule.name(), schedule.config());
        assertEquals(schedule, rebuilt);
        assertEquals(schedule, Schedules.deserialize(Schedules.serialize(schedule)));
        for (long step = 0; step < 60; step += 3) {
            assertEquals(schedule.rate(step), rebuilt.rate(step));
        }
    }

    @Test
    void aKerasConfigWithIntegersAndANameLoads() {
        Map<String, Object> keras = new HashMap<>();
        keras.put("initial_learning_rate", 1);
        keras.put("decay_steps", 1000);
        keras.put("alpha", 0);
        keras.put("name", "CosineDecay");
        keras.put("warmup_target", null);
        keras.put("warmup_steps", 0);
        assertEquals(new CosineDecay(1.0, 1000), Schedules.fromConfig("CosineDecay", keras));
    }

    @Test
    void errorsNameTheArgumentAndTheValue() {
        assertMessage(() -> new ExponentialDecay(0.1, 0, 0.9),
                "Argument decaySteps must be > 0. Received: decaySteps=0");
        assertMessage(() -> new StepDecay(0.1, 10, -0.5),
                "Argument factor must be a finite number > 0. Received: factor=-0.5");
        assertMessage(() -> new CosineDecay(0.1, 10, 1.5), "Argument alpha must be in [0, 1]. Received: alpha=1.5");
        assertMessage(() -> new CosineDecay(0.1, 10, 0, 0.2, -1),
                "Argument warmupSteps must be >= 0. Received: warmupSteps=-1");
        assertMessage(() -> new PiecewiseConstantDecay(new long[] {1, 2}, new double[] {0.1, 0.2}),
                "The length of boundaries should be 1 less than the length of values. Received: boundaries=[1, 2] "
                        + "of length 2, and values=[0.1, 0.2] of length 2.");
        assertMessage(() -> new PiecewiseConstantDecay(new long[] {5, 5}, new double[] {0.1, 0.2, 0.3}),
                "boundaries must increase strictly. Received: boundaries=[5, 5]");
        assertMessage(() -> Schedules.fromConfig("Polynomial", Map.of()),
                "Unknown learning rate schedule 'Polynomial'. Known learning rate schedules: ExponentialDecay, "
                        + "StepDecay, CosineDecay, PiecewiseConstantDecay. Received: Polynomial");
        assertMessage(() -> Schedules.fromConfig("StepDecay", Map.of("initial_learning_rate", 0.1, "step_size", 2.5,
                "factor", 0.5)), "'step_size' of StepDecay must be an integer. Received: step_size=2.5");
        assertMessage(() -> Schedules.fromConfig("StepDecay", Map.of("initial_learning_rate", 0.1, "factor", 0.5)),
                "The config of StepDecay has no key 'step_size'");
        assertMessage(() -> Schedules.fromConfig("StepDecay", Map.of("initial_learning_rate", 0.1, "step_size", 2,
                "factor", 0.5, "gamma", 0.1)), "Unknown config key(s) [gamma] for StepDecay");
    }

    private static void assertMessage(Executable action, String fragment) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, action);
        assertTrue(error.getMessage().contains(fragment), "'" + fragment + "' not in: " + error.getMessage());
    }
}
