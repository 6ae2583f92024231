package org.noether.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noether.io.FileFormatException;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Image files: PNG round trips within one grey level, the channel rules (grey 1, colour 3, alpha
 * dropped), JPEG reading, the two ways of mapping values to 0..255, and the errors for files and
 * shapes.
 */
class ImagesTest {
    private static final float LEVEL = 1 / 255f;

    @TempDir
    Path directory;

    private static void assertClose(float[] expected, float[] actual, float tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "element " + i);
        }
    }

    @Test
    void greyAndColourPngsRoundTripWithinOneLevel() throws IOException {
        for (int channels : new int[] {1, 3}) {
            Tensor image = Tensor.uniform(Shape.of(1, 7, 5, channels), 0, 1, new Rng(channels));
            Path file = directory.resolve("image" + channels + ".png");
            Images.writePng(image, file);
            Tensor back = Images.read(file);
            assertEquals(Shape.of(1, 7, 5, channels), back.shape());
            assertClose(image.data(), back.data(), LEVEL / 2 + 1e-6f);
        }
    }

    @Test
    void valuesOnTheGreyLevelsComeBackExactly() throws IOException {
        float[] levels = new float[256];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = i / 255f;
        }
        Path file = directory.resolve("levels.png");
        Images.writePng(Tensor.of(levels, 16, 16, 1), file);
        assertArrayEquals(levels, Images.read(file).data(), "grey samples are read raw, with no colour conversion");
    }

    @Test
    void clippingAndNormalizingMapToTheByteRange() throws IOException {
        Tensor signed = Tensor.of(new float[] {-2, 0, 0.5f, 1, 3, 1}, 1, 2, 3, 1);
        Path clipped = directory.resolve("clipped.png");
        Images.writePng(signed, clipped);
        assertClose(new float[] {0, 0, 128 / 255f, 1, 1, 1}, Images.read(clipped).data(), 1e-6f);

        Path normalized = directory.resolve("normalized.png");
        Images.writePng(signed, normalized, true);
        // min -2 -> 0, max 3 -> 255: v -> (v + 2)·51
        assertClose(new float[] {0, 102 / 255f, 128 / 255f, 153 / 255f, 1, 153 / 255f}, Images.read(normalized).data(),
                1e-6f);

        Path constant = directory.resolve("constant.png");
        Images.writePng(Tensor.full(Shape.of(2, 2, 1), 0.7), constant, true);
        assertClose(new float[4], Images.read(constant).data(), 0);
    }

    @Test
    void alphaIsDroppedAndColourChannelsAreRedGreenBlue() throws IOException {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80ff0000);   // half-transparent red
        argb.setRGB(1, 0, 0xff0040ff);   // opaque blue with some green
        Path file = directory.resolve("alpha.png");
        ImageIO.write(argb, "png", file.toFile());
        Tensor image = Images.read(file);
        assertEquals(Shape.of(1, 1, 2, 3), image.shape());
        assertClose(new float[] {1, 0, 0, 0, 64 / 255f, 1}, image.data(), 1e-6f);
    }

    @Test
    void sixteenBitGreyIsScaledByItsOwnRange() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 32768, 65535});
        Path file = directory.resolve("grey16.png");
        ImageIO.write(grey, "png", file.toFile());
        assertClose(new float[] {0, 32768 / 65535f, 1}, Images.read(file).data(), 1e-6f);
    }

    @Test
    void jpegReadsAsColourCloseToWhatWasWritten() throws IOException {
        BufferedImage picture = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                picture.setRGB(x, y, 0x406080);
            }
        }
        Path file = directory.resolve("flat.jpg");
        assertTrue(ImageIO.write(picture, "jpeg", file.toFile()));
        Tensor image = Images.read(file);
        assertEquals(Shape.of(1, 16, 16, 3), image.shape());
        for (int i = 0; i < image.size(); i += 3) {
            // a flat colour survives JPEG's lossy coding to within a few levels
            assertEquals(0x40 / 255f, image.data()[i], 4 * LEVEL);
            assertEquals(0x60 / 255f, image.data()[i + 1], 4 * LEVEL);
            assertEquals(0x80 / 255f, image.data()[i + 2], 4 * LEVEL);
        }
    }

    @Test
    void threeDimensionalImagesAreWrittenToo() throws IOException {
        Path file = directory.resolve("hwc.png");
        Images.writePng(Tensor.full(Shape.of(3, 4, 3), 1), file);
        Tensor back = Images.read(file);
        assertEquals(Shape.of(1, 3, 4, 3), back.shape());
        assertClose(Tensor.ones(1, 3, 4, 3).data(), back.data(), 0);
    }

    @Test
    void missingUnreadableAndCorruptFilesAreNamed() throws IOException {
        Path missing = directory.resolve("missing.png");
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> Images.read(missing));
        assertTrue(none.getMessage().contains(missing.toString()) && none.getMessage().contains("no such image file"),
                none.getMessage());

        Path text = Files.writeString(directory.resolve("notes.png"), "not a picture at all");
        FileFormatException notImage = assertThrows(FileFormatException.class, () -> Images.read(text));
        assertTrue(notImage.getMessage().startsWith(text + ": not an image"), notImage.getMessage());
        assertTrue(notImage.getMessage().contains("PNG or JPEG"), notImage.getMessage());

        Path good = directory.resolve("good.png");
        Images.writePng(Tensor.uniform(Shape.of(1, 32, 32, 3), 0, 1, new Rng(2)), good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(directory.resolve("truncated.png"), Arrays.copyOf(bytes, bytes.length / 2));
        IOException cut = assertThrows(IOException.class, () -> Images.read(truncated));
        assertTrue(cut instanceof FileFormatException, "a truncated PNG is a format error: " + cut);
        assertTrue(cut.getMessage().startsWith(truncated.toString()), cut.getMessage());

        IOException folder = assertThrows(IOException.class, () -> Images.read(directory));
        assertTrue(folder.getMessage().contains("is a directory"), folder.getMessage());
    }

    @Test
    void wrongShapesAndNonFiniteValuesAreRejectedNamingThem() {
        Path file = directory.resolve("never.png");
        for (Shape shape : new Shape[] {Shape.of(2, 4, 4, 1), Shape.of(1, 4, 4, 2), Shape.of(4, 4), Shape.of(1, 4, 4, 4)}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Images.writePng(Tensor.zeros(shape), file));
            assertTrue(error.getMessage().contains("Received: shape " + shape), error.getMessage());
            assertTrue(error.getMessage().contains("1 or 3 channels"), error.getMessage());
        }
        float[] values = new float[12];
        values[7] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Images.writePng(Tensor.of(values, 1, 2, 2, 3), file, true));
        assertTrue(nan.getMessage().contains("NaN (at row 1, column 0, channel 1)"), nan.getMessage());
        assertTrue(!Files.exists(file), "nothing is written after an error");
    }
}
