package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.io.FileFormatException;
import org.noether.io.Json;
import org.noether.io.SafeTensors;
import org.noether.losses.Loss;
import org.noether.losses.MeanSquaredError;
import org.noether.losses.SparseCategoricalCrossentropy;
import org.noether.nn.Layer;
import org.noether.nn.Node;
import org.noether.nn.layers.Add;
import org.noether.nn.layers.Concatenate;
import org.noether.nn.layers.Conv2D;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Dropout;
import org.noether.nn.layers.Flatten;
import org.noether.nn.layers.Multiply;
import org.noether.optimizers.Adam;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.train.Objective;
import org.noether.train.metrics.Accuracy;
import org.noether.train.metrics.MeanAbsoluteError;
import org.noether.train.metrics.Metric;

/** Saving and loading functional models: exact round trips, the saved graph, and broken graphs named with the file. */
class FunctionalFilesTest {
    @TempDir
    Path directory;

    /** A shared layer called twice in a row, a skip connection, a branch joined back, and dropout. */
    private static FunctionalModel sharedAndSkip() {
        Node input = Node.input(6);
        Dense shared = new Dense(6, "tanh");
        Node once = shared.on(input);
        Node twice = shared.on(once);
        Node skip = new Add().on(twice, input);
        Node gate = new Dense(6, "sigmoid").on(input);
        Node joined = new Concatenate().on(new Multiply().on(skip, gate), new Dropout(0.2).on(once));
        return Model.of(input, new Dense(2).on(joined)).name("shared_and_skip").seed(21);
    }

    private static Tensor inputs(int... perSample) {
        return Tensor.uniform(Shape.of(perSample).prepend(9), -2, 2, new Rng(13));
    }

    @Test
    void aGraphWithASharedLayerAndASkipConnectionRoundTripsExactly() throws IOException {
        FunctionalModel model = sharedAndSkip();
        Tensor x = inputs(6);
        model.save(directory);
        Model loaded = Model.load(directory);
        FunctionalModel functional = assertInstanceOf(FunctionalModel.class, loaded);
        assertEquals("shared_and_skip", loaded.name());
        assertEquals(21, loaded.seed());
        assertEquals(model.layers().stream().map(Layer::name).toList(),
                loaded.layers().stream().map(Layer::name).toList());
        assertArrayEquals(model.predict(x).data(), loaded.predict(x).data());
        assertEquals(model.summary(), loaded.summary());
        assertEquals(model.outputNames(), functional.outputNames());
        model.weightSnapshot().forEach((path, value) ->
                assertArrayEquals(value.data(), loaded.weightSnapshot().get(path).data(), path));
    }

    @Test
    void theConfigListsEachCallOfEachLayer() throws IOException {
        sharedAndSkip().save(directory);
        Map<String, Object> architecture = map(Json.parseObject(Files.readString(directory.resolve("config.json")))
                .get("architecture"));
        Map<String, Object> shared = layerNamed(architecture, "dense");
        assertEquals("Dense", shared.get("type"));
        assertEquals(Json.parseObject("{\"x\": [[[\"input_layer\", 0, 0]], [[\"dense\", 0, 0]]]}").get("x"),
                shared.get("inbound_nodes"));
        assertEquals(Json.parseObject("{\"x\": [[[\"dense\", 1, 0], [\"input_layer\", 0, 0]]]}").get("x"),
                layerNamed(architecture, "add").get("inbound_nodes"));
        assertEquals(List.of(), layerNamed(architecture, "input_layer").get("inbound_nodes"));
        assertEquals(Json.parseObject("{\"x\": [[\"input_layer\", 0, 0]]}").get("x"), architecture.get("input_layers"));
        assertEquals(Json.parseObject("{\"x\": [[\"dense_2\", 0, 0]]}").get("x"), architecture.get("output_layers"));
    }

