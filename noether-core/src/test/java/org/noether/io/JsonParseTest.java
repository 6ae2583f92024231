package org.noether.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading JSON: the types produced, strictness, and where and why invalid text fails. */
class JsonParseTest {

    @Test
    void parsesNestedValuesKeepingKeyOrder() {
        Object value = Json.parse(" {\"z\": [1, 2.5, \"x\", true, false, null], \"a\": {\"m\": {}, \"b\": []}} ");
        Map<?, ?> root = assertInstanceOf(LinkedHashMap.class, value);
        assertEquals(List.of("z", "a"), List.copyOf(root.keySet()));
        assertEquals(Arrays.asList(1L, 2.5, "x", true, false, null), root.get("z"));
        Map<?, ?> inner = (Map<?, ?>) root.get("a");
        assertEquals(List.of("m", "b"), List.copyOf(inner.keySet()));
        assertEquals(Map.of(), inner.get("m"));
        assertEquals(List.of(), inner.get("b"));
    }

    @Test
    void parsesScalarsAtTheTopLevel() {
        assertEquals("hi", Json.parse("\"hi\""));
        assertEquals(true, Json.parse("true"));
        assertEquals(false, Json.parse("\tfalse\r\n"));
        assertNull(Json.parse("null"));
        assertEquals(42L, Json.parse("42"));
    }

    @Test
    void integersAreLongsWhileInRangeAndDoublesOtherwise() {
        assertEquals(0L, Json.parse("0"));
        assertEquals(0L, Json.parse("-0"));
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(9.223372036854775808e18, Json.parse("9223372036854775808"));
        assertEquals(-1e20, Json.parse("-100000000000000000000"));
    }

    @Test
    void numbersWithFractionOrExponentAreDoubles() {
        assertEquals(1.0, Json.parse("1.0"));
        assertEquals(100.0, Json.parse("1e2"));
        assertEquals(0.01, Json.parse("1E-2"));
        assertEquals(-2500.0, Json.parse("-2.5e+3"));
        assertEquals(4.9e-324, Json.parse("4.9e-324"));
        assertEquals(1.7976931348623157e308, Json.parse("1.7976931348623157e308"));
        assertEquals(0.0, Json.parse("1e-400"));
        assertEquals(-0.0, Json.parse("-0.0"));
    }

