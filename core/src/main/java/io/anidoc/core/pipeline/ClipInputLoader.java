package io.anidoc.core.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.opencv.core.Mat;

import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.image.Images;

/**
 * Builds the engine's {@link ClipInput} from stored images: the line art of every frame that has
 * one and the colored image of every keyframe, decoded with {@link Images#decode} exactly as the
 * direct run reads files, so a stage service sees the same pixels as a one-process run.
 */
public final class ClipInputLoader {

    private ClipInputLoader() {
    }

    /**
     * @throws IOException              when an image cannot be fetched (the fetcher's own exception)
     * @throws IllegalArgumentException when an image does not decode (naming the frame and the
     *                                  address) or the frames do not make a clip
     */
    public static ClipInput load(List<FrameBlobs> frames, BlobFetcher fetcher) throws IOException {
        return load(frames, Map.of(), fetcher);
    }

    /**
     * As {@link #load(List, BlobFetcher)}, with the shot's model sheets (address by name). Keyframes
     * win: the sheets are read only for a clip without a reference, as the direct run does.
     */
    public static ClipInput load(List<FrameBlobs> frames, Map<String, String> sheetUris, BlobFetcher fetcher)
            throws IOException {
        if (frames == null || frames.isEmpty()) {
            throw new IllegalArgumentException("a clip needs at least one frame");
        }
        List<Integer> drawings = new ArrayList<>();
        List<Integer> references = new ArrayList<>();
        Map<Integer, Mat> lines = new HashMap<>();
        Map<Integer, Mat> colors = new HashMap<>();
        Set<Integer> seen = new HashSet<>();
        Map<String, Mat> sheets = new HashMap<>();
        try {
            for (FrameBlobs frame : frames) {
                if (!seen.add(frame.index())) {
                    throw new IllegalArgumentException("frame " + frame.index() + " appears twice in the clip");
                }
                if (frame.reference()) {
                    references.add(frame.index());
                    colors.put(frame.index(), decode(fetcher, frame.keyUri(), "keyframe", frame.index()));
                } else {
                    drawings.add(frame.index());
                }
                if (frame.lineUri() != null) {
                    lines.put(frame.index(), decode(fetcher, frame.lineUri(), "line art", frame.index()));
                }
            }
            drawings.sort(null);
            references.sort(null);
            if (references.isEmpty()) {
                for (Map.Entry<String, String> sheet : sheetUris.entrySet()) {
                    sheets.put(sheet.getKey(), decode(fetcher, sheet.getValue(), "model sheet " + sheet.getKey()));
                }
            }
            return new ClipInput(drawings, references, lines, colors, sheets);
        } catch (IOException | RuntimeException e) {
            lines.values().forEach(Mat::release);
            colors.values().forEach(Mat::release);
            sheets.values().forEach(Mat::release);
            throw e;
        }
    }

    private static Mat decode(BlobFetcher fetcher, String uri, String what, int index) throws IOException {
        return decode(fetcher, uri, what + " of frame " + index);
    }

    private static Mat decode(BlobFetcher fetcher, String uri, String what) throws IOException {
        byte[] bytes = fetcher.fetch(uri);
        try {
            return Images.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " (" + uri + "): " + e.getMessage(), e);
        }
    }
}
