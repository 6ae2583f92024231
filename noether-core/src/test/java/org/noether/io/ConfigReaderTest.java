package org.noether.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Typed reads from a config map, their error messages, and the rejection of unasked keys. */
class ConfigReaderTest {

    private static final Map<String, Object> PARSED = Json.parseObject("""
            {"name": "dense", "units": 64, "big": 3000000000, "rate": 0.25, "use_bias": false,
             "kernel_size": [3, 5], "values": [0.5, 2], "options": {"a": 1}, "missing_value": null,
             "text_number": "32", "fraction": 2.5, "whole_double": 4.0, "bad_sizes": [3, 2.5],
             "layers": [{"type": "Dense"}, {"type": "Dropout"}], "mixed": [{"type": "Dense"}, 7]}""");

    private static ConfigReader parsed() {
        return new ConfigReader("Test", PARSED);
    }

    @Test
    void readsEachTypeFromParsedJson() {
        ConfigReader read = parsed();
        assertEquals("dense", read.getString("name"));
        assertEquals(64, read.getInt("units"));
        assertEquals(3_000_000_000L, read.getLong("big"));
        assertEquals(0.25, read.getDouble("rate"));
        assertEquals(64.0, read.getDouble("units"));
        assertFalse(read.getBoolean("use_bias"));
        assertEquals(4, read.getInt("whole_double"), "a whole Double is an integer");
        assertArrayEquals(new int[] {3, 5}, read.getIntArray("kernel_size"));
        assertArrayEquals(new long[] {3, 5}, read.getLongArray("kernel_size"));
        assertArrayEquals(new double[] {0.5, 2}, read.getDoubleArray("values"));
        assertEquals(List.of(3L, 5L), read.getList("kernel_size"));
        assertEquals(Map.of("a", 1L), read.getMap("options"));
        assertEquals(List.of(Map.of("type", "Dense"), Map.of("type", "Dropout")), read.getMapList("layers"));
        assertEquals("Test", read.owner());
    }

    @Test
    void readsNumbersAndArraysBuiltInCode() {
        Map<String, Object> built = new HashMap<>();
        built.put("int", 10);
        built.put("float", 0.5f);
        built.put("short", (short) 7);
        built.put("big_integer", BigInteger.valueOf(1L << 40));
        built.put("big_decimal", new BigDecimal("12"));
        built.put("ints", new int[] {1, 2});
        built.put("longs", new long[] {3, 4});
        built.put("doubles", new double[] {0.5, 1.5});
        built.put("floats", new float[] {0.25f});
        built.put("boxed", new Object[] {5, 6L});
        built.put("integer_list", List.of(1, 2));
        ConfigReader read = new ConfigReader("Built", built);
        assertEquals(10, read.getInt("int"));
        assertEquals(10L, read.getLong("int"));
        assertEquals(0.5, read.getDouble("float"));
        assertEquals(7, read.getInt("short"));
        assertEquals(1L << 40, read.getLong("big_integer"));
        assertEquals(12, read.getInt("big_decimal"));
        assertArrayEquals(new int[] {1, 2}, read.getIntArray("ints"));
        assertArrayEquals(new double[] {3, 4}, read.getDoubleArray("longs"));
        assertArrayEquals(new long[] {1, 2}, read.getLongArray("integer_list"));
        assertArrayEquals(new double[] {0.5, 1.5}, read.getDoubleArray("doubles"));
        assertArrayEquals(new double[] {0.25}, read.getDoubleArray("floats"));
        assertArrayEquals(new int[] {5, 6}, read.getIntArray("boxed"));
        assertEquals(List.of(1, 2), read.getList("ints"));
        read.finish();
    }

