package org.noether.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noether.io.SafeTensors.Dtype;
import org.noether.tensor.Shape;

/**
 * The parsed and checked JSON header of a safetensors file: one entry per tensor (dtype, shape,
 * byte range in the data buffer) and the {@code __metadata__} strings.
 *
 * <p>Checks, each failing with a {@link FileFormatException} that names the file and the tensor:
 * the header is a JSON object without duplicate names; each tensor has a readable dtype, a shape of
 * non-negative integers and {@code data_offsets} {@code [begin, end]} with {@code begin <= end};
 * {@code end - begin == elements × dtype size}; and, sorted by offset, the tensors tile the data
 * buffer exactly: the first starts at 0, each starts where the previous ends, the last ends at the
 * buffer's end. Keys of a tensor entry other than the three above are ignored, as the reference
 * implementation does.
 *
 * <pre>{@code SafeTensorsHeader header = SafeTensorsHeader.parse(file, json, dataLength); header.entries();}</pre>
 *
 * @param entries  the tensors in the order of their data in the buffer
 * @param metadata the {@code __metadata__} entries in header order
 */
record SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata) {

    /** One tensor: its element type, shape and bytes {@code [begin, end)} of the data buffer. */
    record Entry(String name, Dtype dtype, Shape shape, long begin, long end) {}

    private static final Comparator<Entry> BY_OFFSET = Comparator.comparingLong(Entry::begin)
            .thenComparingLong(Entry::end)
            .thenComparing(Entry::name);

    /**
     * Parses {@code json} (the header of {@code file}) and checks it against a data buffer of
     * {@code dataLength} bytes.
     */
    static SafeTensorsHeader parse(Path file, String json, long dataLength) throws FileFormatException {
        Object root;
        try {
            root = Json.parse(json);
        } catch (JsonParseException e) {
            throw new FileFormatException(file, "header is not valid JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> members)) {
            throw new FileFormatException(file, "header must be a JSON object of tensors. Received: "
                    + Json.describe(root));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> member : members.entrySet()) {
            String name = (String) member.getKey();
            if (name.equals(SafeTensors.METADATA_KEY)) {
                readMetadata(file, member.getValue(), metadata);
            } else {
                entries.add(entry(file, name, member.getValue()));
            }
        }
        entries.sort(BY_OFFSET);
        checkTiling(file, entries, dataLength);
        return new SafeTensorsHeader(List.copyOf(entries), metadata);
    }

    private static void readMetadata(Path file, Object value, Map<String, String> metadata)
            throws FileFormatException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new FileFormatException(file, SafeTensors.METADATA_KEY + " must be an object of strings. Received: "
                    + Json.describe(value));
        }
        for (Map.Entry<?, ?> item : map.entrySet()) {
            if (!(item.getValue() instanceof String text)) {
                throw new FileFormatException(file, SafeTensors.METADATA_KEY + " entry "
                        + JsonWriter.quote((String) item.getKey()) + " must be a string. Received: "
                        + Json.describe(item.getValue()));
            }
            metadata.put((String) item.getKey(), text);
        }
    }

    private static Entry entry(Path file, String name, Object value) throws FileFormatException {
        String tensor = "tensor " + JsonWriter.quote(name);
        if (!(value instanceof Map<?, ?>)) {
            throw new FileFormatException(file, tensor + " must be an object with dtype, shape and data_offsets."
                    + " Received: " + Json.describe(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) value;
        try {
            // No finish(): an entry may carry keys this reader does not need, which it leaves alone.
            ConfigReader read = new ConfigReader(tensor, info);
            Dtype dtype = dtype(read.getString("dtype"), tensor);
            int[] dims = read.getIntArray("shape");
            long elements = elements(dims, tensor);
            long[] offsets = offsets(read.getList("data_offsets"), tensor);
            long needed = elements * dtype.bytes;
            if (offsets[1] - offsets[0] != needed) {
                throw new IllegalArgumentException(tensor + " has data_offsets " + Arrays.toString(offsets) + " spanning "
                        + (offsets[1] - offsets[0]) + " bytes, but shape " + Arrays.toString(dims) + " of " + dtype
                        + " needs " + elements + " × " + dtype.bytes + " = " + needed + " bytes");
            }
            return new Entry(name, dtype, Shape.of(dims), offsets[0], offsets[1]);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().contains(tensor) ? e.getMessage() : tensor + ": " + e.getMessage();
            throw new FileFormatException(file, message, e);
        }
    }

    private static Dtype dtype(String name, String tensor) {
        for (Dtype dtype : Dtype.values()) {
            if (dtype.name().equals(name)) {
                return dtype;
            }
        }
        throw new IllegalArgumentException(tensor + " has dtype " + JsonWriter.quote(name)
                + ", which cannot be read as float32; expected one of " + Arrays.toString(Dtype.values()));
    }

    private static long elements(int[] dims, String tensor) {
        long elements = 1;
        for (int dim : dims) {
            if (dim < 0) {
                throw new IllegalArgumentException(tensor + " has shape " + Arrays.toString(dims)
                        + "; expected dimensions >= 0");
            }
            // Saturate instead of overflowing: the check below only needs to know it is too many.
            elements = Math.min(elements * dim, (long) Integer.MAX_VALUE + 1);
        }
        if (elements > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(tensor + " has shape " + Arrays.toString(dims)
                    + ", more than the " + Integer.MAX_VALUE + " elements a tensor can hold");
        }
        return elements;
    }

    private static long[] offsets(List<Object> list, String tensor) {
        if (list.size() != 2 || !(list.get(0) instanceof Long begin) || !(list.get(1) instanceof Long end)
                || begin < 0 || end < begin) {
            throw new IllegalArgumentException(tensor + " has data_offsets " + list
                    + "; expected two integers [begin, end] with 0 <= begin <= end");
        }
        return new long[] {begin, end};
    }

    private static void checkTiling(Path file, List<Entry> entries, long dataLength) throws FileFormatException {
        Entry previous = null;
        long covered = 0;
        for (Entry entry : entries) {
            if (entry.begin() < covered) {
                throw new FileFormatException(file, describe(entry) + " overlaps " + describe(previous)
                        + "; expected each tensor to start where the previous one ends");
            }
            if (entry.begin() > covered) {
                throw new FileFormatException(file, "bytes [" + covered + ", " + entry.begin()
                        + ") of the data buffer belong to no tensor: " + describe(entry) + " starts after "
                        + (previous == null ? "the buffer's start at 0" : describe(previous))
                        + "; expected no holes between tensors");
            }
            if (entry.end() > dataLength) {
                throw new FileFormatException(file, describe(entry) + " ends past the data buffer, which has only "
                        + dataLength + " bytes (is the file truncated?)");
            }
            covered = entry.end();
            previous = entry;
        }
        if (covered != dataLength) {
            throw new FileFormatException(file, "the data buffer has " + dataLength + " bytes but the tensors cover "
                    + covered + "; expected the last tensor to end at the end of the file, "
                    + (dataLength - covered) + " bytes belong to no tensor");
        }
    }

    private static String describe(Entry entry) {
        return "tensor " + JsonWriter.quote(entry.name()) + " at bytes [" + entry.begin() + ", " + entry.end() + ")";
    }
}
