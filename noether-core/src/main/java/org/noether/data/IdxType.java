package org.noether.data;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types of the IDX format (the MNIST file format), by their type byte; every value is
 * stored big-endian in {@link #bytes()} bytes.
 *
 * <pre>{@code IdxType.fromCode(0x08) == IdxType.UNSIGNED_BYTE   // MNIST pixels and labels}</pre>
 */
public enum IdxType {
    /** {@code 0x08}: unsigned byte, 0..255 (MNIST pixels and labels). */
    UNSIGNED_BYTE(0x08, 1, "unsigned byte", 0, 255),
    /** {@code 0x09}: signed byte, -128..127. */
    SIGNED_BYTE(0x09, 1, "signed byte", Byte.MIN_VALUE, Byte.MAX_VALUE),
    /** {@code 0x0B}: 16-bit signed integer. */
    SHORT(0x0B, 2, "short", Short.MIN_VALUE, Short.MAX_VALUE),
    /** {@code 0x0C}: 32-bit signed integer. */
    INT(0x0C, 4, "int", Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** {@code 0x0D}: 32-bit IEEE float. */
    FLOAT(0x0D, 4, "float", Double.NaN, Double.NaN),
    /** {@code 0x0E}: 64-bit IEEE double (read into float32, rounding). */
    DOUBLE(0x0E, 8, "double", Double.NaN, Double.NaN);

    private final int code;
    private final int bytes;
    private final String description;
    private final double min;
    private final double max;

    IdxType(int code, int bytes, String description, double min, double max) {
        this.code = code;
        this.bytes = bytes;
        this.description = description;
        this.min = min;
        this.max = max;
    }

    /** The type byte in the file header. */
    public int code() {
        return code;
    }

    /** Bytes per value. */
    public int bytes() {
        return bytes;
    }

    /** Whether values are whole numbers in a fixed range (the byte, short and int types). */
    public boolean isInteger() {
        return !Double.isNaN(min);
    }

    /** The type with this header byte, or null if the byte names no IDX type. */
    public static IdxType fromCode(int code) {
        for (IdxType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    /** Every type as {@code 0x08 (unsigned byte)}, for error messages. */
    static String allCodes() {
        return Arrays.stream(values()).map(IdxType::toString).collect(Collectors.joining(", "));
    }

    /** Decodes {@code count} values from {@code in} (big-endian) into {@code out} from {@code offset}. */
    void decode(ByteBuffer in, float[] out, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            out[i] = switch (this) {
                case UNSIGNED_BYTE -> in.get() & 0xFF;
                case SIGNED_BYTE -> in.get();
                case SHORT -> in.getShort();
                case INT -> in.getInt();
                case FLOAT -> in.getFloat();
                case DOUBLE -> (float) in.getDouble();
            };
        }
    }

    /** Throws an IllegalArgumentException naming {@code index} unless this type holds {@code value} exactly. */
    void checkFits(float value, int index) {
        if (isInteger() && !(value == Math.rint(value) && value >= min && value <= max)) {
            throw new IllegalArgumentException("IDX " + description + " cannot hold the value at index " + index
                    + "; expected whole numbers in [" + (long) min + ", " + (long) max + "]. Received: " + value);
        }
    }

    /** Encodes one value (big-endian) into {@code out}; {@link #checkFits} has passed. */
    void encode(float value, ByteBuffer out) {
        switch (this) {
            case UNSIGNED_BYTE, SIGNED_BYTE -> out.put((byte) (int) value);
            case SHORT -> out.putShort((short) value);
            case INT -> out.putInt((int) value);
            case FLOAT -> out.putFloat(value);
            case DOUBLE -> out.putDouble(value);
        }
    }

    /** Like {@code 0x08 (unsigned byte)}. */
    @Override
    public String toString() {
        return String.format("0x%02X (%s)", code, description);
    }
}
