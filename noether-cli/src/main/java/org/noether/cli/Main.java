package org.noether.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.noether.cli.bench.BenchCommand;
import org.noether.cli.bench.Timing;
import org.noether.data.Dataset;
import org.noether.examples.ClassifierDemo;
import org.noether.examples.FashionData;
import org.noether.kernel.Parallel;
import org.noether.models.Model;

/**
 * The {@code noether} command line: demos, and inspecting and evaluating saved models.
 *
 * <pre>{@code
 * noether demo                      # trains the default demo on Fashion-MNIST
 * noether demo mlp --epochs 3       # a named demo with options
 * noether summary models/mlp        # layers and parameter counts of a saved model
 * noether evaluate models/mlp       # its loss and accuracy on the Fashion-MNIST test set
 * }</pre>
 */
public final class Main {
    private static final String VERSION = "0.1.0";

    private Main() {
    }

    /** Runs a subcommand; exits with status 1 on failure and 2 on a usage error. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a subcommand and returns the exit status (0 success, 1 failure, 2 usage error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(usage());
            return 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "demo" -> demo(rest, out);
                case "summary" -> summary(rest, out);
                case "evaluate" -> evaluate(rest, out);
                case "filter" -> FilterCommand.run(rest, out);
                case "bench" -> bench(rest, out);
                case "version", "--version" -> {
                    out.println("noether " + VERSION + " (Java " + Runtime.version() + ", " + Parallel.threads()
                            + " threads)");
                    yield 0;
                }
                default -> throw new Arguments.UsageException("Unknown command '" + args[0] + "'");
            };
        } catch (Arguments.UsageException e) {
            err.println("noether: " + e.getMessage());
            err.print(usage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("noether: " + e.getMessage());
            return 1;
        }
    }

    private static int demo(List<String> words, PrintStream out) throws IOException {
        Arguments args = Arguments.parse(words, Set.of("data", "epochs", "batch-size", "output", "seed", "threads",
                "validation-split"));
        if (args.positional().size() > 1) {
            throw new Arguments.UsageException("demo takes one name at most. Received: " + args.positional());
        }
        ClassifierDemo demo = Demos.defaultDemo();
        if (!args.positional().isEmpty()) {
            demo = Demos.ALL.get(args.positional().get(0));
            if (demo == null) {
                throw new Arguments.UsageException("Unknown demo '" + args.positional().get(0) + "'. Known: "
                        + Demos.ALL.keySet());
            }
        }
        applyThreads(args);
        Integer epochs = args.has("epochs") ? args.getInt("epochs", 0) : null;
        Integer batchSize = args.has("batch-size") ? args.getInt("batch-size", 0) : null;
        demo.run(new ClassifierDemo.Options(args.getPath("data", null), epochs, batchSize, args.getPath("output", null),
                args.getLong("seed", 0), args.getDouble("validation-split", 0)), out);
        return 0;
    }

    private static int summary(List<String> words, PrintStream out) throws IOException {
        Arguments args = Arguments.parse(words, Set.of());
        Model model = Model.load(singlePath(args, "summary"));
        out.print(model.summary());
        return 0;
    }

    private static int evaluate(List<String> words, PrintStream out) throws IOException {
        Arguments args = Arguments.parse(words, Set.of("data", "batch-size", "threads"));
        applyThreads(args);
        Model model = Model.load(singlePath(args, "evaluate"));
        if (!model.isCompiled()) {
            throw new IllegalArgumentException("The model was saved without a built-in loss; compile it in Java to "
                    + "evaluate it");
        }
        // The same data as the demo finds, so that a model trained on the embedded subset (no package
        // installed) is evaluated on that subset's test images instead of failing for lack of files.
        FashionData data = FashionData.locate(args.getPath("data", null));
        Dataset test = data.split().test();
        Map<String, Double> result = model.evaluate(test.x(), test.y(), args.getInt("batch-size", 256));
        StringJoiner metrics = new StringJoiner(", ");
        result.forEach((name, value) -> metrics.add(String.format(Locale.ROOT, "test %s %.4f", name, value)));
        out.println(data.source() + ", " + test.size() + " test images: " + metrics);
        return 0;
    }

    private static int bench(List<String> words, PrintStream out) throws IOException {
        Arguments args = Arguments.parse(words, Set.of("threads", "repeats", "warmup", "steps", "rounds", "only",
                "python", "data", "output", "gemm"));
        if (!args.positional().isEmpty()) {
            throw new Arguments.UsageException("bench takes no names. Received: " + args.positional());
        }
        String only = args.get("only", "");
        Set<String> workloads = new java.util.LinkedHashSet<>();
        for (String name : only.split(",")) {
            if (!name.isBlank()) {
                workloads.add(name.trim());
            }
        }
        String python = args.get("python", "/usr/bin/python3");
        int[] gemmSizes;
        try {
            gemmSizes = Arrays.stream(args.get("gemm", "512,1024,2048").split(",")).map(String::trim)
                    .mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new Arguments.UsageException("--gemm takes matrix sizes separated by commas, e.g. 512,1024. "
                    + "Received: " + args.get("gemm", ""));
        }
        BenchCommand.run(new BenchCommand.Options(args.getInt("threads", Parallel.threads()),
                new Timing(args.getInt("warmup", 2), args.getInt("repeats", 5)), args.getInt("steps", 40),
                args.getInt("rounds", 3), workloads,
                python.equals("none") ? null : Path.of(python), args.getPath("data", null),
                args.getPath("output", null), gemmSizes), out);
        return 0;
    }

    private static Path singlePath(Arguments args, String command) {
        if (args.positional().size() != 1) {
            throw new Arguments.UsageException(command + " needs the directory of a saved model. Received: "
                    + args.positional());
        }
        return Path.of(args.positional().get(0));
    }

    private static void applyThreads(Arguments args) {
        if (args.has("threads")) {
            Parallel.setThreads(args.getInt("threads", Parallel.threads()));
        }
    }

    static String usage() {
        return """
                usage: noether <command> [options]

                commands:
                  demo [NAME]         train a demo network on Fashion-MNIST, report test accuracy, save it
                                      (names: %s; default: %s)
                      --data DIR            directory with the Fashion-MNIST IDX files, or 'embedded' for the
                                            bundled 10,000-image subset (default: the Debian package's
                                            directory if installed, else the subset)
                      --epochs N            number of epochs (default: the demo's)
                      --batch-size N        samples per step (default: the demo's)
                      --validation-split F  hold out this fraction of the training data for validation
                      --output DIR          where to save the model (default: models/NAME)
                      --seed N              seed of every random choice (default 0)
                      --threads N           kernel threads (default: all cores; or NOETHER_THREADS)
                  summary MODEL_DIR   print the layers and parameter counts of a saved model
                  evaluate MODEL_DIR  loss and metrics of a saved model on the Fashion-MNIST test set
                      --data DIR, --batch-size N, --threads N (data found as for demo)
                  filter IN OUT.png   filter an image (PNG or JPEG) with a fixed kernel and write a PNG
                      --kernel K            blur, gaussian, sobel-x, sobel-y, sobel (gradient magnitude),
                                            laplacian or gabor
                      --size N              window of blur (3), gaussian (2*ceil(3*sigma)+1) or gabor
                      --sigma S             width of gaussian (1) or gabor (0.56 * wavelength)
                      --theta DEG           gabor orientation, counter-clockwise (0)
                      --wavelength W        gabor stripe period in pixels (6); --gamma G its aspect (0.5)
                      --neighbours 4|8      laplacian stencil (4)
                      --boundary B          beyond the border: reflect (default), zeros or periodic
                      --normalize           stretch min..max to black..white instead of clipping to 0..1
                  bench               time Noether and PyTorch side by side on this machine: FMA peak,
                                      SGEMM, CNN training and inference, MLP training, a PINN step
                      --threads N           threads for both (default: all cores; or NOETHER_THREADS)
                      --repeats N           timed repeats, of which the median counts (5); --warmup N (2)
                      --steps N             training steps per repeat (40)
                      --rounds N            times the two sides alternate per workload; medians count (3)
                      --only LIST           some of gemm,cnn_train,cnn_infer,mlp_train,lenet_train,pinn (default all)
                      --gemm LIST           SGEMM sizes (512,1024,2048)
                      --python PATH         the Python with torch (/usr/bin/python3), or 'none'
                      --data DIR            Fashion-MNIST directory, as for demo
                      --output FILE         also write every figure as JSON
                  jmh [JMH OPTIONS]   run the JMH benchmarks of benchmarks/ (handled by the ./noether launcher)
                  test                run the whole test suite (handled by the ./noether launcher)
                  version             print the version
                  help                print this text
                """.formatted(String.join(", ", Demos.ALL.keySet()), Demos.defaultDemo().name());
    }
}
