package org.noether.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.noether.tensor.Rng;

/** Writing JSON: exact text for both layouts, escaping, number forms, rejections and round trips. */
class JsonWriteTest {

    enum Activation { RELU }

    private static Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "conv2d_1");
        config.put("filters", 32);
        config.put("kernel_size", new int[] {3, 3});
        config.put("rate", 0.5);
        config.put("use_bias", true);
        config.put("regularizer", null);
        config.put("activation", Activation.RELU);
        config.put("empty_map", Map.of());
        config.put("empty_list", List.of());
        config.put("layers", List.of(Map.of("units", 10), Map.of("units", 1)));
        return config;
    }

    @Test
    void prettyFormIndentsByTwoAndKeepsScalarArraysOnOneLine() {
        String expected = """
                {
                  "name": "conv2d_1",
                  "filters": 32,
                  "kernel_size": [3, 3],
                  "rate": 0.5,
                  "use_bias": true,
                  "regularizer": null,
                  "activation": "RELU",
                  "empty_map": {},
                  "empty_list": [],
                  "layers": [
                    {
                      "units": 10
                    },
                    {
                      "units": 1
                    }
                  ]
                }""";
        assertEquals(expected, Json.write(config()));
    }

    @Test
    void compactFormHasNoWhitespace() {
        assertEquals("{\"name\":\"conv2d_1\",\"filters\":32,\"kernel_size\":[3,3],\"rate\":0.5,\"use_bias\":true,"
                + "\"regularizer\":null,\"activation\":\"RELU\",\"empty_map\":{},\"empty_list\":[],"
                + "\"layers\":[{\"units\":10},{\"units\":1}]}", Json.writeCompact(config()));
    }

    @Test
    void scalarsAtTheTopLevel() {
        assertEquals("null", Json.write(null));
        assertEquals("true", Json.write(true));
        assertEquals("\"x\"", Json.write("x"));
        assertEquals("7", Json.writeCompact(7L));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String text = "q\" b\\ n\n r\r t\t b\b f\f c\u0001 d\u001f del\u007f é 😀 ls\u2028 ps\u2029 /";
        String expected = "\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f c\\u0001 d\\u001f del\u007f é 😀 ls\\u2028 ps\\u2029 /\"";
        assertEquals(expected, Json.writeCompact(text));
        assertEquals(text, Json.parse(expected));
    }

    @Test
    void escapesUnpairedSurrogatesOnly() {
        assertEquals("\"a\\ud800b\"", Json.writeCompact("a\uD800b"));
        assertEquals("\"\\udc00\"", Json.writeCompact("\uDC00"));
        assertEquals("\"\\ud800😀\"", Json.writeCompact("\uD800\uD83D\uDE00"));
        assertEquals("\"😀\\ude00\"", Json.writeCompact("\uD83D\uDE00\uDE00"));
        for (String text : new String[] {"a\uD800b", "\uDC00", "\uD800\uD83D\uDE00", "\uD83D\uDE00\uDE00"}) {
            assertEquals(text, Json.parse(Json.writeCompact(text)));
        }
    }

    @Test
    void escapesKeysToo() {
        assertEquals("{\"a\\\"b\":1}", Json.writeCompact(Map.of("a\"b", 1)));
    }

    @Test
    void writesEveryNumberType() {
        List<Object> numbers = List.of((byte) 1, (short) 2, 3, Long.MIN_VALUE,
                new BigInteger("123456789012345678901234567890"), 1e-7, 1e21, 0.1f, -0.0, new BigDecimal("1.50"));
        assertEquals("[1,2,3,-9223372036854775808,123456789012345678901234567890,1.0E-7,1.0E21,0.1,-0.0,1.50]",
                Json.writeCompact(numbers));
    }

    @Test
    void integralDoublesKeepTheirFractionSoTheyReadBackAsDoubles() {
        assertEquals("3.0", Json.write(3.0));
        assertEquals(3.0, Json.parse(Json.write(3.0)));
        assertEquals(3L, Json.parse(Json.write(3)));
    }

    @Test
    void writesPrimitiveAndObjectArrays() {
        assertEquals("[1,-2]", Json.writeCompact(new long[] {1, -2}));
        assertEquals("[0.5,-1.0E-10]", Json.writeCompact(new double[] {0.5, -1e-10}));
        assertEquals("[0.1,2.0]", Json.writeCompact(new float[] {0.1f, 2f}));
        assertEquals("[\"a\",null,[1]]", Json.writeCompact(new Object[] {"a", null, new int[] {1}}));
        assertEquals("[\n  \"a\",\n  [1, 2]\n]", Json.write(new Object[] {"a", new int[] {1, 2}}));
        assertEquals("[]", Json.write(new int[0]));
    }

    @Test
    void nonFiniteNumbersAreRejectedNamingWhere() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("layers", List.of(Map.of("rate", 0.1), Map.of("rate", Double.NaN)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(config));
        assertTrue(e.getMessage().contains("$.layers[1].rate"), e.getMessage());
        assertTrue(e.getMessage().contains("Received: NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("finite"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Json.writeCompact(Map.of("weights", new float[] {1, 2, Float.NEGATIVE_INFINITY})));
        assertTrue(e.getMessage().contains("$.weights[2]"), e.getMessage());
        assertTrue(e.getMessage().contains("-Infinity"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Json.write(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("Cannot write Infinity as JSON at $:"), e.getMessage());
    }

    @Test
    void unsupportedTypesAreRejectedNamingTheClassAndWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.write(Map.of("x", new Object())));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertTrue(e.getMessage().contains("$.x"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Set.of(1))));
        assertTrue(e.getMessage().contains("at $[0]"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Json.write(new AtomicInteger(3)));
        assertTrue(e.getMessage().contains("AtomicInteger"), e.getMessage());
    }

    @Test
    void nonStringKeysAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "a")));
        assertTrue(e.getMessage().contains("not a String"), e.getMessage());
        assertTrue(e.getMessage().contains("Received: 1 (java.lang.Integer)"), e.getMessage());
    }

    @Test
    void aListThatContainsItselfIsAnErrorNotAStackOverflow() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(cycle));
        assertTrue(e.getMessage().contains("contain itself"), e.getMessage());
    }

    @Test
    void nestedDataRoundTrips() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("ünïcödé 中文 😀", "tab\tquote\"backslash\\");
        inner.put("empty", "");
        inner.put("nothing", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("longs", List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE));
        data.put("doubles", List.of(0.1, -2.5e-300, 1.7976931348623157e308, 4.9e-324, 1e16, 123.0));
        data.put("flags", Arrays.asList(true, false, null));
        data.put("inner", inner);
        data.put("deep", List.of(List.of(List.of(Map.of("k", List.of())))));
        assertEquals(data, Json.parse(Json.write(data)));
        assertEquals(data, Json.parse(Json.writeCompact(data)));
        // Key order survives too (Map.equals ignores it).
        Map<?, ?> back = (Map<?, ?>) Json.parse(Json.write(data));
        assertEquals(List.copyOf(data.keySet()), List.copyOf(back.keySet()));
        assertEquals(List.copyOf(inner.keySet()), List.copyOf(((Map<?, ?>) back.get("inner")).keySet()));
    }

    @Test
    void doublesAndFloatsReadBackExactly() {
        Rng rng = new Rng(7);
        for (int i = 0; i < 2000; i++) {
            double value = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(40) - 20);
            assertEquals(value, (double) Json.parse(Json.writeCompact(value)), () -> "double " + value);
            float single = (float) value;
            float back = ((Double) Json.parse(Json.writeCompact(single))).floatValue();
            assertEquals(Float.floatToIntBits(single), Float.floatToIntBits(back), () -> "float " + single);
        }
    }
}
