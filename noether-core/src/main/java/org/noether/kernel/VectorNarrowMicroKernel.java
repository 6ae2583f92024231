package org.noether.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernel for products at most one vector wide (16 columns with AVX-512): a 12 × (1
 * vector) tile of C in twelve accumulator registers; per step of k, one vector of the B panel is
 * loaded and each of the twelve A values is broadcast and fused-multiply-added into its row.
 *
 * <p>The wide kernel's 6 × (2 vectors) tile computes 32 columns whatever the product's width: a
 * layer of 6, 10 or 16 filters or units used 6, 10 or 16 of them (LeNet's second convolution, with
 * 16 filters, ran at 30 GFLOP/s on two threads against PyTorch's 150). This tile does the same
 * twelve multiply-adds per step of k on one vector of B, so a product no wider than a vector costs
 * half as much. The same sums in the same order as every kernel (fused multiply-adds along k from
 * zero), so products are bit-identical whichever kernel computes them. Like
 * {@link VectorMicroKernel}, each loop stores its own accumulators, so that no vector is ever
 * passed to a call.
 */
final class VectorNarrowMicroKernel implements MicroKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int ROWS = 12;
    private static final int COLUMNS = SPECIES.length();

    @Override
    public int rows() {
        return ROWS;
    }

    @Override
    public int columns() {
        return COLUMNS;
    }

    @Override
    public String name() {
        return "vector " + ROWS + "x" + COLUMNS + " (" + SPECIES.vectorBitSize() + "-bit)";
    }

    @Override
    public void multiply(int depth, float[] packedA, int aOffset, float[] packedB, int bOffset, int bDepthStep,
                         float[] out, int outOffset, int outStride) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        FloatVector c8 = FloatVector.zero(SPECIES);
        FloatVector c9 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        int a = aOffset;
        int b = bOffset;
        for (int p = 0; p < depth; p++, a += ROWS, b += bDepthStep) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, packedB, b);
            c0 = FloatVector.broadcast(SPECIES, packedA[a]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, packedA[a + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, packedA[a + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, packedA[a + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(SPECIES, packedA[a + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(SPECIES, packedA[a + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(SPECIES, packedA[a + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(SPECIES, packedA[a + 7]).fma(b0, c7);
            c8 = FloatVector.broadcast(SPECIES, packedA[a + 8]).fma(b0, c8);
            c9 = FloatVector.broadcast(SPECIES, packedA[a + 9]).fma(b0, c9);
            c10 = FloatVector.broadcast(SPECIES, packedA[a + 10]).fma(b0, c10);
            c11 = FloatVector.broadcast(SPECIES, packedA[a + 11]).fma(b0, c11);
        }
        c0.intoArray(out, outOffset);
        c1.intoArray(out, outOffset + outStride);
        c2.intoArray(out, outOffset + 2 * outStride);
        c3.intoArray(out, outOffset + 3 * outStride);
        c4.intoArray(out, outOffset + 4 * outStride);
        c5.intoArray(out, outOffset + 5 * outStride);
        c6.intoArray(out, outOffset + 6 * outStride);
        c7.intoArray(out, outOffset + 7 * outStride);
        c8.intoArray(out, outOffset + 8 * outStride);
        c9.intoArray(out, outOffset + 9 * outStride);
        c10.intoArray(out, outOffset + 10 * outStride);
        c11.intoArray(out, outOffset + 11 * outStride);
    }

    @Override
    public void multiplyGathered(int depth, float[] a, int[] rowOffsets, int rowAt, int[] columnOffsets,
                                 int columnAt, float[] b, int bOffset, int bDepthStep, float[] out, int outOffset,
                                 int outStride) {
        int row0 = rowOffsets[rowAt];
        int row1 = rowOffsets[rowAt + 1];
        int row2 = rowOffsets[rowAt + 2];
        int row3 = rowOffsets[rowAt + 3];
        int row4 = rowOffsets[rowAt + 4];
        int row5 = rowOffsets[rowAt + 5];
        int row6 = rowOffsets[rowAt + 6];
        int row7 = rowOffsets[rowAt + 7];
        int row8 = rowOffsets[rowAt + 8];
        int row9 = rowOffsets[rowAt + 9];
        int row10 = rowOffsets[rowAt + 10];
        int row11 = rowOffsets[rowAt + 11];
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        FloatVector c8 = FloatVector.zero(SPECIES);
        FloatVector c9 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        int bi = bOffset;
        for (int p = 0; p < depth; p++, bi += bDepthStep) {
            int column = columnOffsets[columnAt + p];
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            c0 = FloatVector.broadcast(SPECIES, a[row0 + column]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, a[row1 + column]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, a[row2 + column]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, a[row3 + column]).fma(b0, c3);
            c4 = FloatVector.broadcast(SPECIES, a[row4 + column]).fma(b0, c4);
            c5 = FloatVector.broadcast(SPECIES, a[row5 + column]).fma(b0, c5);
            c6 = FloatVector.broadcast(SPECIES, a[row6 + column]).fma(b0, c6);
            c7 = FloatVector.broadcast(SPECIES, a[row7 + column]).fma(b0, c7);
            c8 = FloatVector.broadcast(SPECIES, a[row8 + column]).fma(b0, c8);
            c9 = FloatVector.broadcast(SPECIES, a[row9 + column]).fma(b0, c9);
            c10 = FloatVector.broadcast(SPECIES, a[row10 + column]).fma(b0, c10);
            c11 = FloatVector.broadcast(SPECIES, a[row11 + column]).fma(b0, c11);
        }
        c0.intoArray(out, outOffset);
        c1.intoArray(out, outOffset + outStride);
        c2.intoArray(out, outOffset + 2 * outStride);
        c3.intoArray(out, outOffset + 3 * outStride);
        c4.intoArray(out, outOffset + 4 * outStride);
        c5.intoArray(out, outOffset + 5 * outStride);
        c6.intoArray(out, outOffset + 6 * outStride);
        c7.intoArray(out, outOffset + 7 * outStride);
        c8.intoArray(out, outOffset + 8 * outStride);
        c9.intoArray(out, outOffset + 9 * outStride);
        c10.intoArray(out, outOffset + 10 * outStride);
        c11.intoArray(out, outOffset + 11 * outStride);
    }

    @Override
    public void multiplyRows(int depth, float[] a, int[] rowOffsets, int rowAt, int column0, float[] b, int bOffset,
                             int bDepthStep, float[] out, int outOffset, int outStride) {
        int row0 = rowOffsets[rowAt] + column0;
        int row1 = rowOffsets[rowAt + 1] + column0;
        int row2 = rowOffsets[rowAt + 2] + column0;
        int row3 = rowOffsets[rowAt + 3] + column0;
        int row4 = rowOffsets[rowAt + 4] + column0;
        int row5 = rowOffsets[rowAt + 5] + column0;
        int row6 = rowOffsets[rowAt + 6] + column0;
        int row7 = rowOffsets[rowAt + 7] + column0;
        int row8 = rowOffsets[rowAt + 8] + column0;
        int row9 = rowOffsets[rowAt + 9] + column0;
        int row10 = rowOffsets[rowAt + 10] + column0;
        int row11 = rowOffsets[rowAt + 11] + column0;
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        FloatVector c8 = FloatVector.zero(SPECIES);
        FloatVector c9 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        int bi = bOffset;
        for (int p = 0; p < depth; p++, bi += bDepthStep) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            c0 = FloatVector.broadcast(SPECIES, a[row0 + p]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, a[row1 + p]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, a[row2 + p]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, a[row3 + p]).fma(b0, c3);
            c4 = FloatVector.broadcast(SPECIES, a[row4 + p]).fma(b0, c4);
            c5 = FloatVector.broadcast(SPECIES, a[row5 + p]).fma(b0, c5);
            c6 = FloatVector.broadcast(SPECIES, a[row6 + p]).fma(b0, c6);
            c7 = FloatVector.broadcast(SPECIES, a[row7 + p]).fma(b0, c7);
            c8 = FloatVector.broadcast(SPECIES, a[row8 + p]).fma(b0, c8);
            c9 = FloatVector.broadcast(SPECIES, a[row9 + p]).fma(b0, c9);
            c10 = FloatVector.broadcast(SPECIES, a[row10 + p]).fma(b0, c10);
            c11 = FloatVector.broadcast(SPECIES, a[row11 + p]).fma(b0, c11);
        }
        c0.intoArray(out, outOffset);
        c1.intoArray(out, outOffset + outStride);
        c2.intoArray(out, outOffset + 2 * outStride);
        c3.intoArray(out, outOffset + 3 * outStride);
        c4.intoArray(out, outOffset + 4 * outStride);
        c5.intoArray(out, outOffset + 5 * outStride);
        c6.intoArray(out, outOffset + 6 * outStride);
        c7.intoArray(out, outOffset + 7 * outStride);
        c8.intoArray(out, outOffset + 8 * outStride);
        c9.intoArray(out, outOffset + 9 * outStride);
        c10.intoArray(out, outOffset + 10 * outStride);
        c11.intoArray(out, outOffset + 11 * outStride);
    }
}
