package io.anidoc.colorizer.anidoc;

import io.anidoc.colorizer.ColorizeEngine;
import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.colorize.ColorHints;
import io.anidoc.core.colorize.ColorizedFrame;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.runtime.triton.TritonModel;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The Triton engine of the colorizer: AniDoc paints the clip from a reference, its line art and
 * the matched points (the reference's keypoints matched in the frames and followed by the
 * tracker's correspondence, {@link MatchedPoints}) at the size its checkpoint is fixed to; clips longer
 * than that go in several windows, each colored from the reference nearest to it. A clip without
 * a keyframe is colored from the shot's model sheet (the first by name), AniDoc's own setting.
 * Frames are scaled and padded to the model's size and back.
 *
 * <p>Snapped (the default), AniDoc's colors become one more vote source of the region colorizer
 * ({@link ColorHints}): each region takes the palette color that wins AniDoc's and the
 * correspondences' votes, so every fill is a flat reference color. Unsnapped, the frames are
 * AniDoc's colors as painted with the main lines multiplied over them.
 */
public final class AnidocColorizer implements ColorizeEngine {

    public static final String NAME = "triton-anidoc";
    public static final String SNAPPED_NAME = "triton-anidoc-regions";

    private final TritonModel model;
    private final ClipShape shape;
    private final ClipEngine engine;
    private final boolean snap;
    private final double weight;

    /**
     * @param engine the region colorizer that snaps the colors
     * @param weight weight of AniDoc's votes when snapping
     */
    public AnidocColorizer(TritonModel model, ModelConfig config, ClipEngine engine, boolean snap, double weight) {
        this.model = Objects.requireNonNull(model, "model");
        this.shape = ClipShape.of(config);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.snap = snap;
        this.weight = weight;
    }

    @Override
    public String name() {
        return snap ? SNAPPED_NAME : NAME;
    }

    @Override
    public List<ColorizedFrame> colorize(ClipFrames clip, ClipMatches matches, DenseCorrespondence dense)
            throws InterruptedException {
        Map<Integer, Mat> painted = paint(clip, matches, dense);
        try {
            if (snap) {
                Map<Integer, Mat> drawings = new HashMap<>();
                for (int d : clip.drawings()) {
                    drawings.put(d, painted.get(d));
                }
                return engine.colorize(clip, matches, dense, new ColorHints(drawings, weight));
            }
            return AsPainted.frames(clip, painted);
        } finally {
            painted.values().forEach(Mat::release);
        }
    }

    /** AniDoc's colors of every frame of the clip at its size, BGR. */
    Map<Integer, Mat> paint(ClipFrames clip, ClipMatches matches, DenseCorrespondence dense) throws InterruptedException {
        List<Integer> order = clip.allFrames();
        Mat first = clip.lineArt().get(order.get(0)).gray();
        Letterbox box = Letterbox.of(first.cols(), first.rows(), shape.width(), shape.height());
        Map<Integer, Mat> painted = new HashMap<>();
        try {
            for (List<Integer> frames : windows(order, shape.frames())) {
                AnidocWindow window;
                if (clip.references().isEmpty()) {
                    // AniDoc's own setting: the reference is the character's model sheet, of any size and pose,
                    // with no point matched to it
                    Mat sheet = clip.sheets().get(new TreeSet<>(clip.sheets().keySet()).first());
                    window = new AnidocWindow(shape, box, AnidocWindow.SHEET, sheet,
                            Letterbox.of(sheet.cols(), sheet.rows(), shape.width(), shape.height()), frames, List.of());
                } else {
                    int reference = nearestReference(frames, clip.references());
                    List<MatchedPoints.Point> points = MatchedPoints.select(matches, dense, reference, frames, shape, box);
                    window = new AnidocWindow(shape, box, reference, frames, points);
                }
                List<Mat> colored = window.outputs(model.name(), model.infer(window.inputs(clip)));
                for (int k = 0; k < colored.size(); k++) {
                    // a frame in two windows keeps the colors of the first
                    if (painted.putIfAbsent(frames.get(k), colored.get(k)) != null) {
                        colored.get(k).release();
                    }
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            painted.values().forEach(Mat::release);
            throw e;
        }
        return painted;
    }

    /**
     * Windows of exactly {@code size} frames covering the clip in order: consecutive, the last one
     * ending at the clip's end (overlapping its neighbour); a clip shorter than a window repeats its
     * last frame.
     */
    static List<List<Integer>> windows(List<Integer> order, int size) {
        List<List<Integer>> windows = new ArrayList<>();
        int n = order.size();
        if (n <= size) {
            List<Integer> only = new ArrayList<>(order);
            while (only.size() < size) {
                only.add(order.get(n - 1));
            }
            windows.add(only);
            return windows;
        }
        for (int start = 0; start < n; start += size) {
            int from = Math.min(start, n - size);
            windows.add(List.copyOf(order.subList(from, from + size)));
        }
        return windows;
    }

    /** The reference nearest to the window's middle frame; the earlier one on a tie. */
    static int nearestReference(List<Integer> frames, List<Integer> references) {
        double middle = (frames.get(0) + frames.get(frames.size() - 1)) / 2.0;
        int best = references.get(0);
        for (int r : references) {
            if (Math.abs(r - middle) < Math.abs(best - middle)) {
                best = r;
            }
        }
        return best;
    }

    /** Frames as AniDoc painted them, with the main lines multiplied over them. */
    static final class AsPainted {

        private AsPainted() {
        }

        static List<ColorizedFrame> frames(ClipFrames clip, Map<Integer, Mat> painted) {
            List<ColorizedFrame> frames = new ArrayList<>();
            for (int frame : clip.allFrames()) {
                boolean reference = clip.references().contains(frame);
                Mat fill = reference ? clip.referenceColors().get(frame) : painted.get(frame);
                frames.add(compose(frame, fill, clip.lineArt().get(frame).mainAlphaBytes(), reference));
            }
            return frames;
        }

        private static ColorizedFrame compose(int frame, Mat fill, byte[] alpha, boolean reference) {
            int w = fill.cols();
            int h = fill.rows();
            byte[] paint = Pixels.bytes(fill);
            byte[] color = new byte[paint.length];
            byte[] lines = new byte[4 * w * h];
            for (int i = 0; i < w * h; i++) {
                int keep = 255 - (alpha[i] & 0xff);
                for (int c = 0; c < 3; c++) {
                    color[3 * i + c] = (byte) (((paint[3 * i + c] & 0xff) * keep + 127) / 255);
                }
                lines[4 * i + 3] = alpha[i];
            }
            Mat colorMat = reference ? fill.clone() : Pixels.mat(w, h, CvType.CV_8UC3, color);
            return new ColorizedFrame(frame, colorMat, Pixels.mat(w, h, CvType.CV_8UC4, lines), fill.clone(), reference);
        }
    }
}
