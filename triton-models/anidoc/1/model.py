"""Triton Python backend adapter for the AniDoc diffusion colorizer.

Contract (triton-models/README.md has the full table); T, H, W are the model's parameters
`frames`, `height` and `width` (14, 320, 512 for the published checkpoint):
  reference     UINT8 [1, 3, H, W]     colored reference, RGB
  sketches      UINT8 [1, T, 1, H, W]  line art of every frame: dark lines on white paper
  ref_points    INT32 [1, H, W]        matched points on the reference: 0 none, k the k-th point
  frame_points  INT32 [1, T, H, W]     the same points located in every frame (0 where not seen)
  frames        UINT8 [1, T, 3, H, W]  colored frames, RGB

The adapter keeps the matched points the published inference keeps (at most `max_points`, seen in
more than `point_min_visible_frames` frames, moving more than `point_min_motion` pixels per frame,
drawn in proportion to their motion), optionally redraws the line art with AniDoc's line-art
detector (`lineart_weights`), builds the 8-channel condition the published inference builds
(sketch x3, reference point map, frame point map, reference x3) and runs AniDoc's own pipeline on
it. Pipeline knobs the published pipeline overwrites (fps, motion_bucket_id) are not offered. AniDoc's sources
(parameter `anidoc_source`) and the weights (parameters `svd_weights`, `anidoc_weights`, relative
to the version directory unless absolute) come from the image and the model directory; nothing is
downloaded.
"""
import importlib.machinery
import importlib.util
import json
import os
import sys

import numpy as np
import triton_python_backend_utils as pb_utils

DEFAULTS = {
    "anidoc_source": "/opt/anidoc",
    "svd_weights": "weights/stable-video-diffusion-img2vid-xt",
    "anidoc_weights": "weights/anidoc",
    "frames": "14",
    "height": "320",
    "width": "512",
    "max_candidates": "50",
    "max_points": "10",
    "point_min_visible_frames": "3",
    "point_min_motion": "1.0",
    "sketch_threshold": "200",
    "lineart_weights": "",
    "num_inference_steps": "25",
    "min_guidance_scale": "1.0",
    "max_guidance_scale": "3.0",
    "decode_chunk_size": "8",
    "noise_aug_strength": "0.02",
    "seed": "42",
}

OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


class InputError(ValueError):
    """A request whose tensors do not follow the contract."""


