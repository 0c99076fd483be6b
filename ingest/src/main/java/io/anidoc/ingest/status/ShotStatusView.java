package io.anidoc.ingest.status;

import io.anidoc.ingest.state.TopicTail;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Per-shot progress materialized from the status topic: for every stage the distinct clips it
 * finished, plus warnings, failures and whether the sink delivered the shot. Reports may repeat
 * (stages are at-least-once); counting distinct clip ids makes repeats harmless.
 */
public final class ShotStatusView implements TopicTail.Handler {

    /** The stage that cuts shots into clips; its CLIPPED report gives the number of clips. */
    public static final String ASSEMBLER_STAGE = "assembler";

    private final Deserializer<ShotStatus> statuses = EventSerdes.of(ShotStatus.class).deserializer();
    private final Map<String, Shot> shots = new HashMap<>();

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() != null) {
            apply(statuses.deserialize(record.topic(), record.value()));
        }
    }

    public synchronized void apply(ShotStatus status) {
        Shot shot = shots.computeIfAbsent(status.getShotId(), id -> new Shot());
        Stage stage = shot.stages.computeIfAbsent(status.getStage(), name -> new Stage());
        stage.lastState = status.getState();
        stage.lastAtMs = status.getAtMs();
        stage.total = Math.max(stage.total, status.getTotal());
        String clipId = status.getClipId();
        switch (status.getState()) {
            case WARNING -> shot.warnings.putIfAbsent(noteKey(status), note(status));
            case FAILED -> shot.failures.putIfAbsent(noteKey(status), note(status));
            case FINISHED -> {
                shot.finished = true;
                shot.finishedAtMs = status.getAtMs();
                stage.shotCompleted = Math.max(stage.shotCompleted, status.getCompleted());
            }
            case CLIPPED -> {
                shot.totalClips = status.getTotal();
                stage.shotCompleted = Math.max(stage.shotCompleted, status.getCompleted());
            }
            default -> {
                if (clipId != null) {
                    stage.clips.add(clipId);
                } else {
                    stage.shotCompleted = Math.max(stage.shotCompleted, status.getCompleted());
                }
            }
        }
    }

    public synchronized Optional<ShotProgress> progress(String shotId) {
        Shot shot = shots.get(shotId);
        if (shot == null) {
            return Optional.empty();
        }
        List<StageProgress> stages = new ArrayList<>();
        shot.stages.forEach((name, stage) -> stages.add(new StageProgress(name,
                Math.max(stage.clips.size(), stage.shotCompleted), stage.total, stage.lastState, stage.lastAtMs)));
        int total = shot.totalClips > 0 ? shot.totalClips
                : stages.stream().mapToInt(StageProgress::totalClips).max().orElse(0);
        return Optional.of(new ShotProgress(shotId, total, stages, new ArrayList<>(shot.warnings.values()),
                new ArrayList<>(shot.failures.values()), shot.finished, shot.finishedAtMs));
    }

    private static StatusNote note(ShotStatus status) {
        return new StatusNote(status.getStage(), status.getClipId(), Objects.toString(status.getMessage(), ""),
                status.getAtMs());
    }

    /** Repeated reports of the same problem are shown once, with the time of the first. */
    private static List<String> noteKey(ShotStatus status) {
        return java.util.Arrays.asList(status.getStage(), status.getClipId(), Objects.toString(status.getMessage(), ""));
    }

    private static final class Shot {
        final Map<String, Stage> stages = new LinkedHashMap<>();
        final Map<List<String>, StatusNote> warnings = new LinkedHashMap<>();
        final Map<List<String>, StatusNote> failures = new LinkedHashMap<>();
        int totalClips;
        boolean finished;
        long finishedAtMs;
    }

    private static final class Stage {
        final Set<String> clips = new HashSet<>();
        int shotCompleted;
        int total;
        ShotState lastState;
        long lastAtMs;
    }
}
