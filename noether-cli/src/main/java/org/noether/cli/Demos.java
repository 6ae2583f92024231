package org.noether.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.noether.examples.ClassifierDemo;
import org.noether.examples.ConvSimple;
import org.noether.examples.FashionCnn;
import org.noether.examples.FashionMlp;
import org.noether.examples.FashionResNet;
import org.noether.examples.LeNet5;

/**
 * The demos {@code ./noether demo NAME} runs, by name; the first is the default. Each is one of
 * the example programs, so the command line and the examples train exactly the same networks.
 *
 * <pre>{@code ClassifierDemo demo = Demos.ALL.get("lenet");}</pre>
 */
final class Demos {
    /** Every demo, the default first. */
    static final Map<String, ClassifierDemo> ALL = new LinkedHashMap<>();

    static {
        add(FashionCnn.DEMO);
        add(FashionMlp.DEMO);
        add(ConvSimple.DEMO);
        add(LeNet5.DEMO);
        add(FashionResNet.DEMO);
    }

    private Demos() {
    }

    private static void add(ClassifierDemo demo) {
        ALL.put(demo.name(), demo);
    }

    /** The demo run when no name is given: the Keras tutorial CNN. */
    static ClassifierDemo defaultDemo() {
        return ALL.values().iterator().next();
    }
}
