package org.noether.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.noether.io.ConfigReader;
import org.noether.io.NamedRegistry;
import org.noether.nn.activations.Activation;
import org.noether.nn.activations.Activations;
import org.noether.nn.initializers.Initializer;
import org.noether.nn.initializers.Initializers;
import org.noether.nn.layers.ActivationLayer;
import org.noether.nn.layers.Add;
import org.noether.nn.layers.Average;
import org.noether.nn.layers.AveragePooling1D;
import org.noether.nn.layers.AveragePooling2D;
import org.noether.nn.layers.BatchNormalization;
import org.noether.nn.layers.Concatenate;
import org.noether.nn.layers.Conv1D;
import org.noether.nn.layers.Conv2D;
import org.noether.nn.layers.Conv2DTranspose;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Dropout;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.GaussianNoise;
import org.noether.nn.layers.GlobalAveragePooling1D;
import org.noether.nn.layers.GlobalAveragePooling2D;
import org.noether.nn.layers.GlobalMaxPooling1D;
import org.noether.nn.layers.GlobalMaxPooling2D;
import org.noether.nn.layers.Input;
import org.noether.nn.layers.LayerNormalization;
import org.noether.nn.layers.MaxPooling1D;
import org.noether.nn.layers.MaxPooling2D;
import org.noether.nn.layers.Maximum;
import org.noether.nn.layers.Maxout;
import org.noether.nn.layers.Multiply;
import org.noether.nn.layers.Reshape;
import org.noether.nn.layers.Subtract;
import org.noether.nn.layers.UpSampling2D;
import org.noether.nn.layers.augmentation.RandomErasing;
import org.noether.nn.layers.augmentation.RandomFlip;
import org.noether.nn.layers.augmentation.RandomRotation;
import org.noether.nn.layers.augmentation.RandomTranslation;
import org.noether.nn.layers.augmentation.RandomZoom;

/**
 * The registry that turns a saved layer config back into a layer: each type name maps to a
 * factory taking the {@link Layer#config()} map. Built-in layers are registered here; a custom
 * layer registers itself once with {@link #register} before a model using it is loaded.
 *
 * <pre>{@code Layer dense = Layers.fromConfig("Dense", Map.of("units", 10));}</pre>
 */
public final class Layers {
    private static final NamedRegistry<Function<Map<String, Object>, Layer>> LAYERS =
            new NamedRegistry<>("layer type", "layer types");

    static {
        register("InputLayer", Input::fromConfig);
        register("Dense", Dense::fromConfig);
        register("Maxout", Maxout::fromConfig);
        register("Activation", ActivationLayer::fromConfig);
        register("Flatten", Flatten::fromConfig);
        register("Dropout", Dropout::fromConfig);
        register("Conv1D", Conv1D::fromConfig);
        register("Conv2D", Conv2D::fromConfig);
        register("MaxPooling2D", MaxPooling2D::fromConfig);
        register("AveragePooling2D", AveragePooling2D::fromConfig);
        register("MaxPooling1D", MaxPooling1D::fromConfig);
        register("AveragePooling1D", AveragePooling1D::fromConfig);
        register("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig);
        register("GlobalMaxPooling2D", GlobalMaxPooling2D::fromConfig);
        register("GlobalAveragePooling1D", GlobalAveragePooling1D::fromConfig);
        register("GlobalMaxPooling1D", GlobalMaxPooling1D::fromConfig);
        register("Conv2DTranspose", Conv2DTranspose::fromConfig);
        register("UpSampling2D", UpSampling2D::fromConfig);
        register("Reshape", Reshape::fromConfig);
        register("BatchNormalization", BatchNormalization::fromConfig);
        register("LayerNormalization", LayerNormalization::fromConfig);
        register("GaussianNoise", GaussianNoise::fromConfig);
        register("RandomFlip", RandomFlip::fromConfig);
        register("RandomTranslation", RandomTranslation::fromConfig);
        register("RandomRotation", RandomRotation::fromConfig);
        register("RandomZoom", RandomZoom::fromConfig);
        register("RandomErasing", RandomErasing::fromConfig);
        register("Add", Add::fromConfig);
        register("Subtract", Subtract::fromConfig);
        register("Multiply", Multiply::fromConfig);
        register("Average", Average::fromConfig);
        register("Maximum", Maximum::fromConfig);
        register("Concatenate", Concatenate::fromConfig);
    }

    private Layers() {
    }

    /**
     * Makes layers of {@code type} (in any letter case) loadable from saved configs; a factory
     * registered earlier for the same type is replaced.
     */
    public static void register(String type, Function<Map<String, Object>, Layer> factory) {
        LAYERS.add(type, factory);
    }

    /**
     * A reader for a layer's saved arguments that also accepts the bookkeeping keys Keras writes in
     * every layer config: {@code name} (the model names its layers), {@code trainable} (true only:
     * layers are not frozen) and {@code dtype} (float32 only). A layer's {@code fromConfig} reads its
     * arguments with it, then calls {@link ConfigReader#finish()} to reject unknown keys.
     */
    public static ConfigReader configReader(String type, Map<String, Object> config) {
        return new ConfigReader(type, config).ignore("name")
                .expect("trainable", value -> value == null || Boolean.TRUE.equals(value),
                        "true (freezing layers is not supported)")
                .expectFloat32Dtype();
    }

    /**
     * A new layer of {@code type} (any letter case) with the saved arguments {@code config}.
     *
     * @throws IllegalArgumentException for an unknown type, listing the known ones
     */
    public static Layer fromConfig(String type, Map<String, Object> config) {
        var entry = LAYERS.find(type)
                .orElseThrow(() -> LAYERS.unknown(type, "Register custom layers with Layers.register."));
        return entry.factory().apply(config);
    }

    /** An activation as a config value: its name, or {@code {name, config}} when it has arguments. */
    public static Object activationConfig(Activation activation) {
        return namedConfig(activation.name(), activation.config());
    }

    /** The activation saved by {@link #activationConfig}. */
    public static Activation activation(Object saved) {
        if (saved == null) {
            return Activations.LINEAR;
        }
        if (saved instanceof String name) {
            return Activations.get(name);
        }
        return fromNamedConfig(saved, "activation", Activations::fromConfig);
    }

    /** An initializer as a config value: its name, or {@code {name, config}} when it has arguments. */
    public static Object initializerConfig(Initializer initializer) {
        return namedConfig(initializer.name(), initializer.config());
    }

    /** The initializer saved by {@link #initializerConfig}, or {@code fallback} if absent. */
    public static Initializer initializer(Object saved, Initializer fallback) {
        if (saved == null) {
            return fallback;
        }
        if (saved instanceof String name) {
            return Initializers.get(name);
        }
        return fromNamedConfig(saved, "initializer", Initializers::fromConfig);
    }

    private static Object namedConfig(String name, Map<String, Object> config) {
        if (config.isEmpty()) {
            return name;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", name);
        value.put("config", config);
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T fromNamedConfig(Object saved, String what, BiFunction<String, Map<String, Object>, T> factory) {
        if (!(saved instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("A saved " + what + " must be a name or {name, config}. Received: "
                    + saved);
        }
        return ConfigReader.readNamed("saved " + what, (Map<String, ?>) map, factory);
    }
}
