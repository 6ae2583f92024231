package org.noether.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.noether.autograd.GradMode;
import org.noether.data.Dataset;
import org.noether.kernel.Scratch;
import org.noether.losses.Loss;
import org.noether.losses.Losses;
import org.noether.nn.Layer;
import org.noether.nn.Node;
import org.noether.nn.Parameter;
import org.noether.optimizers.Optimizer;
import org.noether.optimizers.Optimizers;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.train.FitOptions;
import org.noether.train.History;
import org.noether.train.Objective;
import org.noether.train.Prediction;
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
 *
 * <p>A model has one or more inputs and outputs: {@link Sequential} one of each, a
 * {@link FunctionalModel} (made with {@link #of}) any number. The methods taking one tensor are for
 * one input and one output; their list forms take one tensor per input and per output, in order.
 */
public abstract class Model implements TrainableModel {
    /** Mixed into the seed for the shuffling stream, so it shares no numbers with weight initialization. */
    private static final long SHUFFLE_STREAM = 0x5DEECE66DL * 0x9E3779B97F4A7C15L;

    private long seed;
    private boolean seedUsed;
    /** Arrays of one inference call's activations, per calling thread. */
    private final ThreadLocal<Scratch> inferenceScratch = ThreadLocal.withInitial(Scratch::new);
    private String name;
    private Trainer trainer;

    protected Model(String defaultName) {
        this.name = defaultName;
    }

    // ---------------------------------------------------------------- structure

    /** A {@link FunctionalModel} from its input and output nodes (Keras's {@code Model(inputs, outputs)}). */
    public static FunctionalModel of(Node input, Node output) {
        return new FunctionalModel(input, output);
    }

    /** A functional model of several inputs and outputs, in the order given. */
    public static FunctionalModel of(List<Node> inputs, List<Node> outputs) {
        return new FunctionalModel(inputs, outputs);
    }

    /** The layers in the order they run (each once, also when it is called several times). */
    public abstract List<Layer> layers();

    /** Builds every layer for inputs of these per-sample shapes, one per model input. */
    protected abstract void buildFor(List<Shape> inputShapes, Rng rng);

    /** The per-sample input shapes, one per model input, or null while unknown (a Sequential without Input). */
    public abstract List<Shape> inputShapes();

    /** The forward pass of a built model: one batch per input, one result per output. */
    protected abstract List<Tensor> call(List<Tensor> inputs, boolean training);

    /** Whether the weights exist. */
    public abstract boolean isBuilt();

    /** The per-sample input shape of a model of one input, or null before the model is built. */
    public Shape inputShape() {
        List<Shape> shapes = inputShapes();
        if (shapes != null && shapes.size() != 1) {
            throw new IllegalStateException("Model '" + name + "' has " + shapes.size() + " inputs " + shapes
                    + "; see inputShapes()");
        }
        return shapes == null ? null : shapes.getFirst();
    }

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
     * with no arguments, for the shapes its Input layers declare.
     */
    public Model build(int... inputShape) {
        if (inputShape.length == 0 && inputShapes() != null) {
            ensureBuilt(inputShapes());
        } else {
            ensureBuilt(List.of(Shape.of(inputShape)));
        }
        return this;
    }

    private void ensureBuilt(List<Shape> perSample) {
        if (!isBuilt()) {
            seedUsed = true;
            buildFor(perSample, new Rng(seed));
        }
    }

    private void requireBuilt(String what) {
        if (!isBuilt()) {
            if (inputShapes() != null) {
                ensureBuilt(inputShapes());
            } else {
                throw new IllegalStateException(what + ": the model '" + name + "' is not built yet. Start it with an "
                        + "Input layer, call build(inputShape), or call it on data first.");
            }
        }
    }

    // ---------------------------------------------------------------- forward

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return onlyOutput(forward(List.of(x), training), "forward");
    }

    @Override
    public List<Tensor> forward(List<Tensor> inputs, boolean training) {
        buildForInputs(inputs);
        return call(inputs, training);
    }

    /** Checks that there is one batch per model input, then builds the model for their shapes if needed. */
    private void buildForInputs(List<Tensor> inputs) {
        if (inputs == null || inputs.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("Model '" + name + "' needs one tensor per input. Received: " + inputs);
        }
        List<Shape> declared = inputShapes();
        int expected = declared == null ? 1 : declared.size();
        if (inputs.size() != expected) {
            throw new IllegalArgumentException("Model '" + name + "' takes " + expected + " input"
                    + (expected == 1 ? "" : "s") + (declared == null ? "" : " of per-sample shapes " + declared)
                    + ". Received: " + inputs.size() + " tensors");
        }
        for (Tensor x : inputs) {
            if (x.rank() == 0) {
                throw new IllegalArgumentException("Model '" + name + "' needs a batch; received a scalar");
            }
        }
        ensureBuilt(inputs.stream().map(x -> x.shape().dropFirst()).toList());
    }

    private Tensor onlyOutput(List<Tensor> outputs, String what) {
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("Model '" + name + "' has " + outputs.size() + " outputs "
                    + outputNames() + "; use the list form of " + what);
        }
        return outputs.getFirst();
    }

    /**
     * The output for a batch, recorded for differentiation (gradients with respect to the input or
     * the weights are available, as a physics-informed loss needs).
     */
    public Tensor apply(Tensor x) {
        return forward(x, false);
    }

    /** The outputs for one batch per input, recorded for differentiation. */
    public List<Tensor> apply(List<Tensor> inputs) {
        return forward(inputs, false);
    }

    /** Outputs for all samples, in batches of 32, with recording off. */
    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    /** Outputs for all samples, in batches of {@code batchSize}, with recording off. */
    public Tensor predict(Tensor x, int batchSize) {
        return onlyOutput(predict(List.of(x), batchSize), "predict");
    }

    /** Outputs (one tensor per output) for all samples of one tensor per input, in batches of 32. */
    public List<Tensor> predict(List<Tensor> inputs) {
        return predict(inputs, 32);
    }

    /** Outputs (one tensor per output) for all samples, in batches of {@code batchSize}, with recording off. */
    public List<Tensor> predict(List<Tensor> inputs, int batchSize) {
        buildForInputs(inputs);
        return Prediction.predict(this, inputs, batchSize);
    }

    /** Outputs for one batch, with recording off. */
    public Tensor predictOnBatch(Tensor x) {
        return onlyOutput(predictOnBatch(List.of(x)), "predictOnBatch");
    }

    /** Outputs for one batch per input, with recording off. */
    public List<Tensor> predictOnBatch(List<Tensor> inputs) {
        // Intermediate activations come from the calling thread's scratch, reused by its next call;
        // the outputs are copied out of it.
        try (var _ = GradMode.disabled(); Scratch.Scope call = inferenceScratch.get().enter()) {
            return forward(inputs, false).stream().map(Tensor::copy).toList();
        }
    }

    // ---------------------------------------------------------------- training

    /**
     * Sets the optimizer, loss and metrics used by {@code fit}, {@code evaluate} and {@code trainOnBatch};
     * a model of several outputs applies the loss to each and reports each metric on each.
     */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        seedUsed = true;
        this.trainer = new Trainer(this, optimizer, loss, List.of(metrics), shuffleRng());
    }

    /** Compiles by Keras names: {@code compile("adam", "categorical_crossentropy", "accuracy")}. */
    public void compile(String optimizer, String loss, String... metrics) {
        Metric[] resolved = new Metric[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            resolved[i] = Metrics.get(metrics[i]);
        }
        compile(Optimizers.get(optimizer), Losses.get(loss), resolved);
    }

    /**
     * Compiles a model of several outputs, as Keras's {@code compile(loss=[...], loss_weights=[...],
     * metrics=[[...], ...])}: one loss per output (or one for all), the weight of each in the total
     * loss (null: all 1), and each output's own metrics (null: none).
     */
    public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights,
                        List<List<Metric>> metrics) {
        List<Objective> objectives = Objective.perOutput(outputNames(), losses, lossWeights, metrics);
        seedUsed = true;
        this.trainer = new Trainer(this, optimizer, objectives, shuffleRng());
    }

    private Rng shuffleRng() {
        return new Rng(seed ^ SHUFFLE_STREAM);
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
        return fit(Collections.singletonList(x), Collections.singletonList(y), options);
    }

    /** Trains a model of several inputs and outputs on one tensor per input and one target per output. */
    public History fit(List<Tensor> inputs, List<Tensor> targets, FitOptions options) {
        return trainer().fit(inputs, targets, options);
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
        return evaluate(Collections.singletonList(x), Collections.singletonList(y), batchSize);
    }

    /** Loss and metrics on one tensor per input and one target per output, in batches of 32. */
    public Map<String, Double> evaluate(List<Tensor> inputs, List<Tensor> targets) {
        return evaluate(inputs, targets, 32);
    }

    /** Loss and metrics on one tensor per input and one target per output, in batches of {@code batchSize}. */
    public Map<String, Double> evaluate(List<Tensor> inputs, List<Tensor> targets, int batchSize) {
        buildForInputs(inputs);
        return trainer().evaluate(inputs, targets, batchSize);
    }

    /** One gradient step on one batch; returns that batch's loss and metrics. */
    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        return trainOnBatch(Collections.singletonList(x), Collections.singletonList(y));
    }

    /** One gradient step on one batch per input and target; returns that batch's loss and metrics. */
    public Map<String, Double> trainOnBatch(List<Tensor> inputs, List<Tensor> targets) {
        return trainer().trainOnBatch(inputs, targets);
    }

    // ---------------------------------------------------------------- weights

    /** Every weight by path name ({@code layer/weight}), in layer order. */
    public Map<String, Parameter> namedParameters() {
        requireBuilt("namedParameters");
        return ModelWeights.byPath(layers());
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
        ModelWeights.assign(namedParameters(), weights, name);
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
