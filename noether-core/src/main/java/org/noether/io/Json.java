package org.noether.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and writer over plain Java data, plus typed accessors for
 * reading configs: JSON objects are {@code Map<String, Object>} (key order kept), arrays
 * {@code List<Object>}, strings {@code String}, {@code true}/{@code false} {@code Boolean}, {@code null}
 * null, and numbers {@code Long} when written without fraction or exponent and within the long range,
 * else {@code Double}.
 *
 * <p>Parsing is strict (see {@link JsonParser}): no comments, trailing commas, NaN or Infinity, and
 * <b>duplicate keys are an error</b> rather than "last one wins", since in a config they almost
 * always mean a mistake. Errors are {@link JsonParseException}s giving line, column, what was
 * expected and what was found. Writing rejects NaN and Infinity, naming where they were found
 * ({@code $.layers[1].rate}); see {@link JsonWriter} for the accepted types.
 *
 * <pre>{@code
 * Map<String, Object> config = Json.parseObject("{\"filters\": 32, \"kernel_size\": [3, 3]}");
 * int filters = Json.getInt(config, "filters");            // 32
 * int[] kernel = Json.getIntArray(config, "kernel_size");  // {3, 3}
 * String text = Json.write(config);                        // pretty, 2-space indent
 * }</pre>
 */
public final class Json {
    private static final int MAX_SHOWN_CHARS = 60;

    private Json() {}

    // ---------------------------------------------------------------- reading and writing

    /** Parses JSON text into plain Java data (see the class comment for the types). */
    public static Object parse(String text) {
        return JsonParser.parse(text);
    }

    /** Parses JSON text that must be an object, as a config file is. */
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("Expected a JSON object at the top level. Received: " + describe(value));
        }
        return asStringMap(value);
    }

    /** {@code value} as JSON text, pretty-printed with a two-space indent and no trailing newline. */
    public static String write(Object value) {
        return JsonWriter.write(value, true);
    }

    /** {@code value} as JSON text on one line, without spaces. */
    public static String writeCompact(Object value) {
        return JsonWriter.write(value, false);
    }

    /**
     * Reads and parses a UTF-8 JSON file.
     *
     * @throws FileFormatException naming the file, line and column if the file is not valid JSON or not UTF-8
     */
    public static Object readFile(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new FileFormatException(file, "is not valid UTF-8 text, expected a UTF-8 JSON file", e);
        }
        try {
            return parse(text);
        } catch (JsonParseException e) {
            throw new FileFormatException(file, e.getMessage(), e);
        }
    }

    /** Writes {@code value} pretty-printed, with a final newline, atomically (see {@link AtomicFiles}). */
    public static void writeFile(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, write(value) + "\n");
    }

    // ---------------------------------------------------------------- typed accessors

    /** The string under {@code key}; throws naming the key if it is missing or not a string. */
    public static String getString(Map<String, ?> map, String key) {
        Object value = require(map, key, "a string");
        if (value instanceof String text) {
            return text;
        }
        throw wrongType(key, "a string", value);
    }

    /** The string under {@code key}, or {@code defaultValue} if the key is missing or null. */
    public static String getString(Map<String, ?> map, String key, String defaultValue) {
        return map.get(key) == null ? defaultValue : getString(map, key);
    }

    /** The integer under {@code key}, which must be a whole JSON number within the int range. */
    public static int getInt(Map<String, ?> map, String key) {
        Object value = require(map, key, "an integer");
        return toInt(value, "Key " + quote(key));
    }

    /** The integer under {@code key}, or {@code defaultValue} if the key is missing or null. */
    public static int getInt(Map<String, ?> map, String key, int defaultValue) {
        return map.get(key) == null ? defaultValue : getInt(map, key);
    }

    /** The integer under {@code key}, which must be a whole JSON number within the long range. */
    public static long getLong(Map<String, ?> map, String key) {
        Object value = require(map, key, "an integer");
        if (isIntegral(value)) {
            return ((Number) value).longValue();
        }
        throw wrongType(key, "an integer", value);
    }

    /** The number under {@code key} (integer or not) as a double. */
    public static double getDouble(Map<String, ?> map, String key) {
        Object value = require(map, key, "a number");
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw wrongType(key, "a number", value);
    }

    /** The number under {@code key}, or {@code defaultValue} if the key is missing or null. */
    public static double getDouble(Map<String, ?> map, String key, double defaultValue) {
        return map.get(key) == null ? defaultValue : getDouble(map, key);
    }

    /** The boolean under {@code key}. */
    public static boolean getBoolean(Map<String, ?> map, String key) {
        Object value = require(map, key, "a boolean");
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw wrongType(key, "a boolean", value);
    }

    /** The boolean under {@code key}, or {@code defaultValue} if the key is missing or null. */
    public static boolean getBoolean(Map<String, ?> map, String key, boolean defaultValue) {
        return map.get(key) == null ? defaultValue : getBoolean(map, key);
    }

    /** The array under {@code key}. */
    @SuppressWarnings("unchecked")
    public static List<Object> getList(Map<String, ?> map, String key) {
        Object value = require(map, key, "an array");
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw wrongType(key, "an array", value);
    }

    /** The object under {@code key}. */
    public static Map<String, Object> getMap(Map<String, ?> map, String key) {
        Object value = require(map, key, "an object");
        if (value instanceof Map<?, ?>) {
            return asStringMap(value);
        }
        throw wrongType(key, "an object", value);
    }

    /** The array of integers under {@code key}, such as a kernel size {@code [3, 3]}. */
    public static int[] getIntArray(Map<String, ?> map, String key) {
        List<Object> list = getList(map, key);
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = toInt(list.get(i), "Key " + quote(key) + ", element " + i + ",");
        }
        return values;
    }

    /**
     * A short description of a parsed value for error messages: {@code "32" (a string)},
     * {@code 2.5 (a number)}, {@code an array of 3 elements}.
     */
    public static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String text -> abbreviate(quote(text)) + " (a string)";
            case Boolean flag -> flag + " (a boolean)";
            case Number number when isIntegral(number) -> number + " (an integer)";
            case Number number -> number + " (a number)";
            case Map<?, ?> map -> "an object with keys " + abbreviate(map.keySet().toString());
            case List<?> list -> "an array of " + list.size() + (list.size() == 1 ? " element" : " elements");
            default -> abbreviate(value.toString()) + " (a " + value.getClass().getName() + ")";
        };
    }

    // ---------------------------------------------------------------- helpers

    private static Object require(Map<String, ?> map, String key, String expected) {
        Object value = map.get(key);
        if (value == null && !map.containsKey(key)) {
            throw new IllegalArgumentException("Missing key " + quote(key) + ", expected " + expected
                    + ". Present keys: " + abbreviate(map.keySet().toString()));
        }
        return value;
    }

    private static int toInt(Object value, String what) {
        if (isIntegral(value)) {
            long number = ((Number) value).longValue();
            if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                return (int) number;
            }
            throw new IllegalArgumentException(what + " expected an integer within the int range ["
                    + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]. Received: " + number);
        }
        throw new IllegalArgumentException(what + " expected an integer. Received: " + describe(value));
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static IllegalArgumentException wrongType(String key, String expected, Object value) {
        return new IllegalArgumentException("Key " + quote(key) + " expected " + expected + ". Received: "
                + describe(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asStringMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static String quote(String text) {
        return JsonWriter.quote(text);
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
    }
}
