package org.noether.autograd.ops;

import org.noether.autograd.Function;
import org.noether.kernel.Elementwise;
import org.noether.kernel.Scratch;
import org.noether.kernel.Tanh;
import org.noether.tensor.Tensor;

/**
 * The elementwise functions of one tensor, as a table: each row is {@code y = f(x)} and its
 * derivative rule {@code ∂/∂x = g·f'(x)}, written with tensor ops (in terms of {@code x} or of the
 * saved output {@code y}) so that it can be differentiated again.
 *
 * <p>Shape: unchanged.
 *
 * <pre>{@code Tensor y = Unary.TANH.apply(x); // same as x.tanh()}</pre>
 */
public enum Unary {
    /** {@code −x}; {@code ∂ = −g}. */
    NEG((x, xo, out, oo, n) -> {
        for (int j = 0; j < n; j++) {
            out[oo + j] = -x[xo + j];
        }
    }) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return g.neg();
        }
    },
    /** {@code eˣ}; {@code ∂ = g·y}. */
    EXP((x, xo, out, oo, n) -> {
        for (int j = 0; j < n; j++) {
            out[oo + j] = (float) Math.exp(x[xo + j]);
        }
    }) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return g.mul(y);
        }
    },
    /** {@code ln x}; {@code ∂ = g / x}. */
    LOG((x, xo, out, oo, n) -> {
        for (int j = 0; j < n; j++) {
            out[oo + j] = (float) Math.log(x[xo + j]);
        }
    }) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return g.div(x);
        }
    },
    /** {@code ln(1 + x)}; {@code ∂ = g / (1 + x)}. */
    LOG1P((x, xo, out, oo, n) -> {
        for (int j = 0; j < n; j++) {
            out[oo + j] = (float) Math.log1p(x[xo + j]);
        }
    }) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return g.div(x.add(1));
        }
    },
    /** {@code √x}; {@code ∂ = g / (2y)}. */
    SQRT((x, xo, out, oo, n) -> {
        for (int j = 0; j < n; j++) {
            out[oo + j] = (float) Math.sqrt(x[xo + j]);
        }
    }) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return g.div(y.mul(2));
        }
    },
    /** {@code |x|}; {@code ∂ = g·sign(x)}. */
    ABS((x, xo, out, oo, n) -> {
        for (int j = 0; j < n; j++) {
            out[oo + j] = Math.abs(x[xo + j]);
        }
    }) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return g.mul(x.sign());
        }
    },
    /** {@code tanh x}; {@code ∂ = g·(1 − y²)}. */
    TANH(Tanh::apply) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return TanhGrad.apply(g, y);
        }
    },
    /** {@code 1 / (1 + e^{−x})}; {@code ∂ = g·y·(1 − y)}. */
    SIGMOID((x, xo, out, oo, n) -> {
        for (int j = 0; j < n; j++) {
            out[oo + j] = sigmoid(x[xo + j]);
        }
    }) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return g.mul(y.mul(y.neg().add(1)));
        }
    },
    /** {@code max(x, 0)} (NaN stays NaN); {@code ∂ = g·[x > 0]}. */
    RELU((x, xo, out, oo, n) -> {
        for (int j = 0; j < n; j++) {
            out[oo + j] = x[xo + j] <= 0 ? 0f : x[xo + j];
        }
    }) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return ReluGrad.apply(g, x);
        }
    },
    /** {@code sin x}; {@code ∂ = g·cos x}. */
    SIN((x, xo, out, oo, n) -> {
        for (int j = 0; j < n; j++) {
            out[oo + j] = (float) Math.sin(x[xo + j]);
        }
    }) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return g.mul(x.cos());
        }
    },
    /** {@code cos x}; {@code ∂ = −g·sin x}. */
    COS((x, xo, out, oo, n) -> {
        for (int j = 0; j < n; j++) {
            out[oo + j] = (float) Math.cos(x[xo + j]);
        }
    }) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return g.mul(x.sin()).neg();
        }
    },
    /** {@code erf x}; {@code ∂ = g·(2/√π)·e^{−x²}}. */
    ERF((x, xo, out, oo, n) -> {
        for (int j = 0; j < n; j++) {
            out[oo + j] = (float) erf(x[xo + j]);
        }
    }) {
        @Override
        Tensor gradient(Tensor g, Tensor x, Tensor y) {
            return g.mul(x.square().neg().exp().mul(2 / Math.sqrt(Math.PI)));
        }
    };

    /** The forward loop over a row; each row of the table has its own, so the JIT inlines the math. */
    private final Elementwise.UnaryRow function;

    Unary(Elementwise.UnaryRow function) {
        this.function = function;
    }

    /** The derivative rule: the input's gradient given the output's gradient {@code g}. */
    abstract Tensor gradient(Tensor g, Tensor x, Tensor y);

    /** {@code f(x)}, recorded for differentiation. */
    public Tensor apply(Tensor x) {
        float[] out = Scratch.floats(x.size());
        Elementwise.map(x.data(), out, out.length, function);
        Tensor y = Tensor.wrap(out, x.shape());
        return new Op(this, y).recordOn(y, x);
    }

    /** The recorded node for one application of a row of the table. */
    private static final class Op extends Function {
        private final Unary kind;
        private final Tensor output;

        Op(Unary kind, Tensor output) {
            this.kind = kind;
            this.output = output;
        }

        Tensor recordOn(Tensor y, Tensor x) {
            return record(y, x);
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            return new Tensor[] {kind.gradient(g, input(0), output)};
        }

        @Override
        public String name() {
            String lower = kind.name().toLowerCase(java.util.Locale.ROOT);
            return Character.toUpperCase(lower.charAt(0)) + lower.substring(1); // "Tanh", like the op classes
        }
    }

    private static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1 / (1 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1 + e));
    }

    /**
     * erf via the complementary error function's Chebyshev fit (Numerical Recipes {@code erfcc}),
     * fractional error below 1.2e-7; near zero, where {@code 1 − erfc} would lose the relative
     * precision, the Maclaurin series.
     */
    static double erf(double x) {
        double z = Math.abs(x);
        if (z < 0.5) {
            double x2 = x * x;
            return 2 / Math.sqrt(Math.PI) * x * (1 - x2 / 3 * (1 - x2 * 3 / 10 * (1 - x2 * 5 / 21
                    * (1 - x2 * 7 / 36 * (1 - x2 * 9 / 55 * (1 - x2 * 11 / 78))))));
        }
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc : erfc - 1;
    }
}
