"""Triton Python backend adapter for Co-Tracker (the published `cotracker` package, CoTracker3).

Contract (triton-models/README.md has the full table):
  video       FP32 [b, T, 3, H, W]  RGB frames, values 0..255
  queries     FP32 [b, N, 3]        (t, x, y): frame index and pixel position of each point
  tracks      FP32 [b, T, N, 2]     (x, y) of every point in every frame, in pixels
  visibility  FP32 [b, T, N]        1 where the point is visible, 0 where it is occluded
A client sends one clip per request (b = 1). Triton's dynamic batcher may hand several requests
to one execute call; requests of equal shape then run as one forward pass.

The checkpoint is read from the model directory (parameter `checkpoint`, relative to the version
directory unless absolute). Nothing is downloaded.
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
        self.backward_tracking = flag(params["backward_tracking"])
        self.tracks_dtype = output_dtype(config, "tracks")
        self.visibility_dtype = output_dtype(config, "visibility")
        self.predictor = CoTrackerPredictor(
            checkpoint=checkpoint,
            offline=flag(params["offline"]),
            v2=flag(params["v2"]),
            window_len=int(params["window_len"]),
        ).to(self.device)
        self.predictor.eval()
        self.logger.log_info("cotracker: loaded %s on %s" % (checkpoint, self.device))

    def execute(self, requests):
        responses = [None] * len(requests)
        groups = {}
        for index, request in enumerate(requests):
            try:
                video, queries = read_request(request)
            except InputError as error:
                responses[index] = error_response(str(error))
                continue
            groups.setdefault((video.shape[1:], queries.shape[1:]), []).append((index, video, queries))

        for members in groups.values():
            try:
                tracks, visibility = self.track(
                    np.concatenate([video for _, video, _ in members]),
                    np.concatenate([queries for _, _, queries in members]))
            except Exception as error:  # one failed pass fails its requests, not the others
                self.logger.log_error("cotracker: %s" % error)
                for index, _, _ in members:
                    responses[index] = error_response("cotracker failed: %s" % error)
                continue
            start = 0
            for index, video, _ in members:
                end = start + video.shape[0]
                responses[index] = pb_utils.InferenceResponse(output_tensors=[
                    pb_utils.Tensor("tracks", as_output(tracks[start:end], self.tracks_dtype)),
                    pb_utils.Tensor("visibility", as_output(visibility[start:end], self.visibility_dtype)),
                ])
                start = end
        return responses

    def track(self, video, queries):
        torch = self.torch
        with torch.no_grad():
            tracks, visibility = self.predictor(
                torch.from_numpy(video).to(self.device),
                queries=torch.from_numpy(queries).to(self.device),
                backward_tracking=self.backward_tracking)
        tracks = tracks.float().cpu().numpy()
        visibility = visibility.float().cpu().numpy()
        batch, frames, count = video.shape[0], video.shape[1], queries.shape[1]
        if tracks.shape != (batch, frames, count, 2) or visibility.shape != (batch, frames, count):
            raise RuntimeError("predictor returned tracks %s and visibility %s for video %s and queries %s"
                               % (list(tracks.shape), list(visibility.shape), list(video.shape),
                                  list(queries.shape)))
        return tracks, visibility

    def finalize(self):
        self.predictor = None
        if self.torch.cuda.is_available():
            self.torch.cuda.empty_cache()


def read_request(request):
    video = required_input(request, "video", np.float32)
    queries = required_input(request, "queries", np.float32)
    if video.ndim != 5 or video.shape[2] != 3 or video.shape[1] < 1 or min(video.shape[3:]) < 2:
        raise InputError("input 'video' must have shape [b, T, 3, H, W] (RGB frames 0..255, H and W at "
                         "least 2), got %s" % list(video.shape))
    if queries.ndim != 3 or queries.shape[2] != 3 or queries.shape[1] < 1:
        raise InputError("input 'queries' must have shape [b, N, 3] with rows (t, x, y), got %s"
                         % list(queries.shape))
    if queries.shape[0] != video.shape[0]:
        raise InputError("input 'queries' has batch %d but input 'video' has batch %d"
                         % (queries.shape[0], video.shape[0]))
    if not np.isfinite(queries).all():
        raise InputError("input 'queries' holds NaN or infinite values")
    frames = queries[:, :, 0]
    if (frames != np.round(frames)).any() or frames.min() < 0 or frames.max() > video.shape[1] - 1:
        raise InputError("input 'queries' column t must hold whole frame indices in 0..%d, got %s..%s"
                         % (video.shape[1] - 1, frames.min(), frames.max()))
    return video, queries


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
        params[key] = value["string_value"]
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
