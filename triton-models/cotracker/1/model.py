"""Triton Python backend adapter for Co-Tracker (the published `cotracker` package, CoTracker3).

Contract (triton-models/README.md has the full table):
  video       UINT8 [1, T, 3, H, W]  RGB frames
  queries     FP32  [1, N, 3]        (t, x, y): frame index and pixel position of each point
  tracks      FP32  [1, T, N, 2]     (x, y) of every point in every frame, in pixels
  visibility  FP32  [1, T, N]        1 where the point is visible, 0 where it is occluded
One clip per request and one forward pass per clip: CoTrackerThreeOffline lays its coordinates
out for a single clip (`coords.expand(B, T, N, 2).view(B * T, N, 2)` raises for B >= 2), so the
model does not batch (max_batch_size 0). The video travels as UINT8, a quarter of FP32 through
Triton's shared memory, and becomes the predictor's float 0..255 on the model's device.

The checkpoint is read from the model directory (parameter `checkpoint`, relative to the version
directory unless absolute); its time embedding fixes the window length, which the parameter
`window_len` must equal. Nothing is downloaded.
"""
import json
import os

import numpy as np
import triton_python_backend_utils as pb_utils

DEFAULTS = {
    "checkpoint": "scaled_offline.pth",
    "offline": "true",
    "v2": "false",
    "window_len": "60",
    "backward_tracking": "false",
}


class InputError(ValueError):
    """A request whose tensors do not follow the contract."""


class TritonPythonModel:

    def initialize(self, args):
        import torch
        from cotracker.predictor import CoTrackerPredictor

        self.logger = pb_utils.Logger
        config = json.loads(args["model_config"])
        params = model_parameters(config, DEFAULTS)
        version_dir = os.path.join(args["model_repository"], str(args["model_version"]))
        checkpoint = resolve(version_dir, params["checkpoint"])
        if not os.path.isfile(checkpoint):
            raise FileNotFoundError(
                "cotracker: checkpoint %s not found; place Co-Tracker's %s there "
                "(see triton-models/README.md)" % (checkpoint, os.path.basename(checkpoint)))

        self.torch = torch
        self.device = pick_device(torch, args)
        if args.get("model_instance_kind") == "GPU" and self.device.type != "cuda":
            self.logger.log_warn("cotracker: a GPU instance was asked for but CUDA is not available; running on CPU")
        window_len = int(params["window_len"])
        trained = checkpoint_window_len(torch, checkpoint)
        if trained is not None and trained != window_len:
            raise ValueError("cotracker: checkpoint %s was trained with window_len %d, but the parameter "
                             "window_len is %d; set window_len to %d (the offline CoTracker3 checkpoint "
                             "loads only with 60)" % (checkpoint, trained, window_len, trained))
        self.backward_tracking = flag(params["backward_tracking"])
        self.tracks_dtype = output_dtype(config, "tracks")
        self.visibility_dtype = output_dtype(config, "visibility")
        self.predictor = CoTrackerPredictor(
            checkpoint=checkpoint,
            offline=flag(params["offline"]),
            v2=flag(params["v2"]),
            window_len=window_len,
        ).to(self.device)
        self.predictor.eval()
        self.logger.log_info("cotracker: loaded %s on %s" % (checkpoint, self.device))

    def execute(self, requests):
        responses = []
        for request in requests:  # one forward pass per clip; a failure answers only its request
            try:
                video, queries = read_request(request)
                tracks, visibility = self.track(video, queries)
                responses.append(pb_utils.InferenceResponse(output_tensors=[
                    pb_utils.Tensor("tracks", as_output(tracks, self.tracks_dtype)),
                    pb_utils.Tensor("visibility", as_output(visibility, self.visibility_dtype)),
                ]))
            except InputError as error:
                responses.append(error_response(str(error)))
            except Exception as error:
                self.logger.log_error("cotracker: %s" % error)
                responses.append(error_response("cotracker failed: %s" % error))
        return responses

    def track(self, video, queries):
        torch = self.torch
        with torch.no_grad():
            # UINT8 crosses the process boundary; the predictor takes float 0..255 on its device
            frames = torch.from_numpy(video).to(self.device).float()
            tracks, visibility = self.predictor(
                frames,
                queries=torch.from_numpy(queries).to(self.device),
                backward_tracking=self.backward_tracking)
        tracks = tracks.float().cpu().numpy()
        visibility = visibility.float().cpu().numpy()
        frame_count, count = video.shape[1], queries.shape[1]
        if tracks.shape != (1, frame_count, count, 2) or visibility.shape != (1, frame_count, count):
            raise RuntimeError("predictor returned tracks %s and visibility %s for video %s and queries %s"
                               % (list(tracks.shape), list(visibility.shape), list(video.shape),
                                  list(queries.shape)))
        return tracks, visibility

    def finalize(self):
        self.predictor = None
        if self.torch.cuda.is_available():
            self.torch.cuda.empty_cache()


