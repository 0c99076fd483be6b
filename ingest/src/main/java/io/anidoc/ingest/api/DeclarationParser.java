package io.anidoc.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.ingest.state.ShotDeclaration;
import io.anidoc.runtime.service.HttpErrors;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code {"frameCount": 48, "keyframes": [0, 47], "sheets": ["hero"], "options": {"maxDrawings": 16}}}.
 * Option values may be strings, numbers or booleans; they travel as strings. {@code sheets} (names
 * of color model sheets uploaded to {@code refs/NAME}) is optional; {@code keyframes} may be empty
 * when it names at least one sheet.
 *
 * <p>Strict and linear in the body: a key given twice is refused, nesting, names, strings and
 * numbers are bounded while reading, and every list is checked in one pass (keyframe repeats with a
 * bit set over the frames), so the largest declaration the limits allow parses in milliseconds.
 */
final class DeclarationParser {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_OPTIONS = 64;
    static final int MAX_OPTION_NAME = 128;
    static final int MAX_OPTION_VALUE = 4096;
    static final int MAX_DRAWINGS_LIMIT = 10_000;
    static final int MAX_QUOTED_TOKEN = 24;
    static final int MAX_SHEETS = 16;
    private static final Set<String> FIELDS = Set.of("frameCount", "keyframes", "sheets", "options");

    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(8)
                            .maxNumberLength(32)
                            .maxNameLength(1024)
                            .maxStringLength(2 * MAX_OPTION_VALUE)
                            .maxDocumentLength(MAX_BODY_BYTES)
                            .build())
                    // a reason may quote a bad token, never a stretch of the body
                    .errorReportConfiguration(ErrorReportConfiguration.builder()
                            .maxErrorTokenLength(MAX_QUOTED_TOKEN)
                            .maxRawContentLength(0)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final int maxFrames;

    DeclarationParser(int maxFrames) {
        this.maxFrames = maxFrames;
    }

    ShotDeclaration parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw invalid("the body is empty; send {\"frameCount\": N, \"keyframes\": [..], \"options\": {..}}");
        }
        JsonNode json = read(body.getBytes());
        if (!(json instanceof ObjectNode object)) {
            throw ApiError.badRequest("invalid_json", "the body is not a JSON object but " + kind(json));
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw invalid("unknown field '" + HttpErrors.echo(field) + "'; expected frameCount, keyframes, sheets and options");
            }
        }
        int frameCount = frameCount(object.get("frameCount"));
        List<String> sheets = sheets(object.get("sheets"));
        List<Integer> keyframes = keyframes(object.get("keyframes"), frameCount, !sheets.isEmpty());
        Map<String, String> options = options(object.get("options"));
        return new ShotDeclaration(frameCount, keyframes, new TreeMap<>(options), sheets);
    }

    private static List<String> sheets(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_SHEETS) {
            throw invalid("sheets must be an array of at most " + MAX_SHEETS + " model sheet names, e.g. [\"hero\"]");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : value) {
            String name = item.isTextual() ? item.asText() : null;
            if (name == null || !ShotFolder.SHEET_NAME.matcher(name).matches()) {
                throw invalid("sheet name " + HttpErrors.echo(item.toString()) + " is not valid: letters, digits, '.', '-'"
                        + " and '_', up to 64, not starting with '.'");
            }
            if (names.contains(name)) {
                throw invalid("sheet '" + name + "' is listed twice");
            }
            names.add(name);
        }
        return names;
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String problem = HttpErrors.echo(e.getOriginalMessage());
            JsonLocation at = e.getLocation();
            String where = at != null ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "";
            if (problem.startsWith("Duplicate field")) {
                throw ApiError.badRequest("duplicate_key", "the declaration gives a key twice: " + problem + where
                        + "; every key may appear once");
            }
            throw ApiError.badRequest("invalid_json", "the body is not valid JSON: " + problem + where);
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_json", "the body could not be read as JSON: " + HttpErrors.echo(e.getMessage()));
        }
    }

    private int frameCount(JsonNode value) {
        if (!isWhole(value)) {
            throw invalid("frameCount must be a whole number, got " + kind(value));
        }
        double count = value.asDouble();
        if (count < 1 || count > maxFrames) {
            throw invalid("frameCount must be between 1 and " + maxFrames + " (ANIDOC_INGEST_MAX_FRAMES), got "
                    + HttpErrors.echo(value.asText()));
        }
        return (int) count;
    }

    private static List<Integer> keyframes(JsonNode value, int frameCount, boolean hasSheets) {
        if (hasSheets && (value == null || (value.isArray() && value.isEmpty()))) {
            return List.of(); // colored from the model sheets
        }
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw invalid("keyframes must be a non-empty array of frame indices, e.g. [0, " + (frameCount - 1) + "]"
                    + " (or empty when sheets names a model sheet)");
        }
        if (value.size() > frameCount) {
            throw invalid("keyframes lists " + value.size() + " indices but the shot has only " + frameCount + " frames");
        }
        BitSet seen = new BitSet(frameCount);
        List<Integer> keyframes = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!isWhole(item)) {
                throw invalid("keyframe " + HttpErrors.echo(item.toString()) + " is not a whole number");
            }
            double index = item.asDouble();
            if (index < 0 || index >= frameCount) {
                throw invalid("keyframe " + HttpErrors.echo(item.asText()) + " is outside the shot (frames 0.."
                        + (frameCount - 1) + ")");
            }
            int k = (int) index;
            if (seen.get(k)) {
                throw invalid("keyframe " + k + " is listed twice");
            }
            seen.set(k);
            keyframes.add(k);
        }
        return keyframes;
    }

    private static Map<String, String> options(JsonNode value) {
        Map<String, String> options = new TreeMap<>();
        if (value == null || value.isNull()) {
            return options;
        }
        if (!value.isObject()) {
            throw invalid("options must be a JSON object of names to values, got " + kind(value));
        }
        if (value.size() > MAX_OPTIONS) {
            throw invalid("at most " + MAX_OPTIONS + " options are allowed, got " + value.size());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode v = entry.getValue();
            if (name.isBlank() || name.length() > MAX_OPTION_NAME) {
                throw invalid("option names must have 1 to " + MAX_OPTION_NAME + " characters");
            }
            if (name.startsWith(ShotDeclaration.RESERVED_OPTION_PREFIX)) {
                throw invalid("option '" + name + "' is reserved: names starting with '"
                        + ShotDeclaration.RESERVED_OPTION_PREFIX + "' are set by the pipeline");
            }
            if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
                throw invalid("option '" + name + "' must be a string, number or boolean, got " + kind(v));
            }
            String text = optionText(v);
            if (text.length() > MAX_OPTION_VALUE) {
                throw invalid("option '" + name + "' is longer than " + MAX_OPTION_VALUE + " characters");
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
                        + ", got " + HttpErrors.echo(maxDrawings));
            }
        }
        return options;
    }

    /** A number that is whole prints without a fraction ({@code 16.0} is {@code 16}), as before. */
    private static String optionText(JsonNode v) {
        if (v.isNumber()) {
            double d = v.asDouble();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return v.isIntegralNumber() ? v.asText() : Double.toString(d);
        }
        return v.asText();
    }

    /** A number without a fraction: {@code 48} or {@code 48.0}. */
    private static boolean isWhole(JsonNode value) {
        return value != null && value.isNumber() && value.asDouble() == Math.rint(value.asDouble())
                && !Double.isInfinite(value.asDouble());
    }

    private static String kind(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isContainerNode()) {
            return value.isArray() ? "an array" : "an object";
        }
        return value.isTextual() ? "a string" : HttpErrors.echo(value.toString());
    }

    private static ApiError invalid(String reason) {
        return ApiError.badRequest("invalid_declaration", reason);
    }
}
