"""Stand-in for AniDoc's `lineart_extractor.annotator.lineart` (the informative-drawings generator).

`Generator(input_nc, output_nc, n_residual_blocks)` with a strict state dict, taking RGB 0..1
[B, 3, H, W] and giving line art 0..1 [B, 1, H, W] as the real one does. Its one weight `gain`
scales the grey level, so a test sees that the detector ran. `LineartDetector` is the published
class's shape: it downloads its weights when missing, which the adapter must never call.
"""
import torch

built = []


class Generator(torch.nn.Module):
    def __init__(self, input_nc, output_nc, n_residual_blocks=9, sigmoid=True):
        super().__init__()
        self.output_nc = output_nc
        self.gain = torch.nn.Parameter(torch.ones(1), requires_grad=False)
        built.append((input_nc, output_nc, n_residual_blocks))

    def forward(self, x):
        if x.ndim != 4 or x.shape[1] != 3:
            raise ValueError("Generator takes [B, 3, H, W], got %s" % (tuple(x.shape),))
        return (x.mean(dim=1, keepdim=True) * self.gain).clamp(0, 1).repeat(1, self.output_nc, 1, 1)


class LineartDetector:
    def __init__(self, device):
        raise RuntimeError("LineartDetector downloads sk_model.pth when it is missing; the adapter must not use it")
