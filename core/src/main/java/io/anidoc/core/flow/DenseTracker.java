package io.anidoc.core.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.opencv.core.Mat;
import org.opencv.video.DISOpticalFlow;

import io.anidoc.core.image.OpenCv;
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
 * Output fields: drawing to each reference, and drawing to its neighbouring drawings.
 */
public final class DenseTracker {
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
        int gw = Math.max(8, (int) Math.round(width * settings.scale()));
        int gh = Math.max(8, (int) Math.round(height * settings.scale()));
        double sx = (double) gw / width;
        double sy = (double) gh / height;
        double sigmaGrid = settings.consistencyPx() * Math.sqrt(sx * sy);

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
            features.put(f, FlowFeatures.of(gray, gw, gh, settings.featureRange()));
        }
        DISOpticalFlow dis = DISOpticalFlow.create(settings.preset());
        Mat identity = FlowOps.identity(gw, gh);
        Flows flows = new Flows();
        List<Integer> order = new ArrayList<>(all);
        for (int k = 0; k + 1 < order.size(); k++) {
            int a = order.get(k);
            int b = order.get(k + 1);
            if (refs.contains(a) && refs.contains(b)) {
                continue;
            }
            flows.put(a, b, flow(dis, features, a, b, affineInit(matches, a, b, gw, gh, sx, sy)));
            flows.put(b, a, flow(dis, features, b, a, affineInit(matches, b, a, gw, gh, sx, sy)));
        }

        List<FlowField> out = new ArrayList<>();
        for (int r : refs) {
            anchorSide(dis, features, flows, identity, order, refs, r, +1);
            anchorSide(dis, features, flows, identity, order, refs, r, -1);
        }
        for (int k = 0; k < order.size(); k++) {
            int d = order.get(k);
            if (refs.contains(d)) {
                continue;
            }
            for (int r : refs) {
                Mat fwd = flows.get(d, r);
                Mat bwd = flows.get(r, d);
                if (fwd != null && bwd != null) {
                    out.add(FlowOps.quantize(d, r, fwd, FlowOps.consistency(fwd, bwd, identity, sigmaGrid), sx, sy));
                }
            }
            for (int j : new int[] {k - 1, k + 1}) {
                if (j < 0 || j >= order.size() || refs.contains(order.get(j))) {
                    continue;
                }
                int e = order.get(j);
                Mat fwd = flows.get(d, e);
                out.add(FlowOps.quantize(d, e, fwd, FlowOps.consistency(fwd, flows.get(e, d), identity, sigmaGrid), sx, sy));
            }
        }
        flows.release();
        features.values().forEach(Mat::release);
        identity.release();
        return new DenseCorrespondence(width, height, gw, gh, out);
    }

    /**
     * Flows every drawing on one side of reference r to r and back, walking away from r: each chained
     * estimate (drawing -> its neighbour towards r -> r) starts a direct flow. Stops at another reference.
     */
    private void anchorSide(DISOpticalFlow dis, Map<Integer, Mat> features, Flows flows, Mat identity,
                            List<Integer> order, TreeSet<Integer> refs, int r, int step) {
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
            flows.put(d, r, flow(dis, features, d, r, chainedForward));
            flows.put(r, d, flow(dis, features, r, d, chainedBackward));
        }
    }

    private static Mat flow(DISOpticalFlow dis, Map<Integer, Mat> features, int from, int to, Mat init) {
        Mat flow = init != null ? init : new Mat();
        dis.calc(features.get(from), features.get(to), flow);
        return flow;
    }

    private static Mat affineInit(ClipMatches matches, int from, int to, int gw, int gh, double sx, double sy) {
        if (matches == null) {
            return null;
        }
        PairMatches pair = matches.between(from, to);
        if (pair == null || pair.affine() == null) {
            return null;
        }
        return FlowOps.affineFlow(pair.affine(), gw, gh, sx, sy);
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
