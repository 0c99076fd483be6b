"""Stand-in for AniDoc's `pipelines.AniDoc` module (the published inference's pipeline class).

Same loading and call interface as AniDocPipeline. Instead of diffusion it paints what the
condition says: paper pixels take the reference colour at the same place, line pixels stay black,
and a pixel holding point k in the frame point map takes the reference colour at point k of the
reference point map. That makes every channel of the condition visible in the output.

Like the real pipeline (pipelines/AniDoc.py at ebffc826, tests/README.md lists the lines) it
ignores `fps` and `motion_bucket_id` (its time ids are fixed to fps 6, motion bucket 128 and noise
0.02), and it fails when `max_guidance_scale <= 1`: the controlnet condition is always doubled
for guidance but the image embeddings are not.
"""
import json
import os

import numpy as np
import PIL.Image
import torch

# Like the real pipeline module, this needs AniDoc's own Co-Tracker copy (the published package
# has no sample_trajectories).
from cotracker.predictor import CoTrackerPredictor, generate_gassian_heatmap, sample_trajectories  # noqa: F401
from models_diffusers.controlnet_svd import ControlNetSVDModel
from models_diffusers.unet_spatio_temporal_condition import UNetSpatioTemporalConditionModel

loads = []
calls = []


class AniDocPipelineOutput:
    def __init__(self, frames):
        self.frames = frames


class AniDocPipeline:
    def __init__(self, path, unet, controlnet, dtype, variant, local_files_only):
        self.path = path
        self.unet = unet
        self.controlnet = controlnet
        self.dtype = dtype
        self.variant = variant
        self.local_files_only = local_files_only
        self.device = torch.device("cpu")

    @classmethod
    def from_pretrained(cls, pretrained_model_name_or_path, unet=None, controlnet=None, low_cpu_mem_usage=True,
                        torch_dtype=None, variant=None, local_files_only=False, **kwargs):
        index = os.path.join(pretrained_model_name_or_path, "model_index.json")
        if not os.path.isfile(index):
            raise OSError("no file named model_index.json found in %s" % pretrained_model_name_or_path)
        with open(index) as f:
            json.load(f)
        if not isinstance(unet, UNetSpatioTemporalConditionModel) or not isinstance(controlnet, ControlNetSVDModel):
            raise TypeError("AniDocPipeline needs AniDoc's unet and controlnet")
        pipeline = cls(pretrained_model_name_or_path, unet, controlnet, torch_dtype, variant, local_files_only)
        loads.append(pipeline)
        return pipeline

    def to(self, device):
        self.device = torch.device(device)
        return self

    def __call__(self, image, controlnet_condition=None, height=576, width=1024, num_frames=None,
                 num_inference_steps=25, min_guidance_scale=1.0, max_guidance_scale=3.0, fps=None,
                 motion_bucket_id=None, noise_aug_strength=0.02, decode_chunk_size=None,
                 num_videos_per_prompt=1, generator=None, latents=None, output_type="pil",
                 return_dict=True, **kwargs):
        # the real defaults are fps 7 and motion_bucket_id 127; None tells whether a caller set them
        do_classifier_free_guidance = max_guidance_scale > 1.0
        embeddings_batch = 2 if do_classifier_free_guidance else 1
        condition_batch = 2 * controlnet_condition.shape[0]  # torch.cat([controlnet_condition] * 2)
        if embeddings_batch != condition_batch:
            raise RuntimeError("The size of tensor a (%d) must match the size of tensor b (%d) at non-singleton "
                               "dimension 0" % (embeddings_batch, condition_batch))
        if not isinstance(image, PIL.Image.Image) or image.mode != "RGB" or image.size != (width, height):
            raise ValueError("image must be an RGB PIL image of %dx%d" % (width, height))
        if tuple(controlnet_condition.shape) != (1, num_frames, 8, height, width):
            raise ValueError("Controlnet condition should have shape (1, %d, 8, %d, %d), got %s"
                             % (num_frames, height, width, tuple(controlnet_condition.shape)))
        if controlnet_condition.dtype != self.dtype or controlnet_condition.device != self.device:
            raise ValueError("condition must be %s on %s" % (self.dtype, self.device))
        if output_type != "np":
            raise ValueError("this stand-in answers output_type='np' only")
        calls.append({
            "seed": generator.initial_seed(),
            "draw": torch.rand(1, generator=generator).item(),
            "num_inference_steps": num_inference_steps, "min_guidance_scale": min_guidance_scale,
            "max_guidance_scale": max_guidance_scale, "noise_aug_strength": noise_aug_strength,
            "decode_chunk_size": decode_chunk_size,
            "knobs_given": sorted(name for name, value in (("fps", fps), ("motion_bucket_id", motion_bucket_id))
                                  if value is not None),
            "time_ids": (6, 128, 0.02),  # what the real pipeline conditions on, whatever it is given
            "condition": controlnet_condition[0].float().cpu().numpy(),
        })
        condition = controlnet_condition[0].float().cpu().numpy()
        paper = condition[:, 0] > 0                                   # T H W
        ref_map, frame_map = condition[:, 3], condition[:, 4]
        reference = condition[:, 5:8] * 0.5 + 0.5                     # T 3 H W, 0..1
        colors = np.asarray(image, dtype=np.float32).transpose(2, 0, 1) / 255.0
        frames = np.where(paper[:, np.newaxis], colors[np.newaxis], 0.0)
        for t in range(num_frames):
            for k in np.unique(frame_map[t]):
                if k <= 0:
                    continue
                ys, xs = np.nonzero(ref_map[t] == k)
                if len(ys):
                    targets = frame_map[t] == k
                    frames[t][:, targets] = reference[t][:, ys[0], xs[0]][:, np.newaxis]
        return AniDocPipelineOutput([frames.transpose(0, 2, 3, 1).astype(np.float32)])
