package io.anidoc.ingest.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.anidoc.core.shot.ShotFolder;

/**
 * What a station announced about a shot: the number of drawings, where the colored keyframes are,
 * the names of its color model sheets and the shot options. Keyframes and sheet names are kept
 * sorted without duplicates and options sorted by name, so two declarations that mean the same
 * compare equal. A shot needs at least one keyframe or one model sheet.
 */
public record ShotDeclaration(int frameCount, List<Integer> keyframes, SortedMap<String, String> options,
                              List<String> sheets) {

    public ShotDeclaration(int frameCount, List<Integer> keyframes, SortedMap<String, String> options) {
        this(frameCount, keyframes, options, List.of());
    }

    /** Option names starting with this are written by the pipeline itself, never by a station. */
    public static final String RESERVED_OPTION_PREFIX = "anidoc.";

    /**
     * Option ingest adds to the seal: the keyframe indices that were delivered with their own line
     * art (comma-separated), so the assembler waits for exactly those lines too.
     */
    public static final String KEYFRAME_LINES_OPTION = RESERVED_OPTION_PREFIX + "keyframeLines";

    /** Shot option overriding the default number of drawings per clip. */
    public static final String MAX_DRAWINGS_OPTION = "maxDrawings";

    /** A difference stays readable for a shot of 100000 keyframes and 64 long options. */
    private static final int SHOWN_KEYFRAMES = 20;
    private static final int SHOWN_CHARACTERS = 300;

    public ShotDeclaration {
        if (frameCount < 1) {
            throw new IllegalArgumentException("frameCount must be at least 1, got " + frameCount);
        }
        sheets = sheets == null ? List.of() : List.copyOf(new java.util.TreeSet<>(sheets));
        for (String name : sheets) {
            if (!ShotFolder.SHEET_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("model sheet name '" + name + "' is not valid: letters, digits, '.', '-'"
                        + " and '_', up to 64, not starting with '.'");
            }
        }
        if (keyframes == null || (keyframes.isEmpty() && sheets.isEmpty())) {
            throw new IllegalArgumentException("a shot needs at least one keyframe or one model sheet");
        }
        List<Integer> sorted = new ArrayList<>(keyframes);
        for (Integer k : sorted) {
            if (k == null || k < 0 || k >= frameCount) {
                throw new IllegalArgumentException("keyframe " + k + " is outside the shot (frames 0.." + (frameCount - 1) + ")");
            }
        }
        // linear for the usual ascending input, n log n at worst; repeats collapse
        sorted.sort(null);
        List<Integer> distinct = new ArrayList<>(sorted.size());
        for (Integer k : sorted) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(k)) {
                distinct.add(k);
            }
        }
        keyframes = List.copyOf(distinct);
        options = Collections.unmodifiableSortedMap(new TreeMap<>(options == null ? Map.of() : options));
    }

    /** Position of a sheet among the declared names (its slot index), or -1 when it was not declared. */
    public int sheetIndex(String name) {
        return Collections.binarySearch(sheets, name);
    }

    public boolean isKeyframe(int index) {
        return Collections.binarySearch(keyframes, index) >= 0;
    }

    /** The same declaration without the options the pipeline adds itself. */
    public ShotDeclaration withoutReservedOptions() {
        TreeMap<String, String> own = new TreeMap<>(options);
        own.keySet().removeIf(name -> name.startsWith(RESERVED_OPTION_PREFIX));
        return own.size() == options.size() ? this : new ShotDeclaration(frameCount, keyframes, own, sheets);
    }

    public ShotDeclaration withOption(String name, String value) {
        TreeMap<String, String> more = new TreeMap<>(options);
        more.put(name, value);
        return new ShotDeclaration(frameCount, keyframes, more, sheets);
    }

    /** What differs from another declaration, e.g. {@code frameCount 12 instead of 10}. */
    public String differenceFrom(ShotDeclaration earlier) {
        List<String> parts = new ArrayList<>();
        if (frameCount != earlier.frameCount) {
            parts.add("frameCount " + frameCount + " instead of " + earlier.frameCount);
        }
        if (!keyframes.equals(earlier.keyframes)) {
            parts.add(keyframes.size() <= SHOWN_KEYFRAMES && earlier.keyframes.size() <= SHOWN_KEYFRAMES
                    ? "keyframes " + keyframes + " instead of " + earlier.keyframes
                    : "keyframes differ (" + keyframes.size() + " instead of " + earlier.keyframes.size()
                            + " listed, first difference at position " + firstDifference(keyframes, earlier.keyframes) + ")");
        }
        if (!sheets.equals(earlier.sheets)) {
            parts.add(shortened("sheets " + sheets + " instead of " + earlier.sheets));
        }
        if (!options.equals(earlier.options)) {
            parts.add(shortened("options " + options + " instead of " + earlier.options));
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    private static int firstDifference(List<Integer> a, List<Integer> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        return i;
    }

    private static String shortened(String text) {
        return text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "...";
    }
}
