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
        product(depth, (r, p) -> packedA[aOffset + p * rows + r], b, bOffset, bDepthStep, out, outOffset, outStride);
    }

    @Override
    public void multiplyGathered(int depth, float[] a, int[] rowOffsets, int rowAt, int[] columnOffsets,
                                 int columnAt, float[] b, int bOffset, int bDepthStep, float[] out, int outOffset,
                                 int outStride) {
        product(depth, (r, p) -> a[rowOffsets[rowAt + r] + columnOffsets[columnAt + p]], b, bOffset, bDepthStep,
                out, outOffset, outStride);
    }

    @Override
    public void multiplyRows(int depth, float[] a, int[] rowOffsets, int rowAt, int column0, float[] b, int bOffset,
                             int bDepthStep, float[] out, int outOffset, int outStride) {
        product(depth, (r, p) -> a[rowOffsets[rowAt + r] + column0 + p], b, bOffset, bDepthStep, out, outOffset,
                outStride);
    }

    /** Element {@code (r, p)} of an A panel, however it is laid out. */
    @FunctionalInterface
    private interface Panel {
        float at(int row, int step);
    }

    /** The tile {@code A_panel · B_panel}, each element's fused multiply-adds in p order from zero. */
    private void product(int depth, Panel a, float[] b, int bOffset, int bDepthStep, float[] out, int outOffset,
                         int outStride) {
        for (int r = 0; r < rows; r++) {
            int row = outOffset + r * outStride;
            java.util.Arrays.fill(out, row, row + columns, 0f);
            for (int p = 0; p < depth; p++) {
                float value = a.at(r, p);
                int bRow = bOffset + p * bDepthStep;
                for (int j = 0; j < columns; j++) {
                    out[row + j] = Math.fma(value, b[bRow + j], out[row + j]);
                }
            }
        }
    }
}
