package org.noether.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.noether.data.Images;
import org.noether.kernel.Boundary;
import org.noether.science.ImageFilter;
import org.noether.science.ImageKernels;
import org.noether.tensor.Tensor;

/**
 * {@code noether filter IN OUT.png --kernel NAME [options]}: filters an image file with one of the
 * notes' kernels (blur, contours) and writes the result as a PNG.
 *
 * <p>Options per kernel, with their defaults: {@code blur --size 3}; {@code gaussian --sigma 1
 * [--size 2⌈3σ⌉+1]}; {@code sobel-x}, {@code sobel-y}, {@code sobel} (the magnitude
 * {@code sqrt(gx² + gy²)}) take none; {@code laplacian --neighbours 4}; {@code gabor
 * --wavelength 6 --sigma 0.56·wavelength (one octave of bandwidth) --theta 0 (degrees) --gamma 0.5
 * [--size]}. Every kernel takes {@code --boundary reflect|zeros|periodic} (default reflect) and
 * {@code --normalize} (stretch min..max to black..white instead of clipping to [0, 1]; signed
 * responses such as sobel-x need it).
 *
 * <pre>{@code noether filter face.png edges.png --kernel sobel --normalize}</pre>
 */
final class FilterCommand {
    static final List<String> KERNELS = List.of("blur", "gaussian", "sobel-x", "sobel-y", "sobel", "laplacian", "gabor");
    private static final String NORMALIZE = "--normalize";
    /** σ/λ of a Gabor filter with a bandwidth of one octave: (1/π)·sqrt(ln 2 / 2)·(2 + 1)/(2 − 1). */
    private static final double ONE_OCTAVE_SIGMA_PER_WAVELENGTH = 3 * Math.sqrt(Math.log(2) / 2) / Math.PI;

    private FilterCommand() {
    }

    static int run(List<String> words, PrintStream out) throws IOException {
        List<String> rest = new ArrayList<>(words);
        boolean normalize = rest.removeIf(NORMALIZE::equals);
        Arguments args = Arguments.parse(rest, Set.of("kernel", "size", "sigma", "theta", "wavelength", "gamma",
                "neighbours", "boundary"));
        if (args.positional().size() != 2) {
            throw new Arguments.UsageException("filter needs an input image and an output PNG. Received: "
                    + args.positional());
        }
        Path input = Path.of(args.positional().get(0));
        Path output = Path.of(args.positional().get(1));
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new Arguments.UsageException("filter writes PNG files: the output name must end in .png. Received: "
                    + output);
        }
        String kernel = args.get("kernel", null);
        if (kernel == null || !KERNELS.contains(kernel)) {
            throw new Arguments.UsageException("filter needs --kernel, one of " + KERNELS + ". Received: "
                    + (kernel == null ? "none" : "'" + kernel + "'"));
        }
        Boundary boundary = boundary(args.get("boundary", "reflect"));
        checkApplicable(kernel, args);
        Tensor kernelTensor = null;
        if (!kernel.equals("sobel")) {
            try {
                kernelTensor = kernel(kernel, args);
            } catch (IllegalArgumentException e) {
                throw new Arguments.UsageException(e.getMessage()); // a kernel parameter out of range
            }
        }
        Tensor image = Images.read(input);
        Tensor filtered = kernelTensor == null ? ImageFilter.sobelMagnitude(image, boundary)
                : ImageFilter.apply(image, kernelTensor, boundary);
        Images.writePng(filtered, output, normalize);
        out.printf(Locale.ROOT, "%s (%d×%d, %d channel%s) filtered with %s, %s border%s -> %s%n", input, image.dim(2),
                image.dim(1), image.dim(3), image.dim(3) == 1 ? "" : "s", kernel,
                boundary.name().toLowerCase(Locale.ROOT), normalize ? ", normalized" : "", output);
        return 0;
    }

    private static Tensor kernel(String name, Arguments args) {
        return switch (name) {
            case "blur" -> ImageKernels.boxBlur(args.getInt("size", 3));
            case "gaussian" -> {
                double sigma = args.getDouble("sigma", 1);
                yield args.has("size") ? ImageKernels.gaussian(sigma, args.getInt("size", 0))
                        : ImageKernels.gaussian(sigma);
            }
            case "sobel-x" -> ImageKernels.sobelX();
            case "sobel-y" -> ImageKernels.sobelY();
            case "laplacian" -> ImageKernels.laplacian(args.getInt("neighbours", 4));
            case "gabor" -> {
                double wavelength = args.getDouble("wavelength", 6);
                double sigma = args.getDouble("sigma", ONE_OCTAVE_SIGMA_PER_WAVELENGTH * wavelength);
                double gamma = args.getDouble("gamma", 0.5);
                int reach = (int) Math.ceil(3 * sigma / Math.min(1, gamma));
                int size = args.has("size") ? args.getInt("size", 0) : 2 * Math.max(reach, 1) + 1;
                yield ImageKernels.gabor(sigma, Math.toRadians(args.getDouble("theta", 0)), wavelength, gamma, 0, size);
            }
            default -> throw new IllegalStateException("unreachable: " + name);
        };
    }

    /** Rejects options that the chosen kernel would ignore, so that a typo'd intent is not silently lost. */
    private static void checkApplicable(String kernel, Arguments args) {
        Set<String> applicable = switch (kernel) {
            case "blur" -> Set.of("size");
            case "gaussian" -> Set.of("size", "sigma");
            case "laplacian" -> Set.of("neighbours");
            case "gabor" -> Set.of("size", "sigma", "theta", "wavelength", "gamma");
            default -> Set.of();
        };
        for (String option : List.of("size", "sigma", "theta", "wavelength", "gamma", "neighbours")) {
            if (args.has(option) && !applicable.contains(option)) {
                throw new Arguments.UsageException("--" + option + " does not apply to --kernel " + kernel
                        + (applicable.isEmpty() ? ", which takes no options"
                        : "; it takes " + applicable.stream().sorted().map(name -> "--" + name).toList()));
            }
        }
    }

    private static Boundary boundary(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "reflect" -> Boundary.REFLECT;
            case "zeros" -> Boundary.ZEROS;
            case "periodic" -> Boundary.PERIODIC;
            default -> throw new Arguments.UsageException("--boundary must be reflect, zeros or periodic. Received: "
                    + name);
        };
    }
}
