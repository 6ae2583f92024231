package org.noether.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noether.losses.MeanSquaredError;
import org.noether.nn.Layer;
import org.noether.nn.Node;
import org.noether.nn.layers.ActivationLayer;
import org.noether.nn.layers.Add;
import org.noether.nn.layers.Conv2D;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Input;
import org.noether.optimizers.SGD;
import org.noether.tensor.Expect;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.train.FitOptions;

/** Functional models: structure, naming, summary, determinism, graphs shared by models, and wiring errors. */
class FunctionalModelTest {

    /** A residual block and the nodes whose values enter its ReLUs. */
    record Residual(FunctionalModel model, Node input, Node firstConvolution, Node sum) {
    }

    /** Conv2D → ReLU → Conv2D → Add with the input → ReLU: the residual block of ResNet. */
    static Residual residualBlock() {
        Node inputs = Node.input(4, 4, 2);
        Node first = new Conv2D(2, 3).padding("same").on(inputs);
        Node x = new Conv2D(2, 3).padding("same").on(new ActivationLayer("relu").on(first));
        Node sum = new Add().on(x, inputs);
        Node outputs = new ActivationLayer("relu").on(sum);
        return new Residual(Model.of(inputs, outputs).seed(3), inputs, first, sum);
    }

    @Test
    void aResidualBlockRunsItsGraph() {
        FunctionalModel model = residualBlock().model();
        assertEquals(List.of("input_layer", "conv2d", "activation", "conv2d_1", "add", "activation_1"),
                model.layers().stream().map(Layer::name).toList());
        assertEquals(List.of(Shape.of(4, 4, 2)), model.inputShapes());
        assertEquals(Shape.of(4, 4, 2), model.inputShape());
        assertEquals(List.of(Shape.of(4, 4, 2)), model.outputShapes());
        assertEquals(List.of("activation_1"), model.outputNames());
        Tensor x = Tensor.uniform(Shape.of(3, 4, 4, 2), -1, 1, new Rng(5));
        Tensor y = model.predict(x);
        Layer conv = model.layers().get(1);
        Layer conv1 = model.layers().get(3);
        Tensor expected = conv1.apply(conv.apply(x, false).relu(), false).add(x).relu();
        assertArrayEquals(expected.data(), y.data());
        assertEquals(Shape.of(3, 4, 4, 2), y.shape());
        assertEquals(2 * 38, model.parameterCount());
    }

    @Test
    void summaryShowsWhatEachLayerIsConnectedTo() {
        String summary = residualBlock().model().summary();
        String[] lines = summary.split("\n");
        assertEquals("Model: \"functional\"", lines[0]);
        assertTrue(lines[2].matches(" Layer \\(type\\)\\s+Output Shape\\s+Param #   Connected to"), lines[2]);
        assertEquals(List.of(
                " input_layer (InputLayer)         (None, 4, 4, 2)                      0   -",
                " conv2d (Conv2D)                  (None, 4, 4, 2)                     38   input_layer[0][0]",
                " activation (Activation)          (None, 4, 4, 2)                      0   conv2d[0][0]",
                " conv2d_1 (Conv2D)                (None, 4, 4, 2)                     38   activation[0][0]",
                " add (Add)                        (None, 4, 4, 2)                      0   "
                        + "conv2d_1[0][0], input_layer[0][0]",
                " activation_1 (Activation)        (None, 4, 4, 2)                      0   add[0][0]"),
                List.of(lines).subList(4, 10));
        assertTrue(summary.contains("Total params: 76 (304.00 B)\n"), summary);
        assertTrue(summary.contains("Trainable params: 76 (304.00 B)\n"), summary);

        Node input = Node.input(3);
        Dense shared = new Dense(3, "tanh");
        Node twice = shared.on(shared.on(input));
        String sharedSummary = Model.of(input, twice).summary();
        assertTrue(sharedSummary.contains(" dense (Dense)                    (None, 3)                           12   "
                + "input_layer[0][0], dense[0][0]\n"), sharedSummary);
    }

