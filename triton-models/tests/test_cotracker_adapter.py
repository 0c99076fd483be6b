"""The Co-Tracker adapter (cotracker/1/model.py) run for real against a stand-in predictor."""
import os

import numpy as np
import pytest
import torch

from conftest import error_message, output, pb_utils, request

SHIFT = (1.5, -2.0)  # the stand-in's only weight: pixels a point drifts per frame


def checkpoint(shift=SHIFT, window_len=60):
    """A state dict laid out as the real checkpoint: weights and the time embedding sized by window_len."""
    return {"shift": torch.tensor(shift), "time_emb": torch.zeros(1, window_len, 4)}


@pytest.fixture
def cotracker(repository):
    repo = repository("cotracker")
    torch.save({"model": checkpoint()}, os.path.join(repo.version_dir, "scaled_offline.pth"))
    return repo


def clip(frames=4, height=20, width=30, batch=1):
    return np.random.default_rng(frames * 100 + width).integers(0, 256, (batch, frames, 3, height, width), dtype=np.uint8)


def expected_tracks(queries, frames):
    t = np.arange(frames, dtype=np.float32)[None, :, None, None]
    steps = t - queries[:, None, :, 0:1]
    return queries[:, None, :, 1:] + steps * np.float32(SHIFT)


def standin_calls():
    import cotracker.predictor
    return cotracker.predictor.calls


def test_checkpoint_is_read_from_the_model_directory(cotracker):
    model = cotracker.start()
    assert model.predictor.checkpoint == os.path.join(cotracker.dir, "1", "scaled_offline.pth")
    assert model.predictor.offline is True and model.predictor.v2 is False and model.predictor.window_len == 60
    assert model.predictor.model.shift.tolist() == list(SHIFT)


def test_an_absolute_checkpoint_path_is_used_as_given(cotracker, tmp_path):
    elsewhere = tmp_path / "weights" / "cotracker3.pth"
    elsewhere.parent.mkdir()
    torch.save(checkpoint(shift=[0.0, 3.0]), str(elsewhere))
    cotracker.set_parameter("checkpoint", str(elsewhere))
    model = cotracker.start()
    assert model.predictor.checkpoint == str(elsewhere)
    assert model.predictor.model.shift.tolist() == [0.0, 3.0]


def test_a_missing_checkpoint_fails_loading_with_its_path(cotracker):
    os.remove(os.path.join(cotracker.version_dir, "scaled_offline.pth"))
    with pytest.raises(FileNotFoundError) as failure:
        cotracker.start()
    assert os.path.join(cotracker.version_dir, "scaled_offline.pth") in str(failure.value)
    assert "README" in str(failure.value)


def test_queries_map_to_tracks_in_every_frame(cotracker):
    model = cotracker.start()
    queries = np.array([[[0, 5.0, 10.0], [2, 12.0, 4.0], [3, 29.0, 19.0]]], dtype=np.float32)
    [response] = model.execute([request(video=clip(frames=4), queries=queries)])

    tracks, visibility = output(response, "tracks"), output(response, "visibility")
    assert tracks.shape == (1, 4, 3, 2) and tracks.dtype == np.float32
    assert visibility.shape == (1, 4, 3) and visibility.dtype == np.float32
    np.testing.assert_allclose(tracks, expected_tracks(queries, 4), rtol=0, atol=1e-5)
    np.testing.assert_allclose(tracks[0, 2, 1], [12.0, 4.0])  # a point sits on its query at its query frame
    # The third point, queried at the right edge of the last frame, was outside the frame before.
    assert visibility[0, :, 0].tolist() == [1, 1, 1, 1]
    assert visibility[0, :, 2].tolist() == [0, 0, 0, 1]
    assert standin_calls()[-1]["backward_tracking"] is False


def test_without_cuda_a_gpu_instance_runs_on_cpu_and_says_so(cotracker):
    model = cotracker.start(kind="GPU")
    if torch.cuda.is_available():
        assert model.device.type == "cuda"
    else:
        assert model.device.type == "cpu"
        assert any(level == "WARNING" and "CUDA is not available" in message
                   for level, message in pb_utils.Logger.records)
    model.execute([request(video=clip(), queries=np.array([[[0, 1.0, 1.0]]], dtype=np.float32))])
    assert standin_calls()[-1]["device"].startswith(model.device.type)


