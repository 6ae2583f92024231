package org.noether.kernel;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The patch matrix of a convolution, {@code P [positions, patchSize]} for one group, as a
 * {@link GemmOperand} that is never stored: its panels are gathered straight from the image.
 * {@code P[(n, oy, ox), (ky, kx, c)] = x[n, oy·S + ky·D − P_top, ox·S + kx·D − P_left, c]} (the
 * channel of the group), or what the {@link Boundary} puts there outside the image; the forward
 * product is {@code P·kernel} and the kernel gradient {@code Pᵀ·dy}.
 *
 * <p>Where a window lies inside the image, element {@code (row, q)} is at
 * {@code x[origin(row) + tap(q)]}: one table of origins per position and one of tap offsets per
 * column make a panel a few indexed loads per value. Windows over the border take the element rule
 * of {@link #get}. Writing every patch out first (im2col) and then packing it read and wrote the
 * patches twice more: for the tutorial CNN's second convolution, 9 MB per pass. {@link #addBack}
 * is the adjoint (col2im), for the input gradient.
 *
 * <pre>{@code Gemm.multiply(ConvPatches.of(g, x, group, false), kernelMatrix, rows, filters, g.patchSize(), 0f, y, 0, filters, null);}</pre>
 */
final class ConvPatches implements GemmOperand {
    private static final ChannelRows ROWS = ChannelRows.best();
    /**
     * Index tables by geometry and group, built once and shared (they are only read): a training
     * step asks for the same few geometries every time, and rebuilding the first convolution's
     * table of 43,264 windows, twice per step on the calling thread alone, was 2% of a step.
     */
    private static final Map<TableKey, Tables> TABLES = new ConcurrentHashMap<>();
    /** Ints the cached tables may hold (64 MB) before the cache starts over. */
    private static final long MAX_CACHED_INTS = 1 << 24;
    private static final AtomicLong CACHED_INTS = new AtomicLong();

    private final float[] x;
    private final boolean transposed;
    private final int channels;
    private final int tapCount;
    /**
     * Per row: offset in x of the window's first tap, or, where the window crosses the border,
     * {@code -1 − slot} for its taps in {@link #borderTaps} ({@link #borderTap}).
     */
    private final int[] origins;
    /** Per column: offset of its value from the window's origin. */
    private final int[] taps;
    /**
     * For each window that crosses the border, per tap {@code (ky, kx)}: offset in x of the tap's
     * channels (as the boundary maps it), or -1 for zeros; at {@code slot·tapCount + tap}. Only
     * border windows have a slot, so the tables stay small for large images.
     */
    private final int[] borderTaps;
    /**
     * The columns in runs whose values lie next to each other in x, as (first column, length)
     * pairs: a row of taps of one group, {@code KW·C} long without dilation. The scatter adds a
     * window inside the image run by run (LeNet's second convolution: 5 runs of 30 floats instead
     * of 25 of 6).
     */
    private final int[] runs;

    private ConvPatches(float[] x, boolean transposed, int channels, int tapCount, int[] origins, int[] taps,
                        int[] borderTaps, int[] runs) {
        this.x = x;
        this.transposed = transposed;
        this.channels = channels;
        this.tapCount = tapCount;
        this.origins = origins;
        this.taps = taps;
        this.borderTaps = borderTaps;
        this.runs = runs;
    }

    /** The patches of every image of {@code x} for {@code group}, or their transpose. */
    static ConvPatches of(ConvGeometry g, float[] x, int group, boolean transposed) {
        TableKey key = new TableKey(g, group);
        Tables tables = TABLES.get(key);
        if (tables == null) {
            tables = Tables.build(g, group);
            int size = tables.origins().length + tables.taps().length + tables.borderTaps().length
                    + tables.runs().length;
            if (CACHED_INTS.addAndGet(size) > MAX_CACHED_INTS) {
                TABLES.clear();
                CACHED_INTS.set(size);
            }
            TABLES.put(key, tables);
        }
        return new ConvPatches(x, transposed, g.groupInputChannels(), g.kernelHeight() * g.kernelWidth(),
                tables.origins(), tables.taps(), tables.borderTaps(), tables.runs());
    }

    private record TableKey(ConvGeometry geometry, int group) {
    }

    /** The origins of every window, the offsets of every column, and the border windows' taps. */
    private record Tables(int[] origins, int[] taps, int[] borderTaps, int[] runs) {
        static Tables build(ConvGeometry g, int group) {
            int rows = g.batch() * g.outputPositions();
            int tapCount = g.kernelHeight() * g.kernelWidth();
            int[] origins = new int[rows];
            int[] taps = new int[g.patchSize()];
            int channels = g.groupInputChannels();
            int firstChannel = group * channels;
            int lastTapY = (g.kernelHeight() - 1) * g.dilationHeight();
            int lastTapX = (g.kernelWidth() - 1) * g.dilationWidth();
            int row = 0;
            int borderWindows = 0;
            for (int image = 0; image < g.batch(); image++) {
                for (int outputY = 0; outputY < g.outputHeight(); outputY++) {
                    int top = outputY * g.strideHeight() - g.padTop();
                    boolean rowInside = top >= 0 && top + lastTapY < g.inputHeight();
                    for (int outputX = 0; outputX < g.outputWidth(); outputX++, row++) {
                        int left = outputX * g.strideWidth() - g.padLeft();
                        if (rowInside && left >= 0 && left + lastTapX < g.inputWidth()) {
                            origins[row] = ((image * g.inputHeight() + top) * g.inputWidth() + left)
                                    * g.inputChannels();
                        } else {
                            origins[row] = -1 - borderWindows++;
                        }
                    }
                }
            }
            int[] borderTaps = new int[borderWindows * tapCount];
            for (row = 0; row < rows; row++) {
                if (origins[row] >= 0) {
                    continue;
                }
                int image = row / g.outputPositions();
                int top = row % g.outputPositions() / g.outputWidth() * g.strideHeight() - g.padTop();
                int left = row % g.outputWidth() * g.strideWidth() - g.padLeft();
                for (int ky = 0, tap = (-1 - origins[row]) * tapCount; ky < g.kernelHeight(); ky++) {
                    int inputY = g.boundary().map(top + ky * g.dilationHeight(), g.inputHeight());
                    for (int kx = 0; kx < g.kernelWidth(); kx++, tap++) {
                        int inputX = g.boundary().map(left + kx * g.dilationWidth(), g.inputWidth());
                        borderTaps[tap] = inputY < 0 || inputX < 0 ? -1
                                : ((image * g.inputHeight() + inputY) * g.inputWidth() + inputX) * g.inputChannels()
                                + firstChannel;
                    }
                }
            }
            int column = 0;
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
                for (int kx = 0; kx < g.kernelWidth(); kx++) {
                    int tap = (ky * g.dilationHeight() * g.inputWidth() + kx * g.dilationWidth()) * g.inputChannels()
                            + firstChannel;
                    for (int c = 0; c < channels; c++) {
                        taps[column++] = tap + c;
                    }
                }
            }
            return new Tables(origins, taps, borderTaps, runs(taps));
        }

        private static int[] runs(int[] taps) {
            int[] runs = new int[2 * taps.length];
            int count = 0;
            for (int column = 0; column < taps.length; count += 2) {
                int first = column++;
                while (column < taps.length && taps[column] == taps[column - 1] + 1) {
                    column++;
                }
                runs[count] = first;
                runs[count + 1] = column - first;
            }
            return Arrays.copyOf(runs, count);
        }
    }

    /**
     * Inside the image, {@code P[position, q] = x[origin(position) + tap(q)]}: a row term plus a
     * column term, so the micro-kernel reads panels straight from the image. For P the rows are
     * positions and the columns taps; for Pᵀ the other way round. Read in place for up to two uses
     * per panel (up to 64 filters): a 3×3 convolution of 32 to 64 channels ran 6–12% faster, of 64
     * to 128 channels 8–14% slower than packed.
     */
    @Override
    public Gathered gathered(int columns, int uses) {
        return uses <= 2 ? new Gathered(x, transposed ? origins : taps) : null;
    }

    /**
     * Panels of P whose six windows lie inside the image, and panels of Pᵀ when no window crosses
     * the border (the column terms are then all origins); the rest are packed.
     */
    @Override
    public boolean gatherRows(int row0, int rows, int panelHeight, int[] rowOffsets, int at) {
        // Only border windows have border taps: with any, some origins (Pᵀ's column terms) are not offsets.
        if (transposed && borderTaps.length > 0) {
            return false;
        }
        int[] rowTerms = transposed ? taps : origins;
        for (int r = 0; r < panelHeight; r++) {
            int term = rowTerms[row0 + Math.min(r, rows - 1)];
            if (term < 0) {
                return false;
            }
            rowOffsets[at + r] = term;
        }
        return true;
    }

    @Override
    public float get(int row, int column) {
        return transposed ? element(column, row) : element(row, column);
    }

    /** {@code P[position, q]}. */
    private float element(int position, int q) {
        int origin = origins[position];
        if (origin >= 0) {
            return x[origin + taps[q]];
        }
        return borderElement(position, q / channels, q % channels);
    }

    /** Channel {@code channel} of tap {@code tap} of a window that crosses the border. */
    private float borderElement(int position, int tap, int channel) {
        int source = borderTap(origins[position], tap);
        return source < 0 ? 0f : x[source + channel];
    }

    /**
     * Where tap {@code tap} of window {@code row} reads the group's first channel in the array, or -1
     * where the boundary puts zeros.
     */
    int tapSource(int row, int tap) {
        int origin = origins[row];
        return origin >= 0 ? origin + taps[tap * channels] : borderTap(origin, tap);
    }

    /** Where tap {@code tap} of the border window with this (negative) origin reads, or -1 for zeros. */
    private int borderTap(int origin, int tap) {
        return borderTaps[(-1 - origin) * tapCount + tap];
    }

    @Override
    public void packRows(int row0, int rows, int column0, int columns, int panelHeight, float[] packed, int base) {
        if (transposed) {
            packColumnsOfP(row0, rows, column0, columns, panelHeight, packed, base);
        } else if (rows == 6 && panelHeight == 6) {
            packSixRowsOfP(row0, column0, columns, packed, base);
        } else {
            for (int r = 0; r < panelHeight; r++) {
                if (r < rows) {
                    packPosition(row0 + r, column0, columns, packed, base + r, panelHeight);
                } else {
                    for (int p = 0; p < columns; p++) {
                        packed[base + p * panelHeight + r] = 0f;
                    }
                }
            }
        }
    }

    /** Six positions of P, for the forward product: six windows read tap by tap. */
    private void packSixRowsOfP(int row0, int column0, int columns, float[] packed, int base) {
        int o0 = origins[row0];
        int o1 = origins[row0 + 1];
        int o2 = origins[row0 + 2];
        int o3 = origins[row0 + 3];
        int o4 = origins[row0 + 4];
        int o5 = origins[row0 + 5];
        if ((o0 | o1 | o2 | o3 | o4 | o5) < 0) {
            for (int r = 0; r < 6; r++) {
                packPosition(row0 + r, column0, columns, packed, base + r, 6);
            }
            return;
        }
        for (int p = 0, target = base; p < columns; p++, target += 6) {
            int tap = taps[column0 + p];
            GemmOperand.packSix(x, o0 + tap, o1 + tap, o2 + tap, o3 + tap, o4 + tap, o5 + tap, packed, target);
        }
    }

    /**
     * Columns {@code column0 ..} of one position into {@code packed[target + p·panelHeight]}, a
     * channel run per tap.
     */
    private void packPosition(int position, int column0, int columns, float[] packed, int target, int panelHeight) {
        int origin = origins[position];
        for (int p = 0; p < columns; ) {
            int q = column0 + p;
            int channel = q % channels;
            int run = Math.min(channels - channel, columns - p);
            int start;
            if (origin >= 0) {
                start = origin + taps[q];
            } else {
                int source = borderTap(origin, q / channels);
                start = source < 0 ? -1 : source + channel;
            }
            for (int i = 0; i < run; i++, p++) {
                packed[target + p * panelHeight] = start < 0 ? 0f : x[start + i];
            }
        }
    }

    /**
     * The adjoint of reading the patches: adds rows {@code [rowFrom, rowTo)} of a stored patch
     * matrix, whose row {@code firstRow} is at {@code patches[0]}, onto the pixels of this operand's
     * array that they were read from (col2im; values of zero-border taps are dropped). Rows of
     * different images never touch the same pixel, so images may be added in parallel.
     */
    void addBack(float[] patches, int firstRow, int rowFrom, int rowTo) {
        int patchSize = tapCount * channels;
        for (int row = rowFrom; row < rowTo; row++) {
            int source = (row - firstRow) * patchSize;
            int origin = origins[row];
            if (origin >= 0) {
                for (int run = 0; run < runs.length; run += 2) {
                    int column = runs[run];
                    ROWS.addRun(patches, source + column, x, origin + taps[column], runs[run + 1]);
                }
                continue;
            }
            for (int tap = 0; tap < tapCount; tap++, source += channels) {
                int target = borderTap(origin, tap);
                if (target >= 0) {
                    ROWS.addRun(patches, source, x, target, channels);
                }
            }
        }
    }

    /** Columns of P (rows of Pᵀ), for the kernel gradient: taps read window by window. */
    private void packColumnsOfP(int q0, int rows, int position0, int positions, int panelHeight, float[] packed,
                                int base) {
        if (rows == 6 && panelHeight == 6) {
            packSixColumnsOfP(q0, position0, positions, packed, base);
            return;
        }
        for (int p = 0, target = base; p < positions; p++, target += panelHeight) {
            for (int r = 0; r < panelHeight; r++) {
                packed[target + r] = r < rows ? element(position0 + p, q0 + r) : 0f;
            }
        }
    }

    private void packSixColumnsOfP(int q0, int position0, int positions, float[] packed, int base) {
        int t0 = taps[q0];
        int t1 = taps[q0 + 1];
        int t2 = taps[q0 + 2];
        int t3 = taps[q0 + 3];
        int t4 = taps[q0 + 4];
        int t5 = taps[q0 + 5];
        for (int p = 0, target = base; p < positions; p++, target += 6) {
            int origin = origins[position0 + p];
            if (origin >= 0) {
                GemmOperand.packSix(x, origin + t0, origin + t1, origin + t2, origin + t3, origin + t4, origin + t5,
                        packed, target);
            } else {
                for (int r = 0; r < 6; r++) {
                    packed[target + r] = element(position0 + p, q0 + r);
                }
            }
        }
    }
}
