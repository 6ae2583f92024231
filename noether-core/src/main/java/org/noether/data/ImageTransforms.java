package org.noether.data;

import java.util.Arrays;
import org.noether.autograd.GradMode;
import org.noether.autograd.ops.Gather;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Transforms of NHWC image batches for augmentation (the notes' "generating new training images by
 * transformations", and the homework's noisy and occluded images): affine warps (shift, rotation,
 * zoom, flip) resampled by nearest or bilinear interpolation, erased rectangles and additive
 * Gaussian noise. The augmentation layers of {@code nn.layers.augmentation} draw their random
 * parameters and call these; they serve as well to make a noisy or occluded copy of a data set.
 *
 * <p>Shape: {@code [n, h, w, c] → [n, h, w, c]}. Every transform is differentiable in the images:
 * a warp is linear in them, {@code out[p] = Σ_k w_k(p)·x[src_k(p)] + w_fill(p)·fill}, so its
 * gradient sends {@code g[p]·w_k(p)} back to each source pixel; erasing passes the gradient outside
 * the rectangle and zero inside; noise passes it unchanged. (The warp parameters themselves get no
 * gradient.)
 *
 * <pre>{@code
 * Tensor turned = ImageTransforms.warp(images, AffineWarp.rotation(0.3, 28, 28), Interpolation.BILINEAR,
 *         FillMode.REFLECT, 0);
 * Tensor occluded = ImageTransforms.occlude(images, 0.05, 0.2, 0f, new Rng(1));
 * }</pre>
 */
public final class ImageTransforms {
    /**
     * Positions this close to a pixel centre read that pixel alone, so that whole-pixel shifts,
     * flips and quarter turns (whose cosines are 6e-17, not 0) copy pixels exactly.
     */
    private static final double SNAP = 1e-6;
    /** Keeps far-away positions (a huge zoom) inside int range; any of them reads the border rule. */
    private static final double FAR = 1 << 28;

    private ImageTransforms() {
    }

    /** A rectangle of pixels: rows {@code [top, top + height)}, columns {@code [left, left + width)}. */
    public record Box(int top, int left, int height, int width) {

        /**
         * A random rectangle inside a {@code imageHeight × imageWidth} image, as Keras's RandomErasing
         * draws it: each side is the square root of an independent uniform draw from
         * {@code [minArea, maxArea]} times the image side (at least one pixel), so the covered
         * fraction of the image lies in that range up to rounding to whole pixels; its position is
         * uniform among those that fit.
         */
        public static Box random(int imageHeight, int imageWidth, double minArea, double maxArea, Rng rng) {
            if (!(minArea > 0 && minArea <= maxArea && maxArea <= 1)) {
                throw new IllegalArgumentException("The erased area must be a fraction range with 0 < min <= max <= 1. "
                        + "Received: [" + minArea + ", " + maxArea + "]");
            }
            int width = side(imageWidth, Math.sqrt(rng.uniform(minArea, maxArea)));
            int height = side(imageHeight, Math.sqrt(rng.uniform(minArea, maxArea)));
            int left = rng.nextInt(imageWidth - width + 1);
            int top = rng.nextInt(imageHeight - height + 1);
            return new Box(top, left, height, width);
        }

        private static int side(int size, double fraction) {
            return (int) Math.max(1, Math.min(size, Math.round(fraction * size)));
        }
    }

    /** Every image warped by the same {@code warp}. */
    public static Tensor warp(Tensor images, AffineWarp warp, Interpolation interpolation, FillMode fillMode,
                              double fillValue) {
        AffineWarp[] warps = new AffineWarp[checkImages("warp", images)[0]];
        Arrays.fill(warps, warp);
        return warp(images, warps, interpolation, fillMode, fillValue);
    }

