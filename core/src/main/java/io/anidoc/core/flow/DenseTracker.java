package io.anidoc.core.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.video.DISOpticalFlow;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.PairMatches;

/**
 * Dense correspondences of a clip with OpenCV's DIS optical flow on distance-ramped line images at
 * reduced resolution.
 *
 * <ul>
 *   <li>Neighbouring frames are flowed both ways, started from the sparse matches' verified affine
 *       motion when there is one (large motion).</li>
 *   <li>Every drawing is flowed directly to every reference (long range): the flow chained through
 *       the drawings in between only starts that flow, which is then refined against the reference
 *       itself, so errors do not pile up along the chain. The last reference is reached from the
 *       other side of the clip.</li>
 *   <li>Confidence comes from forward-backward consistency.</li>
 * </ul>
 * The flows that carry colors (drawing to reference) use {@link FlowSettings#preset()}; flows that
 * only start a chain or check consistency use the cheaper {@link FlowSettings#checkPreset()}.
 * Output fields, on a grid of {@link FlowSettings#gridScale()}: drawing to each reference, and
 * drawing to its neighbouring drawings.
 */
public final class DenseTracker {
    /** DIS refuses images under 12 pixels a side; a tiny or thin drawing is flowed upscaled instead. */
    private static final int MIN_FLOW_SIDE = 16;
    private static final int MAX_FLOW_ASPECT = 16;

    private final FlowSettings settings;

    public DenseTracker(FlowSettings settings) {
        this.settings = settings;
    }

    /**
     * @param frames     frames of the clip, drawings and references with line art, any order
     * @param lineGray   8-bit line art (white paper, dark ink) of every frame and reference
     * @param references the colored frames of the clip (every one must have line art in lineGray)
     * @param matches    sparse matches of the clip, or null
     */
    public DenseCorrespondence track(List<Integer> frames, Map<Integer, Mat> lineGray, List<Integer> references,
                                     ClipMatches matches) {
        OpenCv.load();
        TreeSet<Integer> refs = new TreeSet<>(references);
        TreeSet<Integer> all = new TreeSet<>(frames);
        all.addAll(refs);
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("a clip needs at least one reference");
        }
        Mat first = lineGray.get(all.first());
        if (first == null) {
            throw new IllegalArgumentException("no line art for frame " + all.first());
        }
        int width = first.cols();
        int height = first.rows();
        double scale = settings.scaleFor(width);
        int fw = Math.max(MIN_FLOW_SIDE, (int) Math.round(width * scale));
        int fh = Math.max(MIN_FLOW_SIDE, (int) Math.round(height * scale));
        // DIS's pyramid shrinks both sides alike: a sliver would reach zero rows, so stretch its short side
        fw = Math.max(fw, fh / MAX_FLOW_ASPECT);
        fh = Math.max(fh, fw / MAX_FLOW_ASPECT);
        double gridScale = settings.gridScaleFor(width);
        int gw = Math.max(4, (int) Math.round(width * gridScale));
        int gh = Math.max(4, (int) Math.round(height * gridScale));
        double sx = (double) fw / width;
        double sy = (double) fh / height;
        double sigma = settings.consistencyPx() * Math.sqrt(sx * sy);

        Map<Integer, Mat> features = new HashMap<>();
        for (int f : all) {
            Mat gray = lineGray.get(f);
            if (gray == null) {
                throw new IllegalArgumentException("no line art for frame " + f);
            }
            if (gray.cols() != width || gray.rows() != height) {
                throw new IllegalArgumentException("frame " + f + " is " + gray.cols() + "x" + gray.rows()
                        + ", the clip is " + width + "x" + height);
            }
            features.put(f, FlowFeatures.of(gray, fw, fh, settings.featureRangeFor(width)));
        }
        DISOpticalFlow carry = DISOpticalFlow.create(settings.preset());
        DISOpticalFlow check = DISOpticalFlow.create(settings.checkPreset());
        Mat identity = FlowOps.identity(fw, fh);
        Flows flows = new Flows();
        List<Integer> order = new ArrayList<>(all);
        for (int k = 0; k + 1 < order.size(); k++) {
            int a = order.get(k);
            int b = order.get(k + 1);
            if (refs.contains(a) && refs.contains(b)) {
                continue;
            }
            // a drawing's flow to an adjacent reference is its anchor and carries colors
            flows.put(a, b, flow(refs.contains(b) ? carry : check, features, a, b, affineInit(matches, a, b, fw, fh, sx, sy)));
            flows.put(b, a, flow(refs.contains(a) ? carry : check, features, b, a, affineInit(matches, b, a, fw, fh, sx, sy)));
        }
        for (int r : refs) {
            anchorSide(carry, check, features, flows, identity, order, refs, r, +1);
            anchorSide(carry, check, features, flows, identity, order, refs, r, -1);
        }

