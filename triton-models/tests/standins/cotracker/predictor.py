"""Stand-in for the published Co-Tracker's `cotracker.predictor` (CoTracker3 interface).

A small network with the same constructor and forward signature: every query point drifts by a
fixed shift per frame, counted from its query frame. The shift is its only weight, read from the
checkpoint file the way the real predictor reads its state dict. Points outside the frame are
reported occluded.
"""
import torch

calls = []


class _DriftModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.shift = torch.nn.Parameter(torch.zeros(2), requires_grad=False)


class CoTrackerPredictor(torch.nn.Module):
    def __init__(self, checkpoint="./checkpoints/scaled_offline.pth", offline=True, v2=False, window_len=60):
        super().__init__()
        self.checkpoint = checkpoint
        self.offline = offline
        self.v2 = v2
        self.window_len = window_len
        self.model = _DriftModel()
        with open(checkpoint, "rb") as f:
            state_dict = torch.load(f, map_location="cpu")
        if "model" in state_dict:
            state_dict = state_dict["model"]
        self.model.load_state_dict(state_dict)
        self.model.eval()

    @torch.no_grad()
    def forward(self, video, queries=None, segm_mask=None, grid_size=0, grid_query_frame=0,
                backward_tracking=False):
        if video.dtype != torch.float32 or video.ndim != 5 or video.shape[2] != 3:
            raise ValueError("video must be float32 (B, T, 3, H, W), got %s %s" % (video.dtype, tuple(video.shape)))
        if queries is None or queries.ndim != 3 or queries.shape[0] != video.shape[0] or queries.shape[2] != 3:
            raise ValueError("queries must be (B, N, 3) matching the video batch")
        if video.device != self.model.shift.device or queries.device != video.device:
            raise ValueError("video, queries and model must share a device")
        calls.append({"batch": video.shape[0], "frames": video.shape[1], "points": queries.shape[1],
                      "backward_tracking": backward_tracking, "device": str(video.device)})
        batch, frames, _, height, width = video.shape
        time = torch.arange(frames, device=video.device, dtype=torch.float32).view(1, frames, 1)
        steps = time - queries[:, :, 0].unsqueeze(1)                                   # B T N
        tracks = queries[:, :, 1:].unsqueeze(1) + steps.unsqueeze(-1) * self.model.shift  # B T N 2
        inside = ((tracks[..., 0] >= 0) & (tracks[..., 0] <= width - 1)
                  & (tracks[..., 1] >= 0) & (tracks[..., 1] <= height - 1))
        return tracks, inside
