package org.noether.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Elementwise functions against double-precision references from {@link Math} on a grid, their
 * behaviour at large |x|, erf against reference values, and the comparison masks.
 */
class ElementwiseMathTest {
    /** −20 … 20 in steps of 0.05, plus a few tiny and large magnitudes. */
    private static final float[] GRID = grid();

    private static float[] grid() {
        float[] extra = {1e-7f, -1e-7f, 1e-30f, 50, -50, 87, -87, 0};
        float[] values = new float[801 + extra.length];
        for (int i = 0; i <= 800; i++) {
            values[i] = -20 + 0.05f * i;
        }
        System.arraycopy(extra, 0, values, 801, extra.length);
        return values;
    }

    @Test
    void functionsOfAllRealsMatchDoubleReferences() {
        check("exp", Tensor::exp, Math::exp, GRID);
        check("tanh", Tensor::tanh, Math::tanh, GRID);
        check("sigmoid", Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x)), GRID);
        check("sin", Tensor::sin, Math::sin, GRID);
        check("cos", Tensor::cos, Math::cos, GRID);
        check("abs", Tensor::abs, Math::abs, GRID);
        check("neg", Tensor::neg, x -> -x, GRID);
        check("relu", Tensor::relu, x -> Math.max(x, 0), GRID);
        check("square", Tensor::square, x -> x * x, GRID);
        check("pow 3", t -> t.pow(3), x -> x * x * x, GRID);
        // softplus is composed of four float ops (relu + log1p(exp(−|x|))), hence a few ulps.
        checkWithin(3, "softplus", Tensor::softplus, x -> x > 30 ? x : Math.log1p(Math.exp(x)), GRID);
    }

    @Test
    void functionsOfPositiveRealsMatchDoubleReferences() {
        float[] positive = new float[GRID.length];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = Math.abs(GRID[i]) + 1e-6f;
        }
        check("log", Tensor::log, Math::log, positive);
        check("log1p", Tensor::log1p, Math::log1p, positive);
        check("sqrt", Tensor::sqrt, Math::sqrt, positive);
        check("pow 0.5", t -> t.pow(0.5), Math::sqrt, positive);
        check("pow -1.5", t -> t.pow(-1.5), x -> Math.pow(x, -1.5), positive);
        check("pow tensor", t -> Tensor.scalar(2.5).pow(t.neg().div(4)), x -> Math.pow(2.5, -x / 4), positive);
    }

    @Test
    void saturatingFunctionsStayFiniteAtLargeMagnitudes() {
        Tensor x = Tensor.vector(-1000, -100, -89, 89, 100, 1000, -Float.MAX_VALUE, Float.MAX_VALUE);
        float tiny = (float) Math.exp(-100);
        Expect.values(x.sigmoid(), new int[] {8}, 0, tiny, (float) Math.exp(-89), 1, 1, 1, 0, 1);
        Expect.values(x.tanh(), new int[] {8}, -1, -1, -1, 1, 1, 1, -1, 1);
        Expect.values(x.softplus().slice(0, 0, 6), new int[] {6}, 0, tiny, (float) Math.exp(-89), 89,
                100, 1000);
        Expect.values(Tensor.vector(-1000, -104).exp(), new int[] {2}, 0, 0);
        Expect.values(Tensor.vector(88.5f, 89).exp(), new int[] {2}, (float) Math.exp(88.5), Float.POSITIVE_INFINITY);
        Expect.values(Tensor.vector(1e-30f, 1e30f).log1p(), new int[] {2}, 1e-30f, (float) Math.log1p(1e30));
    }

    @Test
    void domainEdgesFollowIeee() {
        Expect.values(Tensor.vector(0, -1).log(), new int[] {2}, Float.NEGATIVE_INFINITY, Float.NaN);
        Expect.values(Tensor.vector(-1, 0).sqrt(), new int[] {2}, Float.NaN, 0);
        Expect.values(Tensor.vector(Float.NaN).tanh(), new int[] {1}, Float.NaN);
        Expect.values(Tensor.vector(Float.NaN).sigmoid(), new int[] {1}, Float.NaN);
    }

    @Test
    void notANumberIsNotHiddenByRectifiersOrClamping() {
        // As NumPy's maximum and torch.relu: a NaN activation must surface, not turn into a bound.
        Tensor nan = Tensor.vector(Float.NaN);
        Expect.values(nan.relu(), new int[] {1}, Float.NaN);
        Expect.values(nan.maximum(0), new int[] {1}, Float.NaN);
        Expect.values(nan.minimum(0), new int[] {1}, Float.NaN);
        Expect.values(Tensor.vector(0).maximum(nan), new int[] {1}, Float.NaN);
        Expect.values(Tensor.vector(0).minimum(nan), new int[] {1}, Float.NaN);
        Expect.values(nan.clamp(-1, 1), new int[] {1}, Float.NaN);
    }

    /** erf reference values to 16 digits (double-precision C library erf; they agree with A&S table 7.1). */
    @Test
    void erfMatchesReferenceValuesTo1e6() {
        double[][] table = {
            {0, 0},
            {0.001, 0.0011283787909692365},
            {0.01, 0.011283415555849616},
            {0.1, 0.1124629160182849},
            {0.25, 0.2763263901682369},
            {0.3, 0.3286267594591274},
            {0.49, 0.511668261188523},
            {0.4999, 0.5204119951613866},
            {0.5, 0.5204998778130465},
            {0.5001, 0.5205877516768808},
            {0.75, 0.7111556336535151},
            {1, 0.8427007929497149},
            {1.25, 0.9229001282564582},
            {1.5, 0.9661051464753108},
            {2, 0.9953222650189527},
            {2.5, 0.999593047982555},
            {3, 0.9999779095030014},
            {3.5, 0.9999992569016276},
            {4, 0.9999999845827421},
            {5, 0.9999999999984626},
            {6, 1},
        };
        for (double[] row : table) {
            for (double sign : new double[] {1, -1}) {
                float x = (float) (sign * row[0]);
                float y = Tensor.vector(x).erf().item();
                // The float input differs from the table's x by up to half an ulp; erf' ≤ 2/√π.
                double tolerance = 1e-6 + 1.13 * Math.abs(x - sign * row[0]);
                if (!(Math.abs(y - sign * row[1]) <= tolerance)) {
                    fail("erf(" + x + ") = " + y + ", expected " + sign * row[1]);
                }
            }
        }
        Expect.values(Tensor.vector(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN).erf(),
                new int[] {3}, -1, 1, Float.NaN);
    }

    @Test
    void erfIsSmallRelativeErrorNearZero() {
        // Near zero erf(x) ≈ 2x/√π: a relative check, which an absolute 1e-6 would not see.
        for (float x : new float[] {1e-8f, 1e-5f, -3e-4f}) {
            float y = Tensor.vector(x).erf().item();
            assertEquals(2 / Math.sqrt(Math.PI) * x, y, Math.abs(y) * 1e-6, "erf(" + x + ")");
        }
    }

    @Test
    void comparisonMasksAreOneOrZero() {
        Tensor a = Tensor.vector(1, 2, 3, Float.NaN);
        Tensor b = Tensor.vector(2, 2, 2, 2);
        Expect.values(a.gt(b), new int[] {4}, 0, 0, 1, 0);
        Expect.values(a.lt(b), new int[] {4}, 1, 0, 0, 0);
        Expect.values(a.ge(b), new int[] {4}, 0, 1, 1, 0);
        Expect.values(a.le(b), new int[] {4}, 1, 1, 0, 0);
        Expect.values(a.eq(b), new int[] {4}, 0, 1, 0, 0);
        Expect.values(Tensor.vector(-3, 0, 0.5f).sign(), new int[] {3}, -1, 0, 1);
        Tensor tracked = Tensor.vector(1, 2).requiresGrad(true);
        assertFalse(tracked.gt(Tensor.scalar(1)).requiresGrad(), "masks are constants");
    }

    /** Each value correctly rounded to float (within one ulp of the double reference), NaN where it is NaN. */
    private static void check(String name, UnaryOperator<Tensor> f, DoubleUnaryOperator reference, float[] xs) {
        checkWithin(1, name, f, reference, xs);
    }

    private static void checkWithin(int ulps, String name, UnaryOperator<Tensor> f, DoubleUnaryOperator reference,
                                    float[] xs) {
        float[] ys = f.apply(Tensor.of(xs)).toArray();
        for (int i = 0; i < xs.length; i++) {
            double expected = reference.applyAsDouble(xs[i]);
            float y = ys[i];
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(y), name + "(" + xs[i] + ") should be NaN, got " + y);
                continue;
            }
            double tolerance = ulps * Math.ulp((float) expected);
            if (!(Math.abs(y - expected) <= tolerance)) {
                fail(name + "(" + xs[i] + ") = " + y + ", expected " + expected + " ± " + tolerance);
            }
        }
    }
}
