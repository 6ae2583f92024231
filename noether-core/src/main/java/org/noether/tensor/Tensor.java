package org.noether.tensor;

import java.util.Arrays;
import org.noether.autograd.Autograd;
import org.noether.autograd.Function;
import org.noether.autograd.ops.Add;
import org.noether.autograd.ops.Concat;
import org.noether.autograd.ops.Div;
import org.noether.autograd.ops.Expand;
import org.noether.autograd.ops.LogSoftmax;
import org.noether.autograd.ops.MatMul;
import org.noether.autograd.ops.Max;
import org.noether.autograd.ops.Mul;
import org.noether.autograd.ops.Pad;
import org.noether.autograd.ops.Permute;
import org.noether.autograd.ops.Pow;
import org.noether.autograd.ops.PowScalar;
import org.noether.autograd.ops.Reshape;
import org.noether.autograd.ops.Slice;
import org.noether.autograd.ops.Softmax;
import org.noether.autograd.ops.Sub;
import org.noether.autograd.ops.Sum;
import org.noether.autograd.ops.SumTo;
import org.noether.autograd.ops.Take;
import org.noether.autograd.ops.Unary;
import org.noether.autograd.ops.Where;
import org.noether.kernel.Elementwise;
import org.noether.kernel.Reductions;
import org.noether.kernel.Scratch;

/**
 * An n-dimensional array of float32 values, row-major and contiguous, that records the operations
 * applied to it so that gradients can be computed by {@link #backward()}.
 *
 * <p>Tensors are values: operations return new tensors and never change their inputs. The one
 * exception is a model's parameters, which an optimizer updates in place between steps. Binary
 * operations broadcast as NumPy does; a shape mismatch names both shapes and the operation.
 * Images are NHWC ({@code [batch, height, width, channels]}).
 *
 * <pre>{@code
 * Tensor w = Tensor.of(new float[] {1, -1, 1}, 3).requiresGrad(true);
 * Tensor y = w.mul(w).sum();
 * y.backward();          // w.grad() == 2·w
 * }</pre>
 *
 * <p>This class is the vocabulary of the whole library (as {@code torch.Tensor} is), which is why
 * it is long: every method is a one-line entry to an op in {@code org.noether.autograd.ops} or a
 * kernel.
 */
public final class Tensor {
    private final Shape shape;
    private final float[] data;
    private boolean requiresGrad;
    private Tensor grad;
    private Function gradFn;

