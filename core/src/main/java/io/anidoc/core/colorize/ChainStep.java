package io.anidoc.core.colorize;

import java.util.List;

import io.anidoc.core.regions.Regions;

/**
 * One drawing as one reference's chain colored it: the votes it gathered per region and its fill over
 * own pixels, as the leak splitting left it.
 *
 * @param distance        drawings between the reference and this one along the chain, plus one
 * @param sources         how the regions land in the reference's regions (null without a direct correspondence)
 * @param directMass      per region, the weight of the votes its direct correspondence to the reference
 *                        gave (flow confidence included): how much of the region the reference itself
 *                        explains, as opposed to the chain's previous drawing
 */
record ChainStep(int reference, int distance, RegionVotes votes, short[] fill, SourceRegions sources,
                 double[] directMass) {

    /** Factor on a region's confidence when another chain elects another color for it. */
    private static final double DISAGREEMENT = 0.5;
    /**
     * A chain whose direct votes for a region weigh less than this share of the chosen chain's does
     * not lower the region's confidence by disagreeing: it only passes on an earlier drawing's color.
     */
    private static final double WEAK_DIRECT = 0.5;
    /** Share of a region's votes that makes a color one of its candidates. */
    private static final double CANDIDATE_SHARE = 0.05;

    /**
     * The merged drawing: own-pixel fill, the chain each region was taken from, and each region's
     * confidence 0-255.
     */
    record Merged(short[] fill, int[] choice, int[] confidence) {
    }

    /**
     * Per region, the chain that explains it best: the one whose votes agree most on the region's color
     * (a chain that lost the region to a large motion or a new object spreads disagreeing votes over
     * it); the nearer reference on a tie. Where the chains elect different colors, a chain's agreement
     * counts times the square root of its direct votes' weight over the largest of any chain: a chain
     * whose own reference does not show the region (an object that is only in the other keyframe) can
     * still agree fully with itself by passing on the color its previous drawing took, and must not
     * outvote the chain that sees the region in its reference. A region's confidence is the chosen
     * chain's agreement with the colors it is painted ({@link #paintedShare}), lowered where another
     * chain that sees the region elects another color.
     */
    static Merged merge(List<ChainStep> chains, Regions regions) {
        int count = regions.count();
        int[] choice = new int[count];
        for (int k = 0; k < count; k++) {
            choice[k] = choose(chains, k);
        }
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        short[] fill = new short[labels.length];
        // per (region, color): some own pixel of the region is painted that color (a split region holds several)
        int colors = chains.get(0).votes().colors();
        boolean[] painted = new boolean[count * colors];
        for (int i = 0; i < labels.length; i++) {
            if (own[i]) {
                fill[i] = chains.get(choice[labels[i]]).fill()[i];
                if (fill[i] < colors) {
                    painted[labels[i] * colors + fill[i]] = true;
                }
            }
        }
        int[] confidence = new int[count];
        for (int k = 0; k < count; k++) {
            ChainStep chosen = chains.get(choice[k]);
            double value = chosen.paintedShare(k, painted);
            for (ChainStep other : chains) {
                boolean seesIt = other.directMass[k] >= WEAK_DIRECT * chosen.directMass[k];
                if (other != chosen && other.winner(k) != chosen.winner(k) && seesIt) {
                    value *= DISAGREEMENT;
                }
            }
            confidence[k] = (int) Math.round(255 * Math.max(0, Math.min(1, value)));
        }
        return new Merged(fill, choice, confidence);
    }

    /** The chain region {@code k} is taken from (see {@link #merge}). */
    private static int choose(List<ChainStep> chains, int k) {
        boolean unanimous = chains.stream().allMatch(step -> step.winner(k) == chains.get(0).winner(k));
        double maxDirect = 0;
        for (ChainStep step : chains) {
            maxDirect = Math.max(maxDirect, step.directMass[k]);
        }
        int choice = 0;
        double best = -1;
        for (int c = 0; c < chains.size(); c++) {
            ChainStep step = chains.get(c);
            double score = step.share(k);
            if (!unanimous && maxDirect > 0) {
                score *= Math.sqrt(step.directMass[k] / maxDirect);
            }
            boolean nearer = choice < c && step.distance() < chains.get(choice).distance();
            if (score > best * (1 + 1e-9) || (Math.abs(score - best) <= 1e-9 * best && nearer)) {
                best = score;
                choice = c;
            }
        }
        return choice;
    }

    /** Colors other than {@code painted} that the region's votes (of every chain) name, most supported first. */
    static List<Integer> candidates(List<ChainStep> chains, int region, int painted) {
        java.util.Map<Integer, Double> support = new java.util.HashMap<>();
        for (ChainStep step : chains) {
            double total = step.votes().total(region);
            for (int c = 0; c < step.votes().colors(); c++) {
                double v = step.votes().get(region, c);
                if (c != painted && total > 0 && v >= CANDIDATE_SHARE * total) {
                    support.merge(c, v / total, Double::sum);
                }
            }
        }
        return support.entrySet().stream()
                .sorted(java.util.Map.Entry.<Integer, Double>comparingByValue().reversed()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(3).map(java.util.Map.Entry::getKey).toList();
    }

    /** Per pixel, 0-255: the share of its region's votes the winning color has, raised to {@code power}. */
    byte[] certainty(Regions regions, double power) {
        int[] labels = regions.labels();
        byte[] perRegion = new byte[regions.count()];
        for (int k = 0; k < perRegion.length; k++) {
            perRegion[k] = (byte) Math.round(255 * Math.pow(share(k), power));
        }
        byte[] out = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = perRegion[labels[i]];
        }
        return out;
    }

    /**
     * Share of the region's votes that name one of the colors it is painted (per region and color, as {@link #merge} finds them):
     * the winner's share for a region of one color; for a region split along a line, the votes its
     * parts agree with, since a split region's minority votes are its other part's, not doubt.
     */
    double paintedShare(int region, boolean[] painted) {
        int colors = votes.colors();
        double total = votes.total(region);
        if (total <= 0) {
            return 0;
        }
        int kinds = 0;
        double agreeing = 0;
        for (int c = 0; c < colors; c++) {
            if (painted[region * colors + c]) {
                kinds++;
                agreeing += votes.get(region, c);
            }
        }
        return kinds > 1 ? agreeing / total : share(region);
    }

    /** Share of the region's votes its winning color has (0 without votes). */
    double share(int region) {
        double total = votes.total(region);
        return total > 0 ? support(region) / total : 0;
    }

    /** The region's winning palette index. */
    int winner(int region) {
        int best = 0;
        for (int c = 1; c < votes.colors(); c++) {
            if (votes.get(region, c) > votes.get(region, best)) {
                best = c;
            }
        }
        return best;
    }

    /** Votes for the region's winning color. */
    double support(int region) {
        double top = 0;
        for (int c = 0; c < votes.colors(); c++) {
            top = Math.max(top, votes.get(region, c));
        }
        return top;
    }
}
