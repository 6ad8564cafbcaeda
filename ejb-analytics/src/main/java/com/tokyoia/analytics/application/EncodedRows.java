package com.tokyoia.analytics.application;

import com.tokyoia.analytics.domain.AnswerValues;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A cached answer's rows, still the JSON text they are sent as, one per line of the cache entry: a
 * row is parsed only when it is read ({@link #get}: the few a page's binary search probes, or a
 * Java caller that wants the maps); a page is a view, and the API copies its text out unparsed.
 */
public final class EncodedRows extends AbstractList<Map<String, Object>> implements RandomAccess {
    private final String text;
    private final int[] starts;
    private final int[] ends;
    private final int from;
    private final int to;

    private EncodedRows(String text, int[] starts, int[] ends, int from, int to) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.from = from;
        this.to = to;
    }

    /** The rows of {@code text} from {@code offset} on: one JSON object per line, each line ended by '\n'. */
    static EncodedRows of(String text, int offset, int count) {
        int[] starts = new int[count];
        int[] ends = new int[count];
        int position = offset;
        for (int i = 0; i < count; i++) {
            int end = text.indexOf('\n', position);
            if (end < 0) {
                throw new IllegalArgumentException("the cache entry ends after " + i + " of its " + count + " rows");
            }
            starts[i] = position;
            ends[i] = end;
            position = end + 1;
        }
        return new EncodedRows(text, starts, ends, 0, count);
    }

    @Override
    public Map<String, Object> get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size());
        }
        int row = from + index;
        JsonObject object;
        try (JsonReader reader = AnswerValues.JSON.createReader(new StringReader(text.substring(starts[row], ends[row])))) {
            object = reader.readObject();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        object.forEach((column, value) -> values.put(column, AnswerValues.fromJson(value)));
        return values;
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public List<Map<String, Object>> subList(int fromIndex, int toIndex) {
        if (fromIndex < 0 || toIndex > size() || fromIndex > toIndex) {
            throw new IndexOutOfBoundsException("rows " + fromIndex + " to " + toIndex + " of " + size());
        }
        return new EncodedRows(text, starts, ends, from + fromIndex, from + toIndex);
    }

    /** The rows' JSON objects, comma-separated, as stored. */
    void writeTo(Writer out) throws IOException {
        for (int row = from; row < to; row++) {
            if (row > from) {
                out.write(',');
            }
            out.write(text, starts[row], ends[row] - starts[row]);
        }
    }
}