    /**
     * Image {@code i} resampled through {@code warps[i]}: output pixel {@code (x, y)} reads the input
     * at {@code warps[i]}'s position, interpolated, with positions outside the image read by
     * {@code fillMode} ({@code fillValue} for CONSTANT).
     */
    public static Tensor warp(Tensor images, AffineWarp[] warps, Interpolation interpolation, FillMode fillMode,
                              double fillValue) {
        int[] dims = checkImages("warp", images);
        if (warps.length != dims[0]) {
            throw new IllegalArgumentException("warp needs one AffineWarp per image: " + dims[0] + " images. Received: "
                    + warps.length + " warps");
        }
        Taps taps = Taps.of(dims[1], dims[2], warps, interpolation, fillMode);
        float fill = (float) fillValue;
        if (GradMode.isEnabled() && images.requiresGrad()) {
            return taps.applyDifferentiably(images, fill);
        }
        return taps.apply(images, fill);
    }

    /** Every image mirrored: left–right if {@code horizontal}, top–bottom if {@code vertical}. */
    public static Tensor flip(Tensor images, boolean horizontal, boolean vertical) {
        int[] dims = checkImages("flip", images);
        return warp(images, AffineWarp.flip(horizontal, vertical, dims[1], dims[2]), Interpolation.NEAREST,
                FillMode.CONSTANT, 0);
    }

    /**
     * Image {@code i} with {@code boxes[i]} (null: none) set to {@code fill}, which broadcasts to the
     * images' shape (a scalar, or a per-pixel tensor such as noise). Boxes may reach past the edge;
     * only their part inside the image is erased.
     */
    public static Tensor erase(Tensor images, Box[] boxes, Tensor fill) {
        int[] dims = checkImages("erase", images);
        if (boxes.length != dims[0]) {
            throw new IllegalArgumentException("erase needs one box (or null) per image: " + dims[0]
                    + " images. Received: " + boxes.length + " boxes");
        }
        if (!Shape.broadcast(images.shape(), fill.shape(), "erase").equals(images.shape())) {
            throw new IllegalArgumentException("erase: the fill must broadcast to the images' shape " + images.shape()
                    + ". Received: fill of shape " + fill.shape());
        }
        int height = dims[1];
        int width = dims[2];
        float[] mask = new float[dims[0] * height * width];
        for (int i = 0; i < boxes.length; i++) {
            Box box = boxes[i];
            if (box == null) {
                continue;
            }
            for (int y = Math.max(0, box.top()); y < Math.min(height, box.top() + box.height()); y++) {
                int row = (i * height + y) * width;
                for (int x = Math.max(0, box.left()); x < Math.min(width, box.left() + box.width()); x++) {
                    mask[row + x] = 1;
                }
            }
        }
        return fill.where(Tensor.wrap(mask, Shape.of(dims[0], height, width, 1)), images);
    }

