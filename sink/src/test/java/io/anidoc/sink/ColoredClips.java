package io.anidoc.sink;

import io.anidoc.core.image.Images;
import io.anidoc.core.image.OpenCv;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ColorizedFrame;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Colored clips as the colorizer publishes them, with real PNG layers in a real blob store. */
final class ColoredClips {

    static final int WIDTH = 32;
    static final int HEIGHT = 24;

    private final BlobStore blobs;

    ColoredClips(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** The PNG of one layer of one frame: a flat image whose color depends on both. */
    static byte[] png(int index, String layer) {
        OpenCv.load();
        int channels = layer.equals("lines") ? 4 : 3;
        Mat image = new Mat(HEIGHT, WIDTH, CvType.CV_8UC(channels),
                new Scalar(index * 20 % 256, layer.length() * 30, 200 - index, 255));
        try {
            return Images.encodePng(image);
        } finally {
            image.release();
        }
    }

    ClipColorized clip(String shotId, int clipIndex, int clipCount, List<Integer> frames, List<Integer> references,
                       Map<String, Long> stageMillis) throws IOException {
        List<ClipFrame> taskFrames = new ArrayList<>();
        List<ColorizedFrame> colored = new ArrayList<>();
        for (int index : frames) {
            boolean reference = references.contains(index);
            taskFrames.add(ClipFrame.newBuilder().setIndex(index)
                    .setLine(reference ? null : blobs.put(("line " + index).getBytes(), "image/png"))
                    .setKey(reference ? blobs.put(("key " + index).getBytes(), "image/png") : null)
                    .build());
            colored.add(ColorizedFrame.newBuilder().setIndex(index)
                    .setColor(store(index, "color"))
                    .setLines(store(index, "lines"))
                    .setFill(store(index, "fill"))
                    .setConfidence(store(index, "confidence"))
                    .setUncertainShare(reference ? 0.0 : index / 100.0)
                    .setUncertainRegions(reference ? List.of() : List.of(io.anidoc.schemas.UncertainRegion.newBuilder()
                            .setX(index).setY(2).setWidth(3).setHeight(4).setArea(12).setConfidence(90)
                            .setColor("#ff0000").setCandidates(List.of("#00ff00")).build()))
                    .build());
        }
        String clipId = shotId + "/clip-" + String.format("%03d", clipIndex);
        ClipTask task = ClipTask.newBuilder()
                .setClipId(clipId).setShotId(shotId).setClipIndex(clipIndex).setClipCount(clipCount)
                .setFrames(taskFrames).setWidth(WIDTH).setHeight(HEIGHT).setOptions(Map.of())
                .setWarnings(clipIndex == 0 ? List.of() : List.of("clip " + clipIndex + " is long"))
                .build();
        return ClipColorized.newBuilder()
                .setClipId(clipId).setShotId(shotId).setTask(task).setFrames(colored)
                .setEngine("cpu-regions").setStageMillis(stageMillis)
                .build();
    }

    private BlobRef store(int index, String layer) throws IOException {
        return blobs.put(png(index, layer), "image/png");
    }
}
