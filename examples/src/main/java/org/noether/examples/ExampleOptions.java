package org.noether.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name value} options of an example's command line, each optional with a default,
 * so that the test suite can run an example small ({@code --epochs 1}) and a reader can run it big.
 *
 * <pre>{@code ExampleOptions options = ExampleOptions.parse(args, "epochs"); int epochs = options.integer("epochs", 5);}</pre>
 */
final class ExampleOptions {
    private final Map<String, String> values;

    private ExampleOptions(Map<String, String> values) {
        this.values = values;
    }

    /** Reads {@code --name value} pairs; a name outside {@code known} or a missing value is an error. */
    static ExampleOptions parse(String[] args, String... known) {
        List<String> names = List.of(known);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !names.contains(name)) {
                throw new IllegalArgumentException("Unknown option '" + args[i] + "'. Known: "
                        + names.stream().map(option -> "--" + option).toList());
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("Option --" + name + " needs a value");
            }
            values.put(name, args[i + 1]);
        }
        return new ExampleOptions(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number. Received: " + value, e);
        }
    }

    Path path(String name, Path fallback) {
        String value = values.get(name);
        return value == null ? fallback : Path.of(value);
    }
}
