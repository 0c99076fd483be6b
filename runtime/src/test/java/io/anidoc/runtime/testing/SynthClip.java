package io.anidoc.runtime.testing;

import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.image.Images;
import io.anidoc.core.shot.ClipPlan;
import io.anidoc.core.shot.ClipPlanner;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.ClipTask;
import org.opencv.core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small generated shot (256x144, 4 frames, keyframes 0 and 3: one clip) stored in a blob store
 * the way ingest stores it, and the clip task the assembler would make of it.
 */
public record SynthClip(Path dir, ClipPlan plan, ClipTask task) {

    public static SynthClip create(Path dir, BlobStore blobs, String shotId) throws IOException {
        SynthOptions options = SynthOptions.defaults().withSize(256, 144).withFrames(4);
        SyntheticShotGenerator.generate(options, dir);
        ClipPlan plan = ClipPlanner.plan(options.frames(), options.keyframes(), 16).get(0);
        List<ClipFrame> frames = new ArrayList<>();
        for (int index : plan.frames()) {
            BlobRef line = blobs.put(Files.readAllBytes(linePath(dir, index)), "image/png");
            BlobRef key = plan.references().contains(index)
                    ? blobs.put(Files.readAllBytes(keyPath(dir, index)), "image/png") : null;
            frames.add(ClipFrame.newBuilder().setIndex(index).setLine(line).setKey(key).build());
        }
        ClipTask task = ClipTask.newBuilder()
                .setClipId(shotId + "/clip-000")
                .setShotId(shotId)
                .setClipIndex(0)
                .setClipCount(1)
                .setFrames(frames)
                .setWidth(options.width())
                .setHeight(options.height())
                .setOptions(Map.of())
                .setWarnings(plan.warnings())
                .build();
        return new SynthClip(dir, plan, task);
    }

    /** The clip read from the files, as the one-process run reads it. */
    public ClipInput readDirectly() {
        Map<Integer, Mat> lines = new HashMap<>();
        Map<Integer, Mat> colors = new HashMap<>();
        for (int index : plan.frames()) {
            lines.put(index, Images.read(linePath(dir, index)));
        }
        for (int index : plan.references()) {
            colors.put(index, Images.read(keyPath(dir, index)));
        }
        return new ClipInput(plan.drawings(), plan.references(), lines, colors);
    }

    /** The same task with the line art of {@code frame} replaced by bytes that are no image. */
    public ClipTask withCorruptLineArt(BlobStore blobs, int frame, String shotId) throws IOException {
        BlobRef corrupt = blobs.put("PNG? no, just text".getBytes(java.nio.charset.StandardCharsets.UTF_8), "image/png");
        List<ClipFrame> frames = new ArrayList<>();
        for (ClipFrame f : task.getFrames()) {
            frames.add(ClipFrame.newBuilder(f).setLine(f.getIndex() == frame ? corrupt : f.getLine()).build());
        }
        return ClipTask.newBuilder(task).setShotId(shotId).setClipId(shotId + "/clip-000").setFrames(frames).build();
    }

    public static Path linePath(Path dir, int index) {
        return dir.resolve("line").resolve(SyntheticShotGenerator.frameName(index));
    }

    public static Path keyPath(Path dir, int index) {
        return dir.resolve("keys").resolve(SyntheticShotGenerator.frameName(index));
    }
}
