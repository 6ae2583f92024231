package org.noether.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.noether.io.ConfigReader;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.nn.layers.Input;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A plain stack of layers, each feeding the next — the notes' "usual neural network, with several
 * layers" and Keras's {@code Sequential}.
 *
 * <p>The weights are made when the input shape is known: at once if the first layer is an
 * {@link Input}, otherwise on {@link #build} or the first call. Shape: from the input layer's
 * shape to the last layer's output shape, each layer's rule in turn.
 *
 * <pre>{@code
 * Sequential net = new Sequential(
 *     new Input(2),
 *     new Dense(150, "relu"),
 *     new Dense(1, "linear"));
 * System.out.println(net.summary());
 * }</pre>
 */
public final class Sequential extends Model {
    private final List<Layer> layers = new ArrayList<>();
    private Shape inputShape;
    private boolean built;

    /** A model of the given layers, in order. */
    public Sequential(Layer... layers) {
        super("sequential");
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /** Appends a layer (before the model is built). */
    public Sequential add(Layer layer) {
        if (built) {
            throw new IllegalStateException("Cannot add " + layer.describe() + " to model '" + name()
                    + "': it is already built");
        }
        if (layer instanceof Input input) {
            if (!layers.isEmpty()) {
                throw new IllegalArgumentException("An Input layer must come first in a Sequential model; '" + name()
                        + "' already has " + layers.size() + " layers");
            }
            inputShape = input.shape();
        }
        Set<String> taken = new HashSet<>();
        for (Layer existing : layers) {
            taken.add(existing.name());
        }
        if (layer.name() == null) {
            layer.name(uniqueName(snakeCase(layer.type()), taken));
        } else if (taken.contains(layer.name())) {
            throw new IllegalArgumentException("Model '" + name() + "' already has a layer named '" + layer.name() + "'");
        }
        layers.add(layer);
        return this;
    }

    @Override
    public Sequential seed(long value) {
        super.seed(value);
        return this;
    }

    @Override
    public Sequential name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public Sequential build(int... perSampleShape) {
        super.build(perSampleShape);
        return this;
    }

    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public List<Shape> inputShapes() {
        return inputShape == null ? null : List.of(inputShape);
    }

    @Override
    public boolean isBuilt() {
        return built;
    }

    /** The per-sample output shape (the model must be built). */
    public Shape outputShape() {
        Shape shape = inputShape;
        for (Layer layer : layers) {
            shape = layer.outputShape(shape);
        }
        return shape;
    }

    @Override
    protected void buildFor(List<Shape> inputShapes, Rng rng) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Model '" + name() + "' has no layers");
        }
        Shape perSample = inputShapes.getFirst();
        Shape shape = perSample;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            try {
                layer.build(shape, rng.split());
                shape = layer.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Model '" + name() + "', layer " + i + " (" + layer.describe()
                        + ") cannot take per-sample input " + shape + ": " + e.getMessage(), e);
            }
        }
        inputShape = perSample;
        built = true;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, boolean training) {
        Tensor out = inputs.getFirst();
        for (Layer layer : layers) {
            out = layer.apply(out, training);
        }
        return List.of(out);
    }

    @Override
    protected Map<String, Object> architectureConfig() {
        List<Object> layerConfigs = new ArrayList<>();
        for (Layer layer : layers) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", layer.type());
            entry.put("name", layer.name());
            entry.put("config", layer.config());
            layerConfigs.add(entry);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("input_shape", inputShape.dims());
        config.put("layers", layerConfigs);
        return config;
    }

    /**
     * Rebuilds the stack from {@link #architectureConfig()}, built from {@code seed} as the saved
     * model was (so that layers drawing random numbers in training, like Dropout, start from the
     * same stream); the loader then overwrites the weights.
     */
    static Sequential fromArchitecture(Map<String, Object> config, long seed) {
        ConfigReader read = new ConfigReader("Sequential", config);
        Sequential model = new Sequential();
        List<Map<String, Object>> entries = read.getMapList("layers");
        Shape inputShape = Shape.of(read.getIntArray("input_shape"));
        read.finish();
        for (int i = 0; i < entries.size(); i++) {
            ConfigReader entry = new ConfigReader("Sequential layer " + i, entries.get(i));
            Layer layer = Layers.fromConfig(entry.getString("type"), entry.getMap("config"));
            layer.name(entry.getString("name"));
            entry.finish();
            model.add(layer);
        }
        model.restoreSeed(seed);
        model.build(inputShape.dims());
        return model;
    }

    /** Keras's naming: "Dense" → "dense", "MaxPooling2D" → "max_pooling2d", "InputLayer" → "input_layer". */
    static String snakeCase(String type) {
        String separated = type.replaceAll("(.)([A-Z][a-z0-9]+)", "$1_$2");
        return separated.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** {@code base}, or else the first of {@code base_1, base_2, ...} not taken, as Keras names layers. */
    static String uniqueName(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int i = 1; ; i++) {
            String candidate = base + "_" + i;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
