package org.noether.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noether.io.ConfigReader;
import org.noether.nn.Layer;
import org.noether.nn.Layers;
import org.noether.nn.Node;
import org.noether.nn.layers.Input;

/**
 * The saved architecture of a {@link FunctionalModel}, in Keras's layout: every layer with its
 * type, name and config, and its inbound nodes — one entry per call, listing the outputs it takes
 * as {@code [layer name, call index, tensor index]} (the tensor index is 0: a layer has one
 * output) — then the model's {@code input_layers} and {@code output_layers} in the same form.
 *
 * <pre>{@code
 * {"layers": [{"type": "InputLayer", "name": "input_layer", "config": {"shape": [4]}, "inbound_nodes": []},
 *             {"type": "Dense", "name": "dense", "config": {...}, "inbound_nodes": [[["input_layer", 0, 0]]]}],
 *  "input_layers": [["input_layer", 0, 0]], "output_layers": [["dense", 0, 0]]}
 * }</pre>
 *
 * <p>Reading rebuilds the calls in dependency order (a shared layer's later call may wait for
 * layers listed after it), and rejects a reference to an unknown layer or call and a cycle.
 */
final class FunctionalConfig {
    private static final String OWNER = "FunctionalModel";

    private FunctionalConfig() {
    }

    /** A reference to the output of call {@code call} of layer {@code layer}. */
    private record Reference(String layer, int call) {
    }

    static Map<String, Object> write(Graph graph) {
        List<Object> layers = new ArrayList<>();
        for (Layer layer : graph.layers()) {
            List<Object> inbound = new ArrayList<>();
            for (Node node : graph.calls(layer)) {
                if (!node.isInput()) {
                    inbound.add(node.parents().stream().map(parent -> reference(graph, parent)).toList());
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", layer.type());
            entry.put("name", layer.name());
            entry.put("config", layer.config());
            entry.put("inbound_nodes", inbound);
            layers.add(entry);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("layers", layers);
        config.put("input_layers", graph.inputs().stream().map(node -> reference(graph, node)).toList());
        config.put("output_layers", graph.outputs().stream().map(node -> reference(graph, node)).toList());
        return config;
    }

    private static List<Object> reference(Graph graph, Node node) {
        return List.of(node.layer().name(), graph.callIndex(node), 0);
    }

    static FunctionalModel read(Map<String, Object> config) {
        ConfigReader read = new ConfigReader(OWNER, config);
        List<Map<String, Object>> entries = read.getMapList("layers");
        List<Object> inputEntries = read.getList("input_layers");
        List<Object> outputEntries = read.getList("output_layers");
        read.finish();

        Map<String, Layer> layers = new LinkedHashMap<>();
        Map<String, List<List<Reference>>> pending = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ConfigReader entry = new ConfigReader(OWNER + " layer " + i, entries.get(i));
            String name = entry.getString("name");
            Layer layer = Layers.fromConfig(entry.getString("type"), entry.getMap("config"));
            layer.name(name);
            List<List<Reference>> calls = new ArrayList<>();
            for (Object call : entry.getList("inbound_nodes")) {
                calls.add(references(list(call, "an inbound node of layer '" + name + "'"), "layer '" + name + "'"));
            }
            entry.finish();
            if (layers.put(name, layer) != null) {
                throw new IllegalArgumentException("Two layers are named '" + name + "'; layer names must be unique");
            }
            if ((layer instanceof Input) != calls.isEmpty()) {
                throw new IllegalArgumentException("Layer '" + name + "' has " + calls.size() + " inbound nodes; "
                        + (calls.isEmpty() ? "every layer but an InputLayer is called at least once" : "an InputLayer "
                        + "takes none"));
            }
            pending.put(name, calls);
        }
        Map<String, Integer> callCounts = new HashMap<>();
        pending.forEach((name, calls) -> callCounts.put(name, layers.get(name) instanceof Input ? 1 : calls.size()));
        pending.forEach((name, calls) -> calls.forEach(call -> call.forEach(
                reference -> check(reference, callCounts, "an inbound node of layer '" + name + "'"))));

        Map<String, List<Node>> made = new HashMap<>();
        layers.forEach((name, layer) -> made.put(name, new ArrayList<>()));
        layers.forEach((name, layer) -> {
            if (layer instanceof Input input) {
                made.get(name).add(Node.input(input));
            }
        });
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, List<List<Reference>>> entry : pending.entrySet()) {
                List<List<Reference>> calls = entry.getValue();
                // A call is made once every output it takes exists; a later call of a shared layer may wait.
                while (!calls.isEmpty() && calls.getFirst().stream().allMatch(ref -> ref.call() < made.get(ref.layer())
                        .size())) {
                    List<Node> parents = calls.removeFirst().stream()
                            .map(ref -> made.get(ref.layer()).get(ref.call())).toList();
                    made.get(entry.getKey()).add(layers.get(entry.getKey()).on(parents));
                    progress = true;
                }
            }
        }
        List<String> waiting = pending.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        if (!waiting.isEmpty()) {
            throw new IllegalArgumentException("The inbound nodes of the layers " + waiting + " form a cycle: each "
                    + "waits for the output of another");
        }
        return new FunctionalModel(nodes(inputEntries, "input_layers", made, callCounts),
                nodes(outputEntries, "output_layers", made, callCounts));
    }

    private static List<Node> nodes(List<Object> entries, String key, Map<String, List<Node>> made,
                                    Map<String, Integer> callCounts) {
        List<Node> nodes = new ArrayList<>();
        for (Reference reference : references(entries, key)) {
            check(reference, callCounts, key);
            nodes.add(made.get(reference.layer()).get(reference.call()));
        }
        return nodes;
    }

    private static void check(Reference reference, Map<String, Integer> callCounts, String where) {
        Integer calls = callCounts.get(reference.layer());
        if (calls == null) {
            throw new IllegalArgumentException(where + " refers to an unknown layer '" + reference.layer()
                    + "'; the layers are " + callCounts.keySet());
        }
        if (reference.call() >= calls) {
            throw new IllegalArgumentException(where + " refers to call " + reference.call() + " of layer '"
                    + reference.layer() + "', which is called " + calls + " time" + (calls == 1 ? "" : "s"));
        }
    }

    /** {@code [[name, call, 0], ...]} read, each checked for form. */
    private static List<Reference> references(List<Object> entries, String where) {
        List<Reference> references = new ArrayList<>();
        for (Object entry : entries) {
            List<Object> parts = list(entry, "a reference in " + where);
            if (parts.size() != 3 || !(parts.get(0) instanceof String layer) || !isIndex(parts.get(1))
                    || !isIndex(parts.get(2))) {
                throw new IllegalArgumentException("A reference in " + where + " must be [layer name, call index, "
                        + "tensor index]. Received: " + entry);
            }
            if (((Number) parts.get(2)).intValue() != 0) {
                throw new IllegalArgumentException("A reference in " + where + " names tensor index " + parts.get(2)
                        + "; every layer has one output (index 0). Received: " + entry);
            }
            references.add(new Reference(layer, ((Number) parts.get(1)).intValue()));
        }
        return references;
    }

    private static boolean isIndex(Object value) {
        return value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.doubleValue() >= 0 && number.doubleValue() <= Integer.MAX_VALUE;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(what + " must be a list. Received: " + value);
        }
        return (List<Object>) list;
    }
}
