"""Stand-in for AniDoc's `models_diffusers.controlnet_svd`: loads a config only."""
import json
import os

import torch

loads = []


class ControlNetSVDModel:
    def __init__(self, config):
        self.config = config
        self.device = torch.device("cpu")
        self.dtype = torch.float32

    @classmethod
    def from_pretrained(cls, pretrained_model_name_or_path, **kwargs):
        with open(os.path.join(pretrained_model_name_or_path, "config.json")) as f:
            model = cls(json.load(f))
        loads.append({"path": pretrained_model_name_or_path})
        return model

    def to(self, device=None, dtype=None):
        self.device = torch.device(device) if device is not None else self.device
        self.dtype = dtype or self.dtype
        return self
