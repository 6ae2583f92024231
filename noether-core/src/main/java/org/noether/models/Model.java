package org.noether.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noether.autograd.GradMode;
import org.noether.data.Dataset;
import org.noether.losses.Loss;
import org.noether.losses.Losses;
import org.noether.nn.Layer;
import org.noether.nn.Parameter;
import org.noether.optimizers.Optimizer;
import org.noether.optimizers.Optimizers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.train.FitOptions;
import org.noether.train.History;
import org.noether.train.TrainableModel;
import org.noether.train.Trainer;
import org.noether.train.metrics.Metric;
import org.noether.train.metrics.Metrics;

/**
 * A network of layers that can be compiled with a loss and an optimizer, trained, evaluated,
 * used for prediction, summarized, saved and loaded — Keras's {@code Model} in Java.
 *
 * <p>Weights are named by path, {@code layer/weight} (for example {@code dense_1/kernel}). Every
 * random choice (initial weights, shuffling, dropout) flows from the model's seed, so a seed
 * reproduces a run exactly.
 *
 * <pre>{@code
 * model.compile(new Adam(), new CategoricalCrossentropy(), new Accuracy());
 * History history = model.fit(x, y, new FitOptions().epochs(5).validationSplit(0.1));
 * Tensor probabilities = model.predict(xTest);
 * model.save(Path.of("my-model"));
 * }</pre>
 */
public abstract class Model implements TrainableModel {
    /** Mixed into the seed for the shuffling stream, so it shares no numbers with weight initialization. */
    private static final long SHUFFLE_STREAM = 0x5DEECE66DL * 0x9E3779B97F4A7C15L;

    private long seed;
    private boolean seedUsed;
    private String name;
    private Trainer trainer;

    protected Model(String defaultName) {
        this.name = defaultName;
    }

    // ---------------------------------------------------------------- structure

    /** The layers in the order they run. */
    public abstract List<Layer> layers();

    /** Builds every layer for inputs of per-sample shape {@code inputShape}. */
    protected abstract void buildFor(Shape inputShape, Rng rng);

    /** The per-sample input shape, or null before the model is built. */
    public abstract Shape inputShape();

    /** The forward pass on a batch of a built model. */
    protected abstract Tensor call(Tensor x, boolean training);

    /** Whether the weights exist. */
    public abstract boolean isBuilt();

    /** The model's name (e.g. "sequential"). */
    public String name() {
        return name;
    }

    /** Renames the model. */
    public Model name(String newName) {
        this.name = newName;
        return this;
    }

