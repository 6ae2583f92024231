package org.noether.tensor;

/**
 * Renders a tensor as nested brackets, eliding the middle of long axes as NumPy does:
 * {@code tensor([2, 3], [[1, 2, 3], [4, 5, 6]])}.
 */
final class TensorFormat {
    private static final int EDGE_ITEMS = 3;
    private static final int FULL_LIMIT = 1000;

    private TensorFormat() {
    }

    static String format(Tensor tensor) {
        StringBuilder out = new StringBuilder("tensor(").append(tensor.shape()).append(", ");
        Shape shape = tensor.shape();
        if (shape.rank() == 0) {
            out.append(number(tensor.data()[0]));
        } else {
            appendAxis(out, tensor.data(), shape.dims(), shape.strides(), 0, 0, tensor.size() > FULL_LIMIT);
        }
        if (tensor.requiresGrad()) {
            out.append(tensor.gradFn() != null ? ", gradFn=" + tensor.gradFn().name() : ", requiresGrad");
        }
        return out.append(')').toString();
    }

    private static void appendAxis(StringBuilder out, float[] data, int[] dims, int[] strides, int axis,
                                   int offset, boolean abbreviate) {
        out.append('[');
        int n = dims[axis];
        for (int i = 0; i < n; i++) {
            if (abbreviate && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                out.append("..., ");
                i = n - EDGE_ITEMS;
            }
            if (axis == dims.length - 1) {
                out.append(number(data[offset + i]));
            } else {
                appendAxis(out, data, dims, strides, axis + 1, offset + i * strides[axis], abbreviate);
            }
            if (i < n - 1) {
                out.append(", ");
            }
        }
        out.append(']');
    }

    private static String number(float value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e7) {
            return Long.toString((long) value);
        }
        return Float.toString(value);
    }
}
