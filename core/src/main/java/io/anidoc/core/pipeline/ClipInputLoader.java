package io.anidoc.core.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.opencv.core.Mat;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.image.Images;
import io.anidoc.core.lineart.LineArt;
import io.anidoc.core.lineart.PaperComposite;

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
        Stored stored = fetch(frames, sheetUris, fetcher, true);
        return new ClipInput(stored.drawings(), stored.references(), stored.lines(), stored.colors(), stored.sheets());
    }

    /**
     * The clip as an earlier stage prepared it: the normalized line art of every frame (addresses in
     * the order of {@code frames}, {@link LineArtCodec}) instead of the drawings to normalize again;
     * keyframe colors and model sheets as {@link io.anidoc.core.engine.ClipEngine#prepare} gives them.
     *
     * @throws IOException              when an image cannot be fetched
     * @throws IllegalArgumentException when the addresses do not match the frames, or an image does
     *                                  not decode to the clip's size
     */
    public static ClipFrames loadPrepared(List<FrameBlobs> frames, List<String> lineArtUris, int width, int height,
                                          Map<String, String> sheetUris, BlobFetcher fetcher) throws IOException {
        if (frames != null && lineArtUris.size() != frames.size()) {
            throw new IllegalArgumentException("the clip hands on normalized line art for " + lineArtUris.size()
                    + " frames, but it has " + frames.size());
        }
        Stored stored = fetch(frames, sheetUris, fetcher, false);
        Map<Integer, LineArt> arts = new HashMap<>();
        Map<Integer, Mat> colors = new HashMap<>();
        Map<String, Mat> sheets = new HashMap<>();
        try {
            for (int i = 0; i < frames.size(); i++) {
                int index = frames.get(i).index();
                String uri = lineArtUris.get(i);
                arts.put(index, LineArtCodec.decode(fetcher.fetch(uri), width, height,
                        "normalized line art of frame " + index + " (" + uri + ")"));
            }
            stored.colors().forEach((r, image) -> colors.put(r, PaperComposite.toBgrOnWhite(image)));
            stored.sheets().forEach((name, image) -> sheets.put(name, PaperComposite.toBgrOnWhite(image)));
            return new ClipFrames(stored.drawings(), stored.references(), arts, colors, sheets);
        } catch (IOException | RuntimeException e) {
            arts.values().forEach(LineArt::release);
            colors.values().forEach(Mat::release);
            sheets.values().forEach(Mat::release);
            throw e;
        } finally {
            stored.release();
        }
    }

    /** The clip's frames sorted into drawings and references, with their decoded images. */
    private record Stored(List<Integer> drawings, List<Integer> references, Map<Integer, Mat> lines,
                          Map<Integer, Mat> colors, Map<String, Mat> sheets) {
        void release() {
            lines.values().forEach(Mat::release);
            colors.values().forEach(Mat::release);
            sheets.values().forEach(Mat::release);
        }
    }

    private static Stored fetch(List<FrameBlobs> frames, Map<String, String> sheetUris, BlobFetcher fetcher,
                                boolean withLines) throws IOException {
        if (frames == null || frames.isEmpty()) {
            throw new IllegalArgumentException("a clip needs at least one frame");
        }
        Stored stored = new Stored(new ArrayList<>(), new ArrayList<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
        Set<Integer> seen = new HashSet<>();
        try {
            for (FrameBlobs frame : frames) {
                if (!seen.add(frame.index())) {
                    throw new IllegalArgumentException("frame " + frame.index() + " appears twice in the clip");
                }
                if (frame.reference()) {
                    stored.references().add(frame.index());
                    stored.colors().put(frame.index(), decode(fetcher, frame.keyUri(), "keyframe", frame.index()));
                } else {
                    stored.drawings().add(frame.index());
                }
                if (withLines && frame.lineUri() != null) {
                    stored.lines().put(frame.index(), decode(fetcher, frame.lineUri(), "line art", frame.index()));
                }
            }
            stored.drawings().sort(null);
            stored.references().sort(null);
            if (stored.references().isEmpty()) {
                for (Map.Entry<String, String> sheet : sheetUris.entrySet()) {
                    stored.sheets().put(sheet.getKey(), decode(fetcher, sheet.getValue(), "model sheet " + sheet.getKey()));
                }
            }
            return stored;
        } catch (IOException | RuntimeException e) {
            stored.release();
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
