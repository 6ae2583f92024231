package org.noether.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noether.nn.Layer;
import org.noether.nn.Parameter;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A model's weights by path name, {@code layer/weight} (e.g. {@code dense_1/kernel}), and the check
 * that a map of tensors fits them before any is overwritten.
 *
 * <pre>{@code ModelWeights.assign(model.namedParameters(), saved, model.name());}</pre>
 */
final class ModelWeights {
    private ModelWeights() {
    }

    /** Every weight of {@code layers} by path name, in layer order (each layer once, however often it is called). */
    static Map<String, Parameter> byPath(List<Layer> layers) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Layer layer : layers) {
            for (Parameter parameter : layer.parameters()) {
                named.put(layer.name() + "/" + parameter.name(), parameter);
            }
        }
        return named;
    }

    /**
     * Overwrites every weight with the tensor of its path; when a weight is missing, has another
     * shape or a tensor names no weight, nothing is changed and the error lists every problem.
     */
    static void assign(Map<String, Parameter> named, Map<String, Tensor> weights, String modelName) {
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
            throw new IllegalArgumentException("The weights do not fit model '" + modelName + "': "
                    + String.join("; ", problems));
        }
        named.forEach((path, parameter) -> parameter.assign(weights.get(path)));
    }
}
