package org.noether.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first (row-major): images are NHWC, so a batch of
 * 32 grey 28×28 images has shape {@code [32, 28, 28, 1]}.
 *
 * <p>Immutable. A rank-0 shape {@code []} is a scalar with one element.
 *
 * <pre>{@code Shape s = Shape.of(32, 784); s.dim(-1) == 784; s.size() == 25088}</pre>
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long total = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("Shape dimensions must be >= 0, got " + Arrays.toString(dims));
            }
            total *= d;
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Shape " + Arrays.toString(dims)
                        + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        this.dims = dims;
        this.size = (int) total;
    }

    /** A shape with the given dimensions; {@code Shape.of()} is the scalar shape. */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** The scalar shape {@code []}. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code axis}; negative axes count from the end ({@code -1} is the last). */
    public int dim(int axis) {
        return dims[normalizeAxis(axis)];
    }

    /** Total number of elements (product of the dimensions). */
    public int size() {
        return size;
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Row-major strides in elements: the last axis has stride 1. */
    public int[] strides() {
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= dims[i];
        }
        return strides;
    }

    /** Product of the dimensions in {@code [from, to)}. */
    public int sizeOf(int from, int to) {
        int product = 1;
        for (int i = from; i < to; i++) {
            product *= dims[i];
        }
        return product;
    }

    /** Maps a possibly negative axis into {@code [0, rank)}, or throws naming this shape. */
    public int normalizeAxis(int axis) {
        int normalized = axis < 0 ? axis + dims.length : axis;
        if (normalized < 0 || normalized >= dims.length) {
            throw new IllegalArgumentException("Axis " + axis + " is out of range for shape " + this
                    + " (rank " + dims.length + ")");
        }
        return normalized;
    }

    /** This shape with dimension {@code axis} replaced by {@code value}. */
    public Shape withDim(int axis, int value) {
        int[] copy = dims.clone();
        copy[normalizeAxis(axis)] = value;
        return new Shape(copy);
    }

    /** This shape with {@code leading} prepended, e.g. the batch dimension. */
    public Shape prepend(int leading) {
        int[] out = new int[dims.length + 1];
        out[0] = leading;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return new Shape(out);
    }

    /** This shape without its first dimension (a batch shape's per-sample shape). */
    public Shape dropFirst() {
        if (dims.length == 0) {
            throw new IllegalArgumentException("A scalar shape has no first dimension");
        }
        return of(Arrays.copyOfRange(dims, 1, dims.length));
    }

    /**
     * The NumPy broadcast of two shapes: aligned from the right, each pair of dimensions must be
     * equal or one of them 1.
     *
     * @throws IllegalArgumentException naming both shapes and {@code op} when they do not broadcast
     */
    public static Shape broadcast(Shape a, Shape b, String op) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b
                        + " cannot be broadcast (dimension " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Like {@code [32, 28, 28, 1]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
