"""The parts of tools/gpu-smoke.sh that need no GPU: argument checks, the checks of what is needed,
and the dry run, which prints every command and runs none."""
import os
import stat
import subprocess

import pytest

from conftest import MODELS

SCRIPT = os.path.join(MODELS, "tools", "gpu-smoke.sh")
ROOT = os.path.dirname(MODELS)
WEIGHTS = [
    "lightglue/config.pbtxt", "lightglue/1/model.onnx",
    "cotracker/config.pbtxt", "cotracker/1/model.py", "cotracker/1/scaled_offline.pth",
    "anidoc/config.pbtxt", "anidoc/1/model.py",
    "anidoc/1/weights/anidoc/unet/config.json", "anidoc/1/weights/anidoc/controlnet/config.json",
    "anidoc/1/weights/stable-video-diffusion-img2vid-xt/model_index.json",
]


@pytest.fixture
def models(tmp_path):
    """A model repository with every file the script checks for."""
    root = tmp_path / "models"
    for name in WEIGHTS:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")
    return root


@pytest.fixture
def docker(tmp_path):
    """A docker command that records every call and reports the given runtimes."""
    calls = tmp_path / "docker-calls"
    fake = tmp_path / "bin" / "docker"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\necho "$@" >> %s\n[ "$1" = info ] && echo "${RUNTIMES:-{\\"runc\\":{}}}"\nexit 0\n' % calls)
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return fake, calls


def smoke(*args, docker=None, runtimes=None):
    env = dict(os.environ)
    env["DOCKER"] = str(docker) if docker else "/nonexistent/docker"
    if runtimes:
        env["RUNTIMES"] = runtimes
    return subprocess.run(["bash", SCRIPT] + [str(a) for a in args], capture_output=True, text=True, env=env,
                          timeout=60)


def test_without_arguments_it_says_how_to_call_it():
    result = smoke()
    assert result.returncode == 2
    assert "--models is required" in result.stderr and "usage: gpu-smoke.sh --models DIR" in result.stderr


@pytest.mark.parametrize("args, named", [
    (["--bogus"], "unknown argument '--bogus'"),
    (["--grpc-port", "x"], "--grpc-port must be a port number 1..65535, got 'x'"),
    (["--http-port", "70000"], "--http-port must be a port number 1..65535, got '70000'"),
    (["--grpc-port", "9000", "--http-port", "9000"], "--grpc-port and --http-port must differ"),
    (["--ready-timeout", "0"], "--ready-timeout must be a number of seconds, got '0'"),
    (["--max-drop", "much"], "--max-drop must be an accuracy difference 0..1, got 'much'"),
    (["--tag"], "--tag needs a value"),
])
def test_a_bad_argument_is_named_and_nothing_runs(models, docker, args, named):
    fake, calls = docker
    result = smoke("--models", models, *args, docker=fake)
    assert result.returncode == 2
    assert named in result.stderr
    assert not calls.exists()


def test_a_models_folder_that_does_not_exist_is_named(tmp_path):
    result = smoke("--models", tmp_path / "nowhere", "--dry-run")
    assert result.returncode == 2 and "--models %s is not a folder" % (tmp_path / "nowhere") in result.stderr


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize("weight", ["lightglue/1/model.onnx", "cotracker/1/scaled_offline.pth",
                                    "anidoc/1/weights/stable-video-diffusion-img2vid-xt/model_index.json"])
def test_a_missing_weight_is_named_before_anything_starts(models, docker, weight, dry_run):
    fake, calls = docker
    os.remove(str(models / weight))
    result = smoke("--models", models, *(["--dry-run"] if dry_run else []), docker=fake, runtimes='{"nvidia":{}}')
    assert result.returncode == 3
    assert "missing: %s" % (models / weight) in result.stderr and "README" in result.stderr
    assert not calls.exists()


def test_without_docker_it_stops_before_starting_anything(models):
    result = smoke("--models", models)
    assert result.returncode == 3 and "missing: docker (/nonexistent/docker not found on PATH)" in result.stderr
    assert "== build" not in result.stdout


def test_without_the_nvidia_runtime_it_stops_after_asking_docker_only(models, docker):
    fake, calls = docker
    result = smoke("--models", models, docker=fake)
    assert result.returncode == 3 and "NVIDIA container runtime" in result.stderr
    assert calls.read_text().splitlines() == ["info --format {{json .Runtimes}}"]


def test_the_dry_run_prints_every_step_and_runs_none(models, docker, tmp_path):
    fake, calls = docker
    work = tmp_path / "work"
    result = smoke("--models", models, "--dry-run", "--tag", "studio/triton:candidate", "--work", work,
                   "--grpc-port", 9001, "--http-port", 9000, docker=fake)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "+ python3 %s/tools/onnx_check.py %s/lightglue/1/model.onnx" % (MODELS, models) in out
    assert out.index("onnx_check.py") < out.index(" build -t ")
    assert "+ %s build -t studio/triton:candidate %s" % (fake, os.path.join(ROOT, "triton-models")) in out
    assert "--gpus all --shm-size=1g -p 127.0.0.1:9001:8001 -p 127.0.0.1:9000:8000 -v %s:/models:ro " \
           "studio/triton:candidate" % models in out
    for model in ("lightglue", "cotracker", "anidoc"):
        assert "+ curl -sf http://127.0.0.1:9000/v2/models/%s/ready" % model in out
        assert "+ curl -sf http://127.0.0.1:9000/v2/models/%s/stats" % model in out
    assert "+ %s/anidoc synth --out %s/shot" % (ROOT, work) in out
    runs = [line for line in out.splitlines() if " colorize " in line]
    assert len(runs) == 5
    assert all("ANIDOC_TRITON_TARGET=127.0.0.1:9001" in line for line in runs)
    assert "ANIDOC_MATCHER_ENGINE=lightglue ANIDOC_TRACKER_ENGINE=cpu ANIDOC_COLORIZER_ENGINE=cpu" in runs[1]
    assert "ANIDOC_MATCHER_ENGINE=cpu ANIDOC_TRACKER_ENGINE=cotracker ANIDOC_COLORIZER_ENGINE=cpu" in runs[2]
    assert "ANIDOC_MATCHER_ENGINE=cpu ANIDOC_TRACKER_ENGINE=cpu ANIDOC_COLORIZER_ENGINE=anidoc" in runs[3]
    assert "ANIDOC_MATCHER_ENGINE=lightglue ANIDOC_TRACKER_ENGINE=cotracker ANIDOC_COLORIZER_ENGINE=anidoc" in runs[4]
    assert out.count(" eval --pred ") == 5
    # nothing ran: docker was never called and no folder was made
    assert not calls.exists() and not work.exists()