    @Test
    void aChainStartsFromTheSameWeightsAsTheSequentialModel() {
        Sequential sequential = new Sequential(new Input(4), new Dense(5, "relu"), new Dense(2)).seed(9);
        Node input = Node.input(4);
        FunctionalModel functional = Model.of(input, new Dense(2).on(new Dense(5, "relu").on(input))).seed(9);
        Map<String, Tensor> expected = sequential.weightSnapshot();
        Map<String, Tensor> actual = functional.weightSnapshot();
        assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"),
                List.copyOf(actual.keySet()));
        expected.forEach((path, value) -> assertArrayEquals(value.data(), actual.get(path).data(), path));
        Tensor x = Tensor.uniform(Shape.of(6, 4), -1, 1, new Rng(2));
        assertArrayEquals(sequential.predict(x).data(), functional.predict(x).data());
    }

    @Test
    void aGraphCanServeSeveralModels() {
        Node input = Node.input(4);
        Node code = new Dense(2, "tanh").name("code").on(input);
        Node decoded = new Dense(4).name("decoded").on(code);
        FunctionalModel encoder = Model.of(input, code);
        FunctionalModel autoencoder = Model.of(input, decoded).seed(1);
        assertSame(encoder.namedParameters().get("code/kernel"), autoencoder.namedParameters().get("code/kernel"));

        Tensor x = Tensor.uniform(Shape.of(16, 4), -1, 1, new Rng(3));
        Tensor before = encoder.predict(x);
        autoencoder.compile(new SGD(0.5), new MeanSquaredError());
        autoencoder.fit(x, x, new FitOptions().epochs(2).batchSize(8).verbose(0));
        Tensor after = encoder.predict(x);
        assertFalse(Arrays.equals(before.data(), after.data()), "training the autoencoder moves the encoder");
        Layer codeLayer = encoder.layers().get(1);
        assertArrayEquals(codeLayer.apply(x, false).data(), after.data());
    }

    @Test
    void aDisconnectedGraphIsNamedLikeKeras() {
        Node a = Node.input(3);
        Node b = Node.input(3);
        Dense dense = new Dense(3);
        Node sum = new Add().on(dense.on(a), b);
        Expect.thrown(IllegalArgumentException.class, () -> Model.of(a, sum), "Graph disconnected",
                "cannot find parent for the output of layer 'input_layer_1'", "at layer 'add'",
                "accessed without issue: [dense]");
        assertNull(dense.name(), "a model that fails to build names no layer");

        Expect.thrown(IllegalArgumentException.class, () -> Model.of(List.of(a, b), List.of(dense.on(a))),
                "Input 'input_layer_1'", "not connected to the outputs [dense]");
        Expect.thrown(IllegalArgumentException.class, () -> Model.of(dense.on(a), sum),
                "must be the nodes of Input layers", "Dense");
        Expect.thrown(IllegalArgumentException.class, () -> Model.of(a, b), "Graph disconnected",
                "the output 'input_layer_1'", "[input_layer]");
        Expect.thrown(IllegalArgumentException.class, () -> Model.of(List.of(a, a), List.of(sum)), "twice");
        Expect.thrown(IllegalArgumentException.class, () -> Model.of(List.of(), List.of(sum)),
                "at least one input node");
    }

    @Test
    void layerNamesMustBeUnique() {
        Node input = Node.input(3);
        Node out = new Dense(2).name("head").on(new Dense(3).name("head").on(input));
        Expect.thrown(IllegalArgumentException.class, () -> Model.of(input, out),
                "\"head\" is used by two layers", "unique");
    }

    @Test
    void inputsAreCheckedAgainstTheModel() {
        Node a = Node.input(3);
        Node b = Node.input(2);
        FunctionalModel twoInputs = Model.of(List.of(a, b), List.of(new Add().on(new Dense(2).on(a), b)));
        Tensor x = Tensor.ones(5, 3);
        Expect.thrown(IllegalArgumentException.class, () -> twoInputs.apply(x), "'functional' takes 2 inputs",
                "[[3], [2]]", "Received: 1");
        Expect.thrown(IllegalStateException.class, twoInputs::inputShape, "2 inputs", "inputShapes()");
        Expect.thrown(IllegalArgumentException.class, () -> twoInputs.predict(List.of(x, Tensor.ones(5, 4))),
                "declares per-sample input shapes [[3], [2]]", "[[3], [4]]");
        assertEquals(Shape.of(5, 2), twoInputs.predict(List.of(x, Tensor.ones(5, 2))).getFirst().shape());
        Expect.thrown(IllegalArgumentException.class, () -> twoInputs.predict(List.of(x, Tensor.ones(5, 4))),
                "InputLayer 'input_layer_1'", "[batch, 2]", "[5, 4]");

        Node c = Node.input(3);
        FunctionalModel twoOutputs = Model.of(List.of(c), List.of(new Dense(1).on(c), new Dense(2).on(c)));
        Expect.thrown(IllegalArgumentException.class, () -> twoOutputs.predict(x), "has 2 outputs",
                "[dense, dense_1]", "list form of predict");
        assertEquals(2, twoOutputs.predictOnBatch(List.of(x)).size());
    }
}
