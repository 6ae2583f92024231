package org.noether.autograd;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.noether.autograd.ops.ScaledProduct;
import org.noether.autograd.ops.TanhGrad;
import org.noether.tensor.Rng;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;
import org.noether.testing.GradCheck;

/**
 * Every differentiable op, from one table: first derivatives by finite differences, and second
 * derivatives (the gradient built with createGraph, differentiated again) for the smooth ones.
 */
class OpGradientTest {

    /** One row: a name, the function of the inputs, the input shapes and how to draw inputs. */
    record Case(String name, Function<Tensor[], Tensor> f, List<Shape> shapes, Domain domain, boolean smooth) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Where inputs are drawn: away from kinks and outside the domain of log/sqrt. */
    enum Domain {
        ANY, POSITIVE, AWAY_FROM_ZERO
    }

    private static Case smooth(String name, Function<Tensor[], Tensor> f, Domain domain, Shape... shapes) {
        return new Case(name, f, List.of(shapes), domain, true);
    }

    private static Case kinked(String name, Function<Tensor[], Tensor> f, Shape... shapes) {
        return new Case(name, f, List.of(shapes), Domain.AWAY_FROM_ZERO, false);
    }

    static Stream<Arguments> cases() {
        Shape m = Shape.of(3, 4);
        Shape row = Shape.of(4);
        Shape column = Shape.of(3, 1);
        Shape batch = Shape.of(2, 3, 4);
        return Stream.of(
                smooth("add", x -> x[0].add(x[1]), Domain.ANY, m, m),
                smooth("add broadcast row", x -> x[0].add(x[1]), Domain.ANY, m, row),
                smooth("add broadcast column", x -> x[0].add(x[1]), Domain.ANY, column, row),
                smooth("sub broadcast", x -> x[0].sub(x[1]), Domain.ANY, batch, column),
                smooth("mul broadcast", x -> x[0].mul(x[1]), Domain.ANY, m, row),
                smooth("div", x -> x[0].div(x[1]), Domain.AWAY_FROM_ZERO, m, column),
                smooth("pow scalar", x -> x[0].pow(3), Domain.ANY, m),
                smooth("pow fractional", x -> x[0].pow(1.5), Domain.POSITIVE, m),
                smooth("pow tensor", x -> x[0].pow(x[1]), Domain.POSITIVE, m, row),
                smooth("neg", x -> x[0].neg(), Domain.ANY, m),
                smooth("exp", x -> x[0].exp(), Domain.ANY, m),
                smooth("log", x -> x[0].log(), Domain.POSITIVE, m),
                smooth("log1p", x -> x[0].log1p(), Domain.POSITIVE, m),
                smooth("sqrt", x -> x[0].sqrt(), Domain.POSITIVE, m),
                smooth("tanh", x -> x[0].tanh(), Domain.ANY, m),
                smooth("sigmoid", x -> x[0].sigmoid(), Domain.ANY, m),
                smooth("tanhGrad", x -> TanhGrad.apply(x[0], x[1]), Domain.ANY, m, m),
                smooth("scaledProduct", x -> ScaledProduct.apply(-2f, x[0], x[1], x[2]), Domain.ANY, m, m, m),
                smooth("sin", x -> x[0].sin(), Domain.ANY, m),
                smooth("cos", x -> x[0].cos(), Domain.ANY, m),
                smooth("erf", x -> x[0].erf(), Domain.ANY, m),
                smooth("softplus", x -> x[0].softplus(), Domain.AWAY_FROM_ZERO, m),
                smooth("square", x -> x[0].square(), Domain.ANY, m),
                kinked("abs", x -> x[0].abs(), m),
                kinked("relu", x -> x[0].relu(), m),
                kinked("maximum", x -> x[0].maximum(x[1]), m, row),
                kinked("minimum", x -> x[0].minimum(x[1]), m, row),
                kinked("clamp", x -> x[0].clamp(-0.5, 0.5), m),
                kinked("where", x -> x[0].where(x[0].gt(0), x[1]), m, row),
                kinked("max axis 1", x -> x[0].max(1, false), batch),
                kinked("max axis 0 keepdims", x -> x[0].max(0, true), m),
                smooth("sum all", x -> x[0].sum(), Domain.ANY, batch),
                smooth("sum axes 0,2", x -> x[0].sum(0, 2), Domain.ANY, batch),
                smooth("sum keepdims", x -> x[0].sum(true, 1), Domain.ANY, batch),
                smooth("mean axis", x -> x[0].mean(-1), Domain.ANY, batch),
                smooth("expand", x -> x[0].expand(batch), Domain.ANY, column),
                smooth("sumTo", x -> x[0].sumTo(column), Domain.ANY, batch),
                smooth("matmul", x -> x[0].matmul(x[1]), Domain.ANY, Shape.of(3, 4), Shape.of(4, 5)),
                smooth("matmul Aᵀ", x -> x[0].matmul(x[1], true, false), Domain.ANY, Shape.of(4, 3), Shape.of(4, 5)),
                smooth("matmul Bᵀ", x -> x[0].matmul(x[1], false, true), Domain.ANY, Shape.of(3, 4), Shape.of(5, 4)),
                smooth("matmul AᵀBᵀ", x -> x[0].matmul(x[1], true, true), Domain.ANY, Shape.of(4, 3), Shape.of(5, 4)),
                smooth("matmul batched", x -> x[0].matmul(x[1]), Domain.ANY, Shape.of(2, 3, 4), Shape.of(2, 4, 5)),
                smooth("matmul broadcast B", x -> x[0].matmul(x[1]), Domain.ANY, Shape.of(2, 3, 4), Shape.of(4, 5)),
                smooth("matmul broadcast A", x -> x[0].matmul(x[1], false, true), Domain.ANY,
                        Shape.of(3, 4), Shape.of(2, 5, 4)),
                smooth("reshape", x -> x[0].reshape(4, 3).mul(x[0].reshape(4, 3)), Domain.ANY, m),
                smooth("transpose", x -> x[0].transpose(), Domain.ANY, m),
                smooth("permute", x -> x[0].permute(2, 0, 1), Domain.ANY, batch),
                smooth("slice", x -> x[0].slice(2, 1, 3), Domain.ANY, batch),
                smooth("pad", x -> x[0].pad(1, 2, 1), Domain.ANY, m),
                smooth("take", x -> x[0].take(new int[] {2, 0, 2}), Domain.ANY, m),
                smooth("concat", x -> Tensor.concat(1, x[0], x[1]), Domain.ANY, m, Shape.of(3, 2)),
                smooth("softmax", x -> x[0].softmax(-1), Domain.ANY, m),
                smooth("softmax axis 0", x -> x[0].softmax(0), Domain.ANY, m),
                smooth("logSoftmax", x -> x[0].logSoftmax(1), Domain.ANY, batch))
                .map(Arguments::of);
    }

    static Tensor[] draw(Case c, long seed) {
        Rng rng = new Rng(seed);
        Tensor[] inputs = new Tensor[c.shapes().size()];
        for (int i = 0; i < inputs.length; i++) {
            float[] values = new float[c.shapes().get(i).size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = switch (c.domain()) {
                    case ANY -> rng.uniform(-1.5, 1.5);
                    case POSITIVE -> rng.uniform(0.3, 2.0);
                    // Distinct magnitudes at least 0.05 apart, so no finite-difference step crosses a kink or a tie.
                    case AWAY_FROM_ZERO -> (float) ((rng.nextInt(2) * 2 - 1) * (0.1 + 0.05 * rng.nextInt(30)
                            + 0.003 * j));
                };
            }
            inputs[i] = Tensor.of(values, c.shapes().get(i).dims());
        }
        return inputs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstDerivativeMatchesFiniteDifferences(Case c) {
        GradCheck.check(c.name(), c.f(), draw(c, 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondDerivativeMatchesFiniteDifferences(Case c) {
        if (c.smooth()) {
            GradCheck.checkSecondOrder(c.name(), c.f(), draw(c, 11));
        }
    }
}
