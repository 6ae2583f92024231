package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.io.Json;
import org.noether.io.SafeTensors;
import org.noether.losses.Loss;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.nn.Layer;
import org.noether.nn.activations.Activations;
import org.noether.nn.initializers.Constant;
import org.noether.nn.initializers.RandomNormal;
import org.noether.nn.layers.ActivationLayer;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Dropout;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Input;
import org.noether.nn.layers.Maxout;
import org.noether.optimizers.Adam;
import org.noether.optimizers.SGD;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.train.metrics.Accuracy;
import org.noether.train.metrics.SparseTopKCategoricalAccuracy;

/** Saving and loading models: exact round trips, compiled state, and errors that name the file. */
class ModelFilesTest {
    @TempDir
    Path directory;

    /** Every built-in layer, activations with arguments, and initializers that are not the defaults. */
    private static Sequential everyLayer() {
        return new Sequential(new Input(2, 3), new Flatten(),
                new Dense(8, Activations.leakyRelu(0.1)).kernelInitializer(new RandomNormal(0, 0.3))
                        .biasInitializer(new Constant(0.1)),
                new Maxout(5, 3), new Dropout(0.3), new ActivationLayer(Activations.elu(0.5)),
                new Dense(4, "softmax").useBias(false)).name("every_layer").seed(12);
    }

    private static Tensor inputs(Shape perSample) {
        return Tensor.uniform(perSample.prepend(9), -2, 2, new Rng(13));
    }

    private static void assertSameWeights(Model expected, Model actual) {
        Map<String, Tensor> a = expected.weightSnapshot();
        Map<String, Tensor> b = actual.weightSnapshot();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((path, value) -> {
            assertEquals(value.shape(), b.get(path).shape(), path);
            assertArrayEquals(value.data(), b.get(path).data(), path);
        });
    }

