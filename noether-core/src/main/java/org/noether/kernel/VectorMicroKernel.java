package org.noether.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel: a 6 × (2 vectors) tile of C in twelve accumulator registers; per
 * step of k, two vectors of the B panel are loaded and each of the six A values is broadcast and
 * fused-multiply-added into its row. With 16-float vectors (AVX-512) the tile is 6×32 and the loop
 * issues 12 FMAs per 2 loads and 6 broadcasts, near the machine's peak.
 *
 * <p>Each loop stores its accumulators itself rather than through a helper taking the twelve
 * vectors: C2 does not inline a method it has already compiled on its own into a large one, and
 * whether it has depends on the order of compilations, so in some JVMs the vectors were boxed for
 * the call and 512×512×512 products ran at 7 GFLOP/s instead of 95.
 *
 * <p>Loaded only where {@link VectorSupport#enabled()} says the module is present.
 */
final class VectorMicroKernel implements MicroKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ROWS = 6;
    private static final int COLUMNS = 2 * LANES;

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
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        int a = aOffset;
        int b = bOffset;
        for (int p = 0; p < depth; p++, a += ROWS, b += bDepthStep) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, packedB, b);
            FloatVector b1 = FloatVector.fromArray(SPECIES, packedB, b + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, packedA[a]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, packedA[a + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, packedA[a + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, packedA[a + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, packedA[a + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, packedA[a + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(out, outOffset);
        c01.intoArray(out, outOffset + LANES);
        c10.intoArray(out, outOffset + outStride);
        c11.intoArray(out, outOffset + outStride + LANES);
        c20.intoArray(out, outOffset + 2 * outStride);
        c21.intoArray(out, outOffset + 2 * outStride + LANES);
        c30.intoArray(out, outOffset + 3 * outStride);
        c31.intoArray(out, outOffset + 3 * outStride + LANES);
        c40.intoArray(out, outOffset + 4 * outStride);
        c41.intoArray(out, outOffset + 4 * outStride + LANES);
        c50.intoArray(out, outOffset + 5 * outStride);
        c51.intoArray(out, outOffset + 5 * outStride + LANES);
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
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        int bi = bOffset;
        for (int p = 0; p < depth; p++, bi += bDepthStep) {
            int column = columnOffsets[columnAt + p];
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[row0 + column]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[row1 + column]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[row2 + column]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[row3 + column]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[row4 + column]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[row5 + column]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(out, outOffset);
        c01.intoArray(out, outOffset + LANES);
        c10.intoArray(out, outOffset + outStride);
        c11.intoArray(out, outOffset + outStride + LANES);
        c20.intoArray(out, outOffset + 2 * outStride);
        c21.intoArray(out, outOffset + 2 * outStride + LANES);
        c30.intoArray(out, outOffset + 3 * outStride);
        c31.intoArray(out, outOffset + 3 * outStride + LANES);
        c40.intoArray(out, outOffset + 4 * outStride);
        c41.intoArray(out, outOffset + 4 * outStride + LANES);
        c50.intoArray(out, outOffset + 5 * outStride);
        c51.intoArray(out, outOffset + 5 * outStride + LANES);
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
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        int bi = bOffset;
        for (int p = 0; p < depth; p++, bi += bDepthStep) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[row0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[row1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[row2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[row3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[row4 + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[row5 + p]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(out, outOffset);
        c01.intoArray(out, outOffset + LANES);
        c10.intoArray(out, outOffset + outStride);
        c11.intoArray(out, outOffset + outStride + LANES);
        c20.intoArray(out, outOffset + 2 * outStride);
        c21.intoArray(out, outOffset + 2 * outStride + LANES);
        c30.intoArray(out, outOffset + 3 * outStride);
        c31.intoArray(out, outOffset + 3 * outStride + LANES);
        c40.intoArray(out, outOffset + 4 * outStride);
        c41.intoArray(out, outOffset + 4 * outStride + LANES);
        c50.intoArray(out, outOffset + 5 * outStride);
        c51.intoArray(out, outOffset + 5 * outStride + LANES);
    }
}
