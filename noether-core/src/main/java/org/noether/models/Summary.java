package org.noether.models;

import java.util.Locale;
import org.noether.nn.Layer;
import org.noether.nn.Parameter;
import org.noether.nn.layers.Input;
import org.noether.tensor.Shape;

/**
 * Formats {@link Model#summary()}: one row per layer with its name, type, output shape (batch
 * axis as None, as Keras prints it) and parameter count, then the totals with their size in
 * float32 bytes.
 */
final class Summary {
    private static final int NAME_WIDTH = 34;
    private static final int SHAPE_WIDTH = 26;
    private static final int COUNT_WIDTH = 12;

    private Summary() {
    }

    static String format(Model model) {
        StringBuilder out = new StringBuilder();
        String rule = "_".repeat(NAME_WIDTH + SHAPE_WIDTH + COUNT_WIDTH);
        out.append("Model: \"").append(model.name()).append("\"\n").append(rule).append('\n');
        out.append(row("Layer (type)", "Output Shape", "Param #"));
        out.append("=".repeat(rule.length())).append('\n');
        long total = 0;
        long trainable = 0;
        Shape shape = model.inputShape();
        for (Layer layer : model.layers()) {
            shape = layer.outputShape(shape);
            if (layer instanceof Input) {
                continue; // as Keras: the input shape is the first layer's input, not a row
            }
            long count = layer.parameterCount();
            total += count;
            for (Parameter parameter : layer.parameters()) {
                trainable += parameter.trainable() ? parameter.value().size() : 0;
            }
            out.append(row(layer.name() + " (" + layer.type() + ")", batchShape(shape), String.format(Locale.ROOT, "%,d", count)));
        }
        out.append("=".repeat(rule.length())).append('\n');
        out.append("Total params: ").append(countWithSize(total)).append('\n');
        out.append("Trainable params: ").append(countWithSize(trainable)).append('\n');
        out.append("Non-trainable params: ").append(countWithSize(total - trainable)).append('\n');
        out.append(rule).append('\n');
        return out.toString();
    }

    private static String row(String name, String shape, String count) {
        return String.format(Locale.ROOT, " %-" + (NAME_WIDTH - 1) + "s%-" + SHAPE_WIDTH + "s%" + COUNT_WIDTH + "s\n",
                name, shape, count);
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
