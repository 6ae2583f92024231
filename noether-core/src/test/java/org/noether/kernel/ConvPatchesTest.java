package org.noether.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The unstored patch matrix against the definition, element by element, and its packed panels
 * (six-row fast paths, border windows, ragged panels, blocks of k that start inside a tap) against
 * the element rule, both as P (forward) and as Pᵀ (kernel gradient), and panels read in place
 * (row terms plus column terms) likewise; and the scatter back (col2im) as the adjoint of reading.
 */
class ConvPatchesTest {
    /** {input h, w, c, kernel h, w, filters, stride, dilation, groups, padding: 0 valid, 1 same, 2 full}. */
    private static final int[][] GEOMETRIES = {
        {7, 8, 1, 3, 3, 2, 1, 1, 1, 0}, {7, 8, 1, 3, 3, 2, 1, 1, 1, 1}, {6, 9, 4, 3, 2, 3, 2, 1, 1, 1},
        {9, 9, 6, 3, 3, 4, 1, 2, 2, 1}, {5, 6, 5, 2, 3, 1, 1, 1, 1, 2}, {8, 5, 3, 5, 5, 2, 2, 1, 1, 1},
        {6, 5, 40, 3, 3, 2, 1, 1, 2, 1},
    };

    @ParameterizedTest
    @EnumSource(Boundary.class)
    void elementsAndPanelsFollowTheDefinition(Boundary boundary) {
        SplittableRandom random = new SplittableRandom(3);
        for (int[] spec : GEOMETRIES) {
            Padding padding = spec[9] == 0 ? Padding.valid() : spec[9] == 1 ? Padding.same() : Padding.full();
            int batch = 3;
            ConvGeometry g = ConvGeometry.convolution("test", new int[] {batch, spec[0], spec[1], spec[2]},
                    new int[] {spec[3], spec[4], spec[2] / spec[8], spec[5] * spec[8]}, new int[] {spec[6], spec[6]},
                    new int[] {spec[7], spec[7]}, padding, boundary, spec[8]);
            float[] x = new float[g.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-1, 1);
            }
            int rows = batch * g.outputPositions();
            for (int group = 0; group < g.groups(); group++) {
                ConvPatches patches = ConvPatches.of(g, x, group, false);
                for (int row = 0; row < rows; row++) {
                    for (int q = 0; q < g.patchSize(); q++) {
                        assertEquals(definition(g, x, group, row, q), patches.get(row, q), 0f,
                                boundary + " " + g + " element " + row + ", " + q);
                    }
                }
                checkPanels(patches, rows, g.patchSize(), spec[9] == 0, boundary + " " + g + " P");
                // addBack is the adjoint of reading: <addBack(Q), x> = <Q, P(x)>, in two halves of rows.
                float[] stored = new float[rows * g.patchSize()];
                double expected = 0;
                for (int row = 0; row < rows; row++) {
                    for (int q = 0; q < g.patchSize(); q++) {
                        stored[row * g.patchSize() + q] = (float) random.nextDouble(-1, 1);
                        expected += (double) stored[row * g.patchSize() + q] * patches.get(row, q);
                    }
                }
                float[] dx = new float[x.length];
                ConvPatches adjoint = ConvPatches.of(g, dx, group, false);
                adjoint.addBack(stored, 0, 0, rows / 2);
                adjoint.addBack(stored, 0, rows / 2, rows);
                double actual = 0;
                for (int i = 0; i < x.length; i++) {
                    actual += (double) dx[i] * x[i];
                }
                assertEquals(expected, actual, 1e-4, boundary + " " + g + " adjoint");
                checkPanels(ConvPatches.of(g, x, group, true), g.patchSize(), rows, spec[9] == 0,
                        boundary + " " + g + " Pᵀ");
            }
        }
    }

    /** Every six-row panel, from several first columns, against the element rule. */
    private static void checkPanels(GemmOperand operand, int rows, int columns, boolean allInside, String what) {
        for (int column0 : new int[] {0, 1, columns / 2}) {
            int width = columns - column0;
            for (int row0 = 0; row0 < rows; row0 += 6) {
                int height = Math.min(6, rows - row0);
                float[] packed = new float[6 * width];
                operand.packRows(row0, height, column0, width, 6, packed, 0);
                float[] expected = new float[6 * width];
                for (int p = 0; p < width; p++) {
                    for (int r = 0; r < height; r++) {
                        expected[p * 6 + r] = operand.get(row0 + r, column0 + p);
                    }
                }
                assertArrayEquals(expected, packed, 0f, what + " panel at " + row0 + ", " + column0);
                checkGathered(operand, row0, height, column0, width, allInside, what);
            }
        }
    }

    /**
     * Where a panel may be read in place, its row terms plus the column terms address exactly its
     * elements (rows past the edge repeat the last row); valid padding always allows it.
     */
    private static void checkGathered(GemmOperand operand, int row0, int height, int column0, int width,
                                      boolean allInside, String what) {
        int[] rowOffsets = new int[7];
        boolean gathers = operand.gatherRows(row0, height, 6, rowOffsets, 1);
        if (allInside) {
            assertTrue(gathers, what + " panel at " + row0 + " is read in place");
        }
        if (!gathers) {
            return;
        }
        GemmOperand.Gathered gathered = operand.gathered(column0 + width, 1);
        for (int r = 0; r < 6; r++) {
            for (int p = 0; p < width; p++) {
                float inPlace = gathered.source()[rowOffsets[1 + r] + gathered.columnOffsets()[column0 + p]];
                assertEquals(operand.get(row0 + Math.min(r, height - 1), column0 + p), inPlace, 0f,
                        what + " gathered panel at " + row0 + ", " + column0 + ", row " + r + ", column " + p);
            }
        }
    }

    /** {@code P[row, q]} from the convolution's formula. */
    private static float definition(ConvGeometry g, float[] x, int group, int row, int q) {
        int image = row / g.outputPositions();
        int outputY = row % g.outputPositions() / g.outputWidth();
        int outputX = row % g.outputWidth();
        int channels = g.groupInputChannels();
        int ky = q / (g.kernelWidth() * channels);
        int kx = q / channels % g.kernelWidth();
        int c = q % channels;
        int y = g.boundary().map(outputY * g.strideHeight() + ky * g.dilationHeight() - g.padTop(), g.inputHeight());
        int xx = g.boundary().map(outputX * g.strideWidth() + kx * g.dilationWidth() - g.padLeft(), g.inputWidth());
        if (y < 0 || xx < 0) {
            return 0f;
        }
        return x[((image * g.inputHeight() + y) * g.inputWidth() + xx) * g.inputChannels() + group * channels + c];
    }
}
