package io.anidoc.runtime.stage;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.pipeline.ClipInputLoader;
import io.anidoc.core.pipeline.FrameBlobs;
import io.anidoc.core.pipeline.NativeImages;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.schemas.ClipTask;

import java.io.IOException;
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
     * Fetches and decodes the clip's images and prepares them for the engine. The decoded images
     * are released here; the caller releases the prepared frames.
     *
     * @throws IOException              when an image cannot be fetched
     * @throws IllegalArgumentException when an image does not decode (naming the frame) or the
     *                                  frames do not make a clip
     */
    public static ClipFrames prepare(ClipEngine engine, ClipTask task, BlobStore blobs) throws IOException {
        ClipInput input = ClipInputLoader.load(frameBlobs(task), sheetUris(task), blobs::get);
        try {
            return engine.prepare(input);
        } finally {
            NativeImages.release(input);
        }
    }
}
