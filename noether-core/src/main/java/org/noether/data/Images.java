package org.noether.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.noether.io.AtomicFiles;
import org.noether.io.FileFormatException;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Image files as tensors: reads PNG and JPEG (and the other formats {@code javax.imageio} knows,
 * such as GIF and BMP) into an NHWC batch of one, {@code [1, h, w, c]}, with values
 * {@code sample / (2^bits − 1)} in [0, 1]; writes one image as an 8-bit PNG.
 *
 * <p>Channels: a grey image gives 1 channel, a colour one 3 (red, green, blue); alpha is dropped.
 * Grey samples are read raw (Java's grey colour space is linear, and converting it through sRGB
 * would change the values), so a grey PNG written here reads back exactly. Writing takes
 * {@code [1, h, w, c]} or {@code [h, w, c]} with c = 1 or 3, and maps values to 0..255 either by
 * clipping to [0, 1] or, with {@code normalize}, stretching min..max to 0..255 (for filter
 * responses such as a Sobel image, which are signed). The file is written atomically.
 *
 * <pre>{@code
 * Tensor image = Images.read(Path.of("face.png"));         // [1, h, w, 1] or [1, h, w, 3]
 * Images.writePng(edges, Path.of("edges.png"), true);      // min..max -> black..white
 * }</pre>
 */
public final class Images {
    private Images() {
    }

    /**
     * Reads an image file into {@code [1, h, w, c]} with values in [0, 1].
     *
     * @throws NoSuchFileException if there is no such file
     * @throws FileFormatException if the file is not an image javax.imageio can decode, or is corrupt
     */
    public static Tensor read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such image file");
        }
        if (Files.isDirectory(path)) {
            throw new IOException(path + ": is a directory, expected a PNG or JPEG file");
        }
        if (!Files.isReadable(path)) {
            throw new AccessDeniedException(path.toString(), null, "the image file is not readable");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(path.toFile());
        } catch (IIOException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getMessage();
            throw new FileFormatException(path, "corrupt or unsupported image data: " + reason, e);
        } catch (RuntimeException e) {
            // some decoders report truncated data with unchecked exceptions
            throw new FileFormatException(path, "corrupt image data: " + e, e);
        }
        if (image == null) {
            throw new FileFormatException(path, "not an image format javax.imageio can read (expected PNG or JPEG)");
        }
        return toTensor(image);
    }

    /** The pixels of {@code image} as {@code [1, h, w, c]} in [0, 1] (c = 1 for grey, else 3). */
    public static Tensor toTensor(BufferedImage image) {
        int height = image.getHeight();
        int width = image.getWidth();
        ColorModel colorModel = image.getColorModel();
        if (colorModel.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            int[] samples = image.getRaster().getSamples(0, 0, width, height, 0, (int[]) null);
            double scale = 1.0 / ((1L << image.getRaster().getSampleModel().getSampleSize(0)) - 1);
            float[] values = new float[samples.length];
            for (int i = 0; i < samples.length; i++) {
                values[i] = (float) (samples[i] * scale);
            }
            return Tensor.wrap(values, Shape.of(1, height, width, 1));
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        boolean grey = colorModel instanceof IndexColorModel palette && isGreyPalette(palette);
        int channels = grey ? 1 : 3;
        float[] values = new float[argb.length * channels];
        for (int i = 0; i < argb.length; i++) {
            for (int c = 0; c < channels; c++) {
                values[i * channels + c] = ((argb[i] >> (16 - 8 * c)) & 0xff) / 255f;
            }
        }
        return Tensor.wrap(values, Shape.of(1, height, width, channels));
    }

    private static boolean isGreyPalette(IndexColorModel palette) {
        for (int i = 0; i < palette.getMapSize(); i++) {
            int red = palette.getRed(i);
            if (red != palette.getGreen(i) || red != palette.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code image} as an 8-bit PNG, values clipped to [0, 1]. */
    public static void writePng(Tensor image, Path path) throws IOException {
        writePng(image, path, false);
    }

    /**
     * Writes {@code image} ({@code [1, h, w, c]} or {@code [h, w, c]}, c = 1 or 3) as an 8-bit grey
     * or RGB PNG: values clipped to [0, 1], or with {@code normalize} min..max stretched to 0..255
     * (a constant image becomes black).
     *
     * @throws IllegalArgumentException for another shape or a NaN or infinite value
     */
    public static void writePng(Tensor image, Path path, boolean normalize) throws IOException {
        BufferedImage rendered = toBufferedImage(image, normalize);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("Cannot write " + path + ": this Java runtime has no PNG writer");
        }
        ImageWriter writer = writers.next();
        try {
            AtomicFiles.write(path, out -> {
                // An explicit in-memory stream: ImageIO's default may spill to a temporary file.
                try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                    writer.setOutput(stream);
                    writer.write(rendered);
                }
            });
        } finally {
            writer.dispose();
        }
    }

    /** The 8-bit grey or RGB picture of {@code image}, mapped to 0..255 as {@link #writePng} does. */
    public static BufferedImage toBufferedImage(Tensor image, boolean normalize) {
        int[] dims = image.shape().dims();
        boolean batchOfOne = dims.length == 4 && dims[0] == 1;
        if (!(dims.length == 3 || batchOfOne) || (dims[dims.length - 1] != 1 && dims[dims.length - 1] != 3)) {
            throw new IllegalArgumentException("An image to write must have shape [1, height, width, channels] or "
                    + "[height, width, channels] with 1 or 3 channels. Received: shape " + image.shape());
        }
        int height = dims[dims.length - 3];
        int width = dims[dims.length - 2];
        int channels = dims[dims.length - 1];
        float[] values = image.data();
        double low = 0;
        double high = 1;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("Cannot write an image holding " + values[i] + " (at row "
                        + i / channels / width + ", column " + i / channels % width + ", channel " + i % channels
                        + "): values must be finite");
            }
        }
        if (normalize && values.length > 0) {
            low = Double.POSITIVE_INFINITY;
            high = Double.NEGATIVE_INFINITY;
            for (float value : values) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
        }
        double scale = high > low ? 255 / (high - low) : 0;
        BufferedImage rendered = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = rendered.getRaster();
        int[] pixel = new int[channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    double level = (values[(y * width + x) * channels + c] - low) * scale;
                    pixel[c] = (int) Math.round(Math.max(0, Math.min(255, level)));
                }
                raster.setPixel(x, y, pixel);
            }
        }
        return rendered;
    }
}
