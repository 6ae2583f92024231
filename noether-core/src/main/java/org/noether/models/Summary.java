package org.noether.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.noether.nn.Layer;
import org.noether.nn.Node;
import org.noether.nn.Parameter;
import org.noether.nn.layers.Input;
import org.noether.tensor.Shape;

/**
 * Formats {@link Model#summary()}: one row per layer with its name, type, output shape (batch
 * axis as None, as Keras prints it) and parameter count, then the totals with their size in
 * float32 bytes. A functional model also lists its Input layers and, as Keras does, what each
 * layer is connected to: {@code name[call][0]} for every output it takes, over all its calls.
 */
final class Summary {
    private static final int NAME_WIDTH = 34;
    private static final int SHAPE_WIDTH = 26;
    private static final int COUNT_WIDTH = 12;
    private static final int CONNECTED_WIDTH = 34;

    private Summary() {
    }

    static String format(Model model) {
        Graph graph = model instanceof FunctionalModel functional ? functional.graph() : null;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Layer (type)", "Output Shape", "Param #", graph == null ? null : "Connected to"});
        Shape shape = graph == null ? model.inputShape() : null;
        for (Layer layer : model.layers()) {
            String connected = null;
            if (graph == null) {
                shape = layer.outputShape(shape);
                if (layer instanceof Input) {
                    continue; // as Keras: the input shape is the first layer's input, not a row
                }
            } else {
                List<Node> calls = graph.calls(layer);
                shape = calls.getLast().shape(); // as Keras: the shape of the layer's last call
                connected = connections(graph, calls);
            }
            rows.add(new String[] {layer.name() + " (" + layer.type() + ")", batchShape(shape),
                    String.format(Locale.ROOT, "%,d", layer.parameterCount()), connected});
        }
        // Columns as wide as their longest entry, so a long layer name never runs into its shape.
        int nameWidth = NAME_WIDTH;
        int shapeWidth = SHAPE_WIDTH;
        for (String[] row : rows) {
            nameWidth = Math.max(nameWidth, row[0].length() + 3);
            shapeWidth = Math.max(shapeWidth, row[1].length() + 2);
        }
        String rule = "_".repeat(nameWidth + shapeWidth + COUNT_WIDTH + (graph == null ? 0 : CONNECTED_WIDTH));
        StringBuilder out = new StringBuilder();
        out.append("Model: \"").append(model.name()).append("\"\n").append(rule).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            out.append(row(rows.get(i), nameWidth, shapeWidth));
            if (i == 0) {
                out.append("=".repeat(rule.length())).append('\n');
            }
        }
        long total = 0;
        long trainable = 0;
        for (Parameter parameter : model.namedParameters().values()) {
            total += parameter.value().size();
            trainable += parameter.trainable() ? parameter.value().size() : 0;
        }
        out.append("=".repeat(rule.length())).append('\n');
        out.append("Total params: ").append(countWithSize(total)).append('\n');
        out.append("Trainable params: ").append(countWithSize(trainable)).append('\n');
        out.append("Non-trainable params: ").append(countWithSize(total - trainable)).append('\n');
        out.append(rule).append('\n');
        return out.toString();
    }

    /** {@code conv2d_1[0][0], input_layer[0][0]}: the outputs every call of a layer takes, or "-" for none. */
    private static String connections(Graph graph, List<Node> calls) {
        List<String> sources = new ArrayList<>();
        for (Node call : calls) {
            for (Node parent : call.parents()) {
                sources.add(parent.layer().name() + "[" + graph.callIndex(parent) + "][0]");
            }
        }
        return sources.isEmpty() ? "-" : String.join(", ", sources);
    }

    private static String row(String[] cells, int nameWidth, int shapeWidth) {
        String row = String.format(Locale.ROOT, " %-" + (nameWidth - 1) + "s%-" + shapeWidth + "s%" + COUNT_WIDTH
                + "s", cells[0], cells[1], cells[2]);
        return (cells[3] == null ? row : row + "   " + cells[3]) + "\n";
    }

    /** {@code (None, 28, 28, 32)}: the per-sample shape with the batch axis in front. */
    static String batchShape(Shape perSample) {
        StringBuilder text = new StringBuilder("(None");
        for (int dim : perSample.dims()) {
            text.append(", ").append(dim);
        }
        return text.append(')').toString();
    }

    private static String countWithSize(long count) {
        double bytes = count * 4.0;
        String size;
        if (bytes < 1024) {
            size = String.format(Locale.ROOT, "%.2f B", bytes);
        } else if (bytes < 1024 * 1024) {
            size = String.format(Locale.ROOT, "%.2f KB", bytes / 1024);
        } else {
            size = String.format(Locale.ROOT, "%.2f MB", bytes / (1024 * 1024));
        }
        return String.format(Locale.ROOT, "%,d (%s)", count, size);
    }
}