    private Set<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return new TreeSet<>(files.map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void saveThenLoadPredictsBitIdentically() throws IOException {
        Sequential model = everyLayer();
        model.build();
        model.save(directory);
        Model loaded = Model.load(directory);

        assertInstanceOf(Sequential.class, loaded);
        assertEquals("every_layer", loaded.name());
        assertEquals(12, loaded.seed());
        assertEquals(model.layers().size(), loaded.layers().size());
        for (int i = 0; i < model.layers().size(); i++) {
            Layer original = model.layers().get(i);
            Layer restored = loaded.layers().get(i);
            assertEquals(original.type(), restored.type());
            assertEquals(original.name(), restored.name());
            assertEquals(original.config(), restored.config(), original.describe());
        }
        assertSameWeights(model, loaded);
        Tensor x = inputs(model.inputShape());
        assertArrayEquals(model.predict(x).data(), loaded.predict(x).data());
        assertFalse(loaded.isCompiled());
        assertEquals(model.summary().replace("every_layer", "x"), loaded.summary().replace("every_layer", "x"));
    }

    @Test
    void loadingTheFileItselfWorksToo() throws IOException {
        Sequential model = everyLayer();
        model.save(directory);
        Model loaded = Model.load(directory.resolve("model.safetensors"));
        assertSameWeights(model, loaded);
    }

    @Test
    void theSavedFilesAreReadableConfigAndSafetensors() throws IOException {
        everyLayer().save(directory);
        assertEquals(Set.of("config.json", "model.safetensors"), filesIn(directory), "no temporary files left");
        Map<String, Object> config = Json.parseObject(Files.readString(directory.resolve("config.json")));
        assertEquals("noether-model", config.get("format"));
        assertEquals("Sequential", config.get("class"));
        SafeTensors.Contents contents = SafeTensors.read(directory.resolve("model.safetensors"));
        assertEquals(Json.parseObject(contents.metadata().get("noether_config")), config,
                "config.json repeats the config embedded in the weights file");
        assertEquals(Shape.of(6, 8), contents.tensor("dense/kernel").shape());
    }

    private static Tensor labels(int count, int classes, long seed) {
        Rng rng = new Rng(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = rng.nextInt(classes);
        }
        return Tensor.vector(values);
    }

    @Test
    void compiledModelResumesTrainingExactly() throws IOException {
        Sequential model = new Sequential(new Input(5), new Dense(16, "tanh"), new Maxout(6, 2),
                new Dense(4)).seed(21);
        model.compile(new Adam(0.01).clipNorm(1.0), new SparseCategoricalCrossentropy(true), new Accuracy(),
                new SparseTopKCategoricalAccuracy(2));
        Tensor x = Tensor.normal(Shape.of(24, 5), 0, 1, new Rng(22));
        Tensor y = labels(24, 4, 23);
        for (int step = 0; step < 3; step++) {
            model.trainOnBatch(x.slice(step * 8, step * 8 + 8), y.slice(step * 8, step * 8 + 8));
        }
        model.save(directory);
        Model loaded = Model.load(directory);

        assertTrue(loaded.isCompiled());
        assertEquals(model.trainer().optimizer().name(), loaded.trainer().optimizer().name());
        assertEquals(model.trainer().optimizer().config(), loaded.trainer().optimizer().config());
        assertEquals(3, loaded.trainer().optimizer().iterations());
        assertEquals(model.trainer().loss().name(), loaded.trainer().loss().name());
        assertEquals(model.trainer().loss().config(), loaded.trainer().loss().config());
        assertEquals(List.of("accuracy", "sparse_top_k_categorical_accuracy"),
                loaded.trainer().metrics().stream().map(metric -> metric.name()).toList());

        Map<String, Double> continued = model.trainOnBatch(x.slice(0, 8), y.slice(0, 8));
        Map<String, Double> resumed = loaded.trainOnBatch(x.slice(0, 8), y.slice(0, 8));
        assertEquals(continued, resumed);
        assertSameWeights(model, loaded);
        assertEquals(model.evaluate(x, y), loaded.evaluate(x, y));
    }

    @Test
    void aCompiledUntrainedModelResumesExactly() throws IOException {
        Sequential model = new Sequential(new Input(3), new Dense(4, "relu"), new Dense(2)).seed(8);
        model.compile(new SGD(0.1, 0.9, true), new org.noether.losses.MeanSquaredError());
        model.save(directory);
        Model loaded = Model.load(directory);
        assertEquals(0, loaded.trainer().optimizer().iterations());
        Tensor x = Tensor.normal(Shape.of(6, 3), 0, 1, new Rng(9));
        Tensor y = Tensor.normal(Shape.of(6, 2), 0, 1, new Rng(10));
        for (int step = 0; step < 2; step++) {
            assertEquals(model.trainOnBatch(x, y), loaded.trainOnBatch(x, y));
        }
        assertSameWeights(model, loaded);
    }

    @Test
    void aCustomLossModelLoadsUncompiled() throws IOException {
        Sequential model = new Sequential(new Input(2), new Dense(1)).seed(3);
        Loss custom = (yTrue, yPred) -> yPred.sub(yTrue).abs().mean();
        model.compile(new SGD(0.1), custom);
        model.trainOnBatch(Tensor.of(new float[][] {{1, 2}, {3, 4}}), Tensor.of(new float[] {1, 0}, 2, 1));
        model.save(directory);
        Model loaded = Model.load(directory);
        assertFalse(loaded.isCompiled(), "a lambda loss has no saved form");
        assertSameWeights(model, loaded);
        Map<String, Object> config = Json.parseObject(Files.readString(directory.resolve("config.json")));
        assertFalse(config.containsKey("compile"), config.toString());
        assertEquals(Set.of("dense/kernel", "dense/bias"),
                SafeTensors.read(directory.resolve("model.safetensors")).tensors().keySet(), "no optimizer state");
    }

    @Test
    void savingAgainReplacesTheModel() throws IOException {
        Sequential first = new Sequential(new Input(3), new Dense(2)).seed(1);
        first.save(directory);
        Sequential second = new Sequential(new Input(3), new Dense(4), new Dense(1)).seed(2);
        second.save(directory);
        assertEquals(Set.of("config.json", "model.safetensors"), filesIn(directory));
        assertSameWeights(second, Model.load(directory));
    }

    /** A layer whose config cannot be written as JSON, so saving it fails. */
    private static final class Unsaveable extends Layer {
        @Override
        public Shape outputShape(Shape inputShape) {
            return inputShape;
        }

        @Override
        protected Tensor call(Tensor x, boolean training) {
            return x;
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("handle", new Object());
        }
    }

    @Test
    void aFailingSaveLeavesThePreviousModel() throws IOException {
        Sequential saved = new Sequential(new Input(3), new Dense(2)).seed(1);
        saved.save(directory);
        Tensor x = inputs(Shape.of(3));
        float[] predictions = saved.predict(x).data();

        Sequential broken = new Sequential(new Input(3), new Dense(2), new Unsaveable()).seed(5);
        assertThrows(IllegalArgumentException.class, () -> broken.save(directory));
        assertEquals(Set.of("config.json", "model.safetensors"), filesIn(directory));
        assertArrayEquals(predictions, Model.load(directory).predict(x).data());
    }

    @Test
    void saveNeedsABuiltModel() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new Sequential(new Dense(2)).save(directory));
        assertTrue(error.getMessage().contains("not built"), error.getMessage());
    }

    // ---------------------------------------------------------------- loading errors

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = directory.resolve("no-such-model");
        FileNotFoundException error = assertThrows(FileNotFoundException.class, () -> Model.load(missing));
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("model.safetensors"), error.getMessage());
    }

    @Test
    void aSafetensorsFileWithoutTheConfigIsNotAModel() throws IOException {
        Path file = directory.resolve("model.safetensors");
        SafeTensors.write(file, Map.of("weight", Tensor.zeros(2, 2)), Map.of("format", "pt"));
        IOException error = assertThrows(IOException.class, () -> Model.load(directory));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("noether_config"), error.getMessage());
        assertTrue(error.getMessage().contains("weight"), error.getMessage());
    }

    /** Saves a small model, then rewrites its weights file after {@code tamper} changes tensors or config. */
    private Path tampered(Consumer<Map<String, Tensor>> tensors, Consumer<Map<String, Object>> config)
            throws IOException {
        new Sequential(new Input(4), new Dense(3), new Dense(2)).seed(1).save(directory);
        Path file = directory.resolve("model.safetensors");
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, Tensor> changedTensors = new LinkedHashMap<>(contents.tensors());
        tensors.accept(changedTensors);
        Map<String, Object> changedConfig = Json.parseObject(contents.metadata().get("noether_config"));
        config.accept(changedConfig);
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.put("noether_config", Json.writeCompact(changedConfig));
        SafeTensors.write(file, changedTensors, metadata);
        return file;
    }

    @Test
    void tamperedShapesAreNamed() throws IOException {
        Path file = tampered(tensors -> tensors.put("dense_1/kernel", Tensor.zeros(2, 3)), config -> {
        });
        IOException error = assertThrows(IOException.class, () -> Model.load(directory));
        String message = error.getMessage();
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains("'dense_1/kernel' has shape [2, 3], expected [3, 2]"), message);
    }

    @Test
    void missingAndUnexpectedTensorsAreNamed() throws IOException {
        Path file = tampered(tensors -> {
            tensors.remove("dense/bias");
            tensors.put("dense_7/kernel", Tensor.zeros(1));
        }, config -> {
        });
        IOException error = assertThrows(IOException.class, () -> Model.load(directory));
        String message = error.getMessage();
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains("missing 'dense/bias'") && message.contains("unexpected 'dense_7/kernel'"), message);
    }

    @SuppressWarnings("unchecked")
    @Test
    void anUnknownLayerTypeIsNamed() throws IOException {
        tampered(tensors -> {
        }, config -> {
            Map<String, Object> architecture = (Map<String, Object>) config.get("architecture");
            List<Object> layers = (List<Object>) architecture.get("layers");
            ((Map<String, Object>) layers.get(1)).put("type", "Conv7D");
        });
        IOException error = assertThrows(IOException.class, () -> Model.load(directory));
        String message = error.getMessage();
        assertTrue(message.startsWith(directory.resolve("model.safetensors").toString()), message);
        assertTrue(message.contains("'Conv7D'"), message);
        assertTrue(message.contains("Layers.register"), message);
    }

    @Test
    void aNewerFormatVersionIsNamed() throws IOException {
        Path file = tampered(tensors -> {
        }, config -> config.put("format_version", 2));
        IOException error = assertThrows(IOException.class, () -> Model.load(directory));
        String message = error.getMessage();
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains("version 2") && message.contains("up to version 1"), message);
    }

    @Test
    void anotherFormatIsNamed() throws IOException {
        Path file = tampered(tensors -> {
        }, config -> config.put("format", "keras"));
        IOException error = assertThrows(IOException.class, () -> Model.load(directory));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("'keras'"),
                error.getMessage());
    }

    @Test
    void anUnknownModelClassIsNamed() throws IOException {
        Path file = tampered(tensors -> {
        }, config -> config.put("class", "Functional"));
        IOException error = assertThrows(IOException.class, () -> Model.load(directory));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("'Functional'"),
                error.getMessage());
    }
}
