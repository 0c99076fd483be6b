package io.anidoc.ingest.assembler;

import static io.anidoc.ingest.assembler.ShotEvents.key;
import static io.anidoc.ingest.assembler.ShotEvents.line;
import static io.anidoc.ingest.assembler.ShotEvents.opened;
import static io.anidoc.ingest.assembler.ShotEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.anidoc.ingest.assembler.AssemblerAction.DeleteFrame;
import io.anidoc.ingest.assembler.AssemblerAction.EmitClip;
import io.anidoc.ingest.assembler.AssemblerAction.PutFrame;
import io.anidoc.ingest.assembler.AssemblerAction.PutShot;
import io.anidoc.ingest.assembler.AssemblerAction.Report;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.FrameKind;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The assembler's decisions on plain maps: no store, no Kafka. */
class AssemblerModelTest {

    private static final long NOW = 42L;

    private final AssemblerModel model = new AssemblerModel(16);
    private final Map<String, ShotAssembly> shots = new HashMap<>();
    private final Map<String, FrameIngested> frames = new HashMap<>();

    @Test
    void aShotWhoseImagesCameFirstIsCutOnItsSealAndForgetsItsImages() {
        apply(opened("s1", 3, List.of(0, 2), Map.of()));
        apply(line("s1", 1));
        apply(key("s1", 0));
        apply(key("s1", 2));
        List<AssemblerAction> actions = apply(sealed("s1", 3, List.of(0, 2), Map.of()));

        List<EmitClip> clips = of(actions, EmitClip.class);
        assertThat(clips).hasSize(1);
        assertThat(clips.get(0).task().getClipId()).isEqualTo("s1/clip-000");
        assertThat(clips.get(0).task().getFrames()).extracting(ClipFrame::getIndex).containsExactly(0, 1, 2);
        assertThat(of(actions, Report.class)).extracting(r -> r.status().getState()).containsExactly(ShotState.CLIPPED);
        assertThat(of(actions, Report.class).get(0).status().getAtMs()).isEqualTo(NOW);
        assertThat(shots.get("s1").clipped()).isTrue();
        assertThat(frames).as("every image of the cut shot is forgotten").isEmpty();
    }

    @Test
    void aSealWithImagesMissingWaitsAndTheLastImageCutsTheShot() {
        List<AssemblerAction> seal = apply(sealed("s2", 3, List.of(0, 2), Map.of()));
        assertThat(of(seal, EmitClip.class)).isEmpty();
        assertThat(of(seal, Report.class).get(0).status().getState()).isEqualTo(ShotState.SEALED);
        assertThat(of(seal, Report.class).get(0).status().getMessage()).contains("waiting for 3 of 3 images: key 0, line 1, key 2");
        assertThat(shots.get("s2").missing()).isEqualTo(3);

        assertThat(of(apply(key("s2", 0)), EmitClip.class)).isEmpty();
        assertThat(of(apply(line("s2", 1)), EmitClip.class)).isEmpty();
        List<AssemblerAction> last = apply(key("s2", 2));
        assertThat(of(last, PutFrame.class)).hasSize(1);
        assertThat(of(last, EmitClip.class)).hasSize(1);
        assertThat(of(last, EmitClip.class).get(0).task().getFrames().get(2).getKey())
                .as("the image that completed the shot is in its clip").isEqualTo(key("s2", 2).getImage());
    }

    @Test
    void repeatedRecordsDecideNothingAndADifferentImageForATakenSlotOnlyWarns() {
        apply(opened("s3", 3, List.of(0, 2), Map.of()));
        apply(line("s3", 1));
        assertThat(apply(line("s3", 1))).isEmpty();
        assertThat(apply(opened("s3", 3, List.of(0, 2), Map.of()))).isEmpty();
        List<AssemblerAction> other = apply(ShotEvents.frame("s3", FrameKind.LINE, 1, "v2"));
        assertThat(other).hasSize(1);
        assertThat(of(other, Report.class).get(0).status().getState()).isEqualTo(ShotState.WARNING);
        assertThat(frames.get(AssemblerModel.frameKey("s3", FrameKind.LINE, 1))).isEqualTo(line("s3", 1));
    }

