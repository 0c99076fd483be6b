package io.anidoc.ingest.api;

import io.anidoc.ingest.state.ShotSummary;
import io.anidoc.ingest.status.ShotProgress;
import io.anidoc.ingest.status.StageProgress;
import io.anidoc.ingest.status.ShotStatusView;
import io.anidoc.ingest.status.StatusNote;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/** The body of {@code GET /v1/shots/{shotId}}: what ingest holds plus what every stage reported. */
final class StatusJson {

    private StatusJson() {
    }

    static JsonObject of(String shotId, Optional<ShotSummary> shot, Optional<ShotProgress> progress) {
        JsonObject json = new JsonObject().put("shotId", shotId).put("state", overallState(shot, progress));
        shot.ifPresent(s -> json.put("ingest", ingest(s)));
        JsonObject stages = new JsonObject();
        JsonArray warnings = new JsonArray();
        JsonArray failures = new JsonArray();
        int totalClips = 0;
        boolean finished = false;
        if (progress.isPresent()) {
            ShotProgress p = progress.get();
            totalClips = p.totalClips();
            finished = p.finished();
            for (StageProgress stage : p.stages()) {
                stages.put(stage.stage(), new JsonObject()
                        .put("state", stage.lastState() == null ? null : stage.lastState().name())
                        .put("completedClips", stage.completedClips())
                        .put("totalClips", stage.totalClips() > 0 ? stage.totalClips() : p.totalClips())
                        .put("lastReportAtMs", stage.lastAtMs()));
            }
            p.warnings().forEach(n -> warnings.add(note(n)));
            p.failures().forEach(n -> failures.add(note(n)));
            if (p.finished()) {
                json.put("finishedAtMs", p.finishedAtMs());
            }
        }
        return json.put("totalClips", totalClips)
                .put("stages", stages)
                .put("warnings", warnings)
                .put("failures", failures)
                .put("finished", finished);
    }

    private static JsonObject ingest(ShotSummary shot) {
        int keyCount = shot.declaration().keyframes().size();
        JsonObject json = new JsonObject()
                .put("frameCount", shot.declaration().frameCount())
                .put("keyframes", new JsonArray(shot.declaration().keyframes()))
                .put("options", new JsonObject(new java.util.LinkedHashMap<>(shot.declaration().options())))
                .put("sealed", shot.sealed())
                .put("linesReceived", shot.linesReceived())
                .put("linesRequired", shot.declaration().frameCount() - keyCount)
                .put("keysReceived", shot.keysReceived())
                .put("keysRequired", keyCount)
                .put("keyframeLines", new JsonArray(shot.keyframeLines()))
                .put("missingLines", new JsonArray(limit(shot.missing().lines())))
                .put("missingKeys", new JsonArray(limit(shot.missing().keys())));
        if (shot.hasDimensions()) {
            json.put("width", shot.width()).put("height", shot.height());
        }
        return json;
    }

    /** FINISHED, FAILED, IN_PROGRESS, CLIPPED, SEALED, RECEIVING or OPENED. */
    private static String overallState(Optional<ShotSummary> shot, Optional<ShotProgress> progress) {
        if (progress.isPresent()) {
            ShotProgress p = progress.get();
            if (p.finished()) {
                return "FINISHED";
            }
            if (!p.failures().isEmpty()) {
                return "FAILED";
            }
            boolean beyondAssembler = p.stages().stream().anyMatch(s -> !s.stage().equals(ShotStatusView.ASSEMBLER_STAGE));
            if (beyondAssembler) {
                return "IN_PROGRESS";
            }
            if (p.totalClips() > 0) {
                return "CLIPPED";
            }
        }
        if (shot.isEmpty()) {
            return "UNKNOWN";
        }
        ShotSummary s = shot.get();
        if (s.sealed()) {
            return "SEALED";
        }
        return s.linesReceived() + s.keysReceived() > 0 ? "RECEIVING" : "OPENED";
    }

    private static JsonObject note(StatusNote note) {
        return new JsonObject().put("stage", note.stage()).put("clipId", note.clipId())
                .put("message", note.message()).put("atMs", note.atMs());
    }

    /** Long lists are cut; the counts tell the rest. */
    private static List<Integer> limit(List<Integer> indices) {
        return indices.size() <= 1000 ? indices : indices.subList(0, 1000);
    }
}
