package io.anidoc.schemas.serde;

import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.ClipSheet;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipMatchesBlob;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.ColorizedFrame;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.DenseCorrespondenceBlob;
import io.anidoc.schemas.FinishedFrame;
import io.anidoc.schemas.FlowFieldBlob;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.FrameKind;
import io.anidoc.schemas.PairMatchesBlob;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotApproved;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotOpened;
import io.anidoc.schemas.ShotSealed;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** A populated instance of every record type, with every optional field set. */
final class EventSamples {

  private EventSamples() {}

  static BlobRef blob(String name) {
    String sha = String.format("%064x", Math.abs((long) name.hashCode()));
    return BlobRef.newBuilder()
        .setUri("file:///blobs/" + sha.substring(0, 2) + "/" + sha)
        .setSha256(sha)
        .setSize(1000L + name.length())
        .setMediaType("image/png")
        .build();
  }

  static ClipTask clipTask() {
    return ClipTask.newBuilder()
        .setSchemaVersion(1)
        .setClipId("shot-42/clip-0")
        .setShotId("shot-42")
        .setClipIndex(0)
        .setClipCount(2)
        .setFrames(List.of(
            ClipFrame.newBuilder().setIndex(0).setLine(blob("line0")).setKey(blob("key0")).build(),
            ClipFrame.newBuilder().setIndex(1).setLine(blob("line1")).build(),
            ClipFrame.newBuilder().setIndex(2).setKey(blob("key2")).build()))
        .setWidth(1600)
        .setHeight(984)
        .setOptions(Map.of("matcher.engine", "cpu", "clip.maxFrames", "16"))
        .setWarnings(List.of("frame 1: grey lines, binarized with Otsu"))
        .setSheets(List.of(ClipSheet.newBuilder().setName("hero").setImage(blob("sheet-hero")).build()))
        .build();
  }

  static ShotOpened shotOpened() {
    return ShotOpened.newBuilder()
        .setShotId("shot-42")
        .setDeclaredFrameCount(3)
        .setKeyframeIndices(List.of(0, 2))
        .setOptions(Map.of("colorizer.engine", "triton"))
        .setOpenedAtMs(1_700_000_000_000L)
        .build();
  }

  static ShotSealed shotSealed() {
    return ShotSealed.newBuilder()
        .setShotId("shot-42")
        .setDeclaredFrameCount(3)
        .setKeyframeIndices(List.of(0, 2))
        .setOptions(Map.of())
        .setSealedAtMs(1_700_000_005_000L)
        .build();
  }

  static ShotStatus shotStatus() {
    return ShotStatus.newBuilder()
        .setShotId("shot-42")
        .setStage("matcher")
        .setState(ShotState.WARNING)
        .setClipId("shot-42/clip-0")
        .setCompleted(1)
        .setTotal(2)
        .setMessage("few matches on frame 1")
        .setAtMs(1_700_000_006_000L)
        .build();
  }

  static List<SpecificRecord> all() {
    ClipTask task = clipTask();
    ColorizedFrame colorized = ColorizedFrame.newBuilder()
        .setIndex(1).setColor(blob("color1")).setLines(blob("lines1")).setFill(blob("fill1")).build();
    FinishedFrame finished = FinishedFrame.newBuilder()
        .setIndex(1)
        .setColorUri("file:///out/shot-42/color/0001.png").setColorSha256(blob("c").getSha256())
        .setLinesUri("file:///out/shot-42/lines/0001.png").setLinesSha256(blob("l").getSha256())
        .build();
    return List.of(
        blob("plain"),
        task.getFrames().get(0),
        task.getSheets().get(0),
        task,
        colorized,
        finished,
        shotOpened(),
        shotSealed(),
        FrameIngested.newBuilder()
            .setShotId("shot-42").setIndex(2).setKind(FrameKind.KEY).setImage(blob("key2"))
            .setWidth(1600).setHeight(984).setIngestedAtMs(1_700_000_001_000L)
            .build(),
        ShotEvent.newBuilder().setShotId("shot-42").setEvent(shotOpened()).build(),
        ClipMatched.newBuilder()
            .setClipId(task.getClipId()).setShotId(task.getShotId()).setTask(task)
            .setMatches(blob("matches")).setEngine("cpu-sift")
            .setStageMillis(Map.of("matcher", 812L))
            .build(),
        ClipTracked.newBuilder()
            .setClipId(task.getClipId()).setShotId(task.getShotId()).setTask(task)
            .setMatches(blob("matches")).setDense(blob("dense")).setEngine("cpu-dis")
            .setStageMillis(Map.of("matcher", 812L, "tracker", 1450L))
            .build(),
        ClipColorized.newBuilder()
            .setClipId(task.getClipId()).setShotId(task.getShotId()).setTask(task)
            .setFrames(List.of(colorized)).setEngine("cpu-regions")
            .setStageMillis(Map.of("colorizer", 2210L))
            .build(),
        ShotFinished.newBuilder()
            .setShotId("shot-42").setFrameCount(3).setFrames(List.of(finished))
            .setManifestUri("file:///out/shot-42/manifest.json").setOutputDir("/out/shot-42")
            .setStageMillis(Map.of("sink", 35L)).setFinishedAtMs(1_700_000_020_000L)
            .build(),
        ShotFinished.newBuilder()
            .setShotId("shot-42").setVersion(2).setPipelineShotId("shot-42.v2").setFrameCount(3).setFrames(List.of(finished))
            .setManifestUri("file:///out/shot-42/v2/manifest.json").setOutputDir("/out/shot-42/v2")
            .setStageMillis(Map.of("sink", 35L)).setFinishedAtMs(1_700_000_040_000L)
            .build(),
        ShotApproved.newBuilder()
            .setShotId("shot-42").setVersion(2).setOutputDir("/out/shot-42/v2").setNote("star fixed")
            .setApprovedAtMs(1_700_000_050_000L)
            .build(),
        shotStatus(),
        DeadLetter.newBuilder()
            .setStage("tracker").setCause("dense field missing").setCauseClass("java.io.FileNotFoundException")
            .setSourceTopic("anidoc.clips.matched").setPartition(3).setOffset(1234L)
            .setKey(ByteBuffer.wrap("shot-42/clip-0".getBytes(StandardCharsets.UTF_8)))
            .setValue(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x01, 7, 7}))
            .setShotId("shot-42").setAtMs(1_700_000_030_000L)
            .build(),
        ClipMatchesBlob.newBuilder().setPairs(List.of(
            PairMatchesBlob.newBuilder().setFromFrame(0).setToFrame(1)
                .setAffine(List.of(1.0, 0.0, 2.5, 0.0, 1.0, -1.0))
                .setFromXy(List.of(10f, 20f)).setToXy(List.of(12.5f, 19f)).setScore(List.of(0.9f))
                .build(),
            PairMatchesBlob.newBuilder().setFromFrame(1).setToFrame(2)
                .setFromXy(List.of()).setToXy(List.of()).setScore(List.of())
                .build()))
            .build(),
        DenseCorrespondenceBlob.newBuilder().setWidth(64).setHeight(48).setGridWidth(8).setGridHeight(6)
            .setFields(List.of(FlowFieldBlob.newBuilder().setFromFrame(1).setToFrame(0)
                .setDx(ByteBuffer.wrap(new byte[] {120, 1, 3, 0}))
                .setDy(ByteBuffer.wrap(new byte[] {120, 1, 3, 0}))
                .setConfidence(ByteBuffer.wrap(new byte[] {120, 1, 3, 0}))
                .build()))
            .build());
  }
}
