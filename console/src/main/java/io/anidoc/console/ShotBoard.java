package io.anidoc.console;

import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.FinishedFrame;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.ShotApproved;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the console knows of every shot, built from the status, finished, frames and dead-letter
 * topics: per-stage progress, state, failures with their reason, delivered versions and the blob
 * of each drawing's line art. Each {@code on...} method answers the JSON the page gets for the
 * change. Thread-safe: the topic feed writes, HTTP handlers read.
 */
final class ShotBoard {

    static final int MAX_DEAD_LETTERS = 1000;
    static final long THROUGHPUT_WINDOW_MS = 60_000;

    private final Map<String, Shot> shots = new LinkedHashMap<>();
    private final Deque<JsonObject> deadLetters = new ArrayDeque<>();
    private final Map<String, DeadLetter> deadLetterRecords = new LinkedHashMap<>();
    private final Map<String, Deque<Long>> stageReports = new TreeMap<>();

    /** A progress report; answers the shot as the page shows it. */
    synchronized JsonObject onStatus(ShotStatus status, long receivedAtMs) {
        Shot shot = shot(status.getShotId(), status.getAtMs());
        shot.lastAtMs = Math.max(shot.lastAtMs, status.getAtMs());
        shot.stages.put(status.getStage(), new JsonObject()
                .put("state", status.getState().name())
                .put("completed", status.getCompleted())
                .put("total", status.getTotal())
                .put("message", status.getMessage())
                .put("atMs", status.getAtMs()));
        if (status.getState() == ShotState.FAILED) {
            shot.failures.add(new JsonObject().put("stage", status.getStage()).put("clipId", status.getClipId())
                    .put("reason", status.getMessage() == null ? "no reason given" : status.getMessage())
                    .put("atMs", status.getAtMs()));
            shot.state = "FAILED";
        } else if (!"FINISHED".equals(shot.state)) {
            // a delivered shot stays delivered; a failed one moves on when a replay lets it progress
            shot.state = status.getState().name();
        }
        if (status.getClipId() != null) {
            Deque<Long> times = stageReports.computeIfAbsent(status.getStage(), s -> new ArrayDeque<>());
            times.addLast(receivedAtMs);
            prune(times, receivedAtMs);
        }
        return shot.json();
    }

    /** A delivered shot version; answers the shot. */
    synchronized JsonObject onFinished(ShotFinished finished, int version) {
        Shot shot = shot(finished.getShotId(), finished.getFinishedAtMs());
        shot.lastAtMs = Math.max(shot.lastAtMs, finished.getFinishedAtMs());
        JsonArray frames = new JsonArray();
        for (FinishedFrame frame : finished.getFrames()) {
            frames.add(new JsonObject().put("index", frame.getIndex())
                    .put("uncertainShare", frame.getUncertainShare())
                    .put("confidence", frame.getConfidenceUri() != null));
        }
        shot.versions.removeIf(v -> v.getInteger("version") == version);
        shot.versions.add(new JsonObject().put("version", version)
                .put("frameCount", finished.getFrameCount())
                .put("finishedAtMs", finished.getFinishedAtMs())
                .put("stageMillis", new JsonObject(new LinkedHashMap<>(finished.getStageMillis())))
                .put("frames", frames));
        shot.versions.sort(Comparator.comparingInt(v -> v.getInteger("version")));
        shot.failures.clear();
        shot.state = "FINISHED";
        return shot.json();
    }

    /** An ingested image: remembers where each drawing's line art and each keyframe lives. */
    synchronized void onFrame(FrameIngested frame) {
        Shot shot = shot(frame.getShotId(), frame.getIngestedAtMs());
        switch (frame.getKind()) {
            case LINE -> shot.lineArt.put(frame.getIndex(), frame.getImage().getUri());
            case KEY -> shot.keys.put(frame.getIndex(), frame.getImage().getUri());
            default -> { }
        }
        shot.width = frame.getWidth();
        shot.height = frame.getHeight();
    }

    /** A dead letter with where it sits on its topic; answers its JSON. */
    synchronized JsonObject onDeadLetter(DeadLetter letter, int partition, long offset) {
        JsonObject json = new JsonObject()
                .put("id", partition + "-" + offset)
                .put("partition", partition).put("offset", offset)
                .put("stage", letter.getStage())
                .put("cause", letter.getCause())
                .put("causeClass", letter.getCauseClass())
                .put("sourceTopic", letter.getSourceTopic())
                .put("sourcePartition", letter.getPartition())
                .put("sourceOffset", letter.getOffset())
                .put("shotId", letter.getShotId())
                .put("replayable", letter.getValue() != null)
                .put("atMs", letter.getAtMs());
        deadLetters.addLast(json);
        deadLetterRecords.put(json.getString("id"), letter);
        while (deadLetters.size() > MAX_DEAD_LETTERS) {
            deadLetterRecords.remove(deadLetters.removeFirst().getString("id"));
        }
        return json;
    }