    @Test
    void fallbacksApplyWhenTheKeyIsAbsentOrNull() {
        ConfigReader read = parsed();
        assertEquals("relu", read.getString("activation", "relu"));
        assertEquals("relu", read.getString("missing_value", "relu"));
        assertEquals("dense", read.getString("name", "other"));
        assertEquals(1, read.getInt("strides", 1));
        assertEquals(64, read.getInt("units", 1));
        assertEquals(9L, read.getLong("seed", 9));
        assertEquals(3_000_000_000L, read.getLong("big", 9));
        assertEquals(0.01, read.getDouble("alpha", 0.01));
        assertEquals(0.25, read.getDouble("rate", 0.01));
        assertTrue(read.getBoolean("trainable", true));
        assertFalse(read.getBoolean("use_bias", true));
        assertEquals(Map.of(), read.getMap("config", Map.of()));
        assertEquals(Map.of("a", 1L), read.getMap("options", Map.of()));
        assertEquals(List.of(), read.getList("missing_value", List.of()));
        assertEquals(List.of(), read.getMapList("metrics", List.of()));
        assertEquals(2, read.getMapList("layers", List.of()).size());
    }

    @Test
    void optionalDoubleIsEmptyForAbsentOrNull() {
        ConfigReader read = parsed();
        assertEquals(OptionalDouble.empty(), read.getOptionalDouble("missing_value"));
        assertEquals(OptionalDouble.empty(), read.getOptionalDouble("absent"));
        assertEquals(OptionalDouble.of(0.25), read.getOptionalDouble("rate"));
        assertMessage(() -> read.getOptionalDouble("name"),
                "Config key 'name' of Test must be a number. Received: name=dense (String)");
    }

    @Test
    void hasAndValueSeeNullAsPresent() {
        ConfigReader read = parsed();
        assertTrue(read.has("missing_value"));
        assertNull(read.value("missing_value"));
        assertFalse(read.has("absent"));
        assertNull(read.value("absent"));
        assertEquals(64L, read.value("units"));
    }

    @Test
    void wrongTypeNamesTheOwnerTheKeyTheExpectedTypeAndTheValue() {
        ConfigReader read = parsed();
        assertMessage(() -> read.getInt("text_number"),
                "Config key 'text_number' of Test must be an integer. Received: text_number=32 (String)");
        assertMessage(() -> read.getInt("fraction"),
                "Config key 'fraction' of Test must be an integer. Received: fraction=2.5 (Double)");
        assertMessage(() -> read.getLong("rate"),
                "Config key 'rate' of Test must be an integer. Received: rate=0.25 (Double)");
        assertMessage(() -> read.getInt("big"), "Config key 'big' of Test must be an integer within the int range "
                + "[-2147483648, 2147483647]. Received: big=3000000000 (Long)");
        assertMessage(() -> read.getString("units"),
                "Config key 'units' of Test must be a string. Received: units=64 (Long)");
        assertMessage(() -> read.getBoolean("name"),
                "Config key 'name' of Test must be a boolean. Received: name=dense (String)");
        assertMessage(() -> read.getDouble("use_bias"),
                "Config key 'use_bias' of Test must be a number. Received: use_bias=false (Boolean)");
        assertMessage(() -> read.getList("options"),
                "Config key 'options' of Test must be a list. Received: options={a=1} (Map)");
        assertMessage(() -> read.getMap("kernel_size"),
                "Config key 'kernel_size' of Test must be an object. Received: kernel_size=[3, 5] (List)");
        assertMessage(() -> read.getString("missing_value"),
                "Config key 'missing_value' of Test must be a string. Received: missing_value=null");
        assertMessage(() -> read.getIntArray("bad_sizes"),
                "Config key 'bad_sizes[1]' of Test must be an integer. Received: bad_sizes[1]=2.5 (Double)");
        assertMessage(() -> read.getDoubleArray("rate"),
                "Config key 'rate' of Test must be a list. Received: rate=0.25 (Double)");
        assertMessage(() -> read.getMapList("mixed"),
                "Config key 'mixed[1]' of Test must be an object. Received: mixed[1]=7 (Long)");
        // A wrong type is an error even where a fallback exists: only absence and null fall back.
        assertMessage(() -> read.getInt("name", 3), "Config key 'name' of Test must be an integer");
        assertMessage(() -> read.getMap("units", Map.of()), "Config key 'units' of Test must be an object");
    }