    @Test
    void aCutShotIsNeverCutAgainAndTakesNoMoreImages() {
        cutShot("s4");
        assertThat(apply(sealed("s4", 3, List.of(0, 2), Map.of()))).isEmpty();
        assertThat(apply(line("s4", 1))).isEmpty();
        assertThat(apply(ShotEvents.frame("s4", FrameKind.LINE, 1, "v2"))).isEmpty();
        assertThat(apply(opened("s4", 3, List.of(0, 2), Map.of()))).as("the first declaration again").isEmpty();
    }

    @Test
    void aNewDeclarationOfACutShotIsRefusedWithTheReason() {
        cutShot("s5");
        // what ingest sends when its ledger forgot the shot (records past the topics' retention)
        assertThatThrownBy(() -> apply(opened("s5", 3, List.of(0, 2), Map.of(), 9_000L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shot 's5' is sealed")
                .hasMessageContaining("a shot id is used once")
                .hasMessageContaining("a new declaration arrived after it was cut into clips");
        assertThat(shots.get("s5").clipped()).isTrue();
    }

    @Test
    void anImageOutsideTheDeclaredFramesIsIgnoredWithAWarning() {
        apply(opened("s6", 3, List.of(0, 2), Map.of()));
        List<AssemblerAction> outside = apply(line("s6", 7));
        assertThat(of(outside, PutFrame.class)).isEmpty();
        assertThat(of(outside, Report.class).get(0).status().getMessage()).contains("line 7 is outside the declared frames 0..2");
    }

    @Test
    void anInvalidMaxDrawingsOptionFallsBackToTheDefaultWithAWarningBeforeTheClips() {
        apply(line("s7", 1));
        apply(key("s7", 0));
        apply(key("s7", 2));
        List<AssemblerAction> actions = apply(sealed("s7", 3, List.of(0, 2), Map.of("maxDrawings", "lots")));
        assertThat(actions.get(0)).isInstanceOf(Report.class);
        assertThat(((Report) actions.get(0)).status().getMessage()).contains("maxDrawings=lots").contains("using 16");
        assertThat(of(actions, EmitClip.class)).hasSize(1);
        assertThat(of(actions, DeleteFrame.class)).hasSize(3 + 2);
    }

    private void cutShot(String shotId) {
        apply(opened(shotId, 3, List.of(0, 2), Map.of()));
        apply(line(shotId, 1));
        apply(key(shotId, 0));
        apply(key(shotId, 2));
        assertThat(of(apply(sealed(shotId, 3, List.of(0, 2), Map.of())), EmitClip.class)).hasSize(1);
    }

    /** Decides on the record and carries the store actions out on the maps, as the processor does on its stores. */
    private List<AssemblerAction> apply(Object record) {
        List<AssemblerAction> actions = record instanceof FrameIngested frame
                ? model.onFrame(shots.get(frame.getShotId()), frame, frames::get, NOW)
                : model.onShotEvent(shots.get(((ShotEvent) record).getShotId()), (ShotEvent) record, frames::get, NOW);
        for (AssemblerAction action : actions) {
            if (action instanceof PutShot put) {
                shots.put(put.shotId(), put.shot());
            } else if (action instanceof PutFrame put) {
                frames.put(put.key(), put.frame());
            } else if (action instanceof DeleteFrame delete) {
                frames.remove(delete.key());
            }
        }
        return actions;
    }

    private static <T> List<T> of(List<AssemblerAction> actions, Class<T> type) {
        List<T> out = new ArrayList<>();
        actions.stream().filter(type::isInstance).map(type::cast).forEach(out::add);
        return out;
    }
}
