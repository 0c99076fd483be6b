package io.anidoc.ingest.api;

import io.anidoc.ingest.state.ShotDeclaration;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code {"frameCount": 48, "keyframes": [0, 47], "options": {"maxDrawings": 16}}}. Option
 * values may be strings, numbers or booleans; they travel as strings.
 */
final class DeclarationParser {

    static final int MAX_OPTIONS = 64;
    static final int MAX_DRAWINGS_LIMIT = 10_000;

    private final int maxFrames;

    DeclarationParser(int maxFrames) {
        this.maxFrames = maxFrames;
    }

    ShotDeclaration parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw invalid("the body is empty; send {\"frameCount\": N, \"keyframes\": [..], \"options\": {..}}");
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw ApiError.badRequest("invalid_json", "the body is not a JSON object: " + e.getMessage());
        }
        int frameCount = frameCount(json.getValue("frameCount"));
        List<Integer> keyframes = keyframes(json.getValue("keyframes"), frameCount);
        Map<String, String> options = options(json.getValue("options"));
        for (String field : json.fieldNames()) {
            if (!List.of("frameCount", "keyframes", "options").contains(field)) {
                throw invalid("unknown field '" + field + "'; expected frameCount, keyframes and options");
            }
        }
        return new ShotDeclaration(frameCount, keyframes, new TreeMap<>(options));
    }

    private int frameCount(Object value) {
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw invalid("frameCount must be a whole number, got " + value);
        }
        long count = number.longValue();
        if (count < 1 || count > maxFrames) {
            throw invalid("frameCount must be between 1 and " + maxFrames + " (ANIDOC_INGEST_MAX_FRAMES), got " + count);
        }
        return (int) count;
    }

    private static List<Integer> keyframes(Object value, int frameCount) {
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw invalid("keyframes must be a non-empty array of frame indices, e.g. [0, " + (frameCount - 1) + "]");
        }
        List<Integer> keyframes = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw invalid("keyframe " + item + " is not a whole number");
            }
            long k = n.longValue();
            if (k < 0 || k >= frameCount) {
                throw invalid("keyframe " + k + " is outside the shot (frames 0.." + (frameCount - 1) + ")");
            }
            if (keyframes.contains((int) k)) {
                throw invalid("keyframe " + k + " is listed twice");
            }
            keyframes.add((int) k);
        }
        return keyframes;
    }

    private static Map<String, String> options(Object value) {
        Map<String, String> options = new TreeMap<>();
        if (value == null) {
            return options;
        }
        if (!(value instanceof JsonObject object)) {
            throw invalid("options must be a JSON object of names to values");
        }
        if (object.size() > MAX_OPTIONS) {
            throw invalid("at most " + MAX_OPTIONS + " options are allowed, got " + object.size());
        }
        for (Map.Entry<String, Object> entry : object) {
            String name = entry.getKey();
            Object v = entry.getValue();
            if (name.isBlank() || name.length() > 128) {
                throw invalid("option names must have 1 to 128 characters");
            }
            if (name.startsWith(ShotDeclaration.RESERVED_OPTION_PREFIX)) {
                throw invalid("option '" + name + "' is reserved: names starting with '"
                        + ShotDeclaration.RESERVED_OPTION_PREFIX + "' are set by the pipeline");
            }
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw invalid("option '" + name + "' must be a string, number or boolean, got " + v);
            }
            String text = v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    && Math.abs(n.doubleValue()) < 1e15 ? Long.toString(n.longValue()) : v.toString();
            if (text.length() > 4096) {
                throw invalid("option '" + name + "' is longer than 4096 characters");
            }
            options.put(name, text);
        }
        String maxDrawings = options.get(ShotDeclaration.MAX_DRAWINGS_OPTION);
        if (maxDrawings != null) {
            int parsed;
            try {
                parsed = Integer.parseInt(maxDrawings);
            } catch (NumberFormatException e) {
                parsed = -1;
            }
            if (parsed < 1 || parsed > MAX_DRAWINGS_LIMIT) {
                throw invalid("option maxDrawings must be a whole number between 1 and " + MAX_DRAWINGS_LIMIT
                        + ", got " + maxDrawings);
            }
        }
        return options;
    }

    private static ApiError invalid(String reason) {
        return ApiError.badRequest("invalid_declaration", reason);
    }
}