        List<FlowField> out = new ArrayList<>();
        Size grid = new Size(gw, gh);
        double gx = (double) gw / width;
        double gy = (double) gh / height;
        for (int k = 0; k < order.size(); k++) {
            int d = order.get(k);
            if (refs.contains(d)) {
                continue;
            }
            List<Integer> targets = new ArrayList<>(refs);
            for (int j : new int[] {k - 1, k + 1}) {
                if (j >= 0 && j < order.size() && !refs.contains(order.get(j))) {
                    targets.add(order.get(j));
                }
            }
            for (int e : targets) {
                Mat fwd = flows.get(d, e);
                Mat bwd = flows.get(e, d);
                if (fwd != null && bwd != null) {
                    out.add(toGrid(d, e, fwd, FlowOps.consistency(fwd, bwd, identity, sigma), grid, sx, sy, gx, gy));
                }
            }
        }
        flows.release();
        features.values().forEach(Mat::release);
        identity.release();
        return new DenseCorrespondence(width, height, gw, gh, out);
    }

    /** Brings a flow and its confidence from flow resolution to the output grid (area average) and quantizes it. */
    private static FlowField toGrid(int from, int to, Mat flow, byte[] confidence, Size grid, double sx, double sy,
                                    double gx, double gy) {
        Mat conf = Pixels.mat(flow.cols(), flow.rows(), org.opencv.core.CvType.CV_8UC1, confidence);
        Mat smallFlow = new Mat();
        Mat smallConf = new Mat();
        Imgproc.resize(flow, smallFlow, grid, 0, 0, Imgproc.INTER_AREA);
        Imgproc.resize(conf, smallConf, grid, 0, 0, Imgproc.INTER_AREA);
        FlowField field = FlowOps.quantize(from, to, smallFlow, Pixels.bytes(smallConf), sx, sy);
        conf.release();
        smallFlow.release();
        smallConf.release();
        return field;
    }

    /**
     * Flows every drawing on one side of reference r to r and back, walking away from r: each chained
     * estimate (drawing -> its neighbour towards r -> r) starts a direct flow. Stops at another reference.
     */
    private void anchorSide(DISOpticalFlow carry, DISOpticalFlow check, Map<Integer, Mat> features, Flows flows,
                            Mat identity, List<Integer> order, TreeSet<Integer> refs, int r, int step) {
        int start = order.indexOf(r);
        for (int k = start + step; k >= 0 && k < order.size(); k += step) {
            int d = order.get(k);
            if (refs.contains(d)) {
                return;
            }
            int p = order.get(k - step);
            if (p == r) {
                continue; // the neighbour flows already are the direct flows
            }
            Mat chainedForward = FlowOps.compose(flows.get(d, p), flows.get(p, r), identity);
            Mat chainedBackward = FlowOps.compose(flows.get(r, p), flows.get(p, d), identity);
            flows.put(d, r, flow(carry, features, d, r, chainedForward));
            flows.put(r, d, flow(check, features, r, d, chainedBackward));
        }
    }

    private static Mat flow(DISOpticalFlow dis, Map<Integer, Mat> features, int from, int to, Mat init) {
        Mat flow = init != null ? init : new Mat();
        dis.calc(features.get(from), features.get(to), flow);
        return flow;
    }

    private static Mat affineInit(ClipMatches matches, int from, int to, int fw, int fh, double sx, double sy) {
        if (matches == null) {
            return null;
        }
        PairMatches pair = matches.between(from, to);
        if (pair == null || pair.affine() == null) {
            return null;
        }
        return FlowOps.affineFlow(pair.affine(), fw, fh, sx, sy);
    }

    /** Float flows by (from, to). */
    private static final class Flows {
        private final Map<Long, Mat> byPair = new HashMap<>();

        void put(int from, int to, Mat flow) {
            Mat old = byPair.put(key(from, to), flow);
            if (old != null) {
                old.release();
            }
        }

        Mat get(int from, int to) {
            return byPair.get(key(from, to));
        }

        void release() {
            byPair.values().forEach(Mat::release);
        }

        private static long key(int from, int to) {
            return ((long) from << 32) | (to & 0xffffffffL);
        }
    }
}
