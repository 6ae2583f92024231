package org.noether.kernel;

/**
 * An operand of {@link Gemm}, a {@code [rows, columns]} matrix that the product reads only by
 * packing panels of it: a stored matrix ({@link StridedMatrix}) or one that exists only as a rule,
 * such as the patch matrix of a convolution ({@link ConvPatches}), whose panels are gathered from
 * the image itself instead of from a copy of every patch.
 *
 * <p>The default packing reads element by element; implementations override it with loops that
 * know their layout.
 */
interface GemmOperand {
    /** Element {@code (row, column)}. */
    float get(int row, int column);

    /**
     * Where an operand's elements lie when they are a row term plus a column term:
     * {@code (row, column)} is {@code source[rowOffset(row) + columnOffsets[column]]}, or, with
     * {@code columnOffsets} null, {@code source[rowOffset(row) + column]} (rows of a stored matrix).
     */
    record Gathered(float[] source, int[] columnOffsets) {
    }

    /**
     * The array and column terms for panels read in place as the left operand, for columns below
     * {@code columns}, or null to pack them. Each panel is used with {@code uses} panels of the
     * other operand: packing pays back over many uses, reading in place over few.
     */
    default Gathered gathered(int columns, int uses) {
        return null;
    }

    /**
     * Whether the row panel {@code row0 ..< row0 + rows} can be read in place ({@link #gathered}),
     * and if so its row terms at {@code rowOffsets[at ..< at + panelHeight]}; rows past {@code rows}
     * repeat the last term, reading values that are computed but never stored.
     */
    default boolean gatherRows(int row0, int rows, int panelHeight, int[] rowOffsets, int at) {
        return false;
    }

    /**
     * A row panel, as the left operand is packed: for each column {@code column0 + p} of the
     * block ({@code p < columns}), the values of rows {@code row0 ..< row0 + rows} at
     * {@code packed[base + p·panelHeight ..]}, then zeros up to {@code panelHeight}.
     */
    default void packRows(int row0, int rows, int column0, int columns, int panelHeight, float[] packed, int base) {
        for (int p = 0; p < columns; p++) {
            int target = base + p * panelHeight;
            for (int r = 0; r < panelHeight; r++) {
                packed[target + r] = r < rows ? get(row0 + r, column0 + p) : 0f;
            }
        }
    }

    /**
     * A column panel, as the right operand is packed: for each row {@code row0 + p} of the block
     * ({@code p < rows}), the values of columns {@code column0 ..< column0 + columns} at
     * {@code packed[base + p·panelWidth ..]}, then zeros up to {@code panelWidth}.
     */
    default void packColumns(int row0, int rows, int column0, int columns, int panelWidth, float[] packed,
                             int base) {
        for (int p = 0; p < rows; p++) {
            int target = base + p * panelWidth;
            for (int j = 0; j < panelWidth; j++) {
                packed[target + j] = j < columns ? get(row0 + p, column0 + j) : 0f;
            }
        }
    }

    /**
     * {@code packed[target + r] = source[index_r]} for the six rows of a panel, one statement per
     * row: the shape the JIT compiles best for the six-row panels of the 6×n micro-kernels.
     */
    static void packSix(float[] source, int index0, int index1, int index2, int index3, int index4, int index5,
                        float[] packed, int target) {
        packed[target] = source[index0];
        packed[target + 1] = source[index1];
        packed[target + 2] = source[index2];
        packed[target + 3] = source[index3];
        packed[target + 4] = source[index4];
        packed[target + 5] = source[index5];
    }
}
