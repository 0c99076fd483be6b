package io.anidoc.colorizer.anidoc;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.image.Pixels;
import io.anidoc.runtime.inference.InferResult;
import io.anidoc.runtime.inference.Tensor;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One request to AniDoc: the model's T frames of a clip (the last repeated when the clip is shorter),
 * the reference they take their colors from (a keyframe of the clip, or a model sheet of any size,
 * each fitted to the model's size on its own), and the matched points; and reading its answer back.
 */
final class AnidocWindow {

    private static final Scalar WHITE_GRAY = new Scalar(255);
    private static final Scalar WHITE_BGR = new Scalar(255, 255, 255);

    private final ClipShape shape;
    private final Letterbox box;
    private final int reference;
    private final Mat referenceColors;
    private final Letterbox referenceBox;
    private final List<Integer> frames;
    private final List<MatchedPoints.Point> points;

    /** The frame index of a reference that is not a frame of the clip (a model sheet): no frame is it. */
    static final int SHEET = Integer.MIN_VALUE;

    /**
     * @param frames exactly {@code shape.frames()} clip frames, in order
     */
    AnidocWindow(ClipShape shape, Letterbox box, int reference, List<Integer> frames, List<MatchedPoints.Point> points) {
        this(shape, box, reference, null, box, frames, points);
    }

    /**
     * @param referenceColors the reference's colors (BGR), or null to take the clip's keyframe {@code reference}
     * @param referenceBox    how the reference is fitted to the model's size
     */
    AnidocWindow(ClipShape shape, Letterbox box, int reference, Mat referenceColors, Letterbox referenceBox,
                 List<Integer> frames, List<MatchedPoints.Point> points) {
        if (frames.size() != shape.frames()) {
            throw new IllegalArgumentException("a window holds " + shape.frames() + " frames, got " + frames.size());
        }
        if (points.size() > shape.maxCandidates()) {
            throw new IllegalArgumentException(points.size() + " points, the model takes at most " + shape.maxCandidates());
        }
        this.shape = shape;
        this.box = box;
        this.reference = reference;
        this.referenceColors = referenceColors;
        this.referenceBox = referenceBox;
        this.frames = List.copyOf(frames);
        this.points = List.copyOf(points);
    }

    List<Integer> frames() {
        return frames;
    }

    List<Tensor> inputs(ClipFrames clip) {
        int h = shape.height();
        int w = shape.width();
        int plane = h * w;
        int t = shape.frames();

        Mat bgr = referenceBox.fit(referenceColors != null ? referenceColors : clip.referenceColors().get(reference), WHITE_BGR);
        byte[] interleaved = Pixels.bytes(bgr);
        bgr.release();
        byte[] reference = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            // BGR interleaved to RGB planes
            reference[i] = interleaved[3 * i + 2];
            reference[plane + i] = interleaved[3 * i + 1];
            reference[2 * plane + i] = interleaved[3 * i];
        }

        byte[] sketches = new byte[t * plane];
        for (int k = 0; k < t; k++) {
            Mat sketch = box.fit(clip.lineArt().get(frames.get(k)).gray(), WHITE_GRAY);
            System.arraycopy(Pixels.bytes(sketch), 0, sketches, k * plane, plane);
            sketch.release();
        }

        int[] refPoints = new int[plane];
        int[] framePoints = new int[t * plane];
        for (int p = 0; p < points.size(); p++) {
            MatchedPoints.Point point = points.get(p);
            mark(refPoints, 0, point.x(), point.y(), p + 1);
            for (int k = 0; k < t; k++) {
                int frame = frames.get(k);
                float[] seen = frame == this.reference ? new float[] {point.x(), point.y()} : point.inFrames().get(frame);
                if (seen != null) {
                    mark(framePoints, k * plane, seen[0], seen[1], p + 1);
                }
            }
        }
        return List.of(
                Tensor.fromUint8("reference", new long[] {1, 3, h, w}, reference),
                Tensor.fromUint8("sketches", new long[] {1, t, 1, h, w}, sketches),
                Tensor.fromInts("ref_points", new long[] {1, h, w}, refPoints),
                Tensor.fromInts("frame_points", new long[] {1, t, h, w}, framePoints));
    }

    /** Puts point {@code index} at its model pixel, unless the pixel already holds a point. */
    private void mark(int[] map, int offset, float x, float y, int index) {
        int mx = box.modelX(x);
        int my = box.modelY(y);
        if (box.inside(mx, my) && map[offset + my * shape.width() + mx] == 0) {
            map[offset + my * shape.width() + mx] = index;
        }
    }

    /**
     * The colored frames of the answer at the clip's size, BGR, one per window frame in order
     * (repeated frames repeat); the caller releases them.
     *
     * @throws IllegalStateException naming the model when the answer does not have the window's shape
     */
    List<Mat> outputs(String model, InferResult result) {
        Tensor frames = result.output("frames");
        long[] expected = {1, shape.frames(), 3, shape.height(), shape.width()};
        if (!Arrays.equals(frames.shape(), expected)) {
            throw new IllegalStateException("model '" + model + "' answered frames " + Tensor.shapeText(frames.shape())
                    + ", expected " + Tensor.shapeText(expected));
        }
        byte[] rgb = frames.toUint8();
        int plane = shape.height() * shape.width();
        List<Mat> colored = new ArrayList<>(shape.frames());
        for (int k = 0; k < shape.frames(); k++) {
            byte[] interleaved = new byte[3 * plane];
            int base = k * 3 * plane;
            for (int i = 0; i < plane; i++) {
                interleaved[3 * i] = rgb[base + 2 * plane + i];
                interleaved[3 * i + 1] = rgb[base + plane + i];
                interleaved[3 * i + 2] = rgb[base + i];
            }
            Mat small = Pixels.mat(shape.width(), shape.height(), CvType.CV_8UC3, interleaved);
            colored.add(box.restore(small));
            small.release();
        }
        return colored;
    }
}
