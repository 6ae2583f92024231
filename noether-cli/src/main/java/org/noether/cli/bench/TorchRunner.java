package org.noether.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.noether.io.Json;

/**
 * Runs PyTorch's side of the benchmark: {@code torch_bench.py} (shipped in this jar) under the
 * given Python, with the same threads and timing, and reads back its JSON figures.
 *
 * <pre>{@code TorchRunner.Result torch = TorchRunner.run(Path.of("/usr/bin/python3"), List.of("--threads", "2"));}</pre>
 */
final class TorchRunner {
    private static final String SCRIPT = "/org/noether/cli/bench/torch_bench.py";

    private TorchRunner() {
    }

    /** PyTorch's figures (numbers) and descriptions (version, BLAS, data), or why there are none. */
    record Result(Map<String, Double> figures, Map<String, String> facts, String failure) {
        boolean ran() {
            return failure == null;
        }
    }

    /** Runs the script with {@code arguments}; a missing Python or torch is a result with a failure. */
    static Result run(Path python, List<String> arguments, int threads) throws IOException {
        if (!Files.isExecutable(python)) {
            return none(python + " not found: install PyTorch for the comparison (apt-get install -y python3-torch "
                    + "libopenblas0-openmp)");
        }
        Path script = Files.createTempFile("noether-torch-bench", ".py");
        try (InputStream source = TorchRunner.class.getResourceAsStream(SCRIPT)) {
            if (source == null) {
                throw new IOException("The PyTorch benchmark script " + SCRIPT + " is missing from the classpath");
            }
            Files.write(script, source.readAllBytes());
            List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command);
            // Both of torch's thread pools (OpenMP for BLAS and kernels) get Noether's thread count.
            builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(1, TimeUnit.MINUTES);
            if (process.exitValue() != 0) {
                return none("the PyTorch benchmark exited with status " + process.exitValue()
                        + (output.contains("No module named 'torch'") ? " (no torch: apt-get install -y python3-torch "
                        + "libopenblas0-openmp)" : ""));
            }
            String line = output.lines().filter(text -> text.startsWith("{")).reduce((first, last) -> last)
                    .orElseThrow(() -> new IOException("The PyTorch benchmark printed no figures. Output: " + output));
            Map<String, Double> figures = new LinkedHashMap<>();
            Map<String, String> facts = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : Json.parseObject(line).entrySet()) {
                if (entry.getValue() instanceof Number number) {
                    figures.put(entry.getKey(), number.doubleValue());
                } else {
                    facts.put(entry.getKey(), String.valueOf(entry.getValue()));
                }
            }
            return new Result(figures, facts, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the PyTorch benchmark ran", e);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** A result without figures, saying why. */
    static Result none(String why) {
        return new Result(Map.of(), Map.of(), why);
    }
}