def read_request(request):
    video = required_input(request, "video", np.uint8)
    queries = required_input(request, "queries", np.float32)
    if video.ndim != 5 or video.shape[0] != 1 or video.shape[2] != 3 or video.shape[1] < 1 or min(video.shape[3:]) < 2:
        raise InputError("input 'video' must have shape [1, T, 3, H, W] (one clip of RGB frames, H and W at "
                         "least 2), got %s" % list(video.shape))
    if queries.ndim != 3 or queries.shape[0] != 1 or queries.shape[2] != 3 or queries.shape[1] < 1:
        raise InputError("input 'queries' must have shape [1, N, 3] with rows (t, x, y), got %s"
                         % list(queries.shape))
    if not np.isfinite(queries).all():
        raise InputError("input 'queries' holds NaN or infinite values")
    frames = queries[:, :, 0]
    if (frames != np.round(frames)).any() or frames.min() < 0 or frames.max() > video.shape[1] - 1:
        raise InputError("input 'queries' column t must hold whole frame indices in 0..%d, got %s..%s"
                         % (video.shape[1] - 1, frames.min(), frames.max()))
    return video, queries


def checkpoint_window_len(torch, checkpoint):
    """The window length a checkpoint was trained with: the length of its time embedding, or None."""
    with open(checkpoint, "rb") as f:
        state_dict = torch.load(f, map_location="cpu")
    if isinstance(state_dict, dict) and "model" in state_dict:
        state_dict = state_dict["model"]
    time_emb = state_dict.get("time_emb") if isinstance(state_dict, dict) else None
    return int(time_emb.shape[1]) if time_emb is not None and time_emb.ndim == 3 else None


def required_input(request, name, dtype):
    tensor = pb_utils.get_input_tensor_by_name(request, name)
    if tensor is None:
        raise InputError("input '%s' is missing" % name)
    array = tensor.as_numpy()
    if array.dtype != dtype:
        raise InputError("input '%s' must be %s, got %s" % (name, np.dtype(dtype).name, array.dtype.name))
    return array


def as_output(array, dtype):
    """Triton copies output tensors from C-ordered memory."""
    return np.ascontiguousarray(array, dtype=dtype)


def error_response(message):
    return pb_utils.InferenceResponse(output_tensors=[], error=pb_utils.TritonError(message))


def model_parameters(config, defaults):
    params = dict(defaults)
    for key, value in config.get("parameters", {}).items():
        params[key] = value.get("string_value", "")  # an empty string may be left out of the JSON
    return params


def output_dtype(config, name):
    return pb_utils.triton_string_to_numpy(pb_utils.get_output_config_by_name(config, name)["data_type"])


def resolve(version_dir, path):
    return path if os.path.isabs(path) else os.path.join(version_dir, path)


def flag(value):
    return str(value).strip().lower() in ("1", "true", "yes")


def pick_device(torch, args):
    if args.get("model_instance_kind") == "GPU" and torch.cuda.is_available():
        return torch.device("cuda:%s" % args.get("model_instance_device_id", "0"))
    return torch.device("cpu")
