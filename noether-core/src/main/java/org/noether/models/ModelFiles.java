package org.noether.models;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noether.io.AtomicFiles;
import org.noether.io.ConfigReader;
import org.noether.io.FileFormatException;
import org.noether.io.Json;
import org.noether.io.SafeTensors;
import org.noether.losses.Loss;
import org.noether.losses.Losses;
import org.noether.optimizers.Optimizer;
import org.noether.optimizers.Optimizers;
import org.noether.tensor.Tensor;
import org.noether.train.Objective;
import org.noether.train.Trainer;
import org.noether.train.metrics.Metric;
import org.noether.train.metrics.Metrics;

/**
 * A saved model: a directory with {@code model.safetensors} and {@code config.json}.
 *
 * <p>{@code model.safetensors} is the model: the weights by path name ({@code dense/kernel}),
 * the optimizer's state under {@code optimizer/...} when the model is compiled, and the config as
 * the metadata entry {@code noether_config}. Because it is one file written to a temporary name
 * and renamed, a crash leaves either the old model or the new one, never a mix. Python reads the
 * weights with {@code safetensors.numpy.load_file}. {@code config.json} is the same config for
 * people and tools to read; loading does not depend on it.
 *
 * <p>The config records the architecture (each layer's type and constructor arguments), the seed,
 * and the compile settings (optimizer, loss and metrics by Keras name and arguments); a custom loss
 * written as a lambda cannot be saved, so such a model loads uncompiled.
 */
final class ModelFiles {
    static final String WEIGHTS_FILE = "model.safetensors";
    static final String CONFIG_FILE = "config.json";
    static final String FORMAT = "noether-model";
    static final int FORMAT_VERSION = 1;
    private static final String CONFIG_METADATA = "noether_config";
    private static final String OPTIMIZER_PREFIX = "optimizer/";

    private ModelFiles() {
    }

    static void save(Model model, Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("format", FORMAT);
        config.put("format_version", FORMAT_VERSION);
        config.put("class", model.getClass().getSimpleName());
        config.put("name", model.name());
        config.put("seed", model.seed());
        config.put("architecture", model.architectureConfig());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((path, parameter) -> tensors.put(path, parameter.value()));
        if (model.isCompiled() && model.trainer().objectives().stream()
                .noneMatch(objective -> objective.loss().name().equals("custom"))) {
            Trainer trainer = model.trainer();
            config.put("compile", compileConfig(trainer));
            trainer.optimizer().state(model.trainableTensors())
                    .forEach((name, value) -> tensors.put(OPTIMIZER_PREFIX + name, value));
        }
        SafeTensors.write(directory.resolve(WEIGHTS_FILE), tensors,
                Map.of("format", FORMAT, CONFIG_METADATA, Json.writeCompact(config)));
        AtomicFiles.writeString(directory.resolve(CONFIG_FILE), Json.write(config));
    }

    /**
     * The optimizer, loss and metrics by name and config; a model of several outputs saves a list
     * of losses, their {@code loss_weights} and a list of metrics per output, as Keras's compile takes them.
     */
    private static Map<String, Object> compileConfig(Trainer trainer) {
        Map<String, Object> compile = new LinkedHashMap<>();
        compile.put("optimizer", named(trainer.optimizer().name(), trainer.optimizer().config()));
        List<Objective> objectives = trainer.objectives();
        if (objectives.size() == 1) {
            compile.put("loss", named(trainer.loss().name(), trainer.loss().config()));
            compile.put("metrics", metricsConfig(trainer.metrics()));
        } else {
            compile.put("loss", objectives.stream().map(o -> named(o.loss().name(), o.loss().config())).toList());
            compile.put("loss_weights", objectives.stream().map(Objective::lossWeight).toList());
            compile.put("metrics", objectives.stream().map(o -> metricsConfig(o.metrics())).toList());
        }
        return compile;
    }

    private static List<Object> metricsConfig(List<Metric> metrics) {
        List<Object> configs = new ArrayList<>();
        for (Metric metric : metrics) {
            configs.add(named(metric.name(), metric.config()));
        }
        return configs;
    }

