"""The AniDoc adapter (anidoc/1/model.py) run for real against stand-ins of AniDoc's modules."""
import json
import os
import shutil
import sys

import numpy as np
import pytest
import torch

from conftest import ANIDOC_SOURCE, error_message, output, request

FRAMES, HEIGHT, WIDTH = 3, 16, 24


def write_json(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(content, f)


@pytest.fixture
def anidoc(repository):
    """The anidoc model with weights laid out as the README says, at a small clip size."""
    repo = repository("anidoc")
    weights = os.path.join(repo.version_dir, "weights")
    write_json(os.path.join(weights, "stable-video-diffusion-img2vid-xt", "model_index.json"),
               {"_class_name": "StableVideoDiffusionPipeline"})
    write_json(os.path.join(weights, "anidoc", "unet", "config.json"), {"in_channels": 8})
    write_json(os.path.join(weights, "anidoc", "controlnet", "config.json"), {"conditioning_channels": 8})
    repo.set_parameter("anidoc_source", ANIDOC_SOURCE)
    repo.set_parameter("frames", FRAMES)
    repo.set_parameter("height", HEIGHT)
    repo.set_parameter("width", WIDTH)
    # the clips here are 3 frames with points seen once or twice: keep every moving point
    repo.set_parameter("point_min_visible_frames", 0)
    repo.set_parameter("point_min_motion", 0)
    return repo


def standin(module):
    return sys.modules[module]


def clip_inputs():
    """A reference with four colour blocks, line art with a vertical line, and two matched points."""
    reference = np.zeros((1, 3, HEIGHT, WIDTH), np.uint8)
    reference[0, :, :8, :12] = np.array([200, 30, 40], np.uint8)[:, None, None]
    reference[0, :, :8, 12:] = np.array([20, 180, 60], np.uint8)[:, None, None]
    reference[0, :, 8:, :12] = np.array([10, 20, 230], np.uint8)[:, None, None]
    reference[0, :, 8:, 12:] = np.array([250, 250, 0], np.uint8)[:, None, None]
    sketches = np.full((1, FRAMES, 1, HEIGHT, WIDTH), 240, np.uint8)  # light grey paper
    sketches[0, :, 0, :, 5] = 40                                      # a dark line
    sketches[0, 1, 0, 3, 3] = 201                                     # just above the threshold: paper
    sketches[0, 2, 0, 3, 3] = 200                                     # at the threshold: line
    ref_points = np.zeros((1, HEIGHT, WIDTH), np.int32)
    ref_points[0, 2, 2] = 1                                           # in the red block
    ref_points[0, 12, 20] = 2                                         # in the yellow block
    frame_points = np.zeros((1, FRAMES, HEIGHT, WIDTH), np.int32)
    frame_points[0, 0, 2, 2] = 1
    frame_points[0, 1, 12, 18] = 2                                    # point 2 moved left ...
    frame_points[0, 2, 3, 14] = 1                                     # ... point 1 into the green block
    return {"reference": reference, "sketches": sketches, "ref_points": ref_points, "frame_points": frame_points}


def expected_frames(inputs):
    """What the stand-in pipeline paints, worked out from the inputs alone."""
    reference = inputs["reference"][0]
    paper = inputs["sketches"][0, :, 0] > 200
    frames = np.where(paper[:, None], reference[None], 0).astype(np.uint8)
    ref_points, frame_points = inputs["ref_points"][0], inputs["frame_points"][0]
    for t in range(FRAMES):
        for y, x in zip(*np.nonzero(frame_points[t])):
            ys, xs = np.nonzero(ref_points == frame_points[t, y, x])
            frames[t, :, y, x] = reference[:, ys[0], xs[0]]
    return frames[None]


def test_sources_and_weights_come_from_the_configured_places(anidoc):
    anidoc.start(kind="CPU")
    weights = os.path.join(anidoc.version_dir, "weights")
    [unet] = standin("models_diffusers.unet_spatio_temporal_condition").loads
    assert unet == {"path": os.path.join(weights, "anidoc", "unet"), "torch_dtype": torch.float32,
                    "custom_resume": True}
    [controlnet] = standin("models_diffusers.controlnet_svd").loads
    assert controlnet["path"] == os.path.join(weights, "anidoc", "controlnet")
    [pipeline] = standin("pipelines.AniDoc").loads
    assert pipeline.path == os.path.join(weights, "stable-video-diffusion-img2vid-xt")
    assert pipeline.variant == "fp16" and pipeline.local_files_only is True
    assert standin("pipelines.AniDoc").__file__.startswith(ANIDOC_SOURCE)
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"


@pytest.mark.parametrize("with_init", [False, True])
def test_anidocs_own_cotracker_copy_wins_over_the_published_package(anidoc, tmp_path, with_init):
    import cotracker.predictor  # the published package, as another model would have it
    assert not hasattr(cotracker.predictor, "sample_trajectories")
    source = tmp_path / "anidoc_source"
    shutil.copytree(ANIDOC_SOURCE, str(source))
    if with_init:
        (source / "cotracker" / "__init__.py").write_text("COPY = 'anidoc'\n")
    anidoc.set_parameter("anidoc_source", str(source))

    anidoc.start(kind="CPU")
    assert sys.modules["cotracker.predictor"].__file__ == str(source / "cotracker" / "predictor.py")
    assert hasattr(sys.modules["cotracker.predictor"], "sample_trajectories")
    assert getattr(sys.modules["cotracker"], "COPY", None) == ("anidoc" if with_init else None)


@pytest.mark.parametrize("missing, named", [
    ("weights/stable-video-diffusion-img2vid-xt/model_index.json", "Stable Video Diffusion"),
    ("weights/anidoc/unet/config.json", "unet"),
    ("weights/anidoc/controlnet/config.json", "controlnet"),
])
def test_missing_weights_fail_loading_with_their_path(anidoc, missing, named):
    os.remove(os.path.join(anidoc.version_dir, missing))
    with pytest.raises(FileNotFoundError) as failure:
        anidoc.start(kind="CPU")
    assert os.path.join(anidoc.version_dir, missing) in str(failure.value) and named in str(failure.value)


def test_missing_sources_fail_loading_with_their_path(anidoc, tmp_path):
    anidoc.set_parameter("anidoc_source", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="AniDoc's sources .* at %s" % (tmp_path / "nowhere")):
        anidoc.start(kind="CPU")


def test_a_clip_is_colorized_from_the_condition_the_adapter_builds(anidoc):
    model = anidoc.start(kind="CPU")
    inputs = clip_inputs()
    [response] = model.execute([request(**inputs)])

    frames = output(response, "frames")
    assert frames.shape == (1, FRAMES, 3, HEIGHT, WIDTH) and frames.dtype == np.uint8
    np.testing.assert_array_equal(frames, expected_frames(inputs))
    assert frames[0, 2, :, 3, 14].tolist() == [200, 30, 40]   # point 1 carried the red into the green block
    assert frames[0, 0, :, 0, 5].tolist() == [0, 0, 0]        # the line stays black


def test_the_condition_has_the_published_channel_layout(anidoc):
    adapter = anidoc.load_adapter()
    inputs = clip_inputs()
    condition = adapter.build_condition(inputs["reference"][0], inputs["sketches"][0], inputs["ref_points"][0],
                                        inputs["frame_points"][0], 200)
    assert condition.shape == (FRAMES, 8, HEIGHT, WIDTH) and condition.dtype == np.float32
    assert set(np.unique(condition[:, 0:3])) == {-1.0, 1.0}                 # quantised sketch
    np.testing.assert_array_equal(condition[:, 0], condition[:, 2])
    assert condition[1, 0, 3, 3] == 1.0 and condition[2, 0, 3, 3] == -1.0
    assert condition[2, 3, 12, 20] == 2.0 and condition[0, 3].sum() == 3.0   # raw reference point indices
    assert condition[2, 4, 3, 14] == 1.0 and condition[2, 4].sum() == 1.0    # raw frame point indices
    np.testing.assert_allclose(condition[1, 5:8, 0, 0], np.array([200, 30, 40]) / 127.5 - 1, atol=1e-6)

    grey = adapter.build_condition(inputs["reference"][0], inputs["sketches"][0], inputs["ref_points"][0],
                                   inputs["frame_points"][0], 0)
    np.testing.assert_allclose(grey[0, 0, 0, 0], 240 / 127.5 - 1, atol=1e-6)


def test_each_clip_is_seeded_alike_so_the_same_request_gives_the_same_frames(anidoc):
    anidoc.set_parameter("seed", 7)
    anidoc.set_parameter("num_inference_steps", 12)
    model = anidoc.start(kind="CPU")
    inputs = clip_inputs()
    first, second = model.execute([request(**inputs), request(**inputs)])

    np.testing.assert_array_equal(output(first, "frames"), output(second, "frames"))
    calls = standin("pipelines.AniDoc").calls
    assert [call["seed"] for call in calls] == [7, 7]
    assert calls[0]["draw"] == calls[1]["draw"]
    assert calls[0]["num_inference_steps"] == 12 and calls[0]["decode_chunk_size"] == 8
    assert calls[0]["noise_aug_strength"] == 0.02


@pytest.mark.parametrize("name, bad, detail", [
    ("sketches", np.zeros((1, FRAMES + 1, 1, HEIGHT, WIDTH), np.uint8), "[1, 3, 1, 16, 24]"),
    ("sketches", np.zeros((1, FRAMES, 3, HEIGHT, WIDTH), np.uint8), "got [1, 3, 3, 16, 24]"),
    ("reference", np.zeros((1, 3, HEIGHT, WIDTH + 8), np.uint8), "[1, 3, 16, 24]"),
    ("reference", np.zeros((1, 3, HEIGHT, WIDTH), np.float32), "uint8"),
    ("ref_points", np.full((1, HEIGHT, WIDTH), 51, np.int32), "0..50 (parameter max_candidates)"),
    ("frame_points", np.full((1, FRAMES, HEIGHT, WIDTH), -1, np.int32), "0..50"),
])
def test_a_bad_request_gets_an_error_naming_the_tensor_and_the_others_are_answered(anidoc, name, bad, detail):
    model = anidoc.start(kind="CPU")
    inputs = clip_inputs()
    broken = dict(inputs, **{name: bad})
    responses = model.execute([request(**broken), request(**inputs)])

    message = error_message(responses[0])
    assert "'%s'" % name in message and detail in message
    np.testing.assert_array_equal(output(responses[1], "frames"), expected_frames(inputs))


def test_a_missing_input_is_named(anidoc):
    model = anidoc.start(kind="CPU")
    inputs = clip_inputs()
    del inputs["frame_points"]
    [response] = model.execute([request(**inputs)])
    assert error_message(response) == "input 'frame_points' is missing"


def test_a_clip_size_the_diffusion_model_cannot_take_is_refused_at_load(anidoc):
    anidoc.set_parameter("width", 20)
    with pytest.raises(ValueError, match="multiples of 8"):
        anidoc.start(kind="CPU")


def test_finalize_releases_the_pipeline(anidoc):
    model = anidoc.start(kind="CPU")
    model.finalize()
    assert model.pipeline is None


# ---- as the published inference and pipeline behave ----------------------------------------------

def test_the_configuration_carries_the_published_point_selection_and_no_dead_knobs(model_config_pb2):
    from conftest import read_config
    config = read_config(model_config_pb2, "anidoc")
    params = {key: value.string_value for key, value in config.parameters.items()}
    assert (params["max_points"], params["point_min_visible_frames"], params["point_min_motion"]) == ("10", "3", "1.0")
    assert params["lineart_weights"] == ""
    assert "fps" not in params and "motion_bucket_id" not in params


def test_the_pipeline_is_not_handed_the_knobs_it_overwrites(anidoc):
    model = anidoc.start(kind="CPU")
    model.execute([request(**clip_inputs())])
    [call] = standin("pipelines.AniDoc").calls
    assert call["knobs_given"] == []
    assert call["time_ids"] == (6, 128, 0.02)


@pytest.mark.parametrize("scale", ["1.0", "0.5"])
def test_guidance_of_one_or_less_is_refused_at_load_with_the_reason(anidoc, scale):
    anidoc.set_parameter("max_guidance_scale", scale)
    anidoc.set_parameter("min_guidance_scale", "0.5")
    with pytest.raises(ValueError, match="max_guidance_scale must be above 1.*always runs classifier-free guidance"):
        anidoc.start(kind="CPU")


def test_the_standin_pipeline_fails_at_guidance_one_as_the_real_one_does(anidoc):
    model = anidoc.start(kind="CPU")
    inputs = clip_inputs()
    condition = torch.zeros(1, FRAMES, 8, HEIGHT, WIDTH)
    from PIL import Image
    image = Image.fromarray(np.ascontiguousarray(inputs["reference"][0].transpose(1, 2, 0)))
    with pytest.raises(RuntimeError, match="must match the size"):
        model.pipeline(image, condition, height=HEIGHT, width=WIDTH, num_frames=FRAMES, max_guidance_scale=1.0,
                       generator=torch.Generator().manual_seed(1), output_type="np")


def moving_points(frames, points):
    """Point maps of `points` (k -> list of (t, x, y) where it is seen; its reference position first)."""
    ref_points = np.zeros((HEIGHT, WIDTH), np.int32)
    frame_points = np.zeros((frames, HEIGHT, WIDTH), np.int32)
    for k, seen in points.items():
        _, x0, y0 = seen[0]
        ref_points[y0, x0] = k
        for t, x, y in seen:
            frame_points[t, y, x] = k
    return ref_points, frame_points


def test_points_are_kept_as_published_seen_in_more_than_3_frames_and_moving_over_1_pixel_per_frame(anidoc):
    adapter = anidoc.load_adapter()
    selection = adapter.PointSelection(10, 3, 1.0)
    ref_points, frame_points = moving_points(6, {
        1: [(t, 2 + 2 * t, 3) for t in range(6)],        # 6 frames, 2 px per frame: kept
        2: [(t, 5, 5) for t in range(6)],                # static: dropped
        3: [(t, 2 + 2 * t, 10) for t in range(3)],       # 3 frames only: dropped
        4: [(0, 1, 14), (5, 16, 14), (2, 7, 14), (4, 13, 14)],  # 4 frames, 3 px per frame through gaps: kept
        5: [(t, 20, 1 + t) for t in range(6)],           # exactly 1 px per frame: dropped (more than 1)
    })
    kept_ref, kept_frames = selection.select(ref_points, frame_points, torch.Generator().manual_seed(3))
    kept = {int(k): tuple(np.argwhere(kept_ref == k)[0]) for k in np.unique(kept_ref) if k}
    assert sorted(kept.values()) == [(3, 2), (14, 1)]                 # points 1 and 4, renumbered 1..2
    assert sorted(kept) == [1, 2]
    for k, (y, x) in kept.items():
        original = ref_points[y, x]
        np.testing.assert_array_equal(kept_frames == k, frame_points == original)


def test_at_most_max_points_are_drawn_in_proportion_to_their_motion(anidoc):
    adapter = anidoc.load_adapter()
    fast = [(t, 1 + 4 * t, 2) for t in range(5)]                      # 4 px per frame
    slow = [(t, 1 + 2 * t, 12) for t in range(5)]                     # 2 px per frame
    ref_points, frame_points = moving_points(5, {1: fast, 2: slow})
    selection = adapter.PointSelection(1, 3, 1.0)
    picks = []
    for seed in range(300):
        kept_ref, _ = selection.select(ref_points, frame_points, torch.Generator().manual_seed(seed))
        assert np.count_nonzero(kept_ref) == 1
        picks.append(tuple(np.argwhere(kept_ref == 1)[0]))
    share_fast = picks.count((2, 1)) / len(picks)
    assert 0.58 < share_fast < 0.75                                   # 4 / (4 + 2) = 0.67


def test_a_request_with_many_candidates_reaches_the_pipeline_with_the_published_ten(anidoc):
    anidoc.set_parameter("frames", 5)
    anidoc.set_parameter("point_min_visible_frames", 3)
    anidoc.set_parameter("point_min_motion", 1.0)
    model = anidoc.start(kind="CPU")
    points = {k: [(t, 1 + 3 * t, k) for t in range(5)] for k in range(1, 13)}      # 12 moving points
    points[13] = [(t, 20, 14) for t in range(5)]                                     # and a static one
    ref_points, frame_points = moving_points(5, points)
    inputs = dict(clip_inputs())
    inputs["sketches"] = np.full((1, 5, 1, HEIGHT, WIDTH), 240, np.uint8)
    inputs["ref_points"], inputs["frame_points"] = ref_points[None], frame_points[None]
    [response] = model.execute([request(**inputs)])
    output(response, "frames")
    condition = standin("pipelines.AniDoc").calls[-1]["condition"]
    assert sorted(np.unique(condition[0, 3]).tolist()) == list(range(0, 11))          # ten points, 1..10
    assert condition[0, 3, 14, 20] == 0                                               # not the static one


def test_the_line_art_detector_redraws_every_frame_before_binarizing_when_its_weights_are_given(anidoc):
    weights = os.path.join(anidoc.version_dir, "weights", "lineart", "sk_model.pth")
    os.makedirs(os.path.dirname(weights))
    torch.save({"gain": torch.tensor([0.5])}, weights)
    anidoc.set_parameter("lineart_weights", "weights/lineart/sk_model.pth")
    model = anidoc.start(kind="CPU")
    inputs = clip_inputs()
    [response] = model.execute([request(**inputs)])
    output(response, "frames")
    condition = standin("pipelines.AniDoc").calls[-1]["condition"]
    # paper at 240 is drawn at 120 by the stand-in detector: a line after binarizing
    assert (condition[:, 0] == -1.0).all()
    assert standin("lineart_extractor.annotator.lineart").built == [(3, 1, 3)]


def test_missing_line_art_detector_weights_fail_loading_with_their_path(anidoc):
    anidoc.set_parameter("lineart_weights", "weights/lineart/sk_model.pth")
    with pytest.raises(FileNotFoundError, match="line-art detector"):
        anidoc.start(kind="CPU")


def test_without_detector_weights_the_clients_line_art_is_binarized_directly(anidoc):
    model = anidoc.start(kind="CPU")
    model.execute([request(**clip_inputs())])
    condition = standin("pipelines.AniDoc").calls[-1]["condition"]
    assert condition[0, 0, 0, 0] == 1.0 and "lineart_extractor.annotator.lineart" not in sys.modules
