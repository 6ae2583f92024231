package org.noether.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and writer over plain Java data: JSON objects are
 * {@code Map<String, Object>} (key order kept), arrays {@code List<Object>}, strings {@code String},
 * {@code true}/{@code false} {@code Boolean}, {@code null} null, and numbers {@code Long} when written
 * without fraction or exponent and within the long range, else {@code Double}.
 *
 * <p>Parsing is strict (see {@link JsonParser}): no comments, trailing commas, NaN or Infinity, and
 * <b>duplicate keys are an error</b> rather than "last one wins", since in a config they almost
 * always mean a mistake. Errors are {@link JsonParseException}s giving line, column, what was
 * expected and what was found. Writing rejects NaN and Infinity, naming where they were found
 * ({@code $.layers[1].rate}); see {@link JsonWriter} for the accepted types. Typed reads of a parsed
 * config, with errors naming the key, are {@link ConfigReader}'s.
 *
 * <pre>{@code
 * Map<String, Object> config = Json.parseObject("{\"filters\": 32, \"kernel_size\": [3, 3]}");
 * int[] kernel = new ConfigReader("Conv2D", config).getIntArray("kernel_size"); // {3, 3}
 * String text = Json.write(config);                                              // pretty, 2-space indent
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

    // ---------------------------------------------------------------- messages

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

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
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