    private static Map<String, Object> named(String name, Map<String, Object> config) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("config", config);
        return entry;
    }

    static Model load(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(WEIGHTS_FILE) : path;
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("No saved model at " + path + ": expected a directory holding "
                    + WEIGHTS_FILE + " (written by Model.save) or the file itself");
        }
        SafeTensors.Contents contents = SafeTensors.read(file);
        String savedConfig = contents.metadata().get(CONFIG_METADATA);
        if (savedConfig == null) {
            throw new FileFormatException(file, "a safetensors file but not a Noether model: its metadata has no '"
                    + CONFIG_METADATA + "' entry (it holds the tensors " + contents.tensors().keySet() + ")");
        }
        try {
            return rebuild(file, Json.parseObject(savedConfig), contents.tensors());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A config that reads but does not describe a model this code can build: a bad file, named.
            throw new FileFormatException(file, e.getMessage(), e);
        }
    }

    private static Model rebuild(Path file, Map<String, Object> config, Map<String, Tensor> tensors)
            throws FileFormatException {
        ConfigReader read = new ConfigReader("the model config", config);
        int version = read.getInt("format_version");
        String format = read.getString("format");
        if (!FORMAT.equals(format) || version > FORMAT_VERSION) {
            throw new FileFormatException(file, "holds format '" + format + "' version " + version
                    + "; this Noether reads '" + FORMAT + "' up to version " + FORMAT_VERSION);
        }
        String modelClass = read.getString("class");
        Map<String, Object> architecture = read.getMap("architecture");
        String modelName = read.getString("name", null);
        long seed = read.getLong("seed", 0);
        Map<String, Object> compile = read.getMap("compile", null);
        read.finish();
        Model model = switch (modelClass) {
            case "Sequential" -> Sequential.fromArchitecture(architecture, seed);
            case "FunctionalModel" -> FunctionalModel.fromArchitecture(architecture, seed);
            default -> throw new FileFormatException(file, "unknown model class '" + modelClass + "'");
        };
        if (modelName != null) {
            model.name(modelName);
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> optimizerState = new LinkedHashMap<>();
        tensors.forEach((name, value) -> {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                optimizerState.put(name.substring(OPTIMIZER_PREFIX.length()), value);
            } else {
                weights.put(name, value);
            }
        });
        model.loadWeights(weights);
        if (compile != null) {
            compile(model, compile, optimizerState);
        }
        return model;
    }

    private static List<Metric> metrics(ConfigReader read) {
        List<Metric> metrics = new ArrayList<>();
        for (Map<String, Object> entry : read.getMapList("metrics", List.of())) {
            metrics.add(ConfigReader.readNamed("a saved metric", entry, Metrics::fromConfig));
        }
        return metrics;
    }

    private static void compile(Model model, Map<String, Object> compile, Map<String, Tensor> optimizerState) {
        ConfigReader read = new ConfigReader("the compile config", compile);
        Optimizer optimizer = ConfigReader.readNamed("the saved optimizer", read.getMap("optimizer"),
                Optimizers::fromConfig);
        if (read.value("loss") instanceof List<?>) {
            List<Loss> losses = new ArrayList<>();
            for (Map<String, Object> entry : read.getMapList("loss")) {
                losses.add(ConfigReader.readNamed("a saved loss", entry, Losses::fromConfig));
            }
            double[] weights = read.getDoubleArray("loss_weights");
            List<List<Metric>> metrics = new ArrayList<>();
            for (Object perOutput : read.getList("metrics")) {
                Map<String, Object> entry = Collections.singletonMap("metrics", perOutput);
                metrics.add(metrics(new ConfigReader("the compile config", entry)));
            }
            read.finish();
            model.compile(optimizer, losses, Arrays.stream(weights).boxed().toList(), metrics);
        } else {
            Loss loss = ConfigReader.readNamed("the saved loss", read.getMap("loss"), Losses::fromConfig);
            List<Metric> metrics = metrics(read);
            read.finish();
            model.compile(optimizer, loss, metrics.toArray(Metric[]::new));
        }
        if (!optimizerState.isEmpty()) {
            try {
                optimizer.loadState(model.trainableTensors(), optimizerState);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the optimizer state does not fit: " + e.getMessage(), e);
            }
        }
    }
}