    @Test
    void aCompiledModelOfSeveralOutputsResumesTrainingExactly() throws IOException {
        Node image = Node.input(4, 4, 1);
        Node features = new Flatten().on(new Conv2D(2, 3, "relu").on(image));
        Node classes = new Dense(3, "softmax").name("classes").on(features);
        Node value = new Dense(1).name("value").on(features);
        FunctionalModel model = Model.of(List.of(image), List.of(classes, value)).seed(4);
        model.compile(new Adam(0.01), List.<Loss>of(new SparseCategoricalCrossentropy(), new MeanSquaredError()),
                List.of(1.0, 0.25), List.of(List.<Metric>of(new Accuracy()), List.<Metric>of(new MeanAbsoluteError())));
        List<Tensor> x = List.of(inputs(4, 4, 1));
        List<Tensor> y = List.of(Tensor.vector(0, 1, 2, 0, 1, 2, 0, 1, 2), inputs(1));
        model.trainOnBatch(x, y);
        model.save(directory);

        Model loaded = Model.load(directory);
        List<Objective> objectives = loaded.trainer().objectives();
        assertEquals(List.of("classes", "value"), objectives.stream().map(Objective::output).toList());
        assertEquals(List.of("sparse_categorical_crossentropy", "mean_squared_error"),
                objectives.stream().map(objective -> objective.loss().name()).toList());
        assertEquals(List.of(1.0, 0.25), objectives.stream().map(Objective::lossWeight).toList());
        assertEquals(List.of("accuracy", "mean_absolute_error"),
                objectives.stream().map(objective -> objective.metrics().getFirst().name()).toList());
        assertEquals(model.trainOnBatch(x, y), loaded.trainOnBatch(x, y));
        model.weightSnapshot().forEach((path, weight) ->
                assertArrayEquals(weight.data(), loaded.weightSnapshot().get(path).data(), path));
    }

    @Test
    void brokenGraphsAreNamedWithTheFile() throws IOException {
        sharedAndSkip().save(directory);
        assertLoadFails(config -> firstReference(layerNamed(architecture(config), "add")).set(0, "ghost"),
                "an inbound node of layer 'add' refers to an unknown layer 'ghost'");
        assertLoadFails(config -> firstReference(layerNamed(architecture(config), "dense")).set(0, "add"),
                "form a cycle", "dense", "add");
        assertLoadFails(config -> firstReference(layerNamed(architecture(config), "add")).set(1, 5),
                "refers to call 5 of layer 'dense', which is called 2 times");
        assertLoadFails(config -> firstReference(layerNamed(architecture(config), "add")).set(2, 1),
                "tensor index 1", "one output");
        assertLoadFails(config -> list(architecture(config).get("output_layers")).set(0, List.of("nowhere", 0, 0)),
                "output_layers refers to an unknown layer 'nowhere'");
        assertLoadFails(config -> layerNamed(architecture(config), "add").put("inbound_nodes", List.of()),
                "Layer 'add' has 0 inbound nodes");
        assertLoadFails(config -> layerNamed(architecture(config), "multiply").put("name", "add"),
                "Two layers are named 'add'");
        assertLoadFails(config -> list(architecture(config).get("input_layers")).set(0, List.of("dense", 0)),
                "[layer name, call index, tensor index]");
    }

    /** Rewrites the config in the weights file, then expects loading to fail naming the file and {@code parts}. */
    private void assertLoadFails(Consumer<Map<String, Object>> change, String... parts) throws IOException {
        Path file = directory.resolve("model.safetensors");
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, Object> original = Json.parseObject(contents.metadata().get("noether_config"));
        Map<String, Object> changed = mutableCopy(original);
        change.accept(changed);
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.put("noether_config", Json.writeCompact(changed));
        SafeTensors.write(file, contents.tensors(), metadata);
        try {
            FileFormatException error = assertThrows(FileFormatException.class, () -> Model.load(directory));
            assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
            for (String part : parts) {
                assertTrue(error.getMessage().contains(part), () -> "expected <" + part + "> in <" + error.getMessage()
                        + ">");
            }
        } finally {
            metadata.put("noether_config", Json.writeCompact(original));
            SafeTensors.write(file, contents.tensors(), metadata);
        }
    }

    /** A deep copy whose maps and lists can be changed. */
    @SuppressWarnings("unchecked")
    private static <T> T mutableCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put((String) key, mutableCopy(item)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(mutableCopy(item)));
            return (T) copy;
        }
        return value;
    }

    private static Map<String, Object> architecture(Map<String, Object> config) {
        return map(config.get("architecture"));
    }

    private static Map<String, Object> layerNamed(Map<String, Object> architecture, String name) {
        for (Object layer : list(architecture.get("layers"))) {
            if (name.equals(map(layer).get("name"))) {
                return map(layer);
            }
        }
        throw new AssertionError("no layer " + name);
    }

    /** The first reference of the first inbound node of a layer entry. */
    private static List<Object> firstReference(Map<String, Object> layer) {
        return list(list(list(layer.get("inbound_nodes")).getFirst()).getFirst());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
