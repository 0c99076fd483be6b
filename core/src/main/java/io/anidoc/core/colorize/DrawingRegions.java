package io.anidoc.core.colorize;

import java.util.HashMap;
import java.util.Map;

import io.anidoc.core.regions.RegionSegmenter;
import io.anidoc.core.regions.Regions;

/**
 * The regions and grids (the votes' and the sparser one of the landing in the references' regions)
 * of a clip's drawings, segmented when first asked for. A clip that keeps them holds each drawing's
 * until it is let go after its merge; one that does not (its drawings' regions would not fit the heap
 * together) lets a drawing's go after each backward chain step and segments it again for the forward
 * one: the same regions, since segmentation is deterministic.
 */
final class DrawingRegions {
    private final ClipFrames clip;
    private final RegionSegmenter segmenter;
    private final int voteStride;
    private final int sparseVoteSamples;
    private final boolean keep;
    private final Map<Integer, Regions> regions = new HashMap<>();
    private final Map<Integer, VoteGrid> grids = new HashMap<>();
    private final Map<Integer, VoteGrid> landingGrids = new HashMap<>();

    DrawingRegions(ClipFrames clip, RegionSegmenter segmenter, int voteStride, int sparseVoteSamples, boolean keep) {
        this.clip = clip;
        this.segmenter = segmenter;
        this.voteStride = voteStride;
        this.sparseVoteSamples = sparseVoteSamples;
        this.keep = keep;
    }

    Regions get(int drawing) {
        return regions.computeIfAbsent(drawing, d -> segmenter.segment(clip.lineArt().get(d)));
    }

    VoteGrid grid(int drawing) {
        return grids.computeIfAbsent(drawing, d -> VoteGrid.of(get(d), voteStride, sparseVoteSamples));
    }

    /** The sparser grid on which the drawing's regions are followed into a reference's ({@link SourceRegions}). */
    VoteGrid landingGrid(int drawing) {
        return landingGrids.computeIfAbsent(drawing, d -> VoteGrid.of(get(d), SourceRegions.STRIDE, sparseVoteSamples));
    }

    /** After a chain step on the drawing. */
    void stepped(int drawing, boolean backwards) {
        if (!keep && backwards) {
            release(drawing);
        }
    }

    void release(int drawing) {
        regions.remove(drawing);
        grids.remove(drawing);
        landingGrids.remove(drawing);
    }
}
