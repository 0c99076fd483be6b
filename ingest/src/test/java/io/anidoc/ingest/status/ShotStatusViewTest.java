package io.anidoc.ingest.status;

import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShotStatusViewTest {

    private final ShotStatusView view = new ShotStatusView();

    @Test
    void countsDistinctClipsPerStageSoRepeatedReportsDoNotInflateProgress() {
        view.apply(status("assembler", ShotState.CLIPPED, null, 3, 3, "cut into 3 clips"));
        view.apply(status("matcher", ShotState.IN_PROGRESS, "s/clip-000", 1, 3, null));
        view.apply(status("matcher", ShotState.IN_PROGRESS, "s/clip-000", 1, 3, null));
        view.apply(status("matcher", ShotState.IN_PROGRESS, "s/clip-002", 1, 3, null));
        view.apply(status("tracker", ShotState.WARNING, "s/clip-002", 0, 3, "weak flow"));
        view.apply(status("tracker", ShotState.WARNING, "s/clip-002", 0, 3, "weak flow"));
        view.apply(status("colorizer", ShotState.FAILED, "s/clip-001", 0, 3, "out of memory"));

        ShotProgress progress = view.progress("s").orElseThrow();
        assertThat(progress.totalClips()).isEqualTo(3);
        assertThat(progress.stages()).extracting(StageProgress::stage).containsExactly("assembler", "matcher", "tracker", "colorizer");
        assertThat(progress.stages().get(0).completedClips()).isEqualTo(3);
        assertThat(progress.stages().get(1).completedClips()).isEqualTo(2);
        assertThat(progress.warnings()).extracting(StatusNote::message).containsExactly("weak flow");
        assertThat(progress.failures()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("colorizer");
            assertThat(f.clipId()).isEqualTo("s/clip-001");
        });
        assertThat(progress.finished()).isFalse();

        view.apply(status("sink", ShotState.FINISHED, null, 3, 3, "done"));
        assertThat(view.progress("s").orElseThrow().finished()).isTrue();
        assertThat(view.progress("other")).isEmpty();
    }

    private static ShotStatus status(String stage, ShotState state, String clipId, int completed, int total, String message) {
        return ShotStatus.newBuilder().setShotId("s").setStage(stage).setState(state).setClipId(clipId)
                .setCompleted(completed).setTotal(total).setMessage(message).setAtMs(42).build();
    }
}
