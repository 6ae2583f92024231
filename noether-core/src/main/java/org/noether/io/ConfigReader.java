package org.noether.io;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Typed reads from a saved configuration (a JSON object as parsed by {@link Json}, or a map built in
 * code), remembering which keys were asked for so that {@link #finish()} can reject the others: a
 * misspelt key fails loudly instead of silently taking a default.
 *
 * <p>Errors are {@link IllegalArgumentException}s naming the owner, the key, the type expected and
 * the value received: {@code Config key 'units' of Dense must be an integer. Received: units=2.5
 * (Double)}.
 *
 * <p>Numbers may be any {@link Number} (JSON gives Long or Double, code Integer or Float); an
 * integer must have a whole value. Lists may be {@link List}s or Java arrays ({@code int[]},
 * {@code double[]}, ...). A getter without a fallback requires the key; a getter with one returns the
 * fallback when the key is absent or null (Keras writes {@code None} as null). Keras's bookkeeping
 * keys are accepted with {@link #ignore} (any value) or {@link #expect} (a value saying what Noether
 * does anyway).
 *
 * <pre>{@code
 * ConfigReader read = new ConfigReader("Dense", config).ignore("name");
 * int units = read.getInt("units");
 * boolean useBias = read.getBoolean("use_bias", true);
 * read.finish(); // throws if config holds a key that no getter asked for
 * }</pre>
 */
public final class ConfigReader {
    private static final int MAX_SHOWN_CHARS = 80;
    /** Doubles represent every integer up to 2^53 exactly; beyond it "whole" says nothing. */
    private static final double LARGEST_EXACT_INTEGER = 0x1p53;

    private static final Kind<String> STRING = new Kind<>("a string",
            value -> value instanceof String text ? text : null);
    private static final Kind<Long> INTEGER = new Kind<>("an integer", ConfigReader::integerOrNull);
    private static final Kind<Double> NUMBER = new Kind<>("a number",
            value -> value instanceof Number number ? number.doubleValue() : null);
    private static final Kind<Boolean> BOOLEAN = new Kind<>("a boolean",
            value -> value instanceof Boolean flag ? flag : null);
    private static final Kind<List<Object>> LIST = new Kind<>("a list", ConfigReader::listOrNull);
    private static final Kind<Map<String, Object>> MAP = new Kind<>("an object", ConfigReader::mapOrNull);

    private final String owner;
    private final Map<String, ?> config;
    private final Set<String> asked = new LinkedHashSet<>();

    /**
     * A reader over {@code config} (null reads as empty); {@code owner} names what is configured in
     * messages, such as {@code "Dense"} or {@code "StepDecay"}.
     */
    public ConfigReader(String owner, Map<String, ?> config) {
        this.owner = owner;
        this.config = config == null ? Map.of() : config;
    }

    /** What is being configured, as messages name it. */
    public String owner() {
        return owner;
    }

    // ---------------------------------------------------------------- presence and bookkeeping

    /** Whether {@code key} is present, possibly with a null value; counts as asking for it. */
    public boolean has(String key) {
        asked.add(key);
        return config.containsKey(key);
    }

    /** The raw value of {@code key}, or null when absent; counts as asking for it. */
    public Object value(String key) {
        asked.add(key);
        return config.get(key);
    }

    /** Accepts {@code keys} with any value (e.g. Keras's {@code name}), so that {@link #finish()} allows them. */
    public ConfigReader ignore(String... keys) {
        asked.addAll(Arrays.asList(keys));
        return this;
    }

    /**
     * Accepts {@code key} when it is absent or its value (possibly null) passes {@code accepted}: a
     * Keras key that may only say what Noether does anyway.
     *
     * @param description what is accepted, for the message, e.g. {@code "\"sum_over_batch_size\""}
     * @throws IllegalArgumentException naming the key, the description and the value received
     */
    public ConfigReader expect(String key, Predicate<Object> accepted, String description) {
        asked.add(key);
        if (config.containsKey(key) && !accepted.test(config.get(key))) {
            throw wrongType(key, description, config.get(key));
        }
        return this;
    }

    /**
     * Accepts Keras's {@code dtype} key when it says float32, the only dtype Noether computes in:
     * absent, null, {@code "float32"} or a serialized dtype policy whose config names float32.
     */
    public ConfigReader expectFloat32Dtype() {
        return expect("dtype", ConfigReader::isFloat32, "\"float32\" (the only dtype Noether computes in)");
    }

    /**
     * Throws if the config holds a key that no getter, {@link #has}, {@link #value}, {@link #ignore} or
     * {@link #expect} asked for, listing the unknown keys, the known ones and the values received.
     */
    public void finish() {
        List<String> unknown = config.keySet().stream().map(String::valueOf).filter(key -> !asked.contains(key))
                .sorted().toList();
        if (!unknown.isEmpty()) {
            String received = unknown.stream().map(key -> shown(key, config.get(key)))
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException("Unknown config key(s) " + unknown + " for " + owner + ". Known keys: "
                    + asked + ". Received: " + received);
        }
    }

    /**
     * What {@code build} makes from this reader, after which {@link #finish()} rejects any key it did
     * not ask for: one call for "read the arguments, allow nothing else".
     *
     * <pre>{@code Dropout dropout = reader.read(read -> new Dropout(read.getDouble("rate")));}</pre>
     */
    public <T> T read(Function<? super ConfigReader, ? extends T> build) {
        T built = build.apply(this);
        finish();
        return built;
    }

    // ---------------------------------------------------------------- scalars

    /** A required string. */
    public String getString(String key) {
        return require(key, STRING);
    }

    /** A string, or {@code fallback} when the key is absent or null. */
    public String getString(String key, String fallback) {
        return orElse(key, STRING, fallback);
    }

    /** A required whole number within the int range. */
    public int getInt(String key) {
        return toInt(key, require(key, INTEGER));
    }

    /** A whole number within the int range, or {@code fallback} when the key is absent or null. */
    public int getInt(String key, int fallback) {
        Long value = orElse(key, INTEGER, null);
        return value == null ? fallback : toInt(key, value);
    }

    /** A required whole number. */
    public long getLong(String key) {
        return require(key, INTEGER);
    }

    /** A whole number, or {@code fallback} when the key is absent or null. */
    public long getLong(String key, long fallback) {
        return orElse(key, INTEGER, fallback);
    }

    /** A required number. */
    public double getDouble(String key) {
        return require(key, NUMBER);
    }

    /** A number, or {@code fallback} when the key is absent or null. */
    public double getDouble(String key, double fallback) {
        return orElse(key, NUMBER, fallback);
    }

    /** A number that may be absent or null (Keras's {@code None}): empty then. */
    public OptionalDouble getOptionalDouble(String key) {
        Double value = orElse(key, NUMBER, null);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** A required boolean. */
    public boolean getBoolean(String key) {
        return require(key, BOOLEAN);
    }

    /** A boolean, or {@code fallback} when the key is absent or null. */
    public boolean getBoolean(String key, boolean fallback) {
        return orElse(key, BOOLEAN, fallback);
    }

    // ---------------------------------------------------------------- lists and objects

    /** A required list of whole numbers within the int range, such as a kernel size {@code [3, 3]}. */
    public int[] getIntArray(String key) {
        List<Object> list = require(key, LIST);
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = toInt(key + "[" + i + "]", element(key, i, list.get(i), INTEGER));
        }
        return values;
    }

    /** A required list of whole numbers. */
    public long[] getLongArray(String key) {
        List<Object> list = require(key, LIST);
        long[] values = new long[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = element(key, i, list.get(i), INTEGER);
        }
        return values;
    }

    /** A required list of numbers. */
    public double[] getDoubleArray(String key) {
        List<Object> list = require(key, LIST);
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = element(key, i, list.get(i), NUMBER);
        }
        return values;
    }

    /** A required list (a JSON array or a Java array), unmodifiable. */
    public List<Object> getList(String key) {
        return require(key, LIST);
    }

    /** A list, or {@code fallback} when the key is absent or null. */
    public List<Object> getList(String key, List<Object> fallback) {
        return orElse(key, LIST, fallback);
    }

    /** A required nested object (a map with string keys). */
    public Map<String, Object> getMap(String key) {
        return require(key, MAP);
    }

    /** A nested object, or {@code fallback} when the key is absent or null. */
    public Map<String, Object> getMap(String key, Map<String, Object> fallback) {
        return orElse(key, MAP, fallback);
    }

    /** A required list of objects, such as the layers of a model. */
    public List<Map<String, Object>> getMapList(String key) {
        return mapsOf(key, require(key, LIST));
    }

    /** A list of objects, or {@code fallback} when the key is absent or null. */
    public List<Map<String, Object>> getMapList(String key, List<Map<String, Object>> fallback) {
        List<Object> list = orElse(key, LIST, null);
        return list == null ? fallback : mapsOf(key, list);
    }

    /**
     * Builds what a {@code {"name": ..., "config": {...}}} entry describes, the form in which saved
     * models record activations, initializers, optimizers, losses and metrics: {@code factory} gets the
     * name and the config (empty when absent or null); any other key is an error.
     */
    public static <T> T readNamed(String owner, Map<String, ?> entry,
            BiFunction<String, Map<String, Object>, T> factory) {
        ConfigReader read = new ConfigReader(owner, entry);
        String name = read.getString("name");
        Map<String, Object> config = read.getMap("config", Map.of());
        read.finish();
        return factory.apply(name, config);
    }

    // ---------------------------------------------------------------- helpers

    /** A value type: its name in messages and a conversion that gives null when the value does not fit. */
    private record Kind<T>(String expected, Function<Object, T> conversion) {
    }

    private <T> T require(String key, Kind<T> kind) {
        asked.add(key);
        if (!config.containsKey(key)) {
            throw new IllegalArgumentException("The config of " + owner + " has no key '" + key + "'; expected "
                    + kind.expected() + ". Received keys: " + config.keySet());
        }
        return convert(key, config.get(key), kind);
    }

    private <T> T orElse(String key, Kind<T> kind, T fallback) {
        Object value = value(key);
        return value == null ? fallback : convert(key, value, kind);
    }

    private <T> T element(String key, int index, Object value, Kind<T> kind) {
        return convert(key + "[" + index + "]", value, kind);
    }

    private <T> T convert(String key, Object value, Kind<T> kind) {
        T converted = value == null ? null : kind.conversion().apply(value);
        if (converted == null) {
            throw wrongType(key, kind.expected(), value);
        }
        return converted;
    }

    private List<Map<String, Object>> mapsOf(String key, List<Object> list) {
        List<Map<String, Object>> maps = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            maps.add(element(key, i, list.get(i), MAP));
        }
        return List.copyOf(maps);
    }

    private int toInt(String key, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw wrongType(key, "an integer within the int range [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE
                    + "]", value);
        }
        return (int) value;
    }

    private static Long integerOrNull(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? big.longValue() : null;
        }
        if (value instanceof Number number) {
            double real = number.doubleValue();
            return real == Math.rint(real) && Math.abs(real) <= LARGEST_EXACT_INTEGER ? (long) real : null;
        }
        return null;
    }

    private static List<Object> listOrNull(Object value) {
        if (value instanceof List<?> list) {
            return Collections.unmodifiableList(list);
        }
        if (value != null && value.getClass().isArray()) {
            // Reflection reads int[], double[] and Object[] alike: configs built in code hold all of them.
            List<Object> elements = new ArrayList<>(Array.getLength(value));
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(Array.get(value, i));
            }
            return Collections.unmodifiableList(elements);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOrNull(Object value) {
        if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
            return (Map<String, Object>) map;
        }
        return null;
    }

    private static boolean isFloat32(Object dtype) {
        return dtype == null || "float32".equals(dtype)
                || dtype instanceof Map<?, ?> policy && policy.get("config") instanceof Map<?, ?> policyConfig
                        && "float32".equals(policyConfig.get("name"));
    }

    private IllegalArgumentException wrongType(String key, String expected, Object value) {
        return new IllegalArgumentException("Config key '" + key + "' of " + owner + " must be " + expected
                + ". Received: " + shown(key, value));
    }

    /** {@code key=value (Type)}, the value shortened: a whole model config would bury the message. */
    private static String shown(String key, Object value) {
        if (value == null) {
            return key + "=null";
        }
        List<Object> elements = value.getClass().isArray() ? listOrNull(value) : null;
        String text = String.valueOf(elements != null ? elements : value);
        if (text.length() > MAX_SHOWN_CHARS) {
            text = text.substring(0, MAX_SHOWN_CHARS) + "...";
        }
        return key + "=" + text + " (" + typeName(value) + ")";
    }

    private static String typeName(Object value) {
        if (value instanceof Map<?, ?>) {
            return "Map";
        }
        if (value instanceof List<?>) {
            return "List";
        }
        return value.getClass().getSimpleName();
    }
}