class TritonPythonModel:

    def initialize(self, args):
        os.environ.update(OFFLINE)  # before diffusers and transformers read them at import
        self.logger = pb_utils.Logger
        config = json.loads(args["model_config"])
        params = model_parameters(config, DEFAULTS)
        version_dir = os.path.join(args["model_repository"], str(args["model_version"]))
        source_dir = params["anidoc_source"]
        svd_dir = resolve(version_dir, params["svd_weights"])
        anidoc_dir = resolve(version_dir, params["anidoc_weights"])
        require_path(os.path.join(source_dir, "pipelines", "AniDoc.py"),
                     "AniDoc's sources (parameter anidoc_source)")
        require_path(os.path.join(svd_dir, "model_index.json"),
                     "the Stable Video Diffusion img2vid-xt weights (parameter svd_weights)")
        require_path(os.path.join(anidoc_dir, "unet", "config.json"),
                     "AniDoc's unet weights (parameter anidoc_weights)")
        require_path(os.path.join(anidoc_dir, "controlnet", "config.json"),
                     "AniDoc's controlnet weights (parameter anidoc_weights)")

        self.frames = int(params["frames"])
        self.height = int(params["height"])
        self.width = int(params["width"])
        self.max_candidates = int(params["max_candidates"])
        self.selection = PointSelection(int(params["max_points"]), int(params["point_min_visible_frames"]),
                                        float(params["point_min_motion"]))
        self.sketch_threshold = int(params["sketch_threshold"])
        self.seed = int(params["seed"])
        self.call_options = {
            "num_inference_steps": int(params["num_inference_steps"]),
            "min_guidance_scale": float(params["min_guidance_scale"]),
            "max_guidance_scale": float(params["max_guidance_scale"]),
            "decode_chunk_size": int(params["decode_chunk_size"]),
            "noise_aug_strength": float(params["noise_aug_strength"]),
        }
        if self.height % 8 or self.width % 8:
            raise ValueError("anidoc: height %d and width %d must be multiples of 8"
                             % (self.height, self.width))
        check_guidance(self.call_options["min_guidance_scale"], self.call_options["max_guidance_scale"])
        lineart_weights = resolve(version_dir, params["lineart_weights"]) if params["lineart_weights"] else None
        if lineart_weights:
            require_path(lineart_weights, "the line-art detector's weights sk_model.pth (parameter lineart_weights)")
        self.frames_dtype = output_dtype(config, "frames")

        bind_anidoc_sources(source_dir)
        import torch
        from models_diffusers.controlnet_svd import ControlNetSVDModel
        from models_diffusers.unet_spatio_temporal_condition import UNetSpatioTemporalConditionModel
        from pipelines.AniDoc import AniDocPipeline

        self.torch = torch
        self.device = pick_device(torch, args)
        if args.get("model_instance_kind") == "GPU" and self.device.type != "cuda":
            self.logger.log_warn("anidoc: a GPU instance was asked for but CUDA is not available; running on CPU")
        # Half precision as published; CPU kernels want full precision.
        self.dtype = torch.float16 if self.device.type == "cuda" else torch.float32

        unet = UNetSpatioTemporalConditionModel.from_pretrained(
            anidoc_dir, subfolder="unet", torch_dtype=self.dtype, low_cpu_mem_usage=True, custom_resume=True)
        unet.to(self.device, self.dtype)
        controlnet = ControlNetSVDModel.from_pretrained(os.path.join(anidoc_dir, "controlnet"))
        controlnet.to(self.device, self.dtype)
        if self.device.type == "cuda" and importlib.util.find_spec("xformers") is not None:
            unet.enable_xformers_memory_efficient_attention()
        self.pipeline = AniDocPipeline.from_pretrained(
            svd_dir, unet=unet, controlnet=controlnet, low_cpu_mem_usage=False,
            torch_dtype=self.dtype, variant="fp16", local_files_only=True)
        self.pipeline.to(self.device)
        self.lineart = load_lineart_detector(torch, lineart_weights, self.device) if lineart_weights else None
        self.logger.log_info("anidoc: loaded %s and %s on %s (%d frames at %dx%d)"
                             % (anidoc_dir, svd_dir, self.device, self.frames, self.width, self.height))

    def execute(self, requests):
        responses = []
        for request in requests:  # one diffusion run per clip; a failure answers only its request
            try:
                inputs = self.read_request(request)
                frames = self.colorize(*inputs)
                responses.append(pb_utils.InferenceResponse(
                    output_tensors=[pb_utils.Tensor("frames", as_output(frames, self.frames_dtype))]))
            except InputError as error:
                responses.append(error_response(str(error)))
            except Exception as error:
                self.logger.log_error("anidoc: %s" % error)
                responses.append(error_response("anidoc failed: %s" % error))
        return responses

    def read_request(self, request):
        t, h, w = self.frames, self.height, self.width
        reference = required_input(request, "reference", np.uint8, (1, 3, h, w), "RGB reference")
        sketches = required_input(request, "sketches", np.uint8, (1, t, 1, h, w), "line art per frame")
        ref_points = required_input(request, "ref_points", np.int32, (1, h, w), "point index map")
        frame_points = required_input(request, "frame_points", np.int32, (1, t, h, w), "point index maps")
        for name, points in (("ref_points", ref_points), ("frame_points", frame_points)):
            if points.min() < 0 or points.max() > self.max_candidates:
                raise InputError("input '%s' must hold point indices 0..%d (parameter max_candidates), got %d..%d"
                                 % (name, self.max_candidates, points.min(), points.max()))
        return reference[0], sketches[0], ref_points[0], frame_points[0]

    def colorize(self, reference, sketches, ref_points, frame_points):
        from PIL import Image

        torch = self.torch
        ref_points, frame_points = self.selection.select(ref_points, frame_points,
                                                         torch.Generator().manual_seed(self.seed))
        if self.lineart is not None:
            sketches = self.lineart(sketches)
        condition = build_condition(reference, sketches, ref_points, frame_points, self.sketch_threshold)
        condition = torch.from_numpy(condition).unsqueeze(0).to(self.device, self.dtype)
        # A fresh generator per clip: the same request gives the same frames.
        generator = torch.Generator(device="cpu").manual_seed(self.seed)
        with torch.inference_mode():
            result = self.pipeline(
                Image.fromarray(np.ascontiguousarray(reference.transpose(1, 2, 0))),
                condition,
                height=self.height,
                width=self.width,
                num_frames=self.frames,
                generator=generator,
                output_type="np",
                **self.call_options)
        frames = np.asarray(result.frames[0])
        expected = (self.frames, self.height, self.width, 3)
        if frames.shape != expected:
            raise RuntimeError("pipeline returned frames of shape %s, expected %s"
                               % (list(frames.shape), list(expected)))
        frames = np.clip(np.rint(frames * 255.0), 0, 255).astype(np.uint8)
        return frames.transpose(0, 3, 1, 2)[np.newaxis]

    def finalize(self):
        self.pipeline = None
        if self.torch.cuda.is_available():
            self.torch.cuda.empty_cache()


