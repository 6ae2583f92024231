package org.noether.examples;

import java.util.List;
import java.util.Locale;
import org.noether.autograd.Autograd;
import org.noether.kernel.Scratch;
import org.noether.models.Sequential;
import org.noether.nn.layers.Dense;
import org.noether.nn.layers.Input;
import org.noether.optimizers.Adam;
import org.noether.optimizers.Optimizer;
import org.noether.tensor.Rng;
import org.noether.tensor.Tensor;

/**
 * A physics-informed network (Raissi, Perdikaris and Karniadakis, 2019) for Burgers' equation
 * {@code u_t + u·u_x = ν·u_xx} with {@code ν = 0.01/π} on {@code x ∈ [−1, 1], t ∈ [0, 1]}, with
 * {@code u(x, 0) = −sin(πx)} and {@code u(±1, t) = 0}. No solution data is used: the loss is
 *
 * <pre>
 *   mean(r²) over interior collocation points, r = u_t + u·u_x − ν·u_xx
 * + mean((u(x, 0) + sin(πx))²) + mean(u(±1, t)²)
 * </pre>
 *
 * where u_x, u_t and u_xx come from {@code Autograd.grad} with {@code createGraph}, so that the
 * loss can be differentiated once more with respect to the weights. The training step is written
 * out (forward, gradients, optimizer step) instead of using {@code fit}.
 *
 * <p>Options: {@code --steps N} (default 2000), {@code --points N} interior points (default 1000).
 *
 * <pre>{@code BurgersPinn.main(new String[] {"--steps", "2000"});}</pre>
 */
public final class BurgersPinn {
    /** The viscosity ν = 0.01/π. */
    static final double NU = 0.01 / Math.PI;
    private static final int EDGE_POINTS = 100;

    private BurgersPinn() {
    }

    /** The loss after each step. */
    public record Result(double[] losses) {
        public double first() {
            return losses[0];
        }

        public double last() {
            return losses[losses.length - 1];
        }
    }

    public static void main(String[] args) {
        run(args);
    }

    /**
     * The residual {@code u_t + u·u_x − ν·u_xx} of {@code net}, a network of (x, t), at the points
     * {@code xt: [n, 2]}; {@code xt} must require gradients.
     */
    public static Tensor residual(Sequential net, Tensor xt) {
        Tensor u = net.apply(xt);
        Tensor du = Autograd.grad(u, new Tensor[] {xt}, true)[0];   // [n, 2], still differentiable
        Tensor ux = du.slice(1, 0, 1);
        Tensor ut = du.slice(1, 1, 2);
        Tensor uxx = Autograd.grad(ux, new Tensor[] {xt}, true)[0].slice(1, 0, 1);
        return ut.add(u.mul(ux)).sub(uxx.mul(NU));
    }

    /** Trains for {@code --steps} steps of Adam on the full loss; prints it as it falls. */
    public static Result run(String... args) {
        ExampleOptions options = ExampleOptions.parse(args, "steps", "points");
        int steps = options.integer("steps", 2000);
        int points = options.integer("points", 1000);

        Rng rng = new Rng(7);
        Tensor interior = points(rng, points, -1, 1, 0, 1).requiresGrad(true);   // u_x, u_t are taken here
        Tensor initial = points(rng, EDGE_POINTS, -1, 1, 0, 0);
        Tensor initialU = initial.slice(1, 0, 1).mul(Math.PI).sin().neg();
        Tensor boundary = Tensor.concat(0, points(rng, EDGE_POINTS / 2, -1, -1, 0, 1),
                points(rng, EDGE_POINTS / 2, 1, 1, 0, 1));

        Sequential net = new Sequential(new Input(2), new Dense(20, "tanh"), new Dense(20, "tanh"),
                new Dense(20, "tanh"), new Dense(1));
        net.seed(1).build();
        Optimizer optimizer = new Adam(5e-3);
        List<Tensor> weights = net.trainableTensors();

        double[] losses = new double[steps];
        Scratch scratch = new Scratch();   // each step's activations reuse the previous step's arrays
        for (int step = 0; step < steps; step++) {
            try (Scratch.Scope inStep = scratch.enter()) {
                Tensor residualLoss = residual(net, interior).square().mean();
                Tensor initialLoss = net.apply(initial).sub(initialU).square().mean();
                Tensor boundaryLoss = net.apply(boundary).square().mean();
                Tensor loss = residualLoss.add(initialLoss).add(boundaryLoss);

                Tensor[] gradients = Autograd.grad(loss, weights.toArray(Tensor[]::new), false);
                for (int i = 0; i < weights.size(); i++) {
                    weights.get(i).setGrad(gradients[i]);
                }
                optimizer.step(weights);

                losses[step] = loss.item();
                if (step % Math.max(1, steps / 10) == 0 || step == steps - 1) {
                    System.out.printf(Locale.ROOT, "step %5d: loss %.5f (residual %.5f, initial %.5f, boundary %.5f)%n",
                            step + 1, loss.item(), residualLoss.item(), initialLoss.item(), boundaryLoss.item());
                }
            }
        }
        return new Result(losses);
    }

    /** {@code count} points (x, t) drawn uniformly from [xLow, xHigh] × [tLow, tHigh]. */
    public static Tensor points(Rng rng, int count, double xLow, double xHigh, double tLow, double tHigh) {
        float[] xt = new float[2 * count];
        for (int i = 0; i < count; i++) {
            xt[2 * i] = rng.uniform(xLow, xHigh);
            xt[2 * i + 1] = rng.uniform(tLow, tHigh);
        }
        return Tensor.of(xt, count, 2);
    }
}
