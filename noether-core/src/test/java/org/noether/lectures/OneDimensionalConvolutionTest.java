package org.noether.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.noether.kernel.Padding;
import org.noether.nn.layers.Conv1D;
import org.noether.tensor.Expect;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * Seed 001's one-dimensional convolution (the figure it takes from Mehta et al.): an input of
 * width W = 5 and depth 1, one filter of F = 3 weights w = [1, −1, 1], stride S = 1, P = 1 zero on
 * each side, bias b = −2 and a ReLU of unit slope, so 1 + (5 − 3 + 2)/1 = 5 outputs.
 *
 * <p>Reconstruction: the text dump merges the figure into one seven-row table whose headers
 * ("Input (W=5)", "Input (W=7)", "Output") do not sit over their columns. Read by column:
 * <ul>
 * <li>0 1 2 2 −1 3 0 is the padded input: x = [1, 2, 2, −1, 3] with a zero each side (W = 7);
 * <li>(0) 1 1 −1 6 4 (0) are the window sums w·x, with the minus sign of the last one lost:
 *     0−1+2 = 1, 1−2+2 = 1, 2−2−1 = −1, 2+1+3 = 6, −1−3+0 = −4;
 * <li>(0) −1 −1 −3 4 −6 (0) are the pre-activations w·x + b;
 * <li>the ReLU outputs, which the dump does not print, are then 0 0 0 4 0.
 * </ul>
 * The zeros framing the second and third columns belong to the drawing (the padding row), not to
 * the outputs, of which there are five.
 */
class OneDimensionalConvolutionTest {
    private static final Tensor INPUT = Tensor.of(new float[] {1, 2, 2, -1, 3}, 1, 5, 1);
    private static final float[] WEIGHTS = {1, -1, 1};

    private static Conv1D notesFilter(String activation, boolean useBias) {
        Conv1D layer = new Conv1D(1, 3, activation).padding(Padding.explicit(1)).useBias(useBias);
        return useBias ? HandSetLayers.withWeights(layer, Shape.of(5, 1), WEIGHTS, -2)
                : HandSetLayers.withWeights(layer, Shape.of(5, 1), WEIGHTS);
    }

    @Test
    void windowSumsAreTheSecondColumn() {
        Expect.values(notesFilter("linear", false).apply(INPUT, false), new int[] {1, 5, 1}, 1, 1, -1, 6, -4);
    }

    @Test
    void biasGivesTheThirdColumn() {
        Expect.values(notesFilter("linear", true).apply(INPUT, false), new int[] {1, 5, 1}, -1, -1, -3, 4, -6);
    }

    @Test
    void reluKeepsOnlyTheFourthNeuron() {
        Expect.values(notesFilter("relu", true).apply(INPUT, false), new int[] {1, 5, 1}, 0, 0, 0, 4, 0);
    }

    /** P = 1 is what "same" pads for F = 3, S = 1; without padding only the 3 whole windows remain. */
    @Test
    void paddingDecidesTheNumberOfNeurons() {
        assertEquals(Shape.of(5, 1), notesFilter("relu", true).outputShape(Shape.of(5, 1)));
        Conv1D same = HandSetLayers.withWeights(new Conv1D(1, 3, "relu").padding("same"), Shape.of(5, 1), WEIGHTS, -2);
        Expect.values(same.apply(INPUT, false), new int[] {1, 5, 1}, 0, 0, 0, 4, 0);
        Conv1D valid = HandSetLayers.withWeights(new Conv1D(1, 3), Shape.of(5, 1), WEIGHTS, -2);
        Expect.values(valid.apply(INPUT, false), new int[] {1, 3, 1}, -1, -3, 4);
    }
}