    /**
     * Every image with one random rectangle ({@link Box#random}, area fraction in
     * {@code [minArea, maxArea]}) set to {@code value}: the homework's occluded images.
     */
    public static Tensor occlude(Tensor images, double minArea, double maxArea, float value, Rng rng) {
        int[] dims = checkImages("occlude", images);
        Box[] boxes = new Box[dims[0]];
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] = Box.random(dims[1], dims[2], minArea, maxArea, rng);
        }
        return erase(images, boxes, Tensor.scalar(value));
    }

    /** {@code x + ε} with every ε drawn from N(0, stddev²): the homework's noisy images (any shape). */
    public static Tensor addGaussianNoise(Tensor images, double stddev, Rng rng) {
        if (!(stddev >= 0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException("The noise stddev must be a finite number >= 0. Received: stddev="
                    + stddev);
        }
        return images.add(Tensor.normal(images.shape(), 0, stddev, rng));
    }

    /** {@code [n, h, w, c]} of {@code images}, or an error naming {@code operation} and the shape. */
    static int[] checkImages(String operation, Tensor images) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException("ImageTransforms." + operation + " expects images [batch, height, width, "
                    + "channels]. Received: shape " + images.shape());
        }
        return images.shape().dims();
    }

    /**
     * The resampling plan of a warp: for each output pixel, up to four source pixels (flat
     * {@code row·w + column} within the image) with their weights, and the total weight of taps
     * that fell outside the image in CONSTANT mode (these read the fill value).
     */
    private record Taps(int height, int width, int count, int[] source, float[] weight, float[] outside) {

        static Taps of(int height, int width, AffineWarp[] warps, Interpolation interpolation, FillMode fillMode) {
            int count = interpolation == Interpolation.NEAREST ? 1 : 4;
            int pixels = warps.length * height * width;
            Taps taps = new Taps(height, width, count, new int[pixels * count], new float[pixels * count],
                    new float[pixels]);
            for (int i = 0; i < warps.length; i++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int pixel = (i * height + y) * width + x;
                        double sourceX = position(warps[i].inputX(x, y));
                        double sourceY = position(warps[i].inputY(x, y));
                        if (count == 1) {
                            taps.set(pixel, 0, (int) Math.floor(sourceY + 0.5), (int) Math.floor(sourceX + 0.5), 1,
                                    fillMode);
                            continue;
                        }
                        int left = (int) Math.floor(sourceX);
                        int top = (int) Math.floor(sourceY);
                        double fx = sourceX - left;
                        double fy = sourceY - top;
                        taps.set(pixel, 0, top, left, (1 - fy) * (1 - fx), fillMode);
                        taps.set(pixel, 1, top, left + 1, (1 - fy) * fx, fillMode);
                        taps.set(pixel, 2, top + 1, left, fy * (1 - fx), fillMode);
                        taps.set(pixel, 3, top + 1, left + 1, fy * fx, fillMode);
                    }
                }
            }
            return taps;
        }

        private static double position(double coordinate) {
            double nearest = Math.rint(coordinate);
            double snapped = Math.abs(coordinate - nearest) < SNAP ? nearest : coordinate;
            return Math.max(-FAR, Math.min(FAR, snapped));
        }

        private void set(int pixel, int tap, int row, int column, double tapWeight, FillMode fillMode) {
            if (tapWeight == 0) {
                return; // source 0 with weight 0: reads a valid pixel and adds nothing
            }
            int mappedRow = fillMode.map(row, height);
            int mappedColumn = fillMode.map(column, width);
            if (mappedRow < 0 || mappedColumn < 0) {
                outside[pixel] += (float) tapWeight;
            } else {
                source[pixel * count + tap] = mappedRow * width + mappedColumn;
                weight[pixel * count + tap] = (float) tapWeight;
            }
        }

        /** The warped images, computed directly (no gradient recorded). */
        Tensor apply(Tensor images, float fill) {
            int channels = images.dim(3);
            int pixelsPerImage = height * width;
            float[] in = images.data();
            float[] out = new float[in.length];
            for (int pixel = 0; pixel < outside.length; pixel++) {
                int imageStart = pixel / pixelsPerImage * pixelsPerImage;
                for (int c = 0; c < channels; c++) {
                    float sum = 0;
                    for (int tap = 0; tap < count; tap++) {
                        int k = pixel * count + tap;
                        sum += weight[k] * in[(imageStart + source[k]) * channels + c];
                    }
                    out[pixel * channels + c] = sum + outside[pixel] * fill;
                }
            }
            return Tensor.wrap(out, images.shape());
        }

        /**
         * The same values as {@link #apply}, built from differentiable ops (a gather and a weighting
         * per tap), so that gradients reach the images.
         */
        Tensor applyDifferentiably(Tensor images, float fill) {
            int channels = images.dim(3);
            int pixelsPerImage = height * width;
            Shape weightShape = Shape.of(images.dim(0), height, width, 1);
            Tensor result = null;
            for (int tap = 0; tap < count; tap++) {
                int[] indices = new int[images.size()];
                float[] tapWeights = new float[outside.length];
                for (int pixel = 0; pixel < outside.length; pixel++) {
                    int k = pixel * count + tap;
                    int sourceStart = (pixel / pixelsPerImage * pixelsPerImage + source[k]) * channels;
                    for (int c = 0; c < channels; c++) {
                        indices[pixel * channels + c] = sourceStart + c;
                    }
                    tapWeights[pixel] = weight[k];
                }
                Tensor term = Gather.apply(images, indices, images.shape()).mul(Tensor.wrap(tapWeights, weightShape));
                result = result == null ? term : result.add(term);
            }
            float[] constant = outside.clone();
            for (int pixel = 0; pixel < constant.length; pixel++) {
                constant[pixel] *= fill;
            }
            return result.add(Tensor.wrap(constant, weightShape));
        }
    }
}
