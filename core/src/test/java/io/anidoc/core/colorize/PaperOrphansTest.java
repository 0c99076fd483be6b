package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.regions.Regions;

class PaperOrphansTest {
    static final int W = 100;
    static final int H = 60;
    static final short PAPER = 0;
    static final short TAN = 1;
    static final int BACKGROUND = 0;
    static final int BODY = 1;
    static final int SLEEVE = 2;
    static final int HOLE = 3;

    /**
     * A body (x 10-57, y 10-59) with a paper hole in it, and a sleeve (x 60-97, y 30-59) beside it;
     * 2-pixel lines around each; the rest is background.
     */
    static Regions drawing() {
        return TestRegions.of(W, H, 4, PaperOrphansTest::region);
    }

    static Supplier<int[]> boxes(Regions regions) {
        return () -> LeakSplitter.boundingBoxes(regions);
    }

    /** The region of a pixel, -1 on a line. */
    private static int region(int x, int y) {
        if (inside(x, y, 20, 20, 31, 31)) {
            return inside(x, y, 22, 22, 29, 29) ? HOLE : -1;
        }
        if (inside(x, y, 8, 8, 59, H + 2)) {
            return inside(x, y, 10, 10, 57, H + 2) ? BODY : -1;
        }
        if (inside(x, y, 58, 28, 99, H + 2)) {
            return inside(x, y, 60, 30, 97, H + 2) ? SLEEVE : -1;
        }
        return BACKGROUND;
    }

    private static boolean inside(int x, int y, int x0, int y0, int x1, int y1) {
        return x >= x0 && x <= x1 && y >= y0 && y <= y1;
    }

    /** The body painted tan, everything else paper. */
    static short[] fill(Regions regions) {
        short[] fill = new short[W * H];
        for (int i = 0; i < fill.length; i++) {
            fill[i] = regions.own()[i] && regions.labels()[i] == BODY ? TAN : PAPER;
        }
        return fill;
    }

    @Test
    void paperBesideTheBackgroundAcrossOneLineTakesItsPaintedNeighboursColor() {
        OpenCv.load();
        Regions regions = drawing();
        short[] fill = fill(regions);

        boolean[] unexplained = new boolean[regions.count()];
        List<Integer> repainted = PaperOrphans.repaint(regions, fill, PAPER, PaperOrphans.reach(0, W), k -> true, k -> -1, boxes(regions),
                unexplained);

        assertThat(repainted).containsExactly(SLEEVE);
        assertThat(unexplained).as("a repainted color is a guess: flagged").containsExactly(false, false, true, false);
        assertThat(fill[45 * W + 80]).as("the sleeve").isEqualTo(TAN);
        assertThat(fill[25 * W + 25]).as("the hole in the body, away from the background").isEqualTo(PAPER);
        assertThat(fill[5 * W + 80]).as("the background").isEqualTo(PAPER);
    }

    @Test
    void aColorTheRegionsOwnVotesNameTakesPrecedenceOverItsNeighbours() {
        OpenCv.load();
        Regions regions = drawing();
        short[] fill = fill(regions);
        short blue = 2;

        boolean[] unexplained = new boolean[regions.count()];
        List<Integer> repainted = PaperOrphans.repaint(regions, fill, PAPER, PaperOrphans.reach(0, W), k -> true,
                k -> k == SLEEVE ? blue : -1, boxes(regions), unexplained);

        assertThat(repainted).containsExactly(SLEEVE);
        assertThat(fill[45 * W + 80]).as("the voted color, not the body's tan").isEqualTo(blue);
        assertThat(unexplained[SLEEVE]).as("still a repaint: flagged").isTrue();
    }

