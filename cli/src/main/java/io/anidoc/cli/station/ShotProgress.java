package io.anidoc.cli.station;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A shot's progress as {@code GET /v1/shots/{shotId}} reports it.
 *
 * @param state      FINISHED, FAILED, IN_PROGRESS, CLIPPED, SEALED, RECEIVING or OPENED
 * @param totalClips clips the assembler cut the shot into (0 before that)
 * @param completed  distinct clips each stage finished, by stage name
 * @param failures   what failed, e.g. {@code colorizer shot1/clip-001: <cause>}
 * @param warnings   warnings of the stages
 */
public record ShotProgress(String shotId, String state, int totalClips, Map<String, Integer> completed,
                           List<String> failures, List<String> warnings) {

    /** The stages after the assembler, in pipeline order; each finishes every clip once. */
    public static final List<String> CLIP_STAGES = List.of("matcher", "tracker", "colorizer", "sink");

    static ShotProgress of(JsonNode json) {
        Map<String, Integer> completed = new LinkedHashMap<>();
        json.path("stages").properties().forEach(e -> completed.put(e.getKey(), e.getValue().path("completedClips").asInt()));
        return new ShotProgress(json.path("shotId").asText(), json.path("state").asText("UNKNOWN"),
                json.path("totalClips").asInt(), completed, notes(json.path("failures")), notes(json.path("warnings")));
    }

    public boolean finished() {
        return state.equals("FINISHED");
    }

    public boolean failed() {
        return state.equals("FAILED");
    }

    /** Share of the clip work done over the stages after the assembler, 0 to 1. */
    public double fraction() {
        if (finished()) {
            return 1.0;
        }
        if (totalClips <= 0) {
            return 0.0;
        }
        double done = 0;
        for (String stage : CLIP_STAGES) {
            done += Math.min(totalClips, completed.getOrDefault(stage, 0));
        }
        return done / (CLIP_STAGES.size() * (double) totalClips);
    }

    private static List<String> notes(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode note : array) {
            String clip = note.path("clipId").isTextual() ? " " + note.path("clipId").asText() : "";
            out.add(note.path("stage").asText("?") + clip + ": " + note.path("message").asText(""));
        }
        return out;
    }
}