    /** The seed of every random choice; set it before the model is built or trained (default 0). */
    public Model seed(long value) {
        if (seedUsed) {
            throw new IllegalStateException("Set the seed before the model is built or compiled");
        }
        this.seed = value;
        return this;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** Sets the seed of a loaded model, whose weights already exist. */
    void restoreSeed(long value) {
        this.seed = value;
    }

    /**
     * Builds the weights for inputs of per-sample shape {@code inputShape} (e.g. {@code build(784)});
     * with no arguments, for the shape its Input layer declares.
     */
    public Model build(int... inputShape) {
        if (inputShape.length == 0 && inputShape() != null) {
            ensureBuilt(inputShape());
        } else {
            ensureBuilt(Shape.of(inputShape));
        }
        return this;
    }

    private void ensureBuilt(Shape perSample) {
        if (!isBuilt()) {
            seedUsed = true;
            buildFor(perSample, new Rng(seed));
        }
    }

    private void requireBuilt(String what) {
        if (!isBuilt()) {
            if (inputShape() != null) {
                ensureBuilt(inputShape());
            } else {
                throw new IllegalStateException(what + ": the model '" + name + "' is not built yet. Start it with an "
                        + "Input layer, call build(inputShape), or call it on data first.");
            }
        }
    }

    // ---------------------------------------------------------------- forward

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("Model '" + name + "' needs a batch; received a scalar");
        }
        ensureBuilt(x.shape().dropFirst());
        return call(x, training);
    }

    /**
     * The output for a batch, recorded for differentiation (gradients with respect to the input or
     * the weights are available, as a physics-informed loss needs).
     */
    public Tensor apply(Tensor x) {
        return forward(x, false);
    }

    /** Outputs for all samples, in batches of 32, with recording off. */
    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    /** Outputs for all samples, in batches of {@code batchSize}, with recording off. */
    public Tensor predict(Tensor x, int batchSize) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("predict needs a batch; received a scalar");
        }
        ensureBuilt(x.shape().dropFirst());
        return Trainer.predict(this, x, batchSize);
    }

    /** Outputs for one batch, with recording off. */
    public Tensor predictOnBatch(Tensor x) {
        try (var _ = GradMode.disabled()) {
            return forward(x, false);
        }
    }

    // ---------------------------------------------------------------- training

    /** Sets the optimizer, loss and metrics used by {@code fit}, {@code evaluate} and {@code trainOnBatch}. */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        seedUsed = true;
        this.trainer = new Trainer(this, optimizer, loss, List.of(metrics), new Rng(seed ^ SHUFFLE_STREAM));
    }

    /** Compiles by Keras names: {@code compile("adam", "categorical_crossentropy", "accuracy")}. */
    public void compile(String optimizer, String loss, String... metrics) {
        Metric[] resolved = new Metric[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            resolved[i] = Metrics.get(metrics[i]);
        }
        compile(Optimizers.get(optimizer), Losses.get(loss), resolved);
    }

    /** Whether {@code compile} has been called. */
    public boolean isCompiled() {
        return trainer != null;
    }

    /** The optimizer, loss and metrics set by {@code compile}. */
    public Trainer trainer() {
        if (trainer == null) {
            throw new IllegalStateException("The model '" + name + "' is not compiled: call compile(optimizer, loss, "
                    + "metrics...) first");
        }
        return trainer;
    }

    /** Trains on {@code x, y}; see {@link FitOptions} for epochs, batch size, validation and callbacks. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return trainer().fit(x, y, options);
    }

    /** Trains on a data set's inputs and targets. */
    public History fit(Dataset train, FitOptions options) {
        return fit(train.x(), train.y(), options);
    }

    /** Trains for {@code epochs} epochs with batches of {@code batchSize}. */
    public History fit(Tensor x, Tensor y, int epochs, int batchSize) {
        return fit(x, y, new FitOptions().epochs(epochs).batchSize(batchSize));
    }

    /** Loss and metrics on {@code x, y} in batches of 32, e.g. {@code {loss=0.31, accuracy=0.89}}. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, 32);
    }

    /** Loss and metrics on a data set, in batches of 32. */
    public Map<String, Double> evaluate(Dataset data) {
        return evaluate(data.x(), data.y(), 32);
    }

    /** Loss and metrics on {@code x, y} in batches of {@code batchSize}. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        ensureBuilt(x.shape().dropFirst());
        return trainer().evaluate(x, y, batchSize);
    }

    /** One gradient step on one batch; returns that batch's loss and metrics. */
    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        return trainer().trainOnBatch(x, y);
    }

    // ---------------------------------------------------------------- weights

    /** Every weight by path name ({@code layer/weight}), in layer order. */
    public Map<String, Parameter> namedParameters() {
        requireBuilt("namedParameters");
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Layer layer : layers()) {
            for (Parameter parameter : layer.parameters()) {
                named.put(layer.name() + "/" + parameter.name(), parameter);
            }
        }
        return named;
    }

    @Override
    public List<Tensor> trainableTensors() {
        List<Tensor> tensors = new ArrayList<>();
        for (Parameter parameter : namedParameters().values()) {
            if (parameter.trainable()) {
                tensors.add(parameter.value());
            }
        }
        return tensors;
    }

    @Override
    public Map<String, Tensor> weightSnapshot() {
        Map<String, Tensor> snapshot = new LinkedHashMap<>();
        namedParameters().forEach((path, parameter) -> snapshot.put(path, parameter.value().copy()));
        return snapshot;
    }

    @Override
    public void loadWeights(Map<String, Tensor> weights) {
        Map<String, Parameter> named = namedParameters();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> entry : named.entrySet()) {
            Tensor value = weights.get(entry.getKey());
            Shape expected = entry.getValue().value().shape();
            if (value == null) {
                problems.add("missing '" + entry.getKey() + "' (expected shape " + expected + ")");
            } else if (!value.shape().equals(expected)) {
                problems.add("'" + entry.getKey() + "' has shape " + value.shape() + ", expected " + expected);
            }
        }
        for (String key : weights.keySet()) {
            if (!named.containsKey(key)) {
                problems.add("unexpected '" + key + "' (the model has no such weight)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The weights do not fit model '" + name + "': " + String.join("; ", problems));
        }
        named.forEach((path, parameter) -> parameter.assign(weights.get(path)));
    }

    /** Total number of scalar weights. */
    public long parameterCount() {
        long count = 0;
        for (Parameter parameter : namedParameters().values()) {
            count += parameter.value().size();
        }
        return count;
    }

    /** A table of layers, output shapes and parameter counts, with totals (print it). */
    public String summary() {
        requireBuilt("summary");
        return Summary.format(this);
    }

    // ---------------------------------------------------------------- files

    /**
     * Writes the model to {@code directory}: {@code config.json} (architecture and compile settings)
     * and {@code model.safetensors} (the weights), each written to a temporary file and renamed.
     */
    @Override
    public void save(Path directory) throws IOException {
        requireBuilt("save");
        ModelFiles.save(this, directory);
    }

    /** Reads a model written by {@link #save}; compiled again if it was saved compiled with built-in parts. */
    public static Model load(Path directory) throws IOException {
        return ModelFiles.load(directory);
    }

    /** The model-specific part of the saved config (e.g. the list of layers). */
    protected abstract Map<String, Object> architectureConfig();

    @Override
    public String toString() {
        return getClass().getSimpleName() + " '" + name + "'" + (isBuilt() ? " " + parameterCount() + " parameters" : "");
    }
}
