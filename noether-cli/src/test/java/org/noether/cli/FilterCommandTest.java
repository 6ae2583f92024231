package org.noether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.data.Images;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * {@code noether filter} end to end on generated PNG files: the filtered images that come out, and
 * the exit statuses and messages of wrong command lines (2) and unreadable files (1).
 */
class FilterCommandTest {
    @TempDir
    Path directory;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, outStream, errStream);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), "expected to find \"" + expected + "\" in:\n" + text);
    }

    /** A grey 8×10 PNG, dark left of column 5 and bright from it on. */
    private Path edgePng() throws IOException {
        float[] values = new float[8 * 10];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 10 < 5 ? 0.2f : 0.8f;
        }
        Path file = directory.resolve("edge.png");
        Images.writePng(Tensor.of(values, 1, 8, 10, 1), file);
        return file;
    }

    @Test
    void sobelXOfAVerticalEdgeLightsUpOnlyTheEdgeColumns() throws IOException {
        Path output = directory.resolve("out/edges.png");
        Run run = run("filter", edgePng().toString(), output.toString(), "--kernel", "sobel-x", "--normalize");
        assertEquals(0, run.status(), run.err());
        assertContains(run.out(), "(10×8, 1 channel) filtered with sobel-x, reflect border, normalized -> " + output);
        Tensor edges = Images.read(output);
        assertEquals(Shape.of(1, 8, 10, 1), edges.shape());
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                // the response 4·0.6 at columns 4 and 5 becomes white, the zero elsewhere black
                assertEquals(x == 4 || x == 5 ? 1 : 0, edges.get(0, y, x, 0), 1e-6, y + "," + x);
            }
        }
    }

    @Test
    void blurKeepsAConstantColourImageAndEveryKernelRuns() throws IOException {
        Path input = directory.resolve("flat.png");
        Images.writePng(Tensor.full(Shape.of(1, 9, 7, 3), 0.4), input);
        Path output = directory.resolve("flat-blur.png");
        Run blur = run("filter", input.toString(), output.toString(), "--kernel", "blur", "--size", "5");
        assertEquals(0, blur.status(), blur.err());
        Tensor blurred = Images.read(output);
        assertEquals(Shape.of(1, 9, 7, 3), blurred.shape());
        for (float value : blurred.data()) {
            assertEquals(Math.round(0.4 * 255) / 255f, value, 1e-6);
        }
        Path noisy = directory.resolve("noisy.png");
        Images.writePng(Tensor.uniform(Shape.of(1, 12, 12, 1), 0, 1, new Rng(1)), noisy);
        String[][] kernels = {{"gaussian", "--sigma", "1.5"}, {"sobel-y"}, {"sobel", "--boundary", "zeros"},
            {"laplacian", "--neighbours", "8", "--boundary", "periodic"}, {"gabor", "--theta", "30", "--wavelength", "4"}};
        for (String[] kernel : kernels) {
            Path result = directory.resolve(kernel[0] + ".png");
            String[] args = new String[kernel.length + 5];
            args[0] = "filter";
            args[1] = noisy.toString();
            args[2] = result.toString();
            args[3] = "--normalize";
            args[4] = "--kernel";
            System.arraycopy(kernel, 0, args, 5, kernel.length);
            Run run = run(args);
            assertEquals(0, run.status(), String.join(" ", args) + "\n" + run.err());
            assertEquals(Shape.of(1, 12, 12, 1), Images.read(result).shape());
        }
    }

    @Test
    void wrongCommandLinesAreUsageErrors() throws IOException {
        String input = edgePng().toString();
        String output = directory.resolve("never.png").toString();
        String[][] cases = {
            {"filter needs --kernel, one of [blur, gaussian, sobel-x, sobel-y, sobel, laplacian, gabor]. Received: "
                    + "'emboss'", "filter", input, output, "--kernel", "emboss"},
            {"filter needs --kernel", "filter", input, output},
            {"filter needs an input image and an output PNG. Received: [" + input + "]", "filter", input, "--kernel",
                "blur"},
            {"filter writes PNG files: the output name must end in .png. Received: out.jpg", "filter", input, "out.jpg", "--kernel", "blur"},
            {"--sigma does not apply to --kernel sobel-x, which takes no options", "filter", input, output,
                "--kernel", "sobel-x", "--sigma", "2"},
            {"--theta does not apply to --kernel gaussian; it takes [--sigma, --size]", "filter", input, output,
                "--kernel", "gaussian", "--theta", "10"},
            {"--boundary must be reflect, zeros or periodic. Received: mirror", "filter", input, output, "--kernel",
                "blur", "--boundary", "mirror"},
            {"boxBlur size must be a positive number of pixels. Received: size=0", "filter", input, output, "--kernel",
                "blur", "--size", "0"},
            {"--size must be a whole number. Received: big", "filter", input, output, "--kernel", "blur", "--size",
                "big"},
            {"Unknown option --sigmaa", "filter", input, output, "--kernel", "gaussian", "--sigmaa", "1"}};
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Run run = run(args);
            assertEquals(2, run.status(), String.join(" ", args));
            assertContains(run.err(), "noether: " + c[0]);
            assertContains(run.err(), "usage: noether");
        }
        assertFalse(Files.exists(Path.of(output)), "nothing is written after a usage error");
    }

    @Test
    void unreadableInputsFailWithStatusOneNamingTheFile() throws IOException {
        Path missing = directory.resolve("missing.png");
        Run none = run("filter", missing.toString(), directory.resolve("a.png").toString(), "--kernel", "sobel");
        assertEquals(1, none.status());
        assertContains(none.err(), "noether: " + missing + ": no such image file");

        Path text = Files.writeString(directory.resolve("text.png"), "hello");
        Run notImage = run("filter", text.toString(), directory.resolve("b.png").toString(), "--kernel", "sobel");
        assertEquals(1, notImage.status());
        assertContains(notImage.err(), "noether: " + text + ": not an image format javax.imageio can read");
        assertFalse(notImage.err().contains("usage:"), "a file error is not a usage error");
    }

    @Test
    void theUsageDescribesFilterAndEveryKernel() {
        Run help = run("help");
        assertContains(help.out(), "filter IN OUT.png");
        for (String kernel : FilterCommand.KERNELS) {
            assertContains(help.out(), kernel);
        }
        for (String option : new String[] {"--kernel", "--size", "--sigma", "--theta", "--wavelength", "--gamma",
                "--neighbours", "--boundary", "--normalize"}) {
            assertContains(help.out(), option);
        }
    }
}