    @Test
    void integersBeyondExactDoublesAndMapsWithOtherKeysAreRejected() {
        Map<Object, Object> numberKeys = Map.of(1, "one");
        Map<String, Object> config = Map.of("huge", 1e300, "limit", 0x1p53, "keys", numberKeys,
                "java_array", new int[] {1, 2, 3}, "long_text", "x".repeat(200));
        ConfigReader read = new ConfigReader("Odd", config);
        assertEquals(1L << 53, read.getLong("limit"));
        assertMessage(() -> read.getLong("huge"), "Config key 'huge' of Odd must be an integer. Received: huge=1.0E300");
        assertMessage(() -> read.getMap("keys"), "Config key 'keys' of Odd must be an object. Received: keys={1=one} (Map)");
        assertMessage(() -> read.getString("java_array"),
                "Config key 'java_array' of Odd must be a string. Received: java_array=[1, 2, 3] (int[])");
        assertMessage(() -> read.getInt("long_text"),
                "Received: long_text=" + "x".repeat(80) + "... (String)");
    }

    @Test
    void missingKeyNamesTheOwnerTheExpectedTypeAndTheKeysPresent() {
        ConfigReader read = new ConfigReader("Dense", Map.of("unit", 3));
        assertMessage(() -> read.getInt("units"),
                "The config of Dense has no key 'units'; expected an integer. Received keys: [unit]");
        assertMessage(() -> read.getString("type"), "has no key 'type'; expected a string");
        assertMessage(() -> read.getDouble("rate"), "has no key 'rate'; expected a number");
        assertMessage(() -> read.getBoolean("flag"), "has no key 'flag'; expected a boolean");
        assertMessage(() -> read.getIntArray("shape"), "has no key 'shape'; expected a list");
        assertMessage(() -> read.getMap("config"), "has no key 'config'; expected an object");
        assertMessage(() -> read.getMapList("layers"), "has no key 'layers'; expected a list");
    }

    @Test
    void nullConfigReadsAsEmpty() {
        ConfigReader read = new ConfigReader("Nothing", null);
        assertEquals(5, read.getInt("k", 5));
        read.finish();
        assertMessage(() -> read.getInt("k"), "The config of Nothing has no key 'k'; expected an integer. "
                + "Received keys: []");
    }

