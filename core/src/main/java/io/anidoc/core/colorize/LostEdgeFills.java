package io.anidoc.core.colorize;

import java.util.List;

import io.anidoc.core.regions.Regions;

/**
 * A fill the reference paints along a frame edge and that the drawing no longer shows along that edge
 * (or along at most {@link #LOST_SHARE} of the length the reference does), where the reference also
 * paints that fill against another inside one region, with no line between them
 * ({@link ReferenceBlends}): no line can keep the two apart in the drawing either, and the part of
 * the shot that leaves the frame is where the flow is least sure, so the lost fill has most likely
 * been painted as its partner beside that edge (a hat's crown that leaves the frame at its top,
 * painted as the hair it meets without a line). A band of {@link #BAND} of the frame's width along
 * the edge is flagged in the parts painted with such a partner, in the regions taken from that
 * reference's chain. Nothing is repainted: the band does not tell where in it the lost fill lies.
 */
final class LostEdgeFills {
    /** Depth of the band flagged along the edge, as a share of the frame's width (38 pixels at 1920). */
    static final double BAND = 0.02;
    /**
     * A fill the drawing shows along an edge over at most this share of the length the reference
     * does counts as lost there: a sliver left at the edge does not show the fill's place.
     */
    static final double LOST_SHARE = 0.1;

    private LostEdgeFills() {
    }

    /**
     * @param choice  per region, the chain it was taken from (index into {@code lookups})
     * @param lookups per chain, its direct lookup into its reference (null where it has none)
     * @param fill    the drawing's final palette index per pixel
     * @param flagged set where the band flags a pixel; left as it is elsewhere
     */
    static void flag(Regions regions, int[] choice, List<Dissent.Lookup> lookups, short[] fill, boolean[] flagged) {
        int w = regions.width();
        int h = regions.height();
        int[] labels = regions.labels();
        int depth = Math.max(1, (int) Math.round(BAND * w));
        for (FrameSide side : FrameSide.values()) {
            // per chain, the colors painted where a lost edge fill's partner would be
            boolean[][] suspect = new boolean[lookups.size()][];
            boolean any = false;
            int[] shown = null;
            for (int c = 0; c < lookups.size(); c++) {
                Dissent.Lookup lookup = lookups.get(c);
                if (lookup == null || !lookup.blends().anySeveral()) {
                    continue;
                }
                if (shown == null) {
                    shown = shownAlong(side, fill, w, h, lookup.blends().paletteSize());
                }
                suspect[c] = partnersOfLost(lookup.blends(), side, shown);
                any |= suspect[c] != null;
            }
            if (!any) {
                continue;
            }
            int[] band = side.band(w, h, depth);
            for (int y = band[1]; y < band[3]; y++) {
                for (int x = band[0]; x < band[2]; x++) {
                    int i = y * w + x;
                    boolean[] colors = suspect[choice[labels[i]]];
                    if (colors != null && fill[i] < colors.length && colors[fill[i]]) {
                        flagged[i] = true;
                    }
                }
            }
        }
    }

    /** Per palette index, the pixels the drawing paints with it along the side (ink carries its region's fill). */
    private static int[] shownAlong(FrameSide side, short[] fill, int w, int h, int paletteSize) {
        int[] shown = new int[paletteSize];
        for (int i : side.pixels(w, h)) {
            int c = fill[i] & 0xffff;
            if (c < paletteSize) {
                shown[c]++;
            }
        }
        return shown;
    }

    /** The partners of every edge fill of the reference that the drawing no longer shows; null if none is lost. */
    private static boolean[] partnersOfLost(ReferenceBlends blends, FrameSide side, int[] shown) {
        int size = blends.paletteSize();
        boolean[] partners = null;
        for (int lost = 0; lost < size; lost++) {
            int along = blends.pixelsAlong(side, lost);
            if (along == 0 || shown[lost] > LOST_SHARE * along) {
                continue;
            }
            for (int partner = 0; partner < size; partner++) {
                if (blends.together(lost, partner)) {
                    if (partners == null) {
                        partners = new boolean[size];
                    }
                    partners[partner] = true;
                }
            }
        }
        return partners;
    }
}
