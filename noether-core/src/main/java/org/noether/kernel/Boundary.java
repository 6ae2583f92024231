package org.noether.kernel;

/**
 * What a convolution or pooling window sees beyond the edge of its input.
 *
 * <ul>
 * <li>{@code ZEROS}: zeros (the notes' "pad with P zeros"; Keras's only choice);
 * <li>{@code PERIODIC}: the input wraps around, as on a torus — a lattice with periodic boundary
 *     conditions (seed 000's Ising configurations) keeps its translation symmetry exactly;
 * <li>{@code REFLECT}: the input mirrored at its edge without repeating the edge value
 *     ({@code d c b | a b c d | c b a}), as NumPy's and PyTorch's "reflect";
 * <li>{@code EDGE}: the edge value repeated ({@code a a a | a b c d | d d d}), NumPy's "edge" and
 *     PyTorch's "replicate" — seed 000's way of keeping an image's size when filtering.
 * </ul>
 */
public enum Boundary {
    ZEROS, PERIODIC, REFLECT, EDGE;

    /**
     * The input index that position {@code index} (possibly outside {@code [0, size)}) reads, or -1
     * for a zero.
     */
    public int map(int index, int size) {
        if (index >= 0 && index < size) {
            return index;
        }
        return switch (this) {
            case ZEROS -> -1;
            case PERIODIC -> Math.floorMod(index, size);
            case EDGE -> index < 0 ? 0 : size - 1;
            case REFLECT -> {
                if (size == 1) {
                    yield 0;
                }
                int period = 2 * (size - 1);
                int folded = Math.floorMod(index, period);
                yield folded < size ? folded : period - folded;
            }
        };
    }
}
