package io.anidoc.ingest.assembler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The assembler's state of one shot (store {@value AssemblerTopology#SHOTS_STORE}, key shot id).
 *
 * @param frameCount    declared drawings
 * @param keyframes     declared keyframe indices, ascending
 * @param options       shot options as declared (without the pipeline's reserved ones)
 * @param keyframeLines keyframes whose own line art belongs to the shot (known from the seal)
 * @param sealed        the station said every image was sent
 * @param missing       required images not yet received; meaningful once sealed
 * @param clipped       clip tasks were emitted: nothing is emitted for this shot ever again
 * @param openedAtMs    when ingest accepted the declaration ({@code ShotOpened.openedAtMs}); 0 when
 *                      no declaration was seen (or the state was stored before this field existed).
 *                      Tells a repeated declaration record from a new declaration of the same id
 * @param sheets        names of the declared model sheets, sorted (a sheet's slot index is its position);
 *                      empty for state stored before this field existed
 */
public record ShotAssembly(int frameCount, List<Integer> keyframes, Map<String, String> options,
                           List<Integer> keyframeLines, boolean sealed, int missing, boolean clipped, long openedAtMs,
                           List<String> sheets) {

    public ShotAssembly {
        keyframes = sorted(keyframes);
        options = Map.copyOf(options);
        keyframeLines = sorted(keyframeLines);
        sheets = sheets == null ? List.of() : List.copyOf(new java.util.TreeSet<>(sheets));
    }

    static ShotAssembly opened(int frameCount, List<Integer> keyframes, Map<String, String> options, long openedAtMs,
                               List<String> sheets) {
        return new ShotAssembly(frameCount, keyframes, options, List.of(), false, 0, false, openedAtMs, sheets);
    }

    ShotAssembly withMissing(int value) {
        return new ShotAssembly(frameCount, keyframes, options, keyframeLines, sealed, value, clipped, openedAtMs, sheets);
    }

    ShotAssembly asClipped() {
        return new ShotAssembly(frameCount, keyframes, options, keyframeLines, sealed, 0, true, openedAtMs, sheets);
    }

    boolean isKeyframe(int index) {
        return Collections.binarySearch(keyframes, index) >= 0;
    }

    boolean hasOwnLineArt(int keyframe) {
        return Collections.binarySearch(keyframeLines, keyframe) >= 0;
    }

    /** Ascending, so lookups over a shot of 100000 frames stay logarithmic. */
    private static List<Integer> sorted(List<Integer> indices) {
        List<Integer> copy = new ArrayList<>(indices);
        copy.sort(null);
        return List.copyOf(copy);
    }
}
