package io.anidoc.core.metrics;

/**
 * Quality of one predicted frame against its ground truth.
 *
 * @param index                 frame index in the shot
 * @param nonLinePixelAccuracy  share of non-line ground-truth pixels (largest channel >= 30) predicted
 *                              within 10 on every channel
 * @param regionAccuracy        share of ground-truth regions whose most frequent predicted color is
 *                              exactly the region's color (NaN when the frame has no region)
 * @param psnr                  peak signal-to-noise ratio over all pixels and channels, in dB, capped at
 *                              {@link ShotEvaluator#PSNR_CAP_DB} (identical frames)
 * @param ssim                  structural similarity, Gaussian window (11x11, sigma 1.5), mean of the
 *                              three color channels
 * @param flickerFromPrevious   temporal flicker between the previous frame and this one (see
 *                              {@link FlickerPair}); NaN when the previous frame is not available
 * @param nonLinePixels         number of non-line ground-truth pixels
 * @param regions               number of ground-truth regions scored
 */
public record FrameMetrics(int index, double nonLinePixelAccuracy, double regionAccuracy, double psnr, double ssim,
                           double flickerFromPrevious, long nonLinePixels, int regions) {
}
