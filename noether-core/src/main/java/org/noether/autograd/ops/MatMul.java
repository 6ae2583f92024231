package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Gemm;
import org.noether.kernel.Scratch;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Matrix product over the last two axes, {@code C = op(A)·op(B)}, where {@code op} optionally
 * transposes; leading (batch) axes broadcast.
 *
 * <p>Shape: {@code [...batch, m, k] · [...batch, k, n] → [...batch, m, n]} (after the optional
 * transposes). Gradient: {@code ∂/∂op(A) = g·op(B)ᵀ} and {@code ∂/∂op(B) = op(A)ᵀ·g}, themselves
 * matrix products with transpose flags (no transposed copies), summed over broadcast batch axes.
 */
public final class MatMul extends Function {
    private final boolean transA;
    private final boolean transB;

    private MatMul(boolean transA, boolean transB) {
        this.transA = transA;
        this.transB = transB;
    }

    /** {@code op(a)·op(b)}. */
    public static Tensor apply(Tensor a, Tensor b, boolean transA, boolean transB) {
        Shape aShape = a.shape();
        Shape bShape = b.shape();
        if (aShape.rank() < 2 || bShape.rank() < 2) {
            throw new IllegalArgumentException("matmul needs two tensors with at least 2 axes, got shapes "
                    + aShape + " and " + bShape);
        }
        int m = transA ? aShape.dim(-1) : aShape.dim(-2);
        int k = transA ? aShape.dim(-2) : aShape.dim(-1);
        int kB = transB ? bShape.dim(-1) : bShape.dim(-2);
        int n = transB ? bShape.dim(-2) : bShape.dim(-1);
        if (k != kB) {
            throw new IllegalArgumentException("matmul: shapes " + aShape + (transA ? "ᵀ" : "") + " and " + bShape
                    + (transB ? "ᵀ" : "") + " do not align: inner dimensions " + k + " and " + kB + " differ");
        }
        Shape aBatch = Shape.of(java.util.Arrays.copyOf(aShape.dims(), aShape.rank() - 2));
        Shape bBatch = Shape.of(java.util.Arrays.copyOf(bShape.dims(), bShape.rank() - 2));
        Shape batch;
        try {
            batch = Shape.broadcast(aBatch, bBatch, "matmul");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: the batch dimensions of shapes " + aShape + " and " + bShape
                    + " cannot be broadcast (" + aBatch + " vs " + bBatch + ")", e);
        }
        int[] outDims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        float[] out = Scratch.floats(Shape.of(outDims).size());
        int lda = aShape.dim(-1);
        int ldb = bShape.dim(-1);
        if (bBatch.size() == 1 && !transA) {
            // A stack of matrices times one matrix is one tall product.
            Gemm.sgemm(false, transB, aBatch.size() * m, n, k, a.data(), 0, lda, b.data(), 0, ldb, 0f, out, 0, n);
        } else {
            int batchCount = batch.size();
            int[] aOffsets = batchOffsets(aBatch, batch, m * k);
            int[] bOffsets = batchOffsets(bBatch, batch, k * n);
            for (int i = 0; i < batchCount; i++) {
                Gemm.sgemm(transA, transB, m, n, k, a.data(), aOffsets[i], lda, b.data(), bOffsets[i], ldb,
                        0f, out, i * m * n, n);
            }
        }
        return new MatMul(transA, transB).record(Tensor.wrap(out, Shape.of(outDims)), a, b);
    }

    /** Offset of each broadcast batch entry's matrix within an operand of batch shape {@code own}. */
    private static int[] batchOffsets(Shape own, Shape batch, int matrixSize) {
        int rank = batch.rank();
        int[] ownStrides = new int[rank];
        int stride = matrixSize;
        for (int i = own.rank() - 1; i >= 0; i--) {
            int axis = rank - own.rank() + i;
            ownStrides[axis] = own.dim(i) == 1 ? 0 : stride;
            stride *= own.dim(i);
        }
        int[] offsets = new int[batch.size()];
        int[] index = new int[rank];
        for (int flat = 0; flat < offsets.length; flat++) {
            int offset = 0;
            for (int axis = 0; axis < rank; axis++) {
                offset += index[axis] * ownStrides[axis];
            }
            offsets[flat] = offset;
            for (int axis = rank - 1; axis >= 0; axis--) {
                if (++index[axis] < batch.dim(axis)) {
                    break;
                }
                index[axis] = 0;
            }
        }
        return offsets;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor a = input(0);
        Tensor b = input(1);
        Tensor gradA = null;
        Tensor gradB = null;
        if (needsGrad(0)) {
            gradA = transA ? b.matmul(g, transB, true) : g.matmul(b, false, !transB);
            gradA = gradA.sumTo(a.shape());
        }
        if (needsGrad(1)) {
            if (b.rank() == 2 && a.rank() > 2 && !transA) {
                // Fold the batch into the rows: one product instead of a sum over per-batch products.
                Tensor a2 = a.reshape(-1, a.dim(-1));
                Tensor g2 = g.reshape(-1, g.dim(-1));
                gradB = transB ? g2.matmul(a2, true, false) : a2.matmul(g2, true, false);
            } else {
                gradB = transB ? g.matmul(a, true, transA) : a.matmul(g, !transA, false);
                gradB = gradB.sumTo(b.shape());
            }
        }
        return new Tensor[] {gradA, gradB};
    }
}
