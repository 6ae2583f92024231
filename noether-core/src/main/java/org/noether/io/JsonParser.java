package org.noether.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict recursive-descent reader of RFC 8259 JSON, behind {@link Json#parse}. Objects become
 * {@code LinkedHashMap} (key order kept), arrays {@code ArrayList}, numbers {@code Long} when written
 * without fraction or exponent and within range, else {@code Double}.
 *
 * <p>Strict means: no comments, no trailing commas, no single quotes, no unquoted keys, no
 * {@code NaN}/{@code Infinity}, no leading zeros, no raw control characters in strings, no duplicate
 * keys in an object, nothing but whitespace after the value. A leading byte order mark is skipped,
 * as RFC 8259 section 8.1 allows. Escapes of lone surrogates (<code>"&#92;ud800"</code>) are accepted, since
 * a Java string can hold them.
 */
final class JsonParser {
    /** Deeper documents are refused, so that hostile input cannot overflow the stack. */
    static final int MAX_DEPTH = 512;

    private final String text;
    private int position;
    private int depth;

    private JsonParser(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        JsonParser parser = new JsonParser(text);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            parser.position = 1;
        }
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.position < text.length()) {
            throw parser.error(parser.position, "expected the end of the input after the JSON value. Received: "
                    + parser.describe(parser.position));
        }
        return value;
    }

    private Object value() {
        skipWhitespace();
        if (position >= text.length()) {
            throw error(position, "expected a JSON value (object, array, string, number, true, false or null)"
                    + " but reached the end of the input");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || isDigit(c)) {
                    yield number();
                }
                if (text.startsWith("NaN", position) || text.startsWith("Infinity", position)) {
                    throw error(position, "NaN and Infinity are not JSON numbers; write a finite number or null");
                }
                throw error(position, "expected a JSON value (object, array, string, number, true, false or null)."
                        + " Received: " + describe(position));
            }
        };
    }

    private Map<String, Object> object() {
        int start = position;
        enterNesting(start);
        position++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
            depth--;
            return members;
        }
        while (true) {
            skipWhitespace();
            int keyStart = position;
            if (peek() != '"') {
                throw error(position, "expected a member name in double quotes. Received: " + describe(position));
            }
            String key = string();
            if (members.containsKey(key)) {
                throw error(keyStart, "duplicate key " + JsonWriter.quote(key) + " in the object that starts at "
                        + where(start) + "; keys must be unique");
            }
            skipWhitespace();
            expect(':', "after the key " + JsonWriter.quote(key));
            members.put(key, value());
            skipWhitespace();
            char next = peek();
            position++;
            if (next == '}') {
                depth--;
                return members;
            }
            if (next != ',') {
                position--;
                throw error(position, "expected ',' or '}' after the value of " + JsonWriter.quote(key) + ". Received: "
                        + describe(position));
            }
            skipWhitespace();
            if (peek() == '}') {
                throw error(position, "expected another member after ',' (trailing commas are not allowed)");
            }
        }
    }

    private List<Object> array() {
        enterNesting(position);
        position++;
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            depth--;
            return elements;
        }
        while (true) {
            elements.add(value());
            skipWhitespace();
            char next = peek();
            position++;
            if (next == ']') {
                depth--;
                return elements;
            }
            if (next != ',') {
                position--;
                throw error(position, "expected ',' or ']' after array element " + (elements.size() - 1)
                        + ". Received: " + describe(position));
            }
            skipWhitespace();
            if (peek() == ']') {
                throw error(position, "expected another element after ',' (trailing commas are not allowed)");
            }
        }
    }

    private String string() {
        int start = position;
        position++;
        StringBuilder builder = null;
        int runStart = position;
        while (true) {
            if (position >= text.length()) {
                throw error(position, "expected '\"' to close the string that starts at " + where(start)
                        + " but reached the end of the input");
            }
            char c = text.charAt(position);
            if (c == '"') {
                String run = text.substring(runStart, position);
                position++;
                return builder == null ? run : builder.append(run).toString();
            }
            if (c < 0x20) {
                throw error(position, "control character " + describe(position) + " must be escaped inside a string"
                        + (c == '\n' ? " (is the closing quote of the string at " + where(start) + " missing?)" : ""));
            }
            if (c == '\\') {
                if (builder == null) {
                    builder = new StringBuilder();
                }
                builder.append(text, runStart, position);
                builder.append(escape());
                runStart = position;
            } else {
                position++;
            }
        }
    }

    /** Reads the escape at the current backslash and returns the character it stands for. */
    private char escape() {
        int start = position;
        position++;
        if (position >= text.length()) {
            throw error(position, "expected an escape character after '\\' but reached the end of the input");
        }
        char c = text.charAt(position++);
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = hexValue(peek());
                    if (digit < 0) {
                        throw error(position, "expected 4 hexadecimal digits after '\\u'. Received: " + describe(position));
                    }
                    code = code * 16 + digit;
                    position++;
                }
                yield (char) code;
            }
            default -> throw error(start, "invalid escape '\\" + c + "'; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t"
                    + " or \\uXXXX");
        };
    }

    private Object number() {
        int start = position;
        if (peek() == '-') {
            position++;
            if (text.startsWith("Infinity", position)) {
                throw error(start, "NaN and Infinity are not JSON numbers; write a finite number or null");
            }
        }
        if (!isDigit(peek())) {
            throw error(position, "expected a digit after '-'. Received: " + describe(position));
        }
        if (peek() == '0' && isDigit(peekAt(position + 1))) {
            throw error(position, "leading zeros are not allowed in JSON numbers");
        }
        skipDigits();
        boolean integral = true;
        if (peek() == '.') {
            position++;
            if (!isDigit(peek())) {
                throw error(position, "expected a digit after the decimal point. Received: " + describe(position));
            }
            skipDigits();
            integral = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!isDigit(peek())) {
                throw error(position, "expected a digit in the exponent. Received: " + describe(position));
            }
            skipDigits();
            integral = false;
        }
        String literal = text.substring(start, position);
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException outOfRange) {
                // Integers beyond the long range are still valid JSON: keep them as the nearest double.
            }
        }
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw error(start, "the number " + literal + " is too large for a double (largest is about 1.8e308)");
        }
        return value;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw error(position, "expected '" + word + "'. Received: " + describe(position));
        }
        position += word.length();
        return value;
    }

    private void expect(char wanted, String context) {
        if (peek() != wanted) {
            throw error(position, "expected '" + wanted + "' " + context + ". Received: " + describe(position));
        }
        position++;
    }

    private void enterNesting(int at) {
        if (++depth > MAX_DEPTH) {
            throw error(at, "arrays and objects are nested more than " + MAX_DEPTH + " deep");
        }
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    /** The current character, or 0 at the end (0 never starts a valid token, so it fails every test). */
    private char peek() {
        return peekAt(position);
    }

    private char peekAt(int index) {
        return index < text.length() ? text.charAt(index) : 0;
    }

    /** The value of an ASCII hexadecimal digit, or -1 (Character.digit would also take non-ASCII digits). */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A readable name for the character at {@code index}. */
    private String describe(int index) {
        if (index >= text.length()) {
            return "the end of the input";
        }
        char c = text.charAt(index);
        if (c < 0x20 || c == 0x7f) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private String where(int index) {
        int[] lineColumn = lineColumn(index);
        return "line " + lineColumn[0] + ", column " + lineColumn[1];
    }

    private JsonParseException error(int index, String detail) {
        int[] lineColumn = lineColumn(index);
        return new JsonParseException(lineColumn[0], lineColumn[1], detail);
    }

    private int[] lineColumn(int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, index - lineStart + 1};
    }
}