    synchronized JsonArray shots() {
        JsonArray all = new JsonArray();
        shots.values().forEach(s -> all.add(s.json()));
        return all;
    }

    synchronized Optional<JsonObject> shot(String shotId) {
        Shot shot = shots.get(shotId);
        return shot == null ? Optional.empty() : Optional.of(shot.json().put("lineArt", shot.lineArtJson()));
    }

    /** The blob of a drawing's line art (or of its keyframe when it came without line art). */
    synchronized Optional<String> lineArtBlob(String shotId, int index) {
        Shot shot = shots.get(shotId);
        if (shot == null) {
            return Optional.empty();
        }
        String line = shot.lineArt.get(index);
        return Optional.ofNullable(line != null ? line : shot.keys.get(index));
    }

    /** The blob of a drawing's own line art, without falling back to its keyframe. */
    synchronized Optional<String> lineArtOnly(String shotId, int index) {
        Shot shot = shots.get(shotId);
        return shot == null ? Optional.empty() : Optional.ofNullable(shot.lineArt.get(index));
    }

    /** Whether that version of the shot was delivered. */
    synchronized boolean delivered(String shotId, int version) {
        Shot shot = shots.get(shotId);
        return shot != null && shot.versions.stream().anyMatch(v -> v.getInteger("version") == version);
    }

    /** An approval: marks the version approved; answers the shot. */
    synchronized JsonObject onApproved(ShotApproved approved) {
        Shot shot = shot(approved.getShotId(), approved.getApprovedAtMs());
        shot.approvals.put(approved.getVersion(), approved.getApprovedAtMs());
        return shot.json();
    }

    /** The newest delivered version of a shot; 0 when none is. */
    synchronized int latestVersion(String shotId) {
        Shot shot = shots.get(shotId);
        return shot == null ? 0 : shot.versions.stream().mapToInt(v -> v.getInteger("version")).max().orElse(0);
    }

    synchronized Optional<String> keyBlob(String shotId, int index) {
        Shot shot = shots.get(shotId);
        return shot == null ? Optional.empty() : Optional.ofNullable(shot.keys.get(index));
    }

    /** A dead letter by its id ({@code partition-offset}), with the original record to replay. */
    synchronized Optional<DeadLetter> deadLetter(String id) {
        return Optional.ofNullable(deadLetterRecords.get(id));
    }

    /** Notes a replay on the dead letter's JSON; answers it. */
    synchronized Optional<JsonObject> replayed(String id, long atMs) {
        return deadLetters.stream().filter(d -> d.getString("id").equals(id)).findFirst()
                .map(d -> d.put("replayedAtMs", atMs).copy());
    }

    synchronized JsonArray deadLetters() {
        return new JsonArray(deadLetters.stream().map(JsonObject::copy).toList());
    }

    /** Per stage, the clip reports received in the last minute. */
    synchronized JsonObject throughput(long nowMs) {
        JsonObject perStage = new JsonObject();
        stageReports.forEach((stage, times) -> {
            prune(times, nowMs);
            perStage.put(stage, times.size());
        });
        return perStage;
    }

    private static void prune(Deque<Long> times, long nowMs) {
        while (!times.isEmpty() && times.peekFirst() < nowMs - THROUGHPUT_WINDOW_MS) {
            times.removeFirst();
        }
    }

    private Shot shot(String shotId, long atMs) {
        return shots.computeIfAbsent(shotId, id -> new Shot(id, atMs));
    }

    private static final class Shot {
        final String shotId;
        final long firstAtMs;
        long lastAtMs;
        String state = "OPENED";
        int width;
        int height;
        final Map<String, JsonObject> stages = new LinkedHashMap<>();
        final List<JsonObject> failures = new ArrayList<>();
        final List<JsonObject> versions = new ArrayList<>();
        final Map<Integer, String> lineArt = new TreeMap<>();
        final Map<Integer, String> keys = new TreeMap<>();
        final Map<Integer, Long> approvals = new TreeMap<>();

        Shot(String shotId, long atMs) {
            this.shotId = shotId;
            this.firstAtMs = atMs;
            this.lastAtMs = atMs;
        }

        JsonObject json() {
            JsonObject stageJson = new JsonObject();
            stages.forEach((name, progress) -> stageJson.put(name, progress.copy()));
            return new JsonObject()
                    .put("shotId", shotId)
                    .put("state", state)
                    .put("firstAtMs", firstAtMs)
                    .put("lastAtMs", lastAtMs)
                    .put("width", width)
                    .put("height", height)
                    .put("keyframes", new JsonArray(new ArrayList<>(keys.keySet())))
                    .put("stages", stageJson)
                    .put("failures", new JsonArray(failures.stream().map(JsonObject::copy).toList()))
                    .put("versions", new JsonArray(versions.stream().map(v -> v.copy()
                            .put("approvedAtMs", approvals.get(v.getInteger("version")))).toList()));
        }

        JsonArray lineArtJson() {
            JsonArray indices = new JsonArray();
            lineArt.keySet().forEach(indices::add);
            return indices;
        }
    }
}
