package io.anidoc.tracker.cotracker;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.flow.FlowField;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.SiftExtractor;
import io.anidoc.core.match.SiftSettings;
import io.anidoc.core.track.PointTracks;
import io.anidoc.core.track.TrackDensifier;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.runtime.triton.ModelParameters;
import io.anidoc.runtime.triton.TritonModel;
import io.anidoc.tracker.TrackEngine;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Triton engine of the tracker: Co-Tracker follows points laid on every reference (a grid and
 * the reference's SIFT keypoints) through the clip's line art, sent as grey RGB video at the model's
 * size; the tracks come back to full size and are densified ({@link TrackDensifier}) into the same
 * fields the CPU engine gives: every drawing to every reference and to its neighbouring drawings,
 * on the CPU engine's grid. The sparse matches are not needed: the model tracks on its own.
 */
public final class CoTrackerTracker implements TrackEngine {

    public static final String NAME = "triton-cotracker";

    /**
     * @param maxSide    longest side of the video sent (unless the model declares its size)
     * @param maxFrames  frames per request (0: the model's {@code frames} or {@code window_len} parameter, else the whole clip)
     * @param gridPoints query points along the long side of the grid on each reference
     * @param keyPoints  SIFT keypoints of each reference added as query points
     * @param gridScale  resolution of the output fields relative to the frame, as the CPU engine stores them
     */
    public record Options(int maxSide, int maxFrames, int gridPoints, int keyPoints, double gridScale) {
        public Options {
            if (maxSide < 16 || maxFrames < 0 || gridPoints < 2 || keyPoints < 0 || !(gridScale > 0 && gridScale <= 1)) {
                throw new IllegalArgumentException("invalid Co-Tracker options: maxSide " + maxSide + ", maxFrames "
                        + maxFrames + ", gridPoints " + gridPoints + ", keyPoints " + keyPoints + ", gridScale " + gridScale);
            }
        }
    }

    private final TritonModel model;
    private final ModelConfig config;
    private final Options options;
    private final SiftSettings sift;
    private final int maxFrames;

    public CoTrackerTracker(TritonModel model, ModelConfig config, Options options, SiftSettings sift) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        this.options = Objects.requireNonNull(options, "options");
        this.sift = Objects.requireNonNull(sift, "sift");
        int declared = ModelParameters.positiveInt(config, "frames")
                .orElse(ModelParameters.positiveInt(config, "window_len").orElse(Integer.MAX_VALUE));
        this.maxFrames = options.maxFrames() > 0 ? options.maxFrames() : declared;
        if (maxFrames < 2) {
            throw new IllegalStateException("model '" + model.name() + "' takes " + maxFrames
                    + " frame(s) per request; tracking needs at least 2");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Frames per request. */
    public int maxFrames() {
        return maxFrames;
    }

    @Override
    public DenseCorrespondence track(ClipFrames clip, ClipMatches matches) throws InterruptedException {
        List<Integer> order = clip.allFrames();
        Mat first = clip.lineArt().get(order.get(0)).gray();
        int width = first.cols();
        int height = first.rows();
        VideoGeometry geometry = VideoGeometry.of(width, height, config, options.maxSide());

        List<byte[]> video = new ArrayList<>(order.size());
        for (int frame : order) {
            Mat gray = clip.lineArt().get(frame).gray();
            if (gray.cols() != width || gray.rows() != height) {
                throw new IllegalArgumentException("frame " + frame + " is " + gray.cols() + "x" + gray.rows()
                        + ", the clip is " + width + "x" + height);
            }
            video.add(resized(gray, geometry));
        }
        SiftExtractor extractor = new SiftExtractor(sift);
        List<TrackingWindows.Queries> queries = new ArrayList<>();
        for (int r : clip.references()) {
            queries.add(new TrackingWindows.Queries(order.indexOf(r),
                    QueryPoints.sample(clip.lineArt().get(r).gray(), options.gridPoints(), options.keyPoints(), extractor)));
        }
        PointTracks tracks = new TrackingWindows(model, geometry, video, maxFrames).track(queries);

        int gridWidth = Math.max(4, (int) Math.round(width * options.gridScale()));
        int gridHeight = Math.max(4, (int) Math.round(height * options.gridScale()));
        double spacing = (double) Math.max(width, height) / options.gridPoints() * gridWidth / width;
        TrackDensifier densifier = new TrackDensifier(width, height, gridWidth, gridHeight, Math.max(1.0, 0.75 * spacing));
        List<FlowField> fields = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            int d = order.get(k);
            if (clip.references().contains(d)) {
                continue;
            }
            for (int r : clip.references()) {
                fields.add(densifier.field(d, r, tracks, k, order.indexOf(r)));
            }
            for (int j : new int[] {k - 1, k + 1}) {
                if (j >= 0 && j < order.size() && !clip.references().contains(order.get(j))) {
                    fields.add(densifier.field(d, order.get(j), tracks, k, j));
                }
            }
        }
        return new DenseCorrespondence(width, height, gridWidth, gridHeight, fields);
    }

    private static byte[] resized(Mat gray, VideoGeometry geometry) {
        if (geometry.modelWidth() == geometry.width() && geometry.modelHeight() == geometry.height()) {
            return Pixels.bytes(gray);
        }
        Mat small = new Mat();
        int interpolation = geometry.modelWidth() < geometry.width() ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
        Imgproc.resize(gray, small, new Size(geometry.modelWidth(), geometry.modelHeight()), 0, 0, interpolation);
        byte[] bytes = Pixels.bytes(small);
        small.release();
        return bytes;
    }
}
