package io.anidoc.tracker.cotracker;

import io.anidoc.core.track.PointTracks;
import io.anidoc.runtime.inference.InferResult;
import io.anidoc.runtime.inference.Tensor;
import io.anidoc.runtime.triton.TritonModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows query points through a clip with the Co-Tracker model. A clip of at most
 * {@code maxFrames} frames goes in one request with every point; a longer one is tracked from each
 * query frame forwards and backwards in windows of {@code maxFrames} frames, each window starting
 * from where the previous one left the points.
 */
final class TrackingWindows {

    /** Points queried on one frame (its position in the clip's frame order), x0, y0, x1, y1, ... in frame pixels. */
    record Queries(int frame, float[] xy) {
        int count() {
            return xy.length / 2;
        }
    }

    private final TritonModel model;
    private final VideoGeometry geometry;
    private final List<byte[]> frames;
    private final int maxFrames;

    /**
     * @param frames    line art of every frame of the clip in order, 8-bit gray at the model's size
     * @param maxFrames frames per request, at least 2
     */
    TrackingWindows(TritonModel model, VideoGeometry geometry, List<byte[]> frames, int maxFrames) {
        this.model = model;
        this.geometry = geometry;
        this.frames = List.copyOf(frames);
        this.maxFrames = Math.max(2, maxFrames);
    }

    PointTracks track(List<Queries> queries) throws InterruptedException {
        int n = frames.size();
        int total = queries.stream().mapToInt(Queries::count).sum();
        PointTracks tracks = new PointTracks(n, total);
        if (total == 0) {
            return tracks;
        }
        if (n <= maxFrames) {
            List<Integer> all = new ArrayList<>();
            for (int f = 0; f < n; f++) {
                all.add(f);
            }
            float[] request = new float[3 * total];
            int p = 0;
            for (Queries q : queries) {
                for (int k = 0; k < q.count(); k++, p++) {
                    request[3 * p] = q.frame();
                    request[3 * p + 1] = geometry.toModelX(q.xy()[2 * k]);
                    request[3 * p + 2] = geometry.toModelY(q.xy()[2 * k + 1]);
                }
            }
            record(tracks, 0, all, call(all, request, total), 0);
        } else {
            int offset = 0;
            for (Queries q : queries) {
                follow(tracks, offset, q, +1);
                follow(tracks, offset, q, -1);
                offset += q.count();
            }
        }
        // the query frame is where each point is by definition
        int offset = 0;
        for (Queries q : queries) {
            for (int k = 0; k < q.count(); k++) {
                tracks.set(offset + k, q.frame(), q.xy()[2 * k], q.xy()[2 * k + 1], true);
            }
            offset += q.count();
        }
        return tracks;
    }

    /** Carries one frame's points window by window to one end of the clip. */
    private void follow(PointTracks tracks, int offset, Queries queries, int direction) throws InterruptedException {
        int count = queries.count();
        float[] current = queries.xy().clone();
        int start = queries.frame();
        int last = direction > 0 ? frames.size() - 1 : 0;
        while (start != last) {
            int end = direction > 0 ? Math.min(last, start + maxFrames - 1) : Math.max(last, start - maxFrames + 1);
            List<Integer> window = new ArrayList<>();
            for (int f = start; f != end + direction; f += direction) {
                window.add(f);
            }
            float[] request = new float[3 * count];
            for (int k = 0; k < count; k++) {
                request[3 * k + 1] = geometry.toModelX(current[2 * k]);
                request[3 * k + 2] = geometry.toModelY(current[2 * k + 1]);
            }
            Answer answer = call(window, request, count);
            record(tracks, offset, window, answer, 1);
            for (int k = 0; k < count; k++) {
                current[2 * k] = tracks.x(offset + k, end);
                current[2 * k + 1] = tracks.y(offset + k, end);
            }
            start = end;
        }
    }

    /** The model's tracks and visibility of one request, in the model's pixels. */
    private record Answer(float[] tracks, float[] visibility, int frames, int points) {
    }

    private Answer call(List<Integer> window, float[] queries, int count) throws InterruptedException {
        int t = window.size();
        int plane = geometry.modelWidth() * geometry.modelHeight();
        // grey line art as RGB, UINT8: a quarter of the bytes of FP32; the model converts on its device
        byte[] video = new byte[t * 3 * plane];
        for (int i = 0; i < t; i++) {
            byte[] gray = frames.get(window.get(i));
            int base = i * 3 * plane;
            for (int c = 0; c < 3; c++) {
                System.arraycopy(gray, 0, video, base + c * plane, plane);
            }
        }
        InferResult result = model.infer(List.of(
                Tensor.fromUint8("video", new long[] {1, t, 3, geometry.modelHeight(), geometry.modelWidth()}, video),
                Tensor.fromFloats("queries", new long[] {1, count, 3}, queries)));
        Tensor tracks = result.output("tracks");
        Tensor visibility = result.output("visibility");
        long[] expectedTracks = {1, t, count, 2};
        long[] expectedVisibility = {1, t, count};
        if (!java.util.Arrays.equals(tracks.shape(), expectedTracks)
                || !java.util.Arrays.equals(visibility.shape(), expectedVisibility)) {
            throw new IllegalStateException("model '" + model.name() + "' answered tracks " + Tensor.shapeText(tracks.shape())
                    + " and visibility " + Tensor.shapeText(visibility.shape()) + " for " + t + " frames and " + count
                    + " points; expected " + Tensor.shapeText(expectedTracks) + " and " + Tensor.shapeText(expectedVisibility));
        }
        return new Answer(tracks.toFloats(), visibility.toFloats(), t, count);
    }

    /** Stores an answer's frames from {@code from} on (window position) in clip frames, mapped back to frame pixels. */
    private void record(PointTracks tracks, int offset, List<Integer> window, Answer answer, int from) {
        for (int i = from; i < answer.frames(); i++) {
            int frame = window.get(i);
            for (int k = 0; k < answer.points(); k++) {
                int at = i * answer.points() + k;
                float x = answer.tracks()[2 * at];
                float y = answer.tracks()[2 * at + 1];
                boolean finite = Float.isFinite(x) && Float.isFinite(y);
                tracks.set(offset + k, frame, finite ? geometry.fromModelX(x) : 0f, finite ? geometry.fromModelY(y) : 0f,
                        finite && answer.visibility()[at] >= 0.5f);
            }
        }
    }
}
