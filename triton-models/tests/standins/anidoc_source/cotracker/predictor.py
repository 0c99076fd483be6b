"""Stand-in for the Co-Tracker copy that AniDoc ships under the package name `cotracker`.

AniDoc's copy adds trajectory helpers that the published package lacks; its pipeline imports them.
"""
import numpy as np


class CoTrackerPredictor:
    def __init__(self, checkpoint=None, **kwargs):
        self.checkpoint = checkpoint


def sample_trajectories(tracks, visibility, max_points=10, **kwargs):
    return tracks[:, :, :max_points], visibility[:, :, :max_points]


def generate_gassian_heatmap(points, height, width, sigma=1.0):
    ys, xs = np.mgrid[0:height, 0:width]
    heat = np.zeros((height, width), dtype=np.float32)
    for x, y in points:
        heat = np.maximum(heat, np.exp(-((xs - x) ** 2 + (ys - y) ** 2) / (2 * sigma ** 2)))
    return heat
