package org.noether.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.examples.FashionData;
import org.noether.io.Json;

/**
 * The benchmark command's logic, run tiny: every workload yields a positive figure, PyTorch's
 * figures are read and set against Noether's, and a PyTorch on the reference BLAS gets no ratio.
 * A stand-in "python" prints fixed figures, so that these tests need no torch; the timings
 * themselves are never asserted.
 */
class BenchCommandTest {
    private static final int[] TINY_GEMM = {64};

    private static String run(BenchCommand.Options options) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            BenchCommand.run(options, out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static BenchCommand.Options tiny(Set<String> only, Path python, Path output) {
        return new BenchCommand.Options(2, new Timing(0, 1), 4, 1, only, python, FashionData.EMBEDDED, output, TINY_GEMM);
    }

    /** An executable that prints {@code json} whatever its arguments, as the PyTorch script would. */
    private static Path fakePython(Path directory, String json) throws IOException {
        Path script = directory.resolve("python");
        Files.writeString(script, "#!/bin/sh\necho 'Running'\necho '" + json + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyWorkloadGivesAPositiveFigureAndTheJsonHoldsThem(@TempDir Path temp) throws IOException {
        Path output = temp.resolve("bench.json");
        String printed = run(tiny(Set.of(), null, output));
        Map<String, Object> figures = (Map<String, Object>) Json.readFile(output);
        Map<String, Object> noether = (Map<String, Object>) figures.get("noether");
        for (String key : new String[] {"fma_peak_gflops", "fma_peak_1_thread_gflops", "sgemm_64_gflops",
                "cnn_train_64_images_per_s", "cnn_train_128_images_per_s", "cnn_train_64_images_per_s_1_thread",
                "cnn_infer_256_images_per_s", "mlp_train_64_images_per_s", "lenet_train_64_images_per_s", "pinn_step_ms",
                "cnn_train_64_allocated_mb_per_step", "lenet_train_64_allocated_mb_per_step"}) {
            assertTrue(((Number) noether.get(key)).doubleValue() > 0, key + " in " + noether);
        }
        assertTrue(printed.contains("PyTorch: not run (--python none)"), printed);
        assertTrue(printed.contains("CNN training, batch 64 (images/s)"), printed);
        assertTrue(printed.contains("% of FMA peak"), printed);
    }

    @Test
    void ratiosComeOnlyWhenPyTorchHasARealBlas(@TempDir Path temp) throws IOException {
        Path fast = fakePython(Files.createDirectory(temp.resolve("fast")), "{\"torch_version\": \"9.9\", "
                + "\"blas\": \"open\", \"threads\": 2, \"data\": \"random images\", \"sgemm_64_gflops\": 50.0, "
                + "\"mlp_train_64_images_per_s\": 1000.0}");
        String compared = run(tiny(Set.of("gemm", "mlp_train"), fast, null));
        assertTrue(compared.contains("PyTorch 9.9, BLAS open, 2 threads"), compared);
        assertTrue(compared.lines().anyMatch(line -> line.startsWith("MLP 784-128-10 training") && line.matches(".*\\d+\\.\\d+x.*")
                && line.contains("1000")), compared);
        assertFalse(compared.contains("No ratios"), compared);

        // Without the GEMM workload the script's quick product still tells a real BLAS.
        Path checked = fakePython(Files.createDirectory(temp.resolve("checked")), "{\"torch_version\": \"9.9\", "
                + "\"blas\": \"open\", \"threads\": 2, \"data\": \"random images\", \"blas_check_gflops\": 50.0, "
                + "\"mlp_train_64_images_per_s\": 1000.0}");
        String mlpOnly = run(tiny(Set.of("mlp_train"), checked, null));
        assertTrue(mlpOnly.lines().anyMatch(line -> line.startsWith("MLP 784-128-10 training")
                && line.matches(".*\\d+\\.\\d+x.*")), mlpOnly);

        Path slow = fakePython(Files.createDirectory(temp.resolve("slow")), "{\"torch_version\": \"9.9\", "
                + "\"blas\": \"generic\", \"threads\": 2, \"data\": \"random images\", \"sgemm_64_gflops\": 3.0}");
        String refused = run(tiny(Set.of("gemm"), slow, null));
        assertTrue(refused.contains("No ratios: torch.mm reached only 3.0 GFLOP/s"), refused);
        assertFalse(refused.lines().anyMatch(line -> line.startsWith("SGEMM") && line.matches(".*\\d+\\.\\d+x.*")),
                refused);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSidesAlternateWorkloadByWorkloadAndTheMedianOverRoundsCounts(@TempDir Path temp) throws IOException {
        Path calls = temp.resolve("calls");
        Path python = temp.resolve("python");
        // Logs the workload it is asked for and reports its figure as ten times the calls so far.
        Files.writeString(python, """
                #!/bin/sh
                while [ $# -gt 0 ]; do [ "$1" = --only ] && workload=$2; shift; done
                echo "$workload" >> %s
                n=$(wc -l < %s)
                case $workload in gemm) key=sgemm_64_gflops;; *) key=mlp_train_64_images_per_s;; esac
                echo "{\\"torch_version\\": \\"9.9\\", \\"blas\\": \\"open\\", \\"$key\\": ${n}0.0}"
                """.formatted(calls, calls));
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path output = temp.resolve("bench.json");
        String printed = run(new BenchCommand.Options(2, new Timing(0, 1), 4, 3, Set.of("mlp_train", "gemm"), python,
                FashionData.EMBEDDED, output, TINY_GEMM));
        assertTrue(printed.contains("rounds' ratios"), printed);
        assertEquals(java.util.List.of("gemm", "mlp_train", "gemm", "mlp_train", "gemm", "mlp_train"),
                Files.readAllLines(calls));
        Map<String, Object> figures = (Map<String, Object>) Json.readFile(output);
        Map<String, Object> rounds = (Map<String, Object>) figures.get("pytorch_rounds");
        assertEquals(java.util.List.of(10.0, 30.0, 50.0), rounds.get("sgemm_64_gflops"));
        assertEquals(java.util.List.of(20.0, 40.0, 60.0), rounds.get("mlp_train_64_images_per_s"));
        assertEquals(30.0, ((Number) ((Map<String, Object>) figures.get("pytorch")).get("sgemm_64_gflops")).doubleValue());
        Map<String, Object> noetherRounds = (Map<String, Object>) figures.get("noether_rounds");
        assertEquals(3, ((java.util.List<?>) noetherRounds.get("mlp_train_64_images_per_s")).size());
        // The FMA peak is taken each round and the best counts, not the median.
        java.util.List<Number> peaks = (java.util.List<Number>) noetherRounds.get("fma_peak_gflops");
        assertEquals(3, peaks.size());
        assertEquals(peaks.stream().mapToDouble(Number::doubleValue).max().orElseThrow(),
                ((Number) ((Map<String, Object>) figures.get("noether")).get("fma_peak_gflops")).doubleValue());
    }

    @Test
    void aMissingPythonOrAFailingScriptIsSaidAndTheNoetherFiguresStillPrint(@TempDir Path temp) throws IOException {
        String missing = run(tiny(Set.of("gemm"), temp.resolve("no-such-python"), null));
        assertTrue(missing.contains("not found: install PyTorch"), missing);
        assertTrue(missing.contains("SGEMM n=64"), missing);

        Path failing = temp.resolve("failing");
        Files.writeString(failing, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'torch'\"\nexit 1\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
        String noTorch = run(tiny(Set.of("gemm"), failing, null));
        assertTrue(noTorch.contains("exited with status 1 (no torch: apt-get install -y python3-torch"), noTorch);
    }

    @Test
    void unknownWorkloadsAndTooFewStepsAreRefusedByName() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> tiny(Set.of("resnet"), null, null));
        assertEquals("Unknown workload 'resnet'. Known: [gemm, cnn_train, cnn_infer, mlp_train, lenet_train, pinn]",
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BenchCommand.Options(1, new Timing(0, 1), 2, 1,
                Set.of(), null, null, null, TINY_GEMM));
        IllegalArgumentException noRounds = assertThrows(IllegalArgumentException.class,
                () -> new BenchCommand.Options(1, new Timing(0, 1), 4, 0, Set.of(), null, null, null, TINY_GEMM));
        assertEquals("--rounds must be at least 1. Received: 0", noRounds.getMessage());
    }

    @Test
    void theMedianIgnoresTheOddSlowRepeat() {
        assertEquals(2.0, Timing.median(new double[] {2.0, 1.0, 9.0}), 0);
        assertEquals(1.5, Timing.median(new double[] {1.0, 2.0}), 0);
        assertThrows(IllegalArgumentException.class, () -> new Timing(0, 0));
    }
}
