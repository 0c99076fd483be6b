"""Stand-in for the published Co-Tracker's `cotracker.predictor` (CoTracker3 interface).

A small network with the same constructor and forward signature, and the behaviour of the real
one where the adapter depends on it (tests/README.md lists each imitated line):
- the checkpoint is loaded strictly, and its `time_emb` buffer is sized by `window_len`, so a
  checkpoint loads only with the window length it was trained with;
- the forward pass lays out the query coordinates as CoTrackerThreeOffline does
  (`expand(B, T, N, 2)` then `view(B * T, N, 2)`), so a batch of two or more clips raises;
- visibility is the model's score above 0.9, and every point is visible at its own query frame.
Every query point drifts by a fixed shift per frame, counted from its query frame; the shift is
its only learnt weight. Points outside the frame score 0.
"""
import torch

calls = []

EMBED_DIM = 4  # width of the stand-in's time embedding; the real model's is 1110


class _DriftModel(torch.nn.Module):
    def __init__(self, window_len):
        super().__init__()
        self.window_len = window_len
        self.shift = torch.nn.Parameter(torch.zeros(2), requires_grad=False)
        self.register_buffer("time_emb", torch.zeros(1, window_len, EMBED_DIM))

    def forward(self, video, queries):
        batch, frames, _, height, width = video.shape
        count = queries.shape[1]
        queried_coords = queries[:, :, 1:]
        coords = queried_coords.reshape(batch, 1, count, 2).expand(batch, frames, count, 2).float()
        coords_init = coords.view(batch * frames, count, 2)  # raises for batch >= 2, as the real model does
        time = torch.arange(frames, device=video.device, dtype=torch.float32).view(1, frames, 1)
        steps = time - queries[:, :, 0].unsqueeze(1)
        tracks = coords_init.view(batch, frames, count, 2) + steps.unsqueeze(-1) * self.shift
        inside = ((tracks[..., 0] >= 0) & (tracks[..., 0] <= width - 1)
                  & (tracks[..., 1] >= 0) & (tracks[..., 1] <= height - 1))
        return tracks, inside.float()


def build_cotracker(checkpoint=None, offline=True, window_len=16, v2=False):
    model = _DriftModel(window_len)
    if checkpoint is not None:
        with open(checkpoint, "rb") as f:
            state_dict = torch.load(f, map_location="cpu")
            if "model" in state_dict:
                state_dict = state_dict["model"]
        model.load_state_dict(state_dict)  # strict, as the real build_cotracker loads
    return model


class CoTrackerPredictor(torch.nn.Module):
    def __init__(self, checkpoint="./checkpoints/scaled_offline.pth", offline=True, v2=False, window_len=60):
        super().__init__()
        self.checkpoint = checkpoint
        self.offline = offline
        self.v2 = v2
        self.window_len = window_len
        self.model = build_cotracker(checkpoint, offline=offline, window_len=window_len, v2=v2)
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
                      "backward_tracking": backward_tracking, "device": str(video.device),
                      "video_max": float(video.max())})
        tracks, scores = self.model(video, queries)
        visibilities = scores > 0.9
        for i in range(len(queries)):
            queries_t = queries[i, :, 0].to(torch.int64)
            arange = torch.arange(0, len(queries_t))
            tracks[i, queries_t, arange] = queries[i, :, 1:]
            visibilities[i, queries_t, arange] = True
        return tracks, visibilities
