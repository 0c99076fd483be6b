package io.anidoc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.anidoc.runtime.blob.FileBlobStore;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.sink.SinkAction.DeleteClip;
import io.anidoc.sink.SinkAction.Deliver;
import io.anidoc.sink.SinkAction.Emit;
import io.anidoc.sink.SinkAction.PutClip;
import io.anidoc.sink.SinkAction.PutShot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink's decisions on plain values: no state store, no Kafka. */
class CollectorModelTest {

    private static final long NOW = 77L;

    @TempDir
    Path blobs;

    private ColoredClips clips;

    @BeforeEach
    void setUp() throws Exception {
        clips = new ColoredClips(new FileBlobStore(blobs));
    }

    @Test
    void theLastClipOfAShotAsksForTheDeliveryOnce() throws Exception {
        ClipColorized first = clips.clip("s1", 0, 2, List.of(0, 1, 2), List.of(0, 2), Map.of());
        ClipColorized second = clips.clip("s1", 1, 2, List.of(2, 3), List.of(2, 3), Map.of());

        List<SinkAction> one = CollectorModel.onClip(null, first, NOW);
        assertThat(one).hasSize(3);
        assertThat(((PutClip) one.get(0)).clip()).isEqualTo(first);
        CollectedShot afterOne = ((PutShot) one.get(1)).shot();
        assertThat(afterOne.clipIds()).containsExactly("s1/clip-000");
        ShotStatus progress = (ShotStatus) ((Emit) one.get(2)).value();
        assertThat(progress.getState()).isEqualTo(ShotState.IN_PROGRESS);
        assertThat(progress.getMessage()).isEqualTo("collected 1 of 2 clips");
        assertThat(progress.getAtMs()).isEqualTo(NOW);

        List<SinkAction> two = CollectorModel.onClip(afterOne, second, NOW);
        assertThat(two.get(two.size() - 1)).isInstanceOf(Deliver.class);
        assertThat(((Deliver) two.get(two.size() - 1)).shot().clipIds()).containsExactly("s1/clip-000", "s1/clip-001");
        assertThat(of(two, Deliver.class)).hasSize(1);
    }

    @Test
    void aRepeatedClipChangesNothingAndADeliveredShotStaysDelivered() throws Exception {
        ClipColorized first = clips.clip("s2", 0, 2, List.of(0, 1), List.of(0), Map.of());
        CollectedShot collected = new CollectedShot(2, List.of("s2/clip-000"), false);
        assertThat(CollectorModel.onClip(collected, first, NOW)).isEmpty();
        assertThat(CollectorModel.onClip(collected.with("s2/clip-001").asFinished(), first, NOW)).isEmpty();
    }

    @Test
    void aRepeatedLastClipOfACompleteButUndeliveredShotRetriesTheDelivery() throws Exception {
        ClipColorized second = clips.clip("s3", 1, 2, List.of(1, 2), List.of(2), Map.of());
        CollectedShot complete = new CollectedShot(2, List.of("s3/clip-000", "s3/clip-001"), false);
        List<SinkAction> actions = CollectorModel.onClip(complete, second, NOW);
        assertThat(actions).hasSize(1).first().isInstanceOf(Deliver.class);
    }

    @Test
    void clipsThatContradictEachOtherAreRefusedWithTheReason() throws Exception {
        ClipColorized third = clips.clip("s4", 2, 3, List.of(4, 5), List.of(5), Map.of());
        assertThatThrownBy(() -> CollectorModel.onClip(new CollectedShot(2, List.of("s4/clip-000"), false), third, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("says the shot has 3 clips; earlier clips said 2");
        ClipColorized outside = clips.clip("s4", 3, 3, List.of(6), List.of(6), Map.of());
        assertThatThrownBy(() -> CollectorModel.onClip(null, outside, NOW)).hasMessageContaining("says it is clip 3 of 3");
    }

    @Test
    void aDeliveredShotIsAnnouncedReportedRememberedAndItsClipsForgotten() {
        CollectedShot complete = new CollectedShot(2, List.of("s5/clip-001", "s5/clip-000"), false);
        ShotFinished finished = ShotFinished.newBuilder().setShotId("s5").setFrameCount(4).setFrames(List.of())
                .setManifestUri("file:/out/s5/manifest.json").setOutputDir("/out/s5").setStageMillis(Map.of())
                .setFinishedAtMs(NOW).build();
        List<SinkAction> actions = CollectorModel.delivered("s5", complete, finished, NOW);
        assertThat(((Emit) actions.get(0)).value()).isEqualTo(finished);
        ShotStatus done = (ShotStatus) ((Emit) actions.get(1)).value();
        assertThat(done.getState()).isEqualTo(ShotState.FINISHED);
        assertThat(done.getMessage()).isEqualTo("4 frames written to /out/s5");
        assertThat(((PutShot) actions.get(2)).shot().finished()).isTrue();
        assertThat(of(actions, DeleteClip.class)).extracting(DeleteClip::clipId).containsExactly("s5/clip-001", "s5/clip-000");
    }

    @Test
    void clipsAreDeliveredInClipOrder() throws Exception {
        ClipColorized a = clips.clip("s6", 1, 2, List.of(2, 3), List.of(2, 3), Map.of());
        ClipColorized b = clips.clip("s6", 0, 2, List.of(0, 1, 2), List.of(0, 2), Map.of());
        assertThat(CollectorModel.deliveryOrder(List.of(a, b))).containsExactly(b, a);
    }

    private static <T> List<T> of(List<SinkAction> actions, Class<T> type) {
        List<T> out = new ArrayList<>();
        actions.stream().filter(type::isInstance).map(type::cast).forEach(out::add);
        return out;
    }
}
