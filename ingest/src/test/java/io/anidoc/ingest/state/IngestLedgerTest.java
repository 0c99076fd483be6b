package io.anidoc.ingest.state;

import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.FrameKind;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotOpened;
import io.anidoc.schemas.ShotSealed;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class IngestLedgerTest {

    private final IngestLedger ledger = new IngestLedger();

    @Test
    void theFirstImageOfASlotWinsAndSetsTheShotSize() {
        ledger.applyOpened("s", declaration(5, List.of(0, 4)));
        assertThat(ledger.applyFrame("s", FrameSlot.line(1), new StoredFrame("aa", 10, 64, 48))).isTrue();
        assertThat(ledger.applyFrame("s", FrameSlot.line(1), new StoredFrame("bb", 11, 64, 48))).isFalse();
        assertThat(ledger.frame("s", FrameSlot.line(1)).orElseThrow().sha256()).isEqualTo("aa");
        ShotSummary summary = ledger.summary("s").orElseThrow();
        assertThat(summary.width()).isEqualTo(64);
        assertThat(summary.height()).isEqualTo(48);
        assertThat(summary.linesReceived()).isEqualTo(1);
    }

    @Test
    void missingImagesAreLineArtOfDrawingsAndEveryKeyframe() {
        ledger.applyOpened("s", declaration(6, List.of(0, 5)));
        ledger.applyFrame("s", FrameSlot.line(2), new StoredFrame("a", 1, 8, 8));
        ledger.applyFrame("s", FrameSlot.line(0), new StoredFrame("b", 1, 8, 8));
        ledger.applyFrame("s", FrameSlot.key(5), new StoredFrame("c", 1, 8, 8));
        ShotSummary summary = ledger.summary("s").orElseThrow();
        assertThat(summary.missing().lines()).containsExactly(1, 3, 4);
        assertThat(summary.missing().keys()).containsExactly(0);
        assertThat(summary.missing().describe()).isEqualTo("line art 1, 3-4; keyframes 0");
        assertThat(summary.keyframeLines()).containsExactly(0);
    }

    @Test
    void topicRecordsInAnyOrderRebuildTheSameLedger() {
        LedgerFollower follower = new LedgerFollower(ledger, "shots", "frames");
        follower.apply(frame("s", FrameKind.KEY, 0, "k0"));
        follower.apply(ShotEvent.newBuilder().setShotId("s").setEvent(ShotOpened.newBuilder().setShotId("s")
                .setDeclaredFrameCount(2).setKeyframeIndices(List.of(0)).setOptions(Map.of("a", "1"))
                .setOpenedAtMs(1).build()).build());
        follower.apply(frame("s", FrameKind.LINE, 1, "l1"));
        follower.apply(ShotEvent.newBuilder().setShotId("s").setEvent(ShotSealed.newBuilder().setShotId("s")
                .setDeclaredFrameCount(2).setKeyframeIndices(List.of(0))
                .setOptions(Map.of("a", "1", ShotDeclaration.KEYFRAME_LINES_OPTION, ""))
                .setSealedAtMs(2).build()).build());
        ShotSummary summary = ledger.summary("s").orElseThrow();
        assertThat(summary.sealed()).isTrue();
        assertThat(summary.missing().isEmpty()).isTrue();
        assertThat(summary.declaration().options()).as("the pipeline's own options are not part of the declaration")
                .containsExactly(Map.entry("a", "1"));
        assertThat(ledger.frame("s", FrameSlot.line(1)).orElseThrow().sha256()).isEqualTo("l1");
    }

    @Test
    void aShotKnownOnlyFromItsImagesIsNotDeclared() {
        ledger.applyFrame("ghost", FrameSlot.line(0), new StoredFrame("a", 1, 8, 8));
        assertThat(ledger.summary("ghost")).isEmpty();
        assertThat(ledger.declaration("ghost")).isEmpty();
        assertThat(ledger.shotCount()).isZero();
    }

    private static ShotDeclaration declaration(int frames, List<Integer> keys) {
        return new ShotDeclaration(frames, keys, new TreeMap<>());
    }

    private static FrameIngested frame(String shotId, FrameKind kind, int index, String sha) {
        return FrameIngested.newBuilder().setShotId(shotId).setIndex(index).setKind(kind)
                .setImage(BlobRef.newBuilder().setUri("blob:sha256/" + sha).setSha256(sha).setSize(3).setMediaType("image/png").build())
                .setWidth(8).setHeight(8).setIngestedAtMs(1).build();
    }
}