    private Tensor(float[] data, Shape shape) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("Tensor data has " + data.length + " values but shape " + shape
                    + " needs " + shape.size());
        }
        this.data = data;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- creation

    /**
     * A tensor over {@code data} without copying it: later writes to the array show through. For
     * kernels and readers that have just filled a fresh array.
     */
    public static Tensor wrap(float[] data, Shape shape) {
        return new Tensor(data, shape);
    }

    /** A tensor holding a copy of {@code values} with the given shape (1-D if no shape is given). */
    public static Tensor of(float[] values, int... shape) {
        return new Tensor(values.clone(), shape.length == 0 ? Shape.of(values.length) : Shape.of(shape));
    }

    /** A 1-D tensor of the given values. */
    public static Tensor vector(float... values) {
        return new Tensor(values.clone(), Shape.of(values.length));
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor of(float[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        float[] values = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns) {
                throw new IllegalArgumentException("Row " + i + " has " + rows[i].length
                        + " values, expected " + columns + " like row 0");
            }
            System.arraycopy(rows[i], 0, values, i * columns, columns);
        }
        return new Tensor(values, Shape.of(rows.length, columns));
    }

    /** A rank-0 tensor. */
    public static Tensor scalar(double value) {
        return new Tensor(new float[] {(float) value}, Shape.scalar());
    }

    /** All zeros. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(new float[shape.size()], shape);
    }

    /** All zeros. */
    public static Tensor zeros(int... shape) {
        return zeros(Shape.of(shape));
    }

    /** All ones. */
    public static Tensor ones(Shape shape) {
        return full(shape, 1f);
    }

    /** All ones. */
    public static Tensor ones(int... shape) {
        return ones(Shape.of(shape));
    }

    /** Every element equal to {@code value}. */
    public static Tensor full(Shape shape, double value) {
        float[] values = new float[shape.size()];
        Arrays.fill(values, (float) value);
        return new Tensor(values, shape);
    }

    /** Uniform in {@code [low, high)}, drawn from {@code rng}. */
    public static Tensor uniform(Shape shape, double low, double high, Rng rng) {
        float[] values = new float[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.uniform(low, high);
        }
        return new Tensor(values, shape);
    }

    /** Normal with the given mean and standard deviation, drawn from {@code rng}. */
    public static Tensor normal(Shape shape, double mean, double stddev, Rng rng) {
        float[] values = new float[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.normal(mean, stddev);
        }
        return new Tensor(values, shape);
    }

    /** {@code count} evenly spaced values from {@code start} to {@code end} inclusive (as NumPy's linspace). */
    public static Tensor linspace(double start, double end, int count) {
        float[] values = new float[checkCount("linspace", count)];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (count == 1 ? start : start + (end - start) * i / (count - 1));
        }
        return new Tensor(values, Shape.of(count));
    }

    /** {@code 0, 1, …, count-1}. */
    public static Tensor arange(int count) {
        float[] values = new float[checkCount("arange", count)];
        for (int i = 0; i < count; i++) {
            values[i] = i;
        }
        return new Tensor(values, Shape.of(count));
    }

    private static int checkCount(String factory, int count) {
        if (count < 0) {
            throw new IllegalArgumentException(factory + ": count must be >= 0. Received: count=" + count);
        }
        return count;
    }

    // ---------------------------------------------------------------- accessors

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** Size of dimension {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /**
     * The backing array (row-major), not a copy: for kernels, optimizers and writers. Changing it
     * changes this tensor and bypasses autograd.
     */
    public float[] data() {
        return data;
    }

    /** A copy of the values, row-major. */
    public float[] toArray() {
        return data.clone();
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, got shape " + shape);
        }
        return data[0];
    }

    /** The element at the given index (one coordinate per axis). */
    public float get(int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("get" + Arrays.toString(index) + " needs " + shape.rank()
                    + " coordinates for shape " + shape);
        }
        int offset = 0;
        int[] strides = shape.strides();
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape.dim(i)) {
                throw new IndexOutOfBoundsException("Index " + Arrays.toString(index) + " is out of bounds for shape "
                        + shape);
            }
            offset += index[i] * strides[i];
        }
        return data[offset];
    }

    // ---------------------------------------------------------------- autograd

    /** Whether gradients flow to (or through) this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf tensor (one not computed by a recorded op) as needing a gradient; returns this. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value) {
            throw new IllegalStateException("Cannot stop a computed tensor requiring a gradient; use detach()");
        }
        this.requiresGrad = value;
        return this;
    }

    /** The accumulated gradient after {@link #backward()}, or null. */
    public Tensor grad() {
        return grad;
    }

    /** Replaces the accumulated gradient (null clears it, as before a new step). */
    public void setGrad(Tensor gradient) {
        if (gradient != null && !gradient.shape.equals(shape)) {
            throw new IllegalArgumentException("Gradient of shape " + gradient.shape + " does not match tensor shape "
                    + shape);
        }
        this.grad = gradient;
    }

    /** The recorded operation that produced this tensor, or null for a leaf. */
    public Function gradFn() {
        return gradFn;
    }

    /** Called by {@link Function} when it records this tensor as its output. */
    public void setGradFn(Function producer) {
        this.gradFn = producer;
        this.requiresGrad = true;
    }

    /** Backpropagates from this scalar: fills {@link #grad()} of every leaf it depends on. */
    public void backward() {
        Autograd.backward(this, null, false);
    }

    /** The same values, cut off from the graph (shares the data). */
    public Tensor detach() {
        return new Tensor(data, shape);
    }

    /** A copy of the values, cut off from the graph. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    // ---------------------------------------------------------------- elementwise arithmetic (broadcasting)

    /** {@code this + other}. */
    public Tensor add(Tensor other) {
        return Add.apply(this, other);
    }

    /** {@code this + value}. */
    public Tensor add(double value) {
        return Add.apply(this, scalar(value));
    }

    /** {@code this - other}. */
    public Tensor sub(Tensor other) {
        return Sub.apply(this, other);
    }

    /** {@code this - value}. */
    public Tensor sub(double value) {
        return Add.apply(this, scalar(-value));
    }

    /** {@code this · other}, elementwise. */
    public Tensor mul(Tensor other) {
        return Mul.apply(this, other);
    }

    /** {@code this · value}. */
    public Tensor mul(double value) {
        return Mul.apply(this, scalar(value));
    }

    /** {@code this / other}, elementwise. */
    public Tensor div(Tensor other) {
        return Div.apply(this, other);
    }

    /** {@code this / value}. */
    public Tensor div(double value) {
        return Mul.apply(this, scalar(1.0 / value));
    }

    /** {@code -this}. */
    public Tensor neg() {
        return Unary.NEG.apply(this);
    }

    /** {@code this^exponent}, elementwise. */
    public Tensor pow(double exponent) {
        return PowScalar.apply(this, exponent);
    }

    /** {@code this^exponent}, elementwise with broadcasting; needs {@code this > 0} where the exponent varies. */
    public Tensor pow(Tensor exponent) {
        return Pow.apply(this, exponent);
    }

    /** {@code this²}. */
    public Tensor square() {
        return Mul.apply(this, this);
    }

    /** Elementwise maximum (the gradient goes to {@code this} on ties); NaN if either is NaN. */
    public Tensor maximum(Tensor other) {
        return Where.apply(compare(other, "maximum", (x, y) -> x >= y || Float.isNaN(x) ? 1f : 0f), this, other);
    }

    /** Elementwise maximum with a constant. */
    public Tensor maximum(double value) {
        return maximum(scalar(value));
    }

    /** Elementwise minimum (the gradient goes to {@code this} on ties); NaN if either is NaN. */
    public Tensor minimum(Tensor other) {
        return Where.apply(compare(other, "minimum", (x, y) -> x <= y || Float.isNaN(x) ? 1f : 0f), this, other);
    }

    /** Elementwise minimum with a constant. */
    public Tensor minimum(double value) {
        return minimum(scalar(value));
    }

    /** Values limited to {@code [low, high]}. */
    public Tensor clamp(double low, double high) {
        return maximum(low).minimum(high);
    }

    /** {@code mask ? this : other} with broadcasting; {@code mask} holds 1 (true) and 0 (false). */
    public Tensor where(Tensor mask, Tensor other) {
        return Where.apply(mask, this, other);
    }

    // ---------------------------------------------------------------- elementwise math

    /** {@code e^x}. */
    public Tensor exp() {
        return Unary.EXP.apply(this);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return Unary.LOG.apply(this);
    }

    /** {@code ln(1 + x)}, accurate for small x. */
    public Tensor log1p() {
        return Unary.LOG1P.apply(this);
    }

    /** Square root. */
    public Tensor sqrt() {
        return Unary.SQRT.apply(this);
    }

    /** Absolute value. */
    public Tensor abs() {
        return Unary.ABS.apply(this);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return Unary.TANH.apply(this);
    }

    /** Logistic sigmoid {@code 1 / (1 + e^-x)}. */
    public Tensor sigmoid() {
        return Unary.SIGMOID.apply(this);
    }

    /** {@code max(x, 0)}. */
    public Tensor relu() {
        return Unary.RELU.apply(this);
    }

    /** Sine. */
    public Tensor sin() {
        return Unary.SIN.apply(this);
    }

    /** Cosine. */
    public Tensor cos() {
        return Unary.COS.apply(this);
    }

    /** The error function {@code erf(x) = 2/√π ∫₀ˣ e^{-t²} dt}. */
    public Tensor erf() {
        return Unary.ERF.apply(this);
    }

    /** {@code ln(1 + e^x)}, computed without overflow. */
    public Tensor softplus() {
        return relu().add(abs().neg().exp().log1p());
    }

    // ---------------------------------------------------------------- comparisons (constants: no gradient)

    /** 1 where {@code this > other}, else 0. */
    public Tensor gt(Tensor other) {
        return compare(other, "gt", (x, y) -> x > y ? 1f : 0f);
    }

    /** 1 where {@code this > value}, else 0. */
    public Tensor gt(double value) {
        return gt(scalar(value));
    }

    /** 1 where {@code this < other}, else 0. */
    public Tensor lt(Tensor other) {
        return compare(other, "lt", (x, y) -> x < y ? 1f : 0f);
    }

    /** 1 where {@code this < value}, else 0. */
    public Tensor lt(double value) {
        return lt(scalar(value));
    }

    /** 1 where {@code this >= other}, else 0. */
    public Tensor ge(Tensor other) {
        return compare(other, "ge", (x, y) -> x >= y ? 1f : 0f);
    }

    /** 1 where {@code this <= other}, else 0. */
    public Tensor le(Tensor other) {
        return compare(other, "le", (x, y) -> x <= y ? 1f : 0f);
    }

    /** 1 where {@code this == other}, else 0. */
    public Tensor eq(Tensor other) {
        return compare(other, "eq", (x, y) -> x == y ? 1f : 0f);
    }

    /** -1, 0 or 1 by the sign of each element. */
    public Tensor sign() {
        return compare(scalar(0), "sign", (x, zero) -> Math.signum(x));
    }

    private Tensor compare(Tensor other, String op, Elementwise.BinaryOp test) {
        Shape out = Shape.broadcast(shape, other.shape, op);
        float[] result = Scratch.floats(out.size());
        Elementwise.binary(data, shape.dims(), other.data, other.shape.dims(), result, out.dims(),
                Elementwise.BinaryRow.of(test));
        return new Tensor(result, out);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (a scalar). */
    public Tensor sum() {
        return Sum.apply(this, allAxes(), false);
    }

    /** Sum over the given axes, which are removed. */
    public Tensor sum(int... axes) {
        return Sum.apply(this, axes, false);
    }

    /** Sum over the given axes, kept with size 1 when {@code keepDims}. */
    public Tensor sum(boolean keepDims, int... axes) {
        return Sum.apply(this, axes, keepDims);
    }

    /** Mean of all elements (a scalar). */
    public Tensor mean() {
        return sum().div(Math.max(1, size()));
    }

    /** Mean over the given axes, which are removed. */
    public Tensor mean(int... axes) {
        return mean(false, axes);
    }

    /** Mean over the given axes, kept with size 1 when {@code keepDims}. */
    public Tensor mean(boolean keepDims, int... axes) {
        int count = 1;
        for (int axis : axes) {
            count *= shape.dim(axis);
        }
        return Sum.apply(this, axes, keepDims).div(Math.max(1, count));
    }

    /** Maximum of all elements (a scalar). */
    public Tensor max() {
        return reshape(size()).max(0, false);
    }

    /** Maximum along {@code axis}, kept with size 1 when {@code keepDims}. */
    public Tensor max(int axis, boolean keepDims) {
        return Max.apply(this, axis, keepDims);
    }

    /** Minimum along {@code axis}, kept with size 1 when {@code keepDims}. */
    public Tensor min(int axis, boolean keepDims) {
        return neg().max(axis, keepDims).neg();
    }

    /** Index of the first maximum along {@code axis} (the axis is removed); indices as floats. */
    public Tensor argmax(int axis) {
        int normalized = shape.normalizeAxis(axis);
        if (shape.dim(normalized) == 0) {
            throw new IllegalArgumentException("argmax: axis " + axis + " of shape " + shape + " is empty");
        }
        int outer = shape.sizeOf(0, normalized);
        int inner = shape.sizeOf(normalized + 1, shape.rank());
        float[] values = new float[outer * inner];
        int[] indices = new int[outer * inner];
        Reductions.max(data, outer, shape.dim(normalized), inner, values, indices);
        float[] result = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            result[i] = indices[i];
        }
        return new Tensor(result, removeAxis(normalized));
    }

    /** Sums broadcast dimensions away so that the result has {@code target} shape (inverse of broadcasting). */
    public Tensor sumTo(Shape target) {
        return shape.equals(target) ? this : SumTo.apply(this, target);
    }

    /** Repeats size-1 (or missing leading) dimensions to reach {@code target}, as broadcasting does. */
    public Tensor expand(Shape target) {
        return shape.equals(target) ? this : Expand.apply(this, target);
    }

    // ---------------------------------------------------------------- linear algebra

    /** Matrix product over the last two axes, batched and broadcast over the leading ones. */
    public Tensor matmul(Tensor other) {
        return MatMul.apply(this, other, false, false);
    }

    /** {@code op(this)·op(other)}, where op transposes the last two axes when its flag is set. */
    public Tensor matmul(Tensor other, boolean transposeThis, boolean transposeOther) {
        return MatMul.apply(this, other, transposeThis, transposeOther);
    }

    // ---------------------------------------------------------------- shape

    /** The same values with another shape of equal size; one dimension may be -1 (inferred). */
    public Tensor reshape(int... newShape) {
        return reshape(inferShape(newShape));
    }

    /** The same values with another shape of equal size. */
    public Tensor reshape(Shape newShape) {
        if (newShape.size() != size()) {
            throw new IllegalArgumentException("reshape: cannot view shape " + shape + " (" + size()
                    + " elements) as " + newShape + " (" + newShape.size() + " elements)");
        }
        return newShape.equals(shape) ? this : Reshape.apply(this, newShape);
    }

    /** Keeps the first axis and flattens the rest: {@code [n, a, b, c] -> [n, a·b·c]}. */
    public Tensor flatten() {
        return reshape(shape.rank() == 0 ? 1 : shape.dim(0), -1);
    }

    /** Swaps the last two axes (a matrix transpose). */
    public Tensor transpose() {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("transpose() needs at least 2 axes, got shape " + shape);
        }
        return transpose(-2, -1);
    }

    /** Swaps two axes. */
    public Tensor transpose(int axis1, int axis2) {
        int[] perm = allAxes();
        int a = shape.normalizeAxis(axis1);
        int b = shape.normalizeAxis(axis2);
        perm[a] = b;
        perm[b] = a;
        return permute(perm);
    }

    /** Reorders the axes: output axis {@code i} is input axis {@code perm[i]}. */
    public Tensor permute(int... perm) {
        return Permute.apply(this, perm);
    }

    /** Elements {@code [start, end)} along {@code axis}. */
    public Tensor slice(int axis, int start, int end) {
        return Slice.apply(this, axis, start, end);
    }

    /** Samples {@code [start, end)} of the batch (first) axis. */
    public Tensor slice(int start, int end) {
        return slice(0, start, end);
    }

    /** Zeros added before and after along {@code axis}. */
    public Tensor pad(int axis, int before, int after) {
        return Pad.apply(this, axis, before, after);
    }

    /** The samples (first-axis entries) at the given indices, in that order; indices may repeat. */
    public Tensor take(int[] indices) {
        return Take.apply(this, indices);
    }

    /** Joins tensors along {@code axis}; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... parts) {
        return Concat.apply(axis, parts);
    }

    // ---------------------------------------------------------------- normalized exponentials

    /** {@code e^{x_j} / Σ_k e^{x_k}} along {@code axis}, computed stably. */
    public Tensor softmax(int axis) {
        return Softmax.apply(this, axis);
    }

    /** {@code x_j − ln Σ_k e^{x_k}} along {@code axis}, computed stably. */
    public Tensor logSoftmax(int axis) {
        return LogSoftmax.apply(this, axis);
    }

    // ---------------------------------------------------------------- helpers

    private int[] allAxes() {
        int[] axes = new int[shape.rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }

    private Shape removeAxis(int axis) {
        int[] dims = shape.dims();
        int[] out = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != axis) {
                out[j++] = dims[i];
            }
        }
        return Shape.of(out);
    }

    private Shape inferShape(int[] requested) {
        int unknown = -1;
        int known = 1;
        for (int i = 0; i < requested.length; i++) {
            if (requested[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape" + Arrays.toString(requested)
                            + ": only one dimension may be -1");
                }
                unknown = i;
            } else {
                known *= requested[i];
            }
        }
        if (unknown < 0) {
            return Shape.of(requested);
        }
        if (known == 0 || size() % known != 0) {
            throw new IllegalArgumentException("reshape: cannot view shape " + shape + " (" + size()
                    + " elements) as " + Arrays.toString(requested));
        }
        int[] dims = requested.clone();
        dims[unknown] = size() / known;
        return Shape.of(dims);
    }

    /** Values and shape, abbreviated for large tensors, e.g. {@code tensor([2, 2], [[1, 2], [3, 4]])}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
