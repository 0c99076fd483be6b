package io.anidoc.ingest.state;

import java.util.ArrayList;
import java.util.List;

/** Required images of a shot that have not been accepted yet. */
public record MissingFrames(List<Integer> lines, List<Integer> keys, List<String> sheets) {

    public MissingFrames(List<Integer> lines, List<Integer> keys) {
        this(lines, keys, List.of());
    }

    public MissingFrames {
        lines = List.copyOf(lines);
        keys = List.copyOf(keys);
        sheets = List.copyOf(sheets);
    }

    public boolean isEmpty() {
        return lines.isEmpty() && keys.isEmpty() && sheets.isEmpty();
    }

    public int count() {
        return lines.size() + keys.size() + sheets.size();
    }

    /** E.g. {@code line art 3-5, 9; keyframes 15}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!lines.isEmpty()) {
            parts.add("line art " + ranges(lines));
        }
        if (!keys.isEmpty()) {
            parts.add("keyframes " + ranges(keys));
        }
        if (!sheets.isEmpty()) {
            parts.add("model sheets " + String.join(", ", sheets));
        }
        return String.join("; ", parts);
    }

    /** Ascending indices as compact ranges: {@code 1-3, 7}. */
    static String ranges(List<Integer> sorted) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int start = sorted.get(i);
            int end = start;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == end + 1) {
                end = sorted.get(++i);
            }
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(start == end ? String.valueOf(start) : start + "-" + end);
            i++;
        }
        return out.toString();
    }
}
