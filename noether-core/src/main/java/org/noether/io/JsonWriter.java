package org.noether.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Turns plain data into RFC 8259 JSON text, behind {@link Json#write} and {@link Json#writeCompact}.
 *
 * <p>Accepted: {@code Map} with {@code String} keys (written in its iteration order), {@code List},
 * arrays ({@code int[]}, {@code long[]}, {@code float[]}, {@code double[]}, {@code Object[]}),
 * {@code String}, {@code Boolean}, {@code null}, enums (by name) and the numbers {@code Byte},
 * {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}, {@code Float}, {@code Double},
 * {@code BigDecimal}. Doubles are written with {@link Double#toString} (the shortest text that reads
 * back to the same double, always with a '.' or exponent so it reads back as a double); floats with
 * {@link Float#toString}, so {@code 0.1f} is written {@code 0.1}.
 *
 * <p>Strings are written as UTF-8 text; escaped are {@code "} and {@code \}, the control characters
 * below U+0020 (short forms where JSON has them, else <code>&#92;u00XX</code>), U+2028 and U+2029 (so the text
 * can be embedded in JavaScript) and unpaired surrogates (which have no UTF-8 form).
 *
 * <p>The pretty form indents by two spaces and puts arrays whose elements are all scalars on one
 * line: {@code "kernel_size": [3, 3]}.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;
    /** Keys and indices from the root to the value being written, for error messages. */
    private final List<Object> path = new ArrayList<>();

    private JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    static String write(Object value, boolean pretty) {
        JsonWriter writer = new JsonWriter(pretty);
        writer.value(value);
        return writer.out.toString();
    }

    /** {@code text} as a JSON string literal, for writing and for error messages. */
    static String quote(String text) {
        StringBuilder builder = new StringBuilder(text.length() + 2);
        appendQuoted(builder, text);
        return builder.toString();
    }

    private void value(Object value) {
        if (path.size() > JsonParser.MAX_DEPTH) {
            throw new IllegalArgumentException("Cannot write JSON nested more than " + JsonParser.MAX_DEPTH
                    + " deep (does a Map or List contain itself?). Path starts: " + abbreviate(pathText()));
        }
        switch (value) {
            case null -> out.append("null");
            case String text -> appendQuoted(out, text);
            case Boolean flag -> out.append(flag.booleanValue());
            case Number number -> number(number);
            case Enum<?> constant -> appendQuoted(out, constant.name());
            case Map<?, ?> map -> object(map);
            case List<?> list -> array(list.size(), list::get, !allScalars(list.toArray()));
            case Object[] array -> array(array.length, i -> array[i], !allScalars(array));
            case int[] array -> array(array.length, i -> array[i], false);
            case long[] array -> array(array.length, i -> array[i], false);
            case float[] array -> array(array.length, i -> array[i], false);
            case double[] array -> array(array.length, i -> array[i], false);
            default -> throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as JSON at "
                    + pathText() + "; expected a Map, List, array, String, Number, Boolean, enum or null");
        }
    }

    private void number(Number number) {
        switch (number) {
            case Double d -> out.append(Double.toString(finite(d, d.isNaN() || d.isInfinite())));
            case Float f -> out.append(Float.toString(finite(f, f.isNaN() || f.isInfinite())));
            case Long _, Integer _, Short _, Byte _, BigInteger _, BigDecimal _ -> out.append(number);
            default -> throw new IllegalArgumentException("Cannot write a " + number.getClass().getName()
                    + " as JSON at " + pathText() + "; expected Byte, Short, Integer, Long, BigInteger, Float,"
                    + " Double or BigDecimal");
        }
    }

    private <T extends Number> T finite(T number, boolean nonFinite) {
        if (nonFinite) {
            throw new IllegalArgumentException("Cannot write " + number + " as JSON at " + pathText()
                    + ": JSON has no NaN or Infinity; expected a finite number. Received: " + number);
        }
        return number;
    }

    private void object(Map<?, ?> map) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("Cannot write a JSON object key that is not a String at "
                        + pathText() + ". Received: " + entry.getKey()
                        + (entry.getKey() == null ? "" : " (" + entry.getKey().getClass().getName() + ")"));
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(path.size() + 1);
            appendQuoted(out, key);
            out.append(pretty ? ": " : ":");
            path.add(key);
            value(entry.getValue());
            path.removeLast();
        }
        newline(path.size());
        out.append('}');
    }

    private void array(int length, IntFunction<Object> element, boolean multiline) {
        out.append('[');
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                out.append(pretty && !multiline ? ", " : ",");
            }
            if (multiline) {
                newline(path.size() + 1);
            }
            path.add(i);
            value(element.apply(i));
            path.removeLast();
        }
        if (multiline && length > 0) {
            newline(path.size());
        }
        out.append(']');
    }

    private static boolean allScalars(Object[] elements) {
        for (Object element : elements) {
            if (element instanceof Map<?, ?> || element instanceof List<?>
                    || (element != null && element.getClass().isArray())) {
                return false;
            }
        }
        return true;
    }

    private void newline(int depth) {
        if (pretty) {
            out.append('\n').repeat(' ', 2 * depth);
        }
    }

    private static void appendQuoted(StringBuilder builder, String text) {
        builder.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> builder.append("\\\"");
                case '\\' -> builder.append("\\\\");
                case '\n' -> builder.append("\\n");
                case '\r' -> builder.append("\\r");
                case '\t' -> builder.append("\\t");
                case '\b' -> builder.append("\\b");
                case '\f' -> builder.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || unpairedSurrogate(text, i)) {
                        builder.append(String.format("\\u%04x", (int) c));
                    } else {
                        builder.append(c);
                    }
                }
            }
        }
        builder.append('"');
    }

    private static boolean unpairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }

    /** The path in JSONPath form: {@code $.layers[2].rate}. */
    private String pathText() {
        StringBuilder builder = new StringBuilder("$");
        for (Object step : path) {
            if (step instanceof Integer index) {
                builder.append('[').append(index).append(']');
            } else {
                builder.append('.').append(step);
            }
        }
        return builder.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
