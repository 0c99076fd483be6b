package io.anidoc.core.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Bulk copies between Mats and primitive arrays, so per-pixel loops run on plain Java arrays. */
public final class Pixels {
    private Pixels() {
    }

    public static byte[] bytes(Mat mat) {
        requireDepth(mat, CvType.CV_8U);
        Mat m = mat.isContinuous() ? mat : mat.clone();
        byte[] out = new byte[(int) (m.total() * m.channels())];
        m.get(0, 0, out);
        return out;
    }

    public static short[] shorts(Mat mat) {
        if (mat.depth() != CvType.CV_16U && mat.depth() != CvType.CV_16S) {
            throw new IllegalArgumentException("expected a 16-bit Mat, got " + CvType.typeToString(mat.type()));
        }
        Mat m = mat.isContinuous() ? mat : mat.clone();
        short[] out = new short[(int) (m.total() * m.channels())];
        m.get(0, 0, out);
        return out;
    }

    public static int[] ints(Mat mat) {
        requireDepth(mat, CvType.CV_32S);
        Mat m = mat.isContinuous() ? mat : mat.clone();
        int[] out = new int[(int) (m.total() * m.channels())];
        m.get(0, 0, out);
        return out;
    }

    public static float[] floats(Mat mat) {
        requireDepth(mat, CvType.CV_32F);
        Mat m = mat.isContinuous() ? mat : mat.clone();
        float[] out = new float[(int) (m.total() * m.channels())];
        m.get(0, 0, out);
        return out;
    }

    public static Mat mat(int width, int height, int type, byte[] data) {
        OpenCv.load();
        Mat m = new Mat(height, width, type);
        m.put(0, 0, data);
        return m;
    }

    public static Mat mat(int width, int height, int type, short[] data) {
        OpenCv.load();
        Mat m = new Mat(height, width, type);
        m.put(0, 0, data);
        return m;
    }

    public static Mat mat(int width, int height, int type, int[] data) {
        OpenCv.load();
        Mat m = new Mat(height, width, type);
        m.put(0, 0, data);
        return m;
    }

    public static Mat mat(int width, int height, int type, float[] data) {
        OpenCv.load();
        Mat m = new Mat(height, width, type);
        m.put(0, 0, data);
        return m;
    }

    private static void requireDepth(Mat mat, int depth) {
        if (mat.depth() != depth) {
            throw new IllegalArgumentException("expected depth " + CvType.typeToString(depth)
                    + ", got " + CvType.typeToString(mat.type()));
        }
    }
}
