package org.noether.data;

import java.util.ArrayList;
import java.util.List;
import org.noether.tensor.Shape;
import org.noether.tensor.Tensor;

/**
 * A table of float columns with names, as read by {@link Csv}; selects feature and label columns
 * into tensors.
 *
 * <p>Shape: {@link #tensor()} is {@code [rows, columns]}, {@link #columns(String...)} with
 * {@code k} names is {@code [rows, k]}, {@link #column(String)} is {@code [rows]}.
 *
 * <pre>{@code
 * CsvTable table = Csv.DEFAULT.read(Path.of("housing.csv"));
 * Dataset data = table.dataset("price", "rooms", "area");   // x [rows, 2], y [rows]
 * }</pre>
 */
public final class CsvTable {
    private final String source;
    private final List<String> names;
    private final float[] values;
    private final int rows;

    CsvTable(String source, List<String> names, float[] values, int rows) {
        this.source = source;
        this.names = List.copyOf(names);
        this.values = values;
        this.rows = rows;
    }

    /** The column names, in file order. */
    public List<String> columnNames() {
        return names;
    }

    /** Number of data rows (the header not counted). */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int columnCount() {
        return names.size();
    }

    /**
     * The position of the named column.
     *
     * @throws IllegalArgumentException naming the file and the columns it has when there is none
     */
    public int columnIndex(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(source + " has no column '" + name + "'; its columns are " + names
                    + ". Received: '" + name + "'");
        }
        return index;
    }

    /** The whole table. */
    public Tensor tensor() {
        return Tensor.of(values, rows, names.size());
    }

    /** One column, e.g. the label. */
    public Tensor column(String name) {
        return columns(name).reshape(Shape.of(rows));
    }

    /** The named columns side by side, in the order given, e.g. the features. */
    public Tensor columns(String... selected) {
        int[] indices = new int[selected.length];
        for (int k = 0; k < selected.length; k++) {
            indices[k] = columnIndex(selected[k]);
        }
        int width = names.size();
        float[] out = new float[rows * selected.length];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < indices.length; k++) {
                out[r * indices.length + k] = values[r * width + indices[k]];
            }
        }
        return Tensor.wrap(out, Shape.of(rows, selected.length));
    }

    /**
     * Features and a label: {@code x} from {@code featureColumns} ({@code [rows, k]}), or from every
     * other column when none are named; {@code y} from {@code labelColumn} ({@code [rows]}).
     */
    public Dataset dataset(String labelColumn, String... featureColumns) {
        String[] features = featureColumns;
        if (features.length == 0) {
            columnIndex(labelColumn);
            List<String> others = new ArrayList<>(names);
            others.remove(labelColumn);
            features = others.toArray(String[]::new);
        }
        return new Dataset(columns(features), column(labelColumn));
    }

    /** Like {@code iris.csv: 150 rows × [sepal_length, sepal_width, ...]}. */
    @Override
    public String toString() {
        return source + ": " + rows + " rows × " + names;
    }
}
