package io.anidoc.console;

import io.anidoc.schemas.FinishedFrame;
import io.anidoc.schemas.ShotApproved;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How reports, deliveries and approvals add up to what the page shows of a shot. */
class ShotBoardTest {

    private final ShotBoard board = new ShotBoard();

    @Test
    void aFailedShotMovesOnWhenAReplayLetsItProgressAndADeliveryStays() {
        board.onStatus(status("colorizer", ShotState.FAILED, "no blob"), 1);
        JsonObject failed = board.shot("s").orElseThrow();
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getJsonArray("failures").getJsonObject(0).getString("reason")).isEqualTo("no blob");

        JsonObject again = board.onStatus(status("colorizer", ShotState.IN_PROGRESS, null), 2);
        assertThat(again.getString("state")).isEqualTo("IN_PROGRESS");

        JsonObject delivered = board.onFinished(finished(1), 1);
        assertThat(delivered.getString("state")).isEqualTo("FINISHED");
        assertThat(delivered.getJsonArray("failures")).isEmpty();
        // a late report of an earlier stage does not take the delivery back
        assertThat(board.onStatus(status("tracker", ShotState.IN_PROGRESS, null), 3).getString("state")).isEqualTo("FINISHED");
    }

    @Test
    void versionsAreListedInOrderWithTheirApproval() {
        board.onFinished(finished(2), 2);
        board.onFinished(finished(1), 1);
        board.onApproved(ShotApproved.newBuilder().setShotId("s").setVersion(2).setOutputDir("out/s/v2")
                .setApprovedAtMs(9L).build());

        assertThat(board.latestVersion("s")).isEqualTo(2);
        assertThat(board.delivered("s", 1)).isTrue();
        assertThat(board.delivered("s", 3)).isFalse();
        JsonObject shot = board.shot("s").orElseThrow();
        assertThat(shot.getJsonArray("versions").stream().map(v -> ((JsonObject) v).getInteger("version")))
                .containsExactly(1, 2);
        assertThat(shot.getJsonArray("versions").getJsonObject(0).getLong("approvedAtMs")).isNull();
        assertThat(shot.getJsonArray("versions").getJsonObject(1).getLong("approvedAtMs")).isEqualTo(9L);
    }

    @Test
    void throughputCountsClipReportsOfTheLastMinutePerStage() {
        board.onStatus(status("matcher", ShotState.IN_PROGRESS, null), 1_000);
        board.onStatus(status("matcher", ShotState.IN_PROGRESS, null), 50_000);
        board.onStatus(status("tracker", ShotState.IN_PROGRESS, null), 50_000);

        assertThat(board.throughput(61_500).getMap()).isEqualTo(Map.of("matcher", 1, "tracker", 1));
    }

    private static ShotStatus status(String stage, ShotState state, String message) {
        return new ShotStatus(1, "s", stage, state, "s/clip-000", 1, 2, message, 100L);
    }

    private static ShotFinished finished(int version) {
        FinishedFrame frame = new FinishedFrame(0, "c", "x", "l", "y", 0.0, null, null);
        return ShotFinished.newBuilder().setShotId("s").setVersion(version).setFrameCount(1).setFrames(List.of(frame))
                .setManifestUri("m").setOutputDir("o").setStageMillis(Map.of()).setFinishedAtMs(10L * version).build();
    }
}
