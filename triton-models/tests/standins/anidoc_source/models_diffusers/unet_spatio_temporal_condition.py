"""Stand-in for AniDoc's `models_diffusers.unet_spatio_temporal_condition`: loads a config only."""
import json
import os

import torch

loads = []


class UNetSpatioTemporalConditionModel:
    def __init__(self, config):
        self.config = config
        self.device = torch.device("cpu")
        self.dtype = torch.float32
        self.xformers = False

    @classmethod
    def from_pretrained(cls, pretrained_model_name_or_path, subfolder=None, torch_dtype=None,
                        low_cpu_mem_usage=True, custom_resume=False, **kwargs):
        folder = os.path.join(pretrained_model_name_or_path, subfolder or "")
        with open(os.path.join(folder, "config.json")) as f:
            model = cls(json.load(f))
        loads.append({"path": folder, "torch_dtype": torch_dtype, "custom_resume": custom_resume})
        return model

    def to(self, device=None, dtype=None):
        self.device = torch.device(device) if device is not None else self.device
        self.dtype = dtype or self.dtype
        return self

    def enable_xformers_memory_efficient_attention(self):
        self.xformers = True
