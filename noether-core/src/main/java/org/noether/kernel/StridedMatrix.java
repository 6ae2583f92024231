package org.noether.kernel;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A matrix stored in an array, row-major with row stride {@code stride} from {@code offset}, used
 * as itself or transposed: element {@code (i, j)} of {@code op(X)}.
 *
 * <pre>{@code new StridedMatrix(a, 0, k, false) // A [m, k], row-major}</pre>
 */
record StridedMatrix(float[] data, int offset, int stride, boolean transposed) implements GemmOperand {
    /**
     * Most uses of a row panel (panels of B, 32 columns each) for which the rows of a matrix that
     * is not transposed are read in place rather than packed. Packing costs about 1.5 cycles per
     * value once; reading in place, about 5% of the 2 cycles per value and use of the FMAs. One
     * thread, GFLOP/s packed -> in place: 25088×64×576 70 -> 88, 6272×128×576 85 -> 94,
     * 64×128×784 (an MLP layer) 77 -> 85, 10000×20×20 37 -> 43; 512×512×512 (16 uses) 101 -> 100.
     */
    private static final int IN_PLACE_MAX_USES = 8;

    /** Where element {@code (row, column)} of {@code op(X)} is stored. */
    int index(int row, int column) {
        return transposed ? offset + column * stride + row : offset + row * stride + column;
    }

    /**
     * How many of the {@code width} columns from {@code j0} of this matrix as B are read in place: its
     * full panels, and a ragged last one too where reading a whole panel width along its last row
     * {@code lastRow} stays inside the array. The columns past the edge are then the next row's
     * values; they fill only columns of the tile that are never stored (such a tile goes through
     * the tile buffer), so a narrow layer's B needs no packing pass.
     */
    int inPlaceWidth(int lastRow, int j0, int width, int panelWidth) {
        int full = width / panelWidth * panelWidth;
        return full < width && index(lastRow, j0 + full) + panelWidth <= data.length ? width : full;
    }

    /**
     * A stored matrix is a row term plus a column term, {@code index(row, 0)} and the column times
     * its step (1, or the stride when transposed). Rows of a matrix that is not transposed are read
     * in place by the unit-step loop ({@link MicroKernel#multiplyRows}) for up to
     * {@link #IN_PLACE_MAX_USES} uses of a panel. Transposed, the column terms go through a table,
     * whose loop is slower: in place for a single use (a 20-unit layer over 10,000 points: 26–30 ->
     * 34–40 GFLOP/s), packed from two uses on (76 against 70).
     */
    @Override
    public Gathered gathered(int columns, int uses) {
        if (!transposed) {
            return uses <= IN_PLACE_MAX_USES ? new Gathered(data, null) : null;
        }
        return uses == 1 ? new Gathered(data, Multiples.of(stride, columns)) : null;
    }

    @Override
    public boolean gatherRows(int row0, int rows, int panelHeight, int[] rowOffsets, int at) {
        for (int r = 0; r < panelHeight; r++) {
            rowOffsets[at + r] = index(row0 + Math.min(r, rows - 1), 0);
        }
        return true;
    }

    /**
     * Tables {@code 0, step, 2·step, …} by step, grown on demand and shared: a product asks for one
     * per call, and the steps are the few strides of a model's matrices. Every published table is
     * complete.
     */
    private static final class Multiples {
        private static final Map<Integer, int[]> TABLES = new ConcurrentHashMap<>();

        static int[] of(int step, int length) {
            int[] table = TABLES.get(step);
            if (table == null || table.length < length) {
                table = new int[Math.max(length, table == null ? 0 : 2 * table.length)];
                for (int i = 0; i < table.length; i++) {
                    table[i] = i * step;
                }
                TABLES.put(step, table);
            }
            return table;
        }
    }

    @Override
    public float get(int row, int column) {
        return data[index(row, column)];
    }

    @Override
    public void packRows(int row0, int rows, int column0, int columns, int panelHeight, float[] packed, int base) {
        if (rows == 6 && panelHeight == 6) {
            packSixRows(row0, column0, columns, packed, base);
        } else if (transposed) {
            // Stored column-major for this operand: the panel's rows are contiguous for each column.
            for (int p = 0; p < columns; p++) {
                int target = base + p * panelHeight;
                System.arraycopy(data, index(row0, column0 + p), packed, target, rows);
                Arrays.fill(packed, target + rows, target + panelHeight, 0f);
            }
        } else {
            for (int r = 0; r < panelHeight; r++) {
                if (r >= rows) {
                    for (int p = 0; p < columns; p++) {
                        packed[base + p * panelHeight + r] = 0f;
                    }
                    continue;
                }
                int source = index(row0 + r, column0);
                for (int p = 0; p < columns; p++) {
                    packed[base + p * panelHeight + r] = data[source + p];
                }
            }
        }
    }

    /**
     * A full panel of six rows (the micro-kernels' height), written in order with one statement per
     * row: the general loops above leave a strided store or an array copy of a few floats per value,
     * which made packing cost as much as the multiply for the tall, thin products of convolutions.
     */
    private void packSixRows(int row0, int column0, int columns, float[] packed, int base) {
        // Element (row0 + r, column0 + p) is at start + r·rowStep + p·columnStep.
        int start = index(row0, column0);
        int rowStep = transposed ? 1 : stride;
        int columnStep = transposed ? stride : 1;
        int r1 = start + rowStep;
        int r2 = r1 + rowStep;
        int r3 = r2 + rowStep;
        int r4 = r3 + rowStep;
        int r5 = r4 + rowStep;
        for (int p = 0, at = 0, target = base; p < columns; p++, at += columnStep, target += 6) {
            GemmOperand.packSix(data, start + at, r1 + at, r2 + at, r3 + at, r4 + at, r5 + at, packed, target);
        }
    }

    @Override
    public void packColumns(int row0, int rows, int column0, int columns, int panelWidth, float[] packed,
                            int base) {
        for (int p = 0; p < rows; p++) {
            int target = base + p * panelWidth;
            if (!transposed) {
                System.arraycopy(data, index(row0 + p, column0), packed, target, columns);
            } else {
                for (int j = 0; j < columns; j++) {
                    packed[target + j] = data[index(row0 + p, column0 + j)];
                }
            }
            Arrays.fill(packed, target + columns, target + panelWidth, 0f);
        }
    }
}
