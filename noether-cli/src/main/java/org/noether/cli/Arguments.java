package org.noether.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words after a subcommand: positional arguments and {@code --name value} options (also
 * {@code --name=value}), checked against the options the subcommand knows, so that a typo is an
 * error that lists the valid ones rather than being ignored.
 *
 * <pre>{@code Arguments args = Arguments.parse(words, Set.of("epochs", "data")); int epochs = args.getInt("epochs", 5);}</pre>
 */
final class Arguments {
    private final List<String> positional;
    private final Map<String, String> options;

    private Arguments(List<String> positional, Map<String, String> options) {
        this.positional = positional;
        this.options = options;
    }

    /** Parses {@code words}; an option outside {@code known} is a usage error. */
    static Arguments parse(List<String> words, Set<String> known) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--")) {
                positional.add(word);
                continue;
            }
            String name = word.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                value = words.get(++i);
            } else {
                throw new UsageException("Option --" + name + " needs a value");
            }
            if (!known.contains(name)) {
                throw new UsageException("Unknown option --" + name + ". Known: "
                        + known.stream().sorted().map(option -> "--" + option).toList());
            }
            options.put(name, value);
        }
        return new Arguments(positional, options);
    }

    List<String> positional() {
        return positional;
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    int getInt(String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number. Received: " + value);
        }
    }

    long getLong(String name, long fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number. Received: " + value);
        }
    }

    double getDouble(String name, double fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number. Received: " + value);
        }
    }

    Path getPath(String name, Path fallback) {
        String value = options.get(name);
        return value == null ? fallback : Path.of(value);
    }

    /** A wrong command line: printed with the usage, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
