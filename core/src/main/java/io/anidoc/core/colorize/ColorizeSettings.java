package io.anidoc.core.colorize;

/**
 * @param voteFloor        weight of a vote whose correspondence has zero confidence, relative to a
 *                         fully confident one (keeps regions without confident votes colorable)
 * @param matchWeight      weight of the pixels around a sparse keypoint match, relative to a dense vote
 * @param matchRadius      half size (frame pixels) of the window a keypoint match votes with
 * @param temporalWeight   weight of the neighbouring, already colorized drawing relative to the references
 * @param temporalCertaintyPower each of the neighbouring drawing's votes is further weighted by how sure its
 *                         chain was of the region it lands in (the winning color's share of that region's
 *                         votes) raised to this power: a color that won a divided vote is passed on more
 *                         weakly than one every vote agreed on; 0 = every vote at the full temporal weight
 * @param minorShare       a color with at least this share of a region's votes is a candidate of the region
 * @param minLeakArea      ... as is a color with at least this many fully confident votes (pixels per
 *                         megapixel); a region with two or more candidates is split, not painted
 * @param minFlatPixels    pixels of an exact color, in flat 3x3 neighbourhoods of a reference, that
 *                         make the color a palette color
 * @param minFlatShare     share of a reference region's pixels that must show palette colors for the
 *                         region to count as flat paint; other regions contribute their median color
 * @param voteStride       dense votes are taken at every voteStride-th pixel in both directions, each
 *                         counting for voteStride x voteStride pixels ({@link VoteGrid}); 1 = every pixel
 * @param sparseVoteSamples a region votes on a grid up to four times sparser still, each vote counting for
 *                         that many more pixels, where that grid still hits at least this many of its own
 *                         pixels ({@link VoteGrid}); so does its landing in a reference's regions
 *                         ({@link SourceRegions}). A large region's shares of the votes then rest on
 *                         thousands of samples instead of hundreds of thousands. {@link Integer#MAX_VALUE}:
 *                         every region on the full grid
 */
public record ColorizeSettings(double voteFloor, double matchWeight, int matchRadius, double temporalWeight,
                               double temporalCertaintyPower, double minorShare, double minLeakArea,
                               int minFlatPixels, double minFlatShare, int voteStride,
                               int sparseVoteSamples) {

    public ColorizeSettings {
        if (voteFloor < 0 || matchWeight < 0 || matchRadius < 0 || temporalWeight < 0) {
            throw new IllegalArgumentException("vote weights must be >= 0");
        }
        if (!(temporalCertaintyPower >= 0)) {
            throw new IllegalArgumentException("temporalCertaintyPower must be >= 0, got " + temporalCertaintyPower);
        }
        if (!(minorShare > 0 && minorShare <= 0.5)) {
            throw new IllegalArgumentException("need 0 < minorShare <= 0.5");
        }
        if (minFlatShare < 0 || minFlatShare > 1) {
            throw new IllegalArgumentException("minFlatShare must be in [0, 1]");
        }
        if (voteStride < 1) {
            throw new IllegalArgumentException("voteStride must be at least 1, got " + voteStride);
        }
        if (sparseVoteSamples < 1) {
            throw new IllegalArgumentException("sparseVoteSamples must be at least 1, got " + sparseVoteSamples);
        }
        if (minLeakArea < 0 || minFlatPixels < 1) {
            throw new IllegalArgumentException("minLeakArea >= 0 and minFlatPixels >= 1 required");
        }
    }

    public static ColorizeSettings defaults() {
        return new ColorizeSettings(0.05, 0.5, 4, 0.5, 2.0, 0.25, 400, 12, 0.5, 2, 256);
    }
}
