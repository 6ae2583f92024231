package org.noether.kernel;

/**
 * Reductions along one axis of a row-major array viewed as {@code [outer, n, inner]}: the axis
 * being reduced has length {@code n}, {@code outer} is the product of the axes before it and
 * {@code inner} of the axes after it. The output is {@code [outer, inner]}.
 *
 * <p>Sums accumulate in double so that a mean over tens of thousands of samples keeps float
 * precision; each output element is summed in index order, whatever the thread count.
 *
 * <pre>{@code Reductions.sum(x, batch, features, 1, rowSums); // per-sample sums of [batch, features]}</pre>
 */
public final class Reductions {
    private Reductions() {
    }

    /** {@code out[o, i] = Σ_k x[o, k, i]}. */
    public static void sum(float[] x, int outer, int n, int inner, float[] out) {
        long work = (long) outer * n * inner;
        if (inner == 1) {
            Parallel.forRange(outer, work, (from, to) -> {
                for (int o = from; o < to; o++) {
                    double total = 0;
                    int base = o * n;
                    for (int k = 0; k < n; k++) {
                        total += x[base + k];
                    }
                    out[o] = (float) total;
                }
            });
            return;
        }
        Parallel.forRange(outer * inner, work, (from, to) -> {
            double[] totals = new double[Math.min(inner, to - from)];
            for (int start = from; start < to; ) {
                int o = start / inner;
                int i0 = start % inner;
                int i1 = Math.min(inner, i0 + (to - start));
                int width = i1 - i0;
                java.util.Arrays.fill(totals, 0, width, 0.0);
                for (int k = 0; k < n; k++) {
                    int row = (o * n + k) * inner;
                    for (int i = 0; i < width; i++) {
                        totals[i] += x[row + i0 + i];
                    }
                }
                for (int i = 0; i < width; i++) {
                    out[o * inner + i0 + i] = (float) totals[i];
                }
                start += width;
            }
        });
    }

    /**
     * {@code out[o, i] = max_k x[o, k, i]} and {@code argmax[o, i]} the first {@code k} attaining
     * it; a NaN anywhere along the axis wins, so a broken activation is not silently hidden.
     */
    public static void max(float[] x, int outer, int n, int inner, float[] out, int[] argmax) {
        Parallel.forRange(outer * inner, (long) outer * n * inner, (from, to) -> {
            for (int index = from; index < to; index++) {
                int o = index / inner;
                int i = index % inner;
                int base = o * n * inner + i;
                float best = x[base];
                int bestK = 0;
                for (int k = 1; k < n && !Float.isNaN(best); k++) {
                    float value = x[base + k * inner];
                    if (value > best || Float.isNaN(value)) {
                        best = value;
                        bestK = k;
                    }
                }
                out[index] = best;
                if (argmax != null) {
                    argmax[index] = bestK;
                }
            }
        });
    }
}
