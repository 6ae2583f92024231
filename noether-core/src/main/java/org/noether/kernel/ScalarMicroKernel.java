package org.noether.kernel;

/**
 * The plain-Java micro-kernel, for JVMs without the Vector API: the same sums as
 * {@link VectorMicroKernel} ({@link Math#fma} along k, from zero, then added to C), so the
 * results are bit-identical.
 */
final class ScalarMicroKernel implements MicroKernel {
    private final int rows;
    private final int columns;

    ScalarMicroKernel(int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public String name() {
        return "scalar " + rows + "x" + columns;
    }

    @Override
    public void multiply(int depth, float[] packedA, int aOffset, float[] b, int bOffset, int bDepthStep,
                         float[] out, int outOffset, int outStride) {
        for (int r = 0; r < rows; r++) {
            int row = outOffset + r * outStride;
            java.util.Arrays.fill(out, row, row + columns, 0f);
            for (int p = 0; p < depth; p++) {
                float a = packedA[aOffset + p * rows + r];
                int bRow = bOffset + p * bDepthStep;
                for (int j = 0; j < columns; j++) {
                    out[row + j] = Math.fma(a, b[bRow + j], out[row + j]);
                }
            }
        }
    }

    @Override
    public void multiplyGathered(int depth, float[] a, int[] rowOffsets, int rowAt, int[] columnOffsets,
                                 int columnAt, float[] b, int bOffset, int bDepthStep, float[] out, int outOffset,
                                 int outStride) {
        for (int r = 0; r < rows; r++) {
            int row = outOffset + r * outStride;
            java.util.Arrays.fill(out, row, row + columns, 0f);
            int rowOffset = rowOffsets[rowAt + r];
            for (int p = 0; p < depth; p++) {
                float value = a[rowOffset + columnOffsets[columnAt + p]];
                int bRow = bOffset + p * bDepthStep;
                for (int j = 0; j < columns; j++) {
                    out[row + j] = Math.fma(value, b[bRow + j], out[row + j]);
                }
            }
        }
    }
}