def test_each_request_runs_its_own_forward_pass_even_at_equal_shapes(cotracker):
    model = cotracker.start()
    first = np.array([[[0, 1.0, 2.0], [1, 3.0, 4.0]]], dtype=np.float32)
    second = np.array([[[3, 10.0, 10.0], [0, 0.0, 0.0]]], dtype=np.float32)
    odd = np.array([[[1, 7.0, 7.0]]], dtype=np.float32)
    responses = model.execute([
        request(video=clip(frames=4), queries=first),
        request(video=clip(frames=6), queries=odd),
        request(video=clip(frames=4), queries=second),
    ])

    assert [(call["batch"], call["frames"], call["points"]) for call in standin_calls()] == [
        (1, 4, 2), (1, 6, 1), (1, 4, 2)]
    np.testing.assert_allclose(output(responses[0], "tracks"), expected_tracks(first, 4), atol=1e-5)
    np.testing.assert_allclose(output(responses[1], "tracks"), expected_tracks(odd, 6), atol=1e-5)
    np.testing.assert_allclose(output(responses[2], "tracks"), expected_tracks(second, 4), atol=1e-5)


def test_the_standin_refuses_a_batch_of_two_clips_as_the_offline_model_does(cotracker):
    model = cotracker.start()
    video = torch.from_numpy(clip(batch=2)).float()
    queries = torch.zeros(2, 1, 3)
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        model.predictor(video, queries=queries)


def test_the_video_arrives_as_uint8_and_reaches_the_predictor_as_float_0_to_255(cotracker):
    model = cotracker.start()
    video = clip()
    video[0, 0, 0, 0, 0] = 255
    [response] = model.execute([request(video=video, queries=np.array([[[0, 1.0, 1.0]]], dtype=np.float32))])
    output(response, "tracks")
    assert standin_calls()[-1]["video_max"] == 255.0


def test_a_window_len_the_checkpoint_was_not_trained_with_fails_loading_with_the_right_value(cotracker):
    cotracker.set_parameter("window_len", 16)
    with pytest.raises(ValueError) as failure:
        cotracker.start()
    assert "trained with window_len 60" in str(failure.value) and "window_len is 16" in str(failure.value)


def test_the_standin_loads_its_checkpoint_strictly(cotracker, tmp_path):
    import cotracker.predictor
    path = tmp_path / "short.pth"
    torch.save(checkpoint(window_len=16), str(path))
    with pytest.raises(RuntimeError, match="time_emb"):
        cotracker.predictor.CoTrackerPredictor(checkpoint=str(path), window_len=60)


def test_visibility_is_as_published_a_score_above_0_9_and_true_at_the_query_frame(cotracker):
    model = cotracker.start()
    # queried at the right edge of the last frame: the drift puts it outside before, yet its query frame is visible
    queries = np.array([[[3, 29.0, 19.0]]], dtype=np.float32)
    [response] = model.execute([request(video=clip(frames=4), queries=queries)])
    assert output(response, "visibility")[0, :, 0].tolist() == [0, 0, 0, 1]


@pytest.mark.parametrize("video, queries, named, detail", [
    (clip()[:, :, :1], np.zeros((1, 2, 3), np.float32), "video", "[1, 4, 1, 20, 30]"),
    (clip()[0], np.zeros((1, 2, 3), np.float32), "video", "[1, T, 3, H, W]"),
    (clip(batch=2), np.zeros((2, 2, 3), np.float32), "video", "one clip"),
    (clip(), np.zeros((1, 2, 2), np.float32), "queries", "[1, 2, 2]"),
    (clip(), np.zeros((2, 2, 3), np.float32), "queries", "[2, 2, 3]"),
    (clip(), np.array([[[4, 1.0, 1.0]]], np.float32), "queries", "0..3"),
    (clip(), np.array([[[0.5, 1.0, 1.0]]], np.float32), "queries", "whole frame indices"),
    (clip(), np.array([[[0, np.nan, 1.0]]], np.float32), "queries", "NaN"),
    (clip().astype(np.float32), np.zeros((1, 1, 3), np.float32), "video", "must be uint8"),
])
def test_a_bad_request_gets_an_error_naming_the_tensor_and_the_others_are_answered(
        cotracker, video, queries, named, detail):
    model = cotracker.start()
    good_queries = np.array([[[0, 2.0, 2.0]]], dtype=np.float32)
    responses = model.execute([request(video=np.ascontiguousarray(video), queries=queries),
                               request(video=clip(), queries=good_queries)])

    message = error_message(responses[0])
    assert "'%s'" % named in message and detail in message
    np.testing.assert_allclose(output(responses[1], "tracks"), expected_tracks(good_queries, 4), atol=1e-5)


def test_a_missing_input_is_named(cotracker):
    model = cotracker.start()
    [response] = model.execute([request(video=clip())])
    assert error_message(response) == "input 'queries' is missing"


def test_backward_tracking_follows_the_parameter(cotracker):
    cotracker.set_parameter("backward_tracking", "true")
    model = cotracker.start()
    model.execute([request(video=clip(), queries=np.array([[[3, 1.0, 1.0]]], dtype=np.float32))])
    assert standin_calls()[-1]["backward_tracking"] is True


def test_finalize_releases_the_predictor(cotracker):
    model = cotracker.start()
    model.finalize()
    assert model.predictor is None
