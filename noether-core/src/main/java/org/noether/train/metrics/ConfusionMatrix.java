package org.noether.train.metrics;

import java.util.List;
import java.util.Locale;
import org.noether.tensor.Tensor;

/**
 * Counts of (true class, predicted class) pairs: entry {@code [i][j]} is the number of samples of
 * class {@code i} predicted as class {@code j}. The diagonal holds the correct predictions; the
 * rest shows which classes a classifier confuses (on Fashion-MNIST: shirts with T-shirts).
 *
 * <p>Shape: labels {@code [n]} (or {@code [n, 1]}) of class indices, for both arguments.
 *
 * <pre>{@code
 * Tensor predicted = model.predict(xTest).argmax(-1);
 * System.out.print(ConfusionMatrix.of(yTest, predicted, 10).format(FashionMnist.CLASS_NAMES));
 * }</pre>
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    private ConfusionMatrix(long[][] counts) {
        this.counts = counts;
    }

    /** The matrix of {@code classes × classes} counts from true and predicted class indices. */
    public static ConfusionMatrix of(Tensor trueLabels, Tensor predictedLabels, int classes) {
        if (trueLabels.size() != predictedLabels.size()) {
            throw new IllegalArgumentException("ConfusionMatrix needs as many predictions as labels. Received: labels "
                    + trueLabels.shape() + ", predictions " + predictedLabels.shape());
        }
        long[][] counts = new long[classes][classes];
        float[] truth = trueLabels.data();
        float[] predicted = predictedLabels.data();
        for (int i = 0; i < truth.length; i++) {
            counts[classIndex(truth[i], classes, i, "label")][classIndex(predicted[i], classes, i, "prediction")]++;
        }
        return new ConfusionMatrix(counts);
    }

    private static int classIndex(float value, int classes, int sample, String what) {
        int index = (int) value;
        if (index != value || index < 0 || index >= classes) {
            throw new IllegalArgumentException("ConfusionMatrix: " + what + " of sample " + sample + " is " + value
                    + ", expected a class index in [0, " + classes + ")");
        }
        return index;
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /** Samples of class {@code trueClass} predicted as {@code predictedClass}. */
    public long count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /** Fraction of samples on the diagonal. */
    public double accuracy() {
        long correct = 0;
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                total += counts[i][j];
                correct += i == j ? counts[i][j] : 0;
            }
        }
        return total == 0 ? 0 : (double) correct / total;
    }

    /** A text table with class names as row labels and class indices as column headers. */
    public String format(List<String> classNames) {
        int labelWidth = 4;
        for (String name : classNames) {
            labelWidth = Math.max(labelWidth, name.length() + 5);
        }
        long largest = 1;
        for (long[] row : counts) {
            for (long count : row) {
                largest = Math.max(largest, count);
            }
        }
        int cellWidth = Math.max(4, Long.toString(largest).length() + 1);
        StringBuilder out = new StringBuilder(" ".repeat(labelWidth));
        for (int j = 0; j < counts.length; j++) {
            out.append(String.format(Locale.ROOT, "%" + cellWidth + "d", j));
        }
        out.append('\n');
        for (int i = 0; i < counts.length; i++) {
            String name = i < classNames.size() ? classNames.get(i) : "";
            out.append(String.format(Locale.ROOT, "%-" + labelWidth + "s", String.format(Locale.ROOT, "%2d %s", i, name)));
            for (int j = 0; j < counts.length; j++) {
                out.append(String.format(Locale.ROOT, "%" + cellWidth + "d", counts[i][j]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