    @Test
    void paperAlongASeventhOfTheFramesBorderIsPartOfTheBackground() {
        OpenCv.load();
        // a line across the whole frame (y 40-41) cuts the page in two: region 0 above it, region 1
        // below it; a square (region 2, x 40-59, y 50-59, inside a two-pixel line) stands on the
        // lower part only, which runs along 136 of the 316 pixels of the frame's border
        Regions page = TestRegions.of(W, H, 3, (x, y) -> y == 40 || y == 41 ? -1
                : y < 40 ? 0
                : inside(x, y, 40, 50, 59, 59) ? 2
                : inside(x, y, 38, 48, 61, 59) ? -1 : 1);
        short[] fill = new short[W * H];
        assertThat(page.area()[0]).as("the largest paper region").isGreaterThan(page.area()[1]);

        boolean[] unexplained = new boolean[3];
        List<Integer> repainted = PaperOrphans.repaint(page, fill, PAPER, PaperOrphans.reach(0, W), k -> true,
                k -> k == 2 ? TAN : -1, boxes(page), unexplained);

        assertThat(repainted).as("the square is beside the background's lower part").containsExactly(2);
        assertThat(fill[55 * W + 50]).isEqualTo(TAN);
        assertThat(fill[50 * W + 10]).as("the lower part stays paper").isEqualTo(PAPER);
        assertThat(unexplained).containsExactly(false, false, true);
        assertThat(PaperOrphans.showsPaperBesideBackground(page, new short[W * H], PAPER, PaperOrphans.reach(0, W)))
                .as("a page cut by one line is not paper beside paper by design: only the square is").isTrue();
        short[] painted = new short[W * H];
        for (int i = 0; i < painted.length; i++) {
            painted[i] = page.own()[i] && page.labels()[i] == 2 ? TAN : PAPER;
        }
        assertThat(PaperOrphans.showsPaperBesideBackground(page, painted, PAPER, PaperOrphans.reach(0, W)))
                .as("with the square painted, the two parts of the page are one background").isFalse();
    }

    @Test
    void aPaperAreaBeyondAPaintedRegionIsNotItsNeighbourHoweverNear() {
        OpenCv.load();
        Regions regions = drawing();
        short[] fill = fill(regions);

        // the hole is 15 pixels from the background, all but 4 of them the painted body
        List<Integer> repainted = PaperOrphans.repaint(regions, fill, PAPER, 20, k -> true, k -> -1, boxes(regions),
                new boolean[regions.count()]);

        assertThat(repainted).containsExactly(SLEEVE);
        assertThat(fill[25 * W + 25]).isEqualTo(PAPER);
    }

    @Test
    void paperThatTheReferenceShowsApartFromItsBackgroundStaysPaper() {
        OpenCv.load();
        Regions regions = drawing();
        short[] fill = fill(regions);

        boolean[] unexplained = new boolean[regions.count()];
        List<Integer> repainted = PaperOrphans.repaint(regions, fill, PAPER, PaperOrphans.reach(0, W), k -> k != SLEEVE, k -> -1,
                boxes(regions), unexplained);

        assertThat(repainted).isEmpty();
        assertThat(unexplained).as("the reference explains it").containsOnly(false);
        assertThat(fill[45 * W + 80]).isEqualTo(PAPER);
    }

    @Test
    void paperWithoutAPaintedNeighbourStaysPaperAndIsFlagged() {
        OpenCv.load();
        // a 40x40 page with one square (x and y 10-17) inside a one-pixel line, all of it paper
        int side = 40;
        Regions page = TestRegions.of(side, side, 2, (x, y) -> inside(x, y, 10, 10, 17, 17) ? 1
                : inside(x, y, 9, 9, 18, 18) ? -1 : 0);
        short[] fill = new short[side * side];
        boolean[] unexplained = new boolean[2];

        List<Integer> repainted = PaperOrphans.repaint(page, fill, PAPER, PaperOrphans.reach(0, side), k -> true, k -> -1, boxes(page),
                unexplained);

        assertThat(repainted).as("no painted neighbour to take a color from").isEmpty();
        assertThat(fill).containsOnly(PAPER);
        assertThat(unexplained).containsExactly(false, true);
    }

