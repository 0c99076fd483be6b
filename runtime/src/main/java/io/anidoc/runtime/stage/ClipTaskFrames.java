package io.anidoc.runtime.stage;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.pipeline.ClipInputLoader;
import io.anidoc.core.pipeline.FrameBlobs;
import io.anidoc.core.pipeline.LineArtCodec;
import io.anidoc.core.pipeline.NativeImages;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipTask;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A clip task's stored images, read into the engine the same way by every stage. */
public final class ClipTaskFrames {

    private ClipTaskFrames() {
    }

    /** Where the clip's images are stored. */
    public static List<FrameBlobs> frameBlobs(ClipTask task) {
        return task.getFrames().stream()
                .map(f -> new FrameBlobs(f.getIndex(),
                        f.getLine() == null ? null : f.getLine().getUri(),
                        f.getKey() == null ? null : f.getKey().getUri()))
                .toList();
    }

    /** Where the shot's model sheets are stored, by name. */
    public static Map<String, String> sheetUris(ClipTask task) {
        Map<String, String> uris = new TreeMap<>();
        task.getSheets().forEach(sheet -> uris.put(sheet.getName(), sheet.getImage().getUri()));
        return uris;
    }

    /**
     * Fetches and decodes the clip's images and prepares them for the engine: the normalized line
     * art an earlier stage handed on when there is some, else the drawings themselves, normalized
     * here. The decoded images are released here; the caller releases the prepared frames.
     *
     * @param lineArt the normalized line art of every frame of the task in its order, or empty
     * @throws IOException              when an image cannot be fetched
     * @throws IllegalArgumentException when an image does not decode (naming the frame) or the
     *                                  frames do not make a clip
     */
    public static ClipFrames prepare(ClipEngine engine, ClipTask task, List<BlobRef> lineArt, BlobStore blobs)
            throws IOException {
        if (lineArt.isEmpty()) {
            ClipInput input = ClipInputLoader.load(frameBlobs(task), sheetUris(task), blobs::get);
            try {
                return engine.prepare(input);
            } finally {
                NativeImages.release(input);
            }
        }
        return ClipInputLoader.loadPrepared(frameBlobs(task), lineArt.stream().map(BlobRef::getUri).toList(),
                task.getWidth(), task.getHeight(), sheetUris(task), blobs::get);
    }

    /**
     * Stores the normalized line art of every frame of the task, in its order, for the later
     * stages to take instead of preparing the frames again ({@link LineArtCodec}).
     */
    public static List<BlobRef> storeLineArt(ClipTask task, ClipFrames frames, BlobStore blobs) throws IOException {
        List<BlobRef> stored = new ArrayList<>();
        for (var frame : task.getFrames()) {
            stored.add(blobs.put(LineArtCodec.encode(frames.lineArt().get(frame.getIndex())), LineArtCodec.MEDIA_TYPE));
        }
        return stored;
    }
}
