package org.noether.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.noether.optimizers.schedules.CosineDecay;
import org.noether.optimizers.schedules.PiecewiseConstantDecay;
import org.noether.optimizers.schedules.StepDecay;

/** Names, Keras defaults, config round trips and the messages for bad hyperparameters. */
class OptimizersConfigTest {

    @Test
    void namesAreKerasNamesAndLookupIgnoresCase() {
        for (String name : List.of("sgd", "adagrad", "rmsprop", "adadelta", "adam", "adamw")) {
            assertEquals(name, Optimizers.get(name).name());
        }
        assertInstanceOf(RMSprop.class, Optimizers.get("RMSprop"));
        assertInstanceOf(SGD.class, Optimizers.get("SGD"));
        assertEquals(6, Optimizers.names().size());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("lbfgs"));
        assertEquals("Unknown optimizer 'lbfgs'. Known optimizers: sgd, adagrad, rmsprop, adadelta, adam, adamw."
                + " Received: lbfgs", error.getMessage());
    }

    @Test
    void defaultsAreKerasDefaults() {
        Map<String, Object> sgd = Optimizers.get("sgd").config();
        assertEquals(0.01, sgd.get("learning_rate"));
        assertEquals(0.0, sgd.get("momentum"));
        assertEquals(false, sgd.get("nesterov"));
        assertNull(sgd.get("weight_decay"));
        assertNull(sgd.get("clipnorm"));
        assertNull(sgd.get("global_clipnorm"));
        assertNull(sgd.get("clipvalue"));

        Map<String, Object> adagrad = Optimizers.get("adagrad").config();
        assertEquals(0.001, adagrad.get("learning_rate"));
        assertEquals(0.1, adagrad.get("initial_accumulator_value"));
        assertEquals(1e-7, adagrad.get("epsilon"));

        Map<String, Object> rmsprop = Optimizers.get("rmsprop").config();
        assertEquals(List.of(0.001, 0.9, 0.0, 1e-7, false), List.of(rmsprop.get("learning_rate"),
                rmsprop.get("rho"), rmsprop.get("momentum"), rmsprop.get("epsilon"), rmsprop.get("centered")));

        Map<String, Object> adadelta = Optimizers.get("adadelta").config();
        assertEquals(List.of(0.001, 0.95, 1e-7), List.of(adadelta.get("learning_rate"), adadelta.get("rho"),
                adadelta.get("epsilon")));

        Map<String, Object> adam = Optimizers.get("adam").config();
        assertEquals(List.of(0.001, 0.9, 0.999, 1e-7, false), List.of(adam.get("learning_rate"),
                adam.get("beta_1"), adam.get("beta_2"), adam.get("epsilon"), adam.get("amsgrad")));
        assertNull(adam.get("weight_decay"));
        assertEquals(0.004, Optimizers.get("adamw").config().get("weight_decay"));
    }

    static Stream<Arguments> configured() {
        return Stream.of(
                Arguments.of(new SGD(0.2, 0.8, true).weightDecay(0.01).clipValue(3)),
                Arguments.of(new Adagrad(0.3).initialAccumulatorValue(0.2).epsilon(1e-5).globalClipNorm(2)
                        .learningRate(new StepDecay(0.3, 10, 0.5))),
                Arguments.of(new RMSprop(0.02).rho(0.8).momentum(0.3).epsilon(1e-6).centered(true).clipNorm(1)),
                Arguments.of(new Adadelta(1.0).rho(0.9).epsilon(1e-6).learningRate(
                        new PiecewiseConstantDecay(new long[] {10, 20}, new double[] {1, 0.5, 0.1}))),
                Arguments.of(new Adam(0.002, 0.8, 0.99).epsilon(1e-8).amsgrad(true)
                        .learningRate(new CosineDecay(0.0, 100, 0.1, 0.01, 10))),
                Arguments.of(new AdamW(0.003, 0.02).beta1(0.85).clipNorm(0.5)));
    }

    @ParameterizedTest
    @MethodSource("configured")
    void configRoundTripsThroughFromConfig(Optimizer optimizer) {
        Map<String, Object> config = optimizer.config();
        Optimizer rebuilt = Optimizers.fromConfig(optimizer.name(), config);
        assertEquals(optimizer.getClass(), rebuilt.getClass());
        assertEquals(config, rebuilt.config());
        assertEquals(optimizer.learningRateSchedule(), rebuilt.learningRateSchedule());
    }

    @Test
    void configHoldsTheScheduleAsClassNameAndConfig() {
        Map<String, Object> config = new SGD().learningRate(new StepDecay(0.1, 5, 0.5)).config();
        assertEquals(Map.of("class_name", "StepDecay", "config",
                        Map.of("initial_learning_rate", 0.1, "step_size", 5L, "factor", 0.5)),
                config.get("learning_rate"));
        assertThrows(UnsupportedOperationException.class, () -> config.put("momentum", 0.5));
    }

    @Test
    void aKerasWrittenConfigLoads() {
        // The shape of keras.optimizers.Adam(...).get_config() after a JSON round trip (ints stay ints).
        Map<String, Object> schedule = new HashMap<>();
        schedule.put("module", "keras.optimizers.schedules");
        schedule.put("class_name", "ExponentialDecay");
        schedule.put("config", Map.of("initial_learning_rate", 0.01, "decay_steps", 1000, "decay_rate", 0.9,
                "staircase", true, "name", "ExponentialDecay"));
        schedule.put("registered_name", null);
        Map<String, Object> keras = new HashMap<>();
        keras.put("name", "adam");
        keras.put("learning_rate", schedule);
        keras.put("weight_decay", null);
        keras.put("clipnorm", 1);
        keras.put("global_clipnorm", null);
        keras.put("clipvalue", null);
        keras.put("use_ema", false);
        keras.put("ema_momentum", 0.99);
        keras.put("ema_overwrite_frequency", null);
        keras.put("loss_scale_factor", null);
        keras.put("gradient_accumulation_steps", null);
        keras.put("beta_1", 0.9);
        keras.put("beta_2", 0.999);
        keras.put("epsilon", 1e-07);
        keras.put("amsgrad", false);
        Optimizer adam = Optimizers.fromConfig("adam", keras);
        assertEquals(1.0, adam.config().get("clipnorm"));
        assertEquals(0.01 * Math.pow(0.9, 2), adam.learningRateSchedule().orElseThrow().rate(2500), 1e-15);
    }

    @Test
    void configErrorsNameTheKey() {
        assertMessage(() -> Optimizers.fromConfig("adam", Map.of("beta1", 0.8)),
                "Unknown config key(s) [beta1] for adam", "beta_1");
        assertMessage(() -> Optimizers.fromConfig("adam", Map.of("beta_1", "high")),
                "'beta_1' of adam must be a number", "Received: beta_1=high (String)");
        assertMessage(() -> Optimizers.fromConfig("sgd", Map.of("use_ema", true)),
                "use_ema is not supported by sgd");
        Map<String, Object> noDecay = new HashMap<>();
        noDecay.put("weight_decay", null);
        assertMessage(() -> Optimizers.fromConfig("adamw", noDecay),
                "Argument weight_decay must be a number for adamw. Received: weight_decay=null");
        assertNull(Optimizers.fromConfig("adam", noDecay).config().get("weight_decay"));
    }

    @Test
    void badHyperparametersNameTheArgumentTheRangeAndTheValue() {
        assertMessage(() -> new SGD(-0.1), "Argument learningRate must be a finite number >= 0. "
                + "Received: learningRate=-0.1");
        assertMessage(() -> new SGD(0.1, 1.5), "Argument momentum must be in [0, 1]. Received: momentum=1.5");
        assertMessage(() -> new Adam().beta1(1.0), "Argument beta1 must be in [0, 1). Received: beta1=1.0");
        assertMessage(() -> new Adam(0.1, 0.9, -0.5), "Argument beta2 must be in [0, 1). Received: beta2=-0.5");
        assertMessage(() -> new Adam().epsilon(Double.NaN), "Argument epsilon must be a finite number >= 0. "
                + "Received: epsilon=NaN");
        assertMessage(() -> new RMSprop().rho(1.0), "Argument rho must be in [0, 1). Received: rho=1.0");
        assertMessage(() -> new Adadelta().rho(-1), "Argument rho must be in [0, 1). Received: rho=-1.0");
        assertMessage(() -> new Adagrad().initialAccumulatorValue(-1),
                "Argument initialAccumulatorValue must be a finite number >= 0. Received: initialAccumulatorValue=-1.0");
        assertMessage(() -> new AdamW(0.001, -0.01), "Argument weightDecay must be a finite number >= 0. "
                + "Received: weightDecay=-0.01");
        assertMessage(() -> new Adam().clipNorm(0), "Argument clipNorm must be a finite number > 0. "
                + "Received: clipNorm=0.0");
        assertMessage(() -> new Adam().learningRate(Double.POSITIVE_INFINITY), "Received: learningRate=Infinity");
    }

    @Test
    void onlyOneKindOfClippingAtATime() {
        assertMessage(() -> new Adam().clipNorm(1.0).globalClipNorm(2.0),
                "Only one of clipNorm, clipValue and globalClipNorm can be set. "
                        + "Received: globalClipNorm=2.0 while clipNorm=1.0");
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("clipnorm", 1.0);
        both.put("clipvalue", 0.5);
        assertMessage(() -> Optimizers.fromConfig("sgd", both), "Only one of clipNorm, clipValue and globalClipNorm");
        assertEquals(2.0, new Adam().clipNorm(1.0).clipNorm(2.0).config().get("clipnorm"),
                "the same kind may change");
    }

    @Test
    void settersChainInAnyOrderAndKeepTheConcreteType() {
        Adam adam = new Adam().clipNorm(1.0).beta1(0.8).learningRate(0.01).amsgrad(true);
        AdamW adamw = new AdamW().globalClipNorm(1.0).beta2(0.99);
        SGD sgd = new SGD().weightDecay(0.1).momentum(0.5).nesterov(true);
        assertEquals(0.8, adam.beta1());
        assertEquals(0.99, adamw.beta2());
        assertTrue(sgd.nesterov());
        assertTrue(adam.toString().startsWith("adam{name=adam, learning_rate=0.01"), adam.toString());
    }

    private static void assertMessage(Executable action, String... fragments) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, action);
        for (String fragment : fragments) {
            assertTrue(error.getMessage().contains(fragment), "'" + fragment + "' not in: " + error.getMessage());
        }
    }
}
