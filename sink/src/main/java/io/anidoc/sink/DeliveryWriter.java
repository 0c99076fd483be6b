package io.anidoc.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.pipeline.Sha256;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.core.colorize.UncertainRegion;
import io.anidoc.core.engine.ConfidenceJson;
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

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        Path dir = root.resolve(shotId).normalize();
        TreeMap<Integer, ColorizedFrame> frames = new TreeMap<>();
        TreeSet<Integer> references = new TreeSet<>();
        Map<String, Long> stageMillis = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        List<Map<String, Object>> clipEntries = new ArrayList<>();
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
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", frame.getIndex());
            entry.put("reference", references.contains(frame.getIndex()));
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
                // ordered maps only: the manifest's bytes must not depend on hash iteration order
                Map<String, Object> fileEntry = new LinkedHashMap<>();
                fileEntry.put("path", layer + "/" + name);
                fileEntry.put("sha256", hashes.get(layer));
                entry.put(layer, fileEntry);
            }
            if (frame.getConfidence() != null) {
                entry.putAll(ConfidenceJson.of(frame.getUncertainShare(), uncertain(frame)));
            }
            frameEntries.add(entry);
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
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("shotId", shotId);
        manifest.put("width", first.getTask().getWidth());
        manifest.put("height", first.getTask().getHeight());
        manifest.put("frameCount", frames.size());
        manifest.put("keyframes", List.copyOf(references));
        manifest.put("engine", String.join("+", new TreeSet<>(clips.stream().map(ClipColorized::getEngine).toList())));
        manifest.put("frames", frameEntries);
        manifest.put("clips", clipEntries);
        manifest.put("warnings", warnings);
        manifest.put("stageMillis", stageMillis);
        Path manifestFile = dir.resolve("manifest.json");
        AtomicFiles.write(manifestFile, JSON.writeValueAsBytes(manifest));

        ShotBlobs blobs = ShotBlobs.of(clips);
        return ShotFinished.newBuilder()
                .setShotId(shotId)
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

    private static Map<String, Object> clipEntry(ClipColorized clip) {
        List<Integer> indices = clip.getTask().getFrames().stream().map(ClipFrame::getIndex).sorted().toList();
        List<Integer> refs = clip.getTask().getFrames().stream().filter(f -> f.getKey() != null)
                .map(ClipFrame::getIndex).sorted().toList();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("clipId", clip.getClipId());
        entry.put("index", clip.getTask().getClipIndex());
        entry.put("first", indices.isEmpty() ? null : indices.get(0));
        entry.put("last", indices.isEmpty() ? null : indices.get(indices.size() - 1));
        entry.put("references", refs);
        entry.put("frames", indices);
        entry.put("engine", clip.getEngine());
        entry.put("warnings", List.copyOf(clip.getTask().getWarnings()));
        entry.put("stageMillis", new TreeMap<>(clip.getStageMillis()));
        return entry;
    }
}
