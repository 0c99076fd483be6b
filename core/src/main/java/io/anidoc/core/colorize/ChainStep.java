package io.anidoc.core.colorize;

import java.util.List;

import io.anidoc.core.regions.Regions;

/**
 * One drawing as one reference's chain colored it: the votes it gathered per region and its fill over
 * own pixels, as the leak splitting left it.
 *
 * @param distance        drawings between the reference and this one along the chain, plus one
 * @param sources         how the regions land in the reference's regions (null without a direct correspondence)
 */
record ChainStep(int reference, int distance, RegionVotes votes, short[] fill, SourceRegions sources) {

    /** Factor on a region's confidence when another chain elects another color for it. */
    private static final double DISAGREEMENT = 0.5;
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
     * it); the nearer reference on a tie. A region's confidence is that agreement, lowered where the
     * other chain elects another color.
     */
    static Merged merge(List<ChainStep> chains, Regions regions) {
        int count = regions.count();
        int[] choice = new int[count];
        double[] best = new double[count];
        java.util.Arrays.fill(best, -1);
        for (int c = 0; c < chains.size(); c++) {
            ChainStep step = chains.get(c);
            for (int k = 0; k < count; k++) {
                double score = step.share(k);
                boolean nearer = choice[k] < c && step.distance() < chains.get(choice[k]).distance();
                if (score > best[k] * (1 + 1e-9) || (Math.abs(score - best[k]) <= 1e-9 * best[k] && nearer)) {
                    best[k] = score;
                    choice[k] = c;
                }
            }
        }
        int[] confidence = new int[count];
        for (int k = 0; k < count; k++) {
            ChainStep chosen = chains.get(choice[k]);
            double value = best[k];
            for (ChainStep other : chains) {
                if (other != chosen && other.winner(k) != chosen.winner(k)) {
                    value *= DISAGREEMENT;
                }
            }
            confidence[k] = (int) Math.round(255 * Math.max(0, Math.min(1, value)));
        }
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        short[] fill = new short[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (own[i]) {
                fill[i] = chains.get(choice[labels[i]]).fill()[i];
            }
        }
        return new Merged(fill, choice, confidence);
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