def check_guidance(min_scale, max_scale):
    """AniDoc's pipeline always doubles its conditions for classifier-free guidance, but switches the
    guidance off for the image embeddings when max_guidance_scale <= 1: the shapes then disagree."""
    if not max_scale > 1.0:
        raise ValueError("anidoc: max_guidance_scale must be above 1, got %s: AniDoc's pipeline always runs "
                         "classifier-free guidance (it doubles the controlnet condition), and a scale of 1 or "
                         "less turns it off for the image embeddings only, which fails every clip" % max_scale)
    if not 0 < min_scale <= max_scale:
        raise ValueError("anidoc: min_guidance_scale must be in (0, max_guidance_scale], got %s (max %s)"
                         % (min_scale, max_scale))


class PointSelection:
    """The points the published inference keeps (`sample_trajectories_with_ref` in AniDoc's
    cotracker/predictor.py, called with max_points 10, motion_threshold 1, vis_threshold 3):
    points seen in more than `min_visible` frames and moving more than `min_motion` pixels per frame
    on average, at most `max_points` of them drawn without replacement with probability in
    proportion to their motion. Points are renumbered 1..n in the order drawn.

    The point maps carry where each point is seen; between two frames that see it, a point is taken
    to move in a straight line (the published tracks predict it there), so its motion is its path
    through the frames that see it over the frames that path spans.
    """

    def __init__(self, max_points, min_visible, min_motion):
        if max_points < 1 or min_visible < 0 or not min_motion >= 0:
            raise ValueError("anidoc: max_points must be at least 1, point_min_visible_frames and "
                             "point_min_motion at least 0; got %s, %s, %s" % (max_points, min_visible, min_motion))
        self.max_points = max_points
        self.min_visible = min_visible
        self.min_motion = min_motion

    def select(self, ref_points, frame_points, generator):
        import torch
        candidates, motions = [], []
        seen = self.sightings(frame_points)
        for k in np.unique(ref_points[ref_points > 0]):
            visible, motion = self.motion(seen.get(int(k), []))
            if visible > self.min_visible and motion > self.min_motion:
                candidates.append(int(k))
                motions.append(motion)
        ref_out = np.zeros_like(ref_points)
        frames_out = np.zeros_like(frame_points)
        if not candidates:
            return ref_out, frames_out
        motion = torch.tensor(motions, dtype=torch.float64)
        prob = motion / motion.max() if motion.max() > 0 else torch.ones_like(motion)
        prob = prob / prob.sum()
        drawn = torch.multinomial(prob, min(self.max_points, len(candidates)), replacement=False,
                                  generator=generator)
        for index, pick in enumerate(drawn.tolist(), start=1):
            k = candidates[pick]
            ref_out[ref_points == k] = index
            frames_out[frame_points == k] = index
        return ref_out, frames_out

    @staticmethod
    def sightings(frame_points):
        """Point index -> [(t, x, y)] of the frames that see it, in frame order (its mean pixel there)."""
        seen = {}
        for t in range(frame_points.shape[0]):
            ys, xs = np.nonzero(frame_points[t])
            ks = frame_points[t][ys, xs]
            for k in np.unique(ks):
                at = ks == k
                seen.setdefault(int(k), []).append((t, xs[at].mean(), ys[at].mean()))
        return seen

    @staticmethod
    def motion(seen):
        """(frames that see a point, its mean displacement per frame in pixels) from its sightings."""
        if len(seen) < 2:
            return len(seen), 0.0
        path = sum(np.hypot(b[1] - a[1], b[2] - a[2]) for a, b in zip(seen, seen[1:]))
        return len(seen), float(path / (seen[-1][0] - seen[0][0]))


