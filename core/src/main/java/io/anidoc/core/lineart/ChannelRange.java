package io.anidoc.core.lineart;

import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * Per pixel, the brightest and the darkest channel of a BGR image: the brightest tells ink from
 * paper, the gap between the two tells colored (trace) lines from black ones. The caller releases
 * both.
 */
public record ChannelRange(Mat max, Mat min) {

    public static ChannelRange of(Mat bgr) {
        List<Mat> channels = new ArrayList<>(3);
        Core.split(bgr, channels);
        Mat max = new Mat();
        Mat min = new Mat();
        Core.max(channels.get(0), channels.get(1), max);
        Core.max(max, channels.get(2), max);
        Core.min(channels.get(0), channels.get(1), min);
        Core.min(min, channels.get(2), min);
        channels.forEach(Mat::release);
        return new ChannelRange(max, min);
    }
}