    @Test
    void decodesEveryEscape() {
        assertEquals("\" \\ / \b \f \n \r \t", Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""));
        assertEquals("é", Json.parse("\"\\u00e9\""));
        assertEquals("é", Json.parse("\"\\u00E9\""));
        assertEquals("\u0000", Json.parse("\"\\u0000\""));
        // A surrogate pair written as two escapes is one code point (U+1F600).
        assertEquals("😀", Json.parse("\"\\ud83d\\ude00\""));
        assertEquals("a😀b", Json.parse("\"a\\uD83D\\uDE00b\""));
    }

    @Test
    void keepsRawUnicodeText() {
        assertEquals("Noether ü € 😀 中文", Json.parse("\"Noether ü € 😀 中文\""));
        assertEquals(Map.of("ключ", "значение"), Json.parse("{\"ключ\":\"значение\"}"));
    }

    @Test
    void skipsALeadingByteOrderMark() {
        assertEquals(List.of(1L), Json.parse("\uFEFF[1]"));
    }

    @Test
    void trailingCommaInAnObjectIsReportedWhereItEnds() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("{\n  \"a\": 1,\n}"));
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().startsWith("Invalid JSON at line 3, column 1:"), e.getMessage());
        assertTrue(e.getMessage().contains("trailing commas are not allowed"), e.getMessage());
    }

    @Test
    void trailingCommaInAnArray() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("[1, 2,]"));
        assertEquals(1, e.line());
        assertEquals(7, e.column());
        assertTrue(e.getMessage().contains("trailing commas"), e.getMessage());
    }

    @Test
    void duplicateKeysAreRejectedAtTheSecondKey() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("{\"a\": 1,\n \"a\": 2}"));
        assertEquals(2, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("duplicate key \"a\""), e.getMessage());
        assertTrue(e.getMessage().contains("line 1, column 1"), e.getMessage());
    }

    @Test
    void unterminatedStringSaysWhereTheStringStarted() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("[\"abc"));
        assertEquals(1, e.line());
        assertEquals(6, e.column());
        assertTrue(e.getMessage().contains("close the string that starts at line 1, column 2"), e.getMessage());
        assertTrue(e.getMessage().contains("end of the input"), e.getMessage());
    }

    @Test
    void newlineInsideAStringHintsAtAMissingQuote() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("{\"name\": \"conv\n}"));
        assertEquals(1, e.line());
        assertEquals(15, e.column());
        assertTrue(e.getMessage().contains("U+000A must be escaped"), e.getMessage());
        assertTrue(e.getMessage().contains("closing quote"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "NaN              | 1 | NaN and Infinity are not JSON numbers",
        "[1, Infinity]    | 5 | NaN and Infinity are not JSON numbers",
        "-Infinity        | 1 | NaN and Infinity are not JSON numbers",
        "01               | 1 | leading zeros",
        "-012             | 2 | leading zeros",
        "1.               | 3 | digit after the decimal point",
        ".5               | 1 | expected a JSON value",
        "+1               | 1 | null). Received: '+'",
        "1e               | 3 | digit in the exponent",
        "1e+              | 4 | digit in the exponent",
        "-                | 2 | digit after '-'",
        "1e400            | 1 | too large for a double",
        "tru              | 1 | expected 'true'",
        "nul              | 1 | expected 'null'",
        "[1 2]            | 4 | expected ',' or ']' after array element 0. Received: '2'",
        "{\"a\" 1}        | 6 | expected ':' after the key \"a\"",
        "{\"a\":1 \"b\":2}| 8 | expected ',' or '}' after the value of \"a\"",
        "{a:1}            | 2 | expected a member name in double quotes. Received: 'a'",
        "{'a':1}          | 2 | expected a member name in double quotes",
        "[1] x            | 5 | expected the end of the input after the JSON value. Received: 'x'",
        "[1]]             | 4 | expected the end of the input",
        "\"\\x\"          | 2 | invalid escape '\\x'",
        "\"\\u12g4\"      | 6 | 4 hexadecimal digits",
        "\"\\u１２３４\"  | 4 | 4 hexadecimal digits",
        "// comment       | 1 | expected a JSON value",
        "[                | 2 | expected a JSON value (object, array, string, number, true, false or null) but reached the end",
        "{                | 2 | expected a member name in double quotes. Received: the end of the input",
    })
    void rejectsInvalidText(String text, int column, String expected) {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(text.strip()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
    }

    @Test
    void emptyOrBlankInputIsAnError() {
        for (String text : new String[] {"", "   ", "\n\n"}) {
            JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(text));
            assertTrue(e.getMessage().contains("reached the end of the input"), e.getMessage());
        }
        assertEquals(3, assertThrows(JsonParseException.class, () -> Json.parse("\n\n")).line());
    }

    @Test
    void rawControlCharacterInAStringIsRejected() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("\"a\tb\""));
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("control character U+0009 must be escaped"), e.getMessage());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000);
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nested more than " + JsonParser.MAX_DEPTH), e.getMessage());
        assertEquals(JsonParser.MAX_DEPTH + 1, e.column());
        // Exactly at the limit still parses.
        String limit = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        assertInstanceOf(List.class, Json.parse(limit));
    }

    @Test
    void columnsCountFromTheStartOfTheirLine() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> Json.parse("{\n  \"layers\": [\n    {\"units\": 10},\n    {\"units\": ten}\n  ]\n}"));
        assertEquals(4, e.line());
        assertEquals(15, e.column());
        assertTrue(e.getMessage().contains("Received: 't'"), e.getMessage());
    }

    @Test
    void parseObjectRejectsOtherTopLevelValues() {
        assertEquals(Map.of("a", 1L), Json.parseObject("{\"a\": 1}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1, 2]"));
        assertTrue(e.getMessage().contains("Expected a JSON object at the top level. Received: an array of 2 elements"),
                e.getMessage());
    }
}