    @Test
    void referencesThatShowPaperBesideTheirBackgroundAreRecognised() {
        OpenCv.load();
        Regions regions = drawing();
        short[] fill = fill(regions);
        assertThat(PaperOrphans.showsPaperBesideBackground(regions, fill, PAPER, PaperOrphans.reach(0, W))).isTrue();

        for (int i = 0; i < fill.length; i++) {
            if (regions.labels()[i] == SLEEVE) {
                fill[i] = TAN;
            }
        }
        assertThat(PaperOrphans.showsPaperBesideBackground(regions, fill, PAPER, PaperOrphans.reach(0, W))).isFalse();
    }

    @Test
    void thePaperIsTheColorOfTheRegionThatReachesTheFramesEdgeMost() {
        Regions regions = drawing();
        short[] index = fill(regions);
        assertThat(regions.area()[BODY]).as("the body is the largest region").isGreaterThan(regions.area()[BACKGROUND]);
        assertThat(PaperOrphans.background(regions)).isEqualTo(BACKGROUND);
        assertThat(PaperOrphans.paperIndex(regions, index, 2)).isEqualTo(PAPER);
        for (int i = 0; i < index.length; i++) {
            index[i] = (short) (index[i] == PAPER ? TAN : PAPER);
        }
        assertThat(PaperOrphans.paperIndex(regions, index, 2)).isEqualTo(TAN);
    }

    @Test
    void aSleeveRepaintedInThePreviousDrawingKeepsItsColorWhereTheOutlineTestMissesIt() {
        OpenCv.load();
        Regions regions = drawing();
        // the reference: the sleeve painted, so the rule is on for the clip
        short[] reference = fill(regions);
        for (int i = 0; i < reference.length; i++) {
            if (regions.labels()[i] == SLEEVE) {
                reference[i] = TAN;
            }
        }
        PaperOrphans rule = PaperOrphans.forReferences(List.of(0), List.of(regions),
                java.util.Map.of(0, new ReferenceMap(0, W, H, reference)), 2, PaperOrphans.reach(0, W));
        // the previous drawing, the same place: its sleeve was repainted tan
        VoteSource previous = VoteSource.of(still(), W, H, reference, 1.0, 0.0);
        VoteGrid grid = VoteGrid.of(regions, 2);
        short[] fill = fill(regions);
        // every region corresponds to the reference's background through the chosen chain
        ChainStep chain = new ChainStep(0, 1, new RegionVotes(4, 2), fill.clone(),
                new SourceRegions(new int[] {BACKGROUND, BACKGROUND, BACKGROUND, BACKGROUND}, new float[4], new float[4]), new double[4]);

        List<Integer> kept = rule.persist(regions, fill, previous, grid, List.of(chain), new int[4]);

        assertThat(kept).containsExactly(SLEEVE);
        assertThat(fill[45 * W + 80]).isEqualTo(TAN);
        assertThat(fill[5 * W + 80]).as("the background lands on paper").isEqualTo(PAPER);
        assertThat(fill[25 * W + 25]).as("the hole lands on paper").isEqualTo(PAPER);

        short[] again = fill(regions);
        ChainStep elsewhere = new ChainStep(0, 1, new RegionVotes(4, 2), again.clone(),
                new SourceRegions(new int[] {BACKGROUND, BACKGROUND, 7, BACKGROUND}, new float[4], new float[4]), new double[4]);
        assertThat(rule.persist(regions, again, previous, grid, List.of(elsewhere), new int[4]))
                .as("a sleeve that corresponds to another reference region is not the background's to repaint").isEmpty();
        assertThat(rule.persist(regions, again, null, grid, List.of(chain), new int[4])).as("no previous drawing").isEmpty();
    }

    /** A flow that keeps every pixel where it is, fully consistent. */
    private static io.anidoc.core.flow.FlowField still() {
        int n = (W / 4) * (H / 4);
        byte[] confidence = new byte[n];
        java.util.Arrays.fill(confidence, (byte) 255);
        return new io.anidoc.core.flow.FlowField(1, 0, W / 4, H / 4, new short[n], new short[n], confidence);
    }
}
