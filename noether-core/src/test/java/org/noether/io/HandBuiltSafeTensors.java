package org.noether.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds safetensors files byte by byte from the format's description, independently of
 * {@link SafeTensors}: 8 bytes of little-endian header length, the header text, the data.
 */
final class HandBuiltSafeTensors {
    private HandBuiltSafeTensors() {}

    /** A file with {@code header} (not padded) and {@code data}. */
    static byte[] file(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return concat(lengthPrefix(json.length), json, data);
    }

    /** {@code length} as 8 little-endian bytes, lowest first. */
    static byte[] lengthPrefix(long length) {
        byte[] prefix = new byte[8];
        for (int i = 0; i < 8; i++) {
            prefix[i] = (byte) (length >>> (8 * i));
        }
        return prefix;
    }

    /** Bytes from int literals, so tests can write {@code bytes(0x00, 0x3C)}. */
    static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
