package org.noether.science;

import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * The classic fixed image kernels of the notes ("image filtering: how to blur… how to obtain
 * contours", and the setosa.io Sobel example), as Conv2D kernels {@code [kh, kw, 1, 1]}, applied
 * as Conv2D applies them: by correlation, {@code out(y, x) = Σ_{i,j} K(i, j)·in(y + i − ⌊kh/2⌋,
 * x + j − ⌊kw/2⌋)}, i.e. each kernel entry multiplies the pixel at the same place of the window.
 *
 * <ul>
 * <li>box blur: every entry {@code 1/n²} (sums to 1: a constant image stays constant);
 * <li>Gaussian blur: {@code exp(−(u² + v²)/(2σ²))} over the window, normalised to sum 1;
 * <li>Sobel: the derivative estimates {@code [[-1,0,1],[-2,0,2],[-1,0,1]]} (x, pointing right) and
 *     the notes' "top sobel" {@code [[1,2,1],[0,0,0],[-1,-2,-1]]} (y, pointing up, so that x and y
 *     form a right-handed frame as displayed); each sums to 0;
 * <li>Laplacian: {@code ∂²/∂x² + ∂²/∂y²} with the 4-neighbour stencil {@code [[0,1,0],[1,-4,1],[0,1,0]]}
 *     or the 8-neighbour {@code [[1,1,1],[1,-8,1],[1,1,1]]}; sums to 0;
 * <li>Gabor (the notes' aside: "2D Gauss times sin-function", orientation and spatial frequency):
 *     {@code exp(−(x'² + γ²y'²)/(2σ²))·cos(2π x'/λ + ψ)} with {@code x' = x cos θ + y sin θ},
 *     {@code y' = −x sin θ + y cos θ}, x to the right and y up from the window centre.
 * </ul>
 *
 * <p>To filter every channel of a colour image with the same kernel, use {@link #depthwise} (one
 * copy per channel, for a convolution with groups = channels) or {@link ImageFilter}, which does so.
 *
 * <pre>{@code Tensor kernel = ImageKernels.gaussian(1.5, 9);   // [9, 9, 1, 1], sums to 1}</pre>
 */
public final class ImageKernels {
    private ImageKernels() {
    }

    /** A kernel {@code [rows, columns, 1, 1]} with the given entries, row by row. */
    public static Tensor of(double[][] rows) {
        int height = rows.length;
        int width = height == 0 ? 0 : rows[0].length;
        if (height == 0 || width == 0) {
            throw new IllegalArgumentException("A kernel needs at least one row and one column. Received: " + height
                    + " rows");
        }
        float[] values = new float[height * width];
        for (int y = 0; y < height; y++) {
            if (rows[y].length != width) {
                throw new IllegalArgumentException("Kernel row " + y + " has " + rows[y].length
                        + " entries, expected " + width + " like row 0");
            }
            for (int x = 0; x < width; x++) {
                values[y * width + x] = (float) rows[y][x];
            }
        }
        return Tensor.wrap(values, Shape.of(height, width, 1, 1));
    }

    /** The {@code size × size} average: every entry {@code 1/size²}. */
    public static Tensor boxBlur(int size) {
        checkSize("boxBlur", size);
        return Tensor.full(Shape.of(size, size, 1, 1), 1.0 / ((double) size * size));
    }

    /** A Gaussian of standard deviation {@code sigma} pixels over {@code 2⌈3σ⌉ + 1} taps, summing to 1. */
    public static Tensor gaussian(double sigma) {
        checkPositive("gaussian", "sigma", sigma);
        return gaussian(sigma, 2 * (int) Math.ceil(3 * sigma) + 1);
    }

    /** A Gaussian of standard deviation {@code sigma} pixels over {@code size × size} taps, summing to 1. */
    public static Tensor gaussian(double sigma, int size) {
        checkPositive("gaussian", "sigma", sigma);
        checkSize("gaussian", size);
        double[][] rows = sample(size, size, (x, y) -> Math.exp(-(x * x + y * y) / (2 * sigma * sigma)));
        double total = 0;
        for (double[] row : rows) {
            for (double value : row) {
                total += value;
            }
        }
        for (double[] row : rows) {
            for (int x = 0; x < row.length; x++) {
                row[x] /= total;
            }
        }
        return of(rows);
    }

    /** The Sobel estimate of ∂/∂x (x to the right): {@code [[-1,0,1],[-2,0,2],[-1,0,1]]}. */
    public static Tensor sobelX() {
        return of(new double[][] {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}});
    }

    /** The Sobel estimate of ∂/∂y (y up), the notes' "top sobel": {@code [[1,2,1],[0,0,0],[-1,-2,-1]]}. */
    public static Tensor sobelY() {
        return of(new double[][] {{1, 2, 1}, {0, 0, 0}, {-1, -2, -1}});
    }

    /** The discrete Laplacian over 4 (edge) or 8 (edge and corner) neighbours. */
    public static Tensor laplacian(int neighbours) {
        return switch (neighbours) {
            case 4 -> of(new double[][] {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}});
            case 8 -> of(new double[][] {{1, 1, 1}, {1, -8, 1}, {1, 1, 1}});
            default -> throw new IllegalArgumentException("The Laplacian has 4 or 8 neighbours. Received: neighbours="
                    + neighbours);
        };
    }

    /**
     * The Gabor kernel {@code exp(−(x'² + γ²y'²)/(2σ²))·cos(2π x'/λ + ψ)} over {@code size × size}
     * taps: stripes of wavelength {@code lambda} pixels running at angle {@code theta} (radians,
     * counter-clockwise from vertical stripes that respond to changes along x), under a Gaussian
     * envelope of width {@code sigma} stretched by {@code 1/gamma} along the stripes. {@code psi = 0}
     * gives an even (point-symmetric) kernel, {@code psi = −π/2} an odd one.
     */
    public static Tensor gabor(double sigma, double theta, double lambda, double gamma, double psi, int size) {
        checkPositive("gabor", "sigma", sigma);
        checkPositive("gabor", "lambda", lambda);
        checkPositive("gabor", "gamma", gamma);
        if (!Double.isFinite(theta) || !Double.isFinite(psi)) {
            throw new IllegalArgumentException("gabor theta and psi must be finite. Received: theta=" + theta + ", psi="
                    + psi);
        }
        checkSize("gabor", size);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        return of(sample(size, size, (x, y) -> {
            double along = x * cos + y * sin;
            double across = -x * sin + y * cos;
            return Math.exp(-(along * along + gamma * gamma * across * across) / (2 * sigma * sigma))
                    * Math.cos(2 * Math.PI * along / lambda + psi);
        }));
    }

    /**
     * {@code kernel [kh, kw, 1, 1]} repeated for each of {@code channels} channels,
     * {@code [kh, kw, 1, channels]}: the kernel of a convolution with {@code groups = channels} that
     * filters every channel by itself. Differentiable: a kernel being learned gets the sum of its
     * copies' gradients.
     */
    public static Tensor depthwise(Tensor kernel, int channels) {
        checkSingle(kernel);
        if (channels < 1) {
            throw new IllegalArgumentException("depthwise needs at least one channel. Received: channels=" + channels);
        }
        return kernel.expand(Shape.of(kernel.dim(0), kernel.dim(1), 1, channels));
    }

    /** Throws unless {@code kernel} has shape {@code [kh, kw, 1, 1]}. */
    static void checkSingle(Tensor kernel) {
        if (kernel.rank() != 4 || kernel.dim(2) != 1 || kernel.dim(3) != 1) {
            throw new IllegalArgumentException("Expected a single-channel kernel [height, width, 1, 1]. Received: shape "
                    + kernel.shape());
        }
    }

    /** A function of the offset from the window centre: x to the right, y up. */
    private interface Profile {
        double at(double x, double y);
    }

    private static double[][] sample(int height, int width, Profile profile) {
        double[][] rows = new double[height][width];
        double centreY = (height - 1) / 2.0;
        double centreX = (width - 1) / 2.0;
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                rows[row][column] = profile.at(column - centreX, centreY - row);
            }
        }
        return rows;
    }

    private static void checkSize(String kernel, int size) {
        if (size < 1) {
            throw new IllegalArgumentException(kernel + " size must be a positive number of pixels. Received: size="
                    + size);
        }
    }

    private static void checkPositive(String kernel, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(kernel + " " + name + " must be a positive finite number. Received: "
                    + name + "=" + value);
        }
    }
}