def load_lineart_detector(torch, weights, device):
    """AniDoc's line-art detector (lineart_extractor/annotator/lineart, the `LineartDetector` the
    published inference runs on every frame with coarse=False), built from its weights file here:
    the published class downloads them when they are missing, which this server must never do."""
    from lineart_extractor.annotator.lineart import Generator

    model = Generator(3, 1, 3)
    model.load_state_dict(torch.load(weights, map_location="cpu"))
    model.eval()
    model = model.to(device)

    def detect(sketches):
        """Line art [T, 1, H, W] UINT8 redrawn by the detector, dark lines on white as it draws them."""
        with torch.no_grad():
            grey = torch.from_numpy(np.ascontiguousarray(sketches)).to(device).float() / 255.0
            lines = model(grey.repeat(1, 3, 1, 1))[:, :1]
        return (lines.cpu().numpy() * 255.0).clip(0, 255).astype(np.uint8)

    return detect


def build_condition(reference, sketches, ref_points, frame_points, sketch_threshold):
    """The controlnet condition [T, 8, H, W] as AniDoc's inference lays it out.

    Channels: sketch (3, -1..1), reference point map (1), frame point map (1), reference (3, -1..1).
    Point maps carry raw point indices, as the published inference feeds them.
    """
    frames = sketches.shape[0]
    lines = sketches[:, 0].astype(np.float32)
    if sketch_threshold > 0:  # quantise line art to black and white as the published inference does
        lines = np.where(lines > sketch_threshold, 255.0, 0.0).astype(np.float32)
    sketch = np.repeat((lines / 255.0 - 0.5)[:, np.newaxis] / 0.5, 3, axis=1)
    ref_map = np.broadcast_to(ref_points.astype(np.float32), (frames, 1) + ref_points.shape)
    frame_map = frame_points.astype(np.float32)[:, np.newaxis]
    ref = (reference.astype(np.float32) / 255.0 - 0.5) / 0.5
    ref = np.broadcast_to(ref, (frames,) + ref.shape)
    return np.concatenate([sketch, ref_map, frame_map, ref], axis=1)


def bind_anidoc_sources(source_dir):
    """Makes AniDoc's modules importable in this process.

    AniDoc ships a modified Co-Tracker under the package name `cotracker`, and its pipeline imports
    helpers only that copy has. The image also holds the published `cotracker` package for the
    cotracker model; each Triton Python model runs in its own process, so this one binds the name
    to AniDoc's copy.
    """
    if source_dir not in sys.path:
        sys.path.insert(0, source_dir)
    for name in [name for name in sys.modules if name == "cotracker" or name.startswith("cotracker.")]:
        del sys.modules[name]
    package_dir = os.path.join(source_dir, "cotracker")
    init = os.path.join(package_dir, "__init__.py")
    if os.path.isfile(init):
        spec = importlib.util.spec_from_file_location("cotracker", init, submodule_search_locations=[package_dir])
    else:
        spec = importlib.machinery.ModuleSpec("cotracker", None, is_package=True)
        spec.submodule_search_locations = [package_dir]
    package = importlib.util.module_from_spec(spec)
    sys.modules["cotracker"] = package
    if spec.loader is not None:
        spec.loader.exec_module(package)


def required_input(request, name, dtype, shape, meaning):
    tensor = pb_utils.get_input_tensor_by_name(request, name)
    if tensor is None:
        raise InputError("input '%s' is missing" % name)
    array = tensor.as_numpy()
    if array.dtype != dtype:
        raise InputError("input '%s' must be %s, got %s" % (name, np.dtype(dtype).name, array.dtype.name))
    if array.shape != shape:
        raise InputError("input '%s' (%s) must have shape %s (frames, height, width from the model's "
                         "parameters), got %s" % (name, meaning, list(shape), list(array.shape)))
    return array


def require_path(path, what):
    if not os.path.exists(path):
        raise FileNotFoundError("anidoc: %s not found at %s (see triton-models/README.md)" % (what, path))


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


def pick_device(torch, args):
    if args.get("model_instance_kind") == "GPU" and torch.cuda.is_available():
        return torch.device("cuda:%s" % args.get("model_instance_device_id", "0"))
    return torch.device("cpu")
