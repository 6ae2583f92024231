package org.noether.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.noether.data.FashionMnist;
import org.noether.examples.FashionData;
import org.noether.io.AtomicFiles;
import org.noether.io.Json;
import org.noether.kernel.Gemm;
import org.noether.kernel.Parallel;

/**
 * {@code noether bench}: Noether against PyTorch on this machine, in one run, with the same
 * threads, workloads and timing — the FMA peak Java reaches and GEMM's fraction of it, training
 * and inference throughput of the Keras tutorial CNN, MLP training, and a physics-informed step —
 * printed side by side with the ratio (above 1: Noether is faster).
 *
 * <p>PyTorch's figures count only when its BLAS is a real one: Debian's torch without
 * {@code libopenblas0-openmp} falls back to the reference BLAS, and a ratio against that would
 * flatter Noether, so below {@value #MIN_TORCH_GFLOPS} GFLOP/s for {@code torch.mm} the command
 * prints PyTorch's figures without ratios and says why.
 *
 * <pre>{@code noether bench --threads 2 --rounds 3 --output bench.json}</pre>
 */
public final class BenchCommand {
    /** The least {@code torch.mm} GFLOP/s that shows an optimized BLAS (reference BLAS: 2–6). */
    static final double MIN_TORCH_GFLOPS = 20;
    static final Set<String> WORKLOADS = new LinkedHashSet<>(List.of("gemm", "cnn_train", "cnn_infer", "mlp_train",
            "lenet_train", "pinn"));

    /** One row of the table: a figure's key, its label, and whether higher is better. */
    private record Row(String key, String label, boolean higherIsBetter) {
    }

    private BenchCommand() {
    }

    /** What the command line may set; see the usage text. */
    public record Options(int threads, Timing timing, int steps, int rounds, Set<String> only, Path python, Path data,
                          Path output, int[] gemmSizes) {
        public Options {
            for (String name : only) {
                if (!WORKLOADS.contains(name)) {
                    throw new IllegalArgumentException("Unknown workload '" + name + "'. Known: " + WORKLOADS);
                }
            }
            if (steps < 4) {
                throw new IllegalArgumentException("--steps must be at least 4. Received: " + steps);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1. Received: " + rounds);
            }
        }

        /** The workloads to run, in the table's order. */
        List<String> workloads() {
            return WORKLOADS.stream().filter(name -> only.isEmpty() || only.contains(name)).toList();
        }
    }

    /**
     * Runs both sides and prints the table; returns every figure (Noether's and PyTorch's). The
     * sides alternate workload by workload, {@code rounds} times, and each figure is the median
     * over the rounds: on a machine whose speed drifts by a quarter within minutes, a ratio of two
     * figures taken minutes apart measured the drift as much as the code.
     */
    public static Map<String, Object> run(Options options, PrintStream out) throws IOException {
        Parallel.setThreads(options.threads());
        FashionData data = FashionData.locate(options.data());
        Path torchData = options.data() != null ? options.data()
                : Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY) && data.full() ? FashionMnist.DEFAULT_DIRECTORY
                : null;
        out.printf(Locale.ROOT, "Noether bench: %d threads, GEMM kernel %s, Java %s%n", options.threads(),
                Gemm.kernelName(), Runtime.version());
        out.println("Images: " + data.source());
        out.printf(Locale.ROOT, "Timing: median of %d repeats after %d warm-up repeats (at least %.0f s); %d training steps"
                + " per repeat; the two sides alternate workload by workload, %d round%s, medians over rounds%n",
                options.timing().repeats(), options.timing().warmup(), Timing.WARMUP_SECONDS, options.steps(),
                options.rounds(), options.rounds() == 1 ? "" : "s");

