package io.anidoc.core.regions;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Bridges gaps in lines: the ink is first thickened, then closed with a disk. Closing alone bridges
 * little on thin lines: a disk can dip into a gap from both sides of a thin line and the two sides
 * stay connected. Thickening first turns the gap into a short narrow channel that the closing fills;
 * a gap of about {@code 2 grow + 2 sqrt(diameter / 2 * (line width + 2 grow))} pixels is bridged.
 */
public final class GapCloser {
    private GapCloser() {
    }

    /**
     * @param barrier  8-bit mask, 255 = ink (or anything fills may not cross), 0 = paper
     * @param grow     thickening radius in pixels (0 = none)
     * @param diameter closing disk diameter in pixels (below 2 = none)
     * @return a new mask with the gaps filled; the image outside counts as barrier
     */
    public static Mat close(Mat barrier, int grow, int diameter) {
        Mat out = barrier.clone();
        if (grow > 0) {
            Mat disk = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * grow + 1, 2 * grow + 1));
            Imgproc.dilate(out, out, disk);
            disk.release();
        }
        if (diameter >= 2) {
            Mat disk = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(diameter, diameter));
            Imgproc.morphologyEx(out, out, Imgproc.MORPH_CLOSE, disk, new Point(-1, -1), 1, Core.BORDER_CONSTANT,
                    new Scalar(255));
            disk.release();
        }
        return out;
    }
}