    @Test
    void finishRejectsUnaskedKeysListingTheKnownOnes() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("k", 3);
        config.put("top_k", 5);
        config.put("alpha", 0.5);
        ConfigReader read = new ConfigReader("top_k_categorical_accuracy", config).ignore("name", "dtype");
        assertEquals(3, read.getInt("k"));
        assertMessage(read::finish, "Unknown config key(s) [alpha, top_k] for top_k_categorical_accuracy. "
                + "Known keys: [name, dtype, k]. Received: alpha=0.5 (Double), top_k=5 (Integer)");
    }

    @Test
    void readBuildsThenRejectsTheKeysTheBuildDidNotAskFor() {
        Map<String, Object> config = Map.of("units", 4);
        int doubled = new ConfigReader("Dense", config).read(read -> 2 * read.getInt("units"));
        assertEquals(8, doubled);
        assertMessage(() -> new ConfigReader("Dense", Map.of("units", 4, "unit", 3)).read(read -> read.getInt("units")),
                "Unknown config key(s) [unit] for Dense");
    }

    @Test
    void finishAcceptsEveryKeyAskedForInAnyWay() {
        Map<String, Object> config = new HashMap<>();
        config.put("read", 1);
        config.put("fallback", 2);
        config.put("tested", 3);
        config.put("raw", 4);
        config.put("ignored", 5);
        config.put("expected", 6);
        config.put("optional", null);
        ConfigReader read = new ConfigReader("Everything", config);
        read.getInt("read");
        read.getInt("fallback", 0);
        read.has("tested");
        read.value("raw");
        read.ignore("ignored").expect("expected", value -> true, "anything");
        read.getOptionalDouble("optional");
        read.finish();
        // Asking for a key that is absent is harmless.
        read.getInt("absent", 0);
        read.finish();
    }

    @Test
    void expectAcceptsAbsentOrAcceptedValuesAndNamesTheRest() {
        ConfigReader absent = new ConfigReader("mean_squared_error", Map.of());
        absent.expect("reduction", "sum_over_batch_size"::equals, "\"sum_over_batch_size\"").finish();
        new ConfigReader("mean_squared_error", Map.of("reduction", "sum_over_batch_size"))
                .expect("reduction", "sum_over_batch_size"::equals, "\"sum_over_batch_size\"").finish();
        assertMessage(() -> new ConfigReader("mean_squared_error", Map.of("reduction", "sum"))
                        .expect("reduction", "sum_over_batch_size"::equals, "\"sum_over_batch_size\""),
                "Config key 'reduction' of mean_squared_error must be \"sum_over_batch_size\". "
                        + "Received: reduction=sum (String)");
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("reduction", null);
        assertMessage(() -> new ConfigReader("mse", nullValue)
                .expect("reduction", "sum_over_batch_size"::equals, "\"sum_over_batch_size\""),
                "Received: reduction=null");
    }

    @Test
    void float32DtypeIsAcceptedInEveryFormKerasWrites() {
        Map<String, Object> nullDtype = new HashMap<>();
        nullDtype.put("dtype", null);
        Map<String, Object> policy = Map.of("module", "keras", "class_name", "DTypePolicy",
                "config", Map.of("name", "float32"));
        List<Map<String, Object>> accepted = List.of(Map.of(), nullDtype, Map.of("dtype", "float32"),
                Map.of("dtype", policy));
        for (Map<String, Object> config : accepted) {
            new ConfigReader("Dense", config).expectFloat32Dtype().finish();
        }
        assertMessage(() -> new ConfigReader("Dense", Map.of("dtype", "float64")).expectFloat32Dtype(),
                "Config key 'dtype' of Dense must be \"float32\" (the only dtype Noether computes in). "
                        + "Received: dtype=float64 (String)");
        Map<String, Object> mixed = Map.of("class_name", "DTypePolicy", "config", Map.of("name", "mixed_float16"));
        assertMessage(() -> new ConfigReader("Dense", Map.of("dtype", mixed)).expectFloat32Dtype(),
                "Config key 'dtype' of Dense must be \"float32\"");
    }

    @Test
    void readNamedPassesNameAndConfigAndRejectsOtherKeys() {
        assertEquals("elu {alpha=0.5}", ConfigReader.readNamed("activation",
                Map.of("name", "elu", "config", Map.of("alpha", 0.5)), (name, config) -> name + " " + config));
        assertEquals("relu {}", ConfigReader.readNamed("activation", Map.of("name", "relu"),
                (name, config) -> name + " " + config));
        assertMessage(() -> ConfigReader.readNamed("activation", Map.of("name", "elu", "module", "keras"),
                (name, config) -> name), "Unknown config key(s) [module] for activation. Known keys: [name, config]");
        assertMessage(() -> ConfigReader.readNamed("activation", Map.of("config", Map.of()), (name, config) -> name),
                "The config of activation has no key 'name'; expected a string");
    }

    @Test
    void listsReturnedAreUnmodifiable() {
        List<Object> list = parsed().getList("kernel_size");
        assertThrows(UnsupportedOperationException.class, () -> list.add(1L));
        List<Object> fromArray = new ConfigReader("Built", Map.of("a", new int[] {1})).getList("a");
        assertThrows(UnsupportedOperationException.class, () -> fromArray.add(2));
    }

    private static void assertMessage(Executable action, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expected), () -> "expected <" + expected + "> in <" + e.getMessage() + ">");
    }
}