        Map<String, List<Double>> noetherRounds = new LinkedHashMap<>();
        Map<String, List<Double>> torchRounds = new LinkedHashMap<>();
        Map<String, String> torchFacts = new LinkedHashMap<>();
        NoetherWorkloads noether = new NoetherWorkloads(data.split().train(), options.timing(), options.steps());
        String torchFailure = options.python() == null ? "--python none" : null;
        for (int round = 0; round < options.rounds(); round++) {
            for (String workload : options.workloads()) {
                if (workload.equals("gemm")) {
                    // Taken again each round, just before GEMM, and the best counts (see medians).
                    record(noetherRounds, Map.of("fma_peak_1_thread_gflops", FmaPeak.measure(1, 200_000_000),
                            "fma_peak_gflops", FmaPeak.measure(options.threads(), 200_000_000)));
                }
                // The one-thread figure is taken once: it is a property of Noether, not a comparison.
                record(noetherRounds, noether.run(Set.of(workload), options.gemmSizes(), round == 0));
                if (torchFailure == null) {
                    TorchRunner.Result torch = TorchRunner.run(options.python(), torchArguments(options, workload,
                            torchData), options.threads());
                    if (torch.ran()) {
                        record(torchRounds, torch.figures());
                        torchFacts.putAll(torch.facts());
                    } else {
                        torchFailure = torch.failure();
                    }
                }
            }
        }
        Map<String, Double> noetherFigures = medians(noetherRounds);
        TorchRunner.Result torch = torchFailure != null ? TorchRunner.none(torchFailure)
                : new TorchRunner.Result(medians(torchRounds), torchFacts, null);
        print(options, noetherFigures, torch, noetherRounds, torchRounds, out);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("threads", options.threads());
        figures.put("rounds", options.rounds());
        figures.put("gemm_kernel", Gemm.kernelName());
        figures.put("java", Runtime.version().toString());
        figures.put("noether", noetherFigures);
        figures.put("pytorch", torch.ran() ? torch.figures() : Map.of());
        figures.put("pytorch_facts", torch.ran() ? torch.facts() : Map.of("failure", torch.failure()));
        figures.put("noether_rounds", noetherRounds);
        figures.put("pytorch_rounds", torch.ran() ? torchRounds : Map.of());
        if (options.output() != null) {
            AtomicFiles.writeString(options.output(), Json.write(figures));
            out.println("Figures written to " + options.output());
        }
        return figures;
    }

    private static List<String> torchArguments(Options options, String workload, Path torchData) {
        List<String> arguments = new ArrayList<>(List.of("--threads", Integer.toString(options.threads()),
                "--repeats", Integer.toString(options.timing().repeats()),
                "--warmup", Integer.toString(options.timing().warmup()),
                "--warmup-seconds", Double.toString(Timing.WARMUP_SECONDS),
                "--steps", Integer.toString(options.steps()),
                "--gemm", String.join(",", Arrays.stream(options.gemmSizes()).mapToObj(Integer::toString).toList()),
                "--only", workload));
        if (torchData != null) {
            arguments.addAll(List.of("--data", torchData.toString()));
        }
        return arguments;
    }

    private static void record(Map<String, List<Double>> rounds, Map<String, Double> figures) {
        figures.forEach((key, value) -> rounds.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
    }

    /**
     * Each figure's median over the rounds, except the FMA peak's best: a peak is what the machine
     * can do, and this virtual machine's second core sometimes ran slow for minutes (185 of about
     * 230 GFLOP/s on two threads in all five trials of one measurement).
     */
    private static Map<String, Double> medians(Map<String, List<Double>> rounds) {
        Map<String, Double> medians = new LinkedHashMap<>();
        rounds.forEach((key, values) -> {
            double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
            medians.put(key, key.startsWith("fma_peak") ? Arrays.stream(array).max().orElseThrow()
                    : Timing.median(array));
        });
        return medians;
    }

    private static void print(Options options, Map<String, Double> noether, TorchRunner.Result torch,
                              Map<String, List<Double>> noetherRounds, Map<String, List<Double>> torchRounds,
                              PrintStream out) {
        Double peak = noether.get("fma_peak_gflops");
        if (peak != null) {
            out.printf(Locale.ROOT, "FMA peak (Java, %d-bit vectors): %.1f GFLOP/s on 1 thread, %.1f on %d%n",
                    FmaPeak.vectorBits(), noether.get("fma_peak_1_thread_gflops"), peak, options.threads());
        }
        // The GEMM workload's products, or the quick product the script runs whatever the workloads.
        double torchGemm = torch.figures().entrySet().stream()
                .filter(e -> e.getKey().startsWith("sgemm_") || e.getKey().equals("blas_check_gflops"))
                .mapToDouble(Map.Entry::getValue).max().orElse(0);
        boolean comparable = torch.ran() && torchGemm >= MIN_TORCH_GFLOPS;
        if (torch.ran()) {
            out.printf(Locale.ROOT, "PyTorch %s, BLAS %s, %d threads, images: %s%n", torch.facts().get("torch_version"),
                    torch.facts().get("blas"), torch.figures().getOrDefault("threads", 0.0).intValue(),
                    torch.facts().get("data"));
        } else {
            out.println("PyTorch: not run (" + torch.failure() + ")");
        }
        if (torch.ran() && !comparable) {
            out.printf(Locale.ROOT, "No ratios: torch.mm reached only %.1f GFLOP/s (below %.0f), so PyTorch runs on "
                    + "the reference BLAS; apt-get install -y libopenblas0-openmp and run again%n", torchGemm,
                    MIN_TORCH_GFLOPS);
        }

        List<Row> rows = new ArrayList<>();
        for (int n : options.gemmSizes()) {
            rows.add(new Row("sgemm_" + n + "_gflops", "SGEMM n=" + n + " (GFLOP/s)", true));
        }
        rows.add(new Row("cnn_train_64_images_per_s", "CNN training, batch 64 (images/s)", true));
        rows.add(new Row("cnn_train_128_images_per_s", "CNN training, batch 128 (images/s)", true));
        rows.add(new Row("cnn_infer_256_images_per_s", "CNN inference, batch 256 (images/s)", true));
        rows.add(new Row("mlp_train_64_images_per_s", "MLP 784-128-10 training, batch 64 (images/s)", true));
        rows.add(new Row("lenet_train_64_images_per_s", "LeNet-5 training, batch 64 (images/s)", true));
        rows.add(new Row("pinn_step_ms", "PINN step, 2-20x8-1, 10,000 points (ms)", false));

        out.println();
        boolean spread = comparable && options.rounds() > 1;
        out.printf(Locale.ROOT, "%-46s %12s %12s %8s%s%n", "", "Noether", "PyTorch", "ratio",
                spread ? "   rounds' ratios" : "");
        for (Row row : rows) {
            Double mine = noether.get(row.key());
            if (mine == null) {
                continue;
            }
            Double theirs = torch.figures().get(row.key());
            String ratio = "";
            if (comparable && theirs != null) {
                ratio = String.format(Locale.ROOT, "%.2fx", row.higherIsBetter() ? mine / theirs : theirs / mine);
            }
            String note = "";
            if (spread && theirs != null) {
                note = "   " + ratioRange(row, noetherRounds.get(row.key()), torchRounds.get(row.key()));
            }
            if (peak != null && row.key().startsWith("sgemm_")) {
                note += String.format(Locale.ROOT, "   %.0f%% of FMA peak", 100 * mine / peak);
            }
            out.printf(Locale.ROOT, "%-46s %12s %12s %8s%s%n", row.label(), fmt(mine), fmt(theirs), ratio, note);
        }
        List<String> paths = rows.stream().map(row -> row.key() + "_path").filter(torch.facts()::containsKey).toList();
        if (!paths.isEmpty()) {
            out.printf("%nPyTorch's convolutions timed on both its paths (images/s), the faster compared:%n");
            for (String path : paths) {
                out.printf(Locale.ROOT, "  %s: %s%n", path.substring(0, path.length() - "_images_per_s_path".length()),
                        torch.facts().get(path));
            }
        }
        Double oneThread = noether.get("cnn_train_64_images_per_s_1_thread");
        if (oneThread != null) {
            out.printf(Locale.ROOT, "%nCNN training, batch 64, on 1 thread: %s images/s; %d threads are %.2fx faster%n",
                    fmt(oneThread), options.threads(), noether.get("cnn_train_64_images_per_s") / oneThread);
        }
        printGarbage(out, noether, "cnn_train", "CNN training");
        printGarbage(out, noether, "lenet_train", "LeNet-5 training");
    }

    /** The allocation line of one training workload, if it ran. */
    private static void printGarbage(PrintStream out, Map<String, Double> noether, String key, String label) {
        Double allocated = noether.get(key + "_64_allocated_mb_per_step");
        if (allocated != null) {
            out.printf(Locale.ROOT, "%s, batch 64: %.1f MB allocated per step, %.2f collections per step, "
                            + "%.1f%% of the time in the collector%n", label, allocated,
                    noether.get(key + "_64_collections_per_step"), 100 * noether.get(key + "_64_gc_share"));
        }
    }

    /** The lowest and highest ratio of one round's figures, e.g. "0.91-1.12x". */
    private static String ratioRange(Row row, List<Double> mine, List<Double> theirs) {
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
            double ratio = row.higherIsBetter() ? mine.get(i) / theirs.get(i) : theirs.get(i) / mine.get(i);
            low = Math.min(low, ratio);
            high = Math.max(high, ratio);
        }
        return String.format(Locale.ROOT, "%.2f-%.2fx", low, high);
    }

    private static String fmt(Double value) {
        if (value == null) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
