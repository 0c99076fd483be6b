package io.anidoc.sink;

import io.anidoc.core.pipeline.Sha256;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.retake.RetakeOptions;
import io.anidoc.core.colorize.UncertainRegion;
import io.anidoc.core.engine.ConfidenceJson;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.engine.ShotManifest;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.ColorizedFrame;
import io.anidoc.schemas.FinishedFrame;
import io.anidoc.schemas.ShotFinished;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a shot's deliverables under the output root: {@code <shotId>/color|lines|fill/NNNN.png}
 * (the colorizer's PNG bytes, unchanged) and {@code <shotId>/manifest.json}, last, so a folder
 * with a manifest is complete. Everything written depends only on the clips, so a retry writes the
 * same bytes and {@link AtomicFiles} skips them.
 */
final class DeliveryWriter {


    private final BlobStore blobs;
    private final Path root;

    DeliveryWriter(BlobStore blobs, Path root) {
        this.blobs = blobs;
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * @param clips every clip of the shot, in clip order; a frame present in two clips (a
     *              boundary keyframe) is taken from the first
     */
    ShotFinished write(String shotId, List<ClipColorized> clips, long finishedAtMs) throws IOException {
        SafeShotIds.check(shotId);
        // a retake is delivered as the next version of its shot, in a folder of that shot
        Optional<RetakeOptions> retake = RetakeOptions.of(shotId, clips.get(0).getTask().getOptions());
        String deliveredId = retake.map(RetakeOptions::shotId).orElse(shotId);
        SafeShotIds.check(deliveredId);
        Path dir = retake.map(r -> root.resolve(r.shotId()).resolve("v" + r.version())).orElse(root.resolve(shotId)).normalize();
        TreeMap<Integer, ColorizedFrame> frames = new TreeMap<>();
        TreeSet<Integer> references = new TreeSet<>();
        Map<String, Long> stageMillis = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        List<ShotManifest.Clip> clipEntries = new ArrayList<>();
        for (ClipColorized clip : clips) {
            clip.getFrames().forEach(f -> frames.putIfAbsent(f.getIndex(), f));
            for (ClipFrame frame : clip.getTask().getFrames()) {
                if (frame.getKey() != null) {
                    references.add(frame.getIndex());
                }
            }
            clip.getStageMillis().forEach((stage, ms) -> stageMillis.merge(stage, ms, Long::sum));
            warnings.addAll(clip.getTask().getWarnings());
            clipEntries.add(clipEntry(clip));
        }

        List<Map<String, Object>> frameEntries = new ArrayList<>();
        List<FinishedFrame> finished = new ArrayList<>();
        for (ColorizedFrame frame : frames.values()) {
            String name = String.format(Locale.ROOT, "%04d.png", frame.getIndex());
            Map<String, Path> written = new LinkedHashMap<>();
            Map<String, String> hashes = new LinkedHashMap<>();
            for (String layer : ShotColorizer.LAYERS) {
                BlobRef ref = switch (layer) {
                    case "color" -> frame.getColor();
                    case "lines" -> frame.getLines();
                    case "fill" -> frame.getFill();
                    default -> frame.getConfidence();
                };
                if (ref == null) {
                    continue; // an engine without a confidence estimate
                }
                Path file = dir.resolve(layer).resolve(name);
                hashes.put(layer, copy(ref, file));
                written.put(layer, file);
            }
            frameEntries.add(ShotManifest.frame(frame.getIndex(), references.contains(frame.getIndex()), hashes,
                    frame.getConfidence() == null ? Map.of() : ConfidenceJson.of(frame.getUncertainShare(), uncertain(frame))));
            Path confidence = written.get("confidence");
            finished.add(FinishedFrame.newBuilder()
                    .setIndex(frame.getIndex())
                    .setColorUri(written.get("color").toUri().toString())
                    .setColorSha256(hashes.get("color"))
                    .setLinesUri(written.get("lines").toUri().toString())
                    .setLinesSha256(hashes.get("lines"))
                    .setUncertainShare(frame.getUncertainShare())
                    .setConfidenceUri(confidence == null ? null : confidence.toUri().toString())
                    .setConfidenceSha256(hashes.get("confidence"))
                    .build());
        }

        ClipColorized first = clips.get(0);
        ShotManifest manifest = new ShotManifest(deliveredId, first.getTask().getWidth(), first.getTask().getHeight(),
                List.copyOf(references), first.getTask().getSheets().stream().map(sheet -> sheet.getName()).toList(),
                String.join("+", new TreeSet<>(clips.stream().map(ClipColorized::getEngine).toList())),
                new TreeMap<>(first.getTask().getOptions()), frameEntries, clipEntries, warnings, stageMillis);
        Path manifestFile = dir.resolve(ShotManifest.FILE_NAME);
        AtomicFiles.write(manifestFile, manifest.toJson());

        ShotBlobs blobs = ShotBlobs.of(clips);
        return ShotFinished.newBuilder()
                .setShotId(deliveredId)
                .setVersion(retake.map(RetakeOptions::version).orElse(1))
                .setPipelineShotId(retake.isPresent() ? shotId : null)
                .setFrameCount(frames.size())
                .setFrames(finished)
                .setManifestUri(manifestFile.toUri().toString())
                .setOutputDir(dir.toString())
                .setStageMillis(stageMillis)
                .setFinishedAtMs(finishedAtMs)
                .setInputBlobs(blobs.inputs())
                .setIntermediateBlobs(blobs.intermediates())
                .setDeliverableBlobs(blobs.deliverables())
                .build();
    }

    private static List<UncertainRegion> uncertain(ColorizedFrame frame) {
        return frame.getUncertainRegions().stream().map(r -> new UncertainRegion(r.getX(), r.getY(), r.getWidth(),
                r.getHeight(), r.getArea(), r.getConfidence(), parseHex(r.getColor()),
                r.getCandidates().stream().map(DeliveryWriter::parseHex).toList())).toList();
    }

    private static int parseHex(CharSequence hex) {
        return Integer.parseInt(hex.toString().substring(1), 16);
    }

    /** Copies a blob to a file after checking it still hashes to its address; returns the SHA-256. */
    private String copy(BlobRef ref, Path file) throws IOException {
        byte[] bytes = blobs.get(ref);
        String sha = Sha256.hex(bytes);
        if (!sha.equals(ref.getSha256())) {
            throw new IOException("blob " + ref.getUri() + " hashes to " + sha + ", not to its address; refusing to deliver "
                    + file.getFileName());
        }
        AtomicFiles.write(file, bytes);
        return sha;
    }

    private static ShotManifest.Clip clipEntry(ClipColorized clip) {
        List<Integer> indices = clip.getTask().getFrames().stream().map(ClipFrame::getIndex).sorted().toList();
        List<Integer> refs = clip.getTask().getFrames().stream().filter(f -> f.getKey() != null)
                .map(ClipFrame::getIndex).sorted().toList();
        return new ShotManifest.Clip(clip.getClipId(), clip.getTask().getClipIndex(), indices.isEmpty() ? -1 : indices.get(0),
                indices.isEmpty() ? -1 : indices.get(indices.size() - 1), refs, indices, clip.getEngine(), List.copyOf(clip.getTask().getWarnings()),
                clip.getStageMillis());
    }
}
