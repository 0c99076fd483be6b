#!/usr/bin/env bash
# GPU smoke test: the check an operator runs on the GPU machine before going live.
#
# Builds the Triton image, starts it on the filled model repository, waits for lightglue, cotracker
# and anidoc, then runs one generated shot (with ground truth) through the pipeline: once on the CPU
# engines, then once per Triton engine (the other stages on CPU), and once on all three. Prints
# each model's mean latency from Triton's own statistics and each run's accuracy against the ground
# truth next to the CPU run's.
#
# Needs Docker with the NVIDIA container runtime, a GPU, Java 17 and the weights placed as
# triton-models/README.md says. --dry-run prints every command and runs none, on any machine.
#
# Exit status: 0 done (and within --max-drop when given), 1 a run failed or lost more accuracy
# than --max-drop, 2 bad arguments, 3 something needed is missing or the LightGlue asset does not
# load on the image's ONNX Runtime (nothing was started).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DOCKER="${DOCKER:-docker}"
MODELS_NEEDED=(lightglue cotracker anidoc)
# Files each model needs, relative to the model repository (README.md, "Weights").
WEIGHTS=(
  lightglue/config.pbtxt
  lightglue/1/model.onnx
  cotracker/config.pbtxt
  cotracker/1/model.py
  cotracker/1/scaled_offline.pth
  anidoc/config.pbtxt
  anidoc/1/model.py
  anidoc/1/weights/anidoc/unet/config.json
  anidoc/1/weights/anidoc/controlnet/config.json
  anidoc/1/weights/stable-video-diffusion-img2vid-xt/model_index.json
)
# One run per line: a label and the engines of matcher, tracker and colorizer.
RUNS=(
  "cpu cpu cpu cpu"
  "lightglue lightglue cpu cpu"
  "cotracker cpu cotracker cpu"
  "anidoc cpu cpu anidoc"
  "all-triton lightglue cotracker anidoc"
)

usage() {
  cat <<EOF
usage: $(basename "$0") --models DIR [options]

  --models DIR          the filled Triton model repository (weights placed as triton-models/README.md says)
  --tag IMAGE           image tag to build and run (default: anidoc/triton:smoke)
  --work DIR            folder for the shot, outputs and logs (default: a new temporary folder)
  --grpc-port N         host port for Triton's gRPC (default: 18001)
  --http-port N         host port for Triton's HTTP (default: 18000)
  --ready-timeout SEC   how long the models may take to load (default: 1800)
  --max-drop X          fail when a Triton run's accuracy is more than X below the CPU run's (default: report only)
  --dry-run             print every command and run none
  -h, --help            this text
EOF
}

fail_usage() {
  echo "gpu-smoke: $1" >&2
  usage >&2
  exit 2
}

missing() {
  echo "gpu-smoke: missing: $1" >&2
  exit 3
}

port() {
  [[ "$2" =~ ^[0-9]+$ ]] && (( $2 >= 1 && $2 <= 65535 )) || fail_usage "$1 must be a port number 1..65535, got '$2'"
  echo "$2"
}

MODELS="" TAG="anidoc/triton:smoke" WORK="" GRPC_PORT=18001 HTTP_PORT=18000 READY_TIMEOUT=1800 MAX_DROP="" DRY_RUN=0
while (( $# )); do
  case "$1" in
    --models|--tag|--work|--grpc-port|--http-port|--ready-timeout|--max-drop)
      (( $# >= 2 )) || fail_usage "$1 needs a value"
      case "$1" in
        --models) MODELS="$2" ;;
        --tag) TAG="$2" ;;
        --work) WORK="$2" ;;
        --grpc-port) GRPC_PORT="$(port "$1" "$2")" ;;
        --http-port) HTTP_PORT="$(port "$1" "$2")" ;;
        --ready-timeout)
          [[ "$2" =~ ^[0-9]+$ ]] && (( $2 > 0 )) || fail_usage "--ready-timeout must be a number of seconds, got '$2'"
          READY_TIMEOUT="$2" ;;
        --max-drop)
          [[ "$2" =~ ^(0|1|0?\.[0-9]+)$ ]] || fail_usage "--max-drop must be an accuracy difference 0..1, got '$2'"
          MAX_DROP="$2" ;;
      esac
      shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail_usage "unknown argument '$1'" ;;
  esac
done
[[ -n "$MODELS" ]] || fail_usage "--models is required"
[[ -d "$MODELS" ]] || fail_usage "--models $MODELS is not a folder"
[[ "$GRPC_PORT" != "$HTTP_PORT" ]] || fail_usage "--grpc-port and --http-port must differ"
MODELS="$(cd "$MODELS" && pwd)"

# What is needed, checked before anything starts.
for file in "${WEIGHTS[@]}"; do
  [[ -f "$MODELS/$file" ]] || missing "$MODELS/$file (triton-models/README.md says where it comes from)"
done
if (( ! DRY_RUN )); then
  command -v "$DOCKER" >/dev/null 2>&1 || missing "docker ($DOCKER not found on PATH)"
  "$DOCKER" info --format '{{json .Runtimes}}' 2>/dev/null | grep -q nvidia \
    || missing "the NVIDIA container runtime (docker info lists no 'nvidia' runtime)"
  command -v curl >/dev/null 2>&1 || missing "curl"
  command -v java >/dev/null 2>&1 || missing "java (Java 17)"
  python3 -c "import onnx" >/dev/null 2>&1 || missing "python3 with the onnx package (Debian: python3-onnx), to check the LightGlue asset"
fi

[[ -n "$WORK" ]] || WORK="$( (( DRY_RUN )) && echo /tmp/anidoc-gpu-smoke || mktemp -d -t anidoc-gpu-smoke.XXXXXX)"
TRITON_HTTP="http://127.0.0.1:$HTTP_PORT"
CONTAINER="anidoc-gpu-smoke-$$"

# Prints a command; runs it unless this is a dry run.
run() {
  printf '+'
  printf ' %q' "$@"
  printf '\n'
  (( DRY_RUN )) || "$@"
}

step() {
  echo "== $*"
}

cleanup() {
  (( DRY_RUN )) || "$DOCKER" rm -f "$CONTAINER" >/dev/null 2>&1 || true
}
trap cleanup EXIT

step "check the LightGlue asset against the image's ONNX Runtime"
if ! run python3 "$HERE/onnx_check.py" "$MODELS/lightglue/1/model.onnx"; then
  echo "gpu-smoke: $MODELS/lightglue/1/model.onnx does not load on the image's ONNX Runtime (above); nothing was started" >&2
  exit 3
fi

step "build the image $TAG"
run "$DOCKER" build -t "$TAG" "$ROOT/triton-models"

step "start Triton on $MODELS"
run "$DOCKER" run -d --name "$CONTAINER" --gpus all --shm-size=1g \
  -p "127.0.0.1:$GRPC_PORT:8001" -p "127.0.0.1:$HTTP_PORT:8000" \
  -v "$MODELS:/models:ro" "$TAG"

step "wait up to ${READY_TIMEOUT}s for ${MODELS_NEEDED[*]}"
for model in "${MODELS_NEEDED[@]}"; do
  echo "+ curl -sf $TRITON_HTTP/v2/models/$model/ready (every 5 s)"
  (( DRY_RUN )) && continue
  deadline=$(( SECONDS + READY_TIMEOUT ))
  until curl -sf -o /dev/null "$TRITON_HTTP/v2/models/$model/ready"; do
    if (( SECONDS >= deadline )) || ! "$DOCKER" inspect -f '{{.State.Running}}' "$CONTAINER" 2>/dev/null | grep -q true; then
      echo "gpu-smoke: model $model did not become ready; Triton's log:" >&2
      "$DOCKER" logs --tail 60 "$CONTAINER" >&2 || true
      curl -s -X POST "$TRITON_HTTP/v2/repository/index" >&2 || true
      exit 1
    fi
    sleep 5
  done
done

step "generate a shot with ground truth in $WORK/shot"
run "$ROOT/anidoc" synth --out "$WORK/shot"

declare -A ACCURACY=()
for spec in "${RUNS[@]}"; do
  read -r label matcher tracker colorizer <<<"$spec"
  step "run $label: matcher $matcher, tracker $tracker, colorizer $colorizer"
  run env ANIDOC_TRITON_TARGET="127.0.0.1:$GRPC_PORT" ANIDOC_MATCHER_ENGINE="$matcher" \
    ANIDOC_TRACKER_ENGINE="$tracker" ANIDOC_COLORIZER_ENGINE="$colorizer" \
    "$ROOT/anidoc" colorize "$WORK/shot" --out "$WORK/$label" --work-dir "$WORK/$label-pipeline"
  echo "+ $ROOT/anidoc eval --pred $WORK/$label --gt $WORK/shot > $WORK/$label.eval"
  if (( ! DRY_RUN )); then
    "$ROOT/anidoc" eval --pred "$WORK/$label" --gt "$WORK/shot" > "$WORK/$label.eval"
    ACCURACY[$label]="$(sed -n 's/^non-line pixel accuracy: //p' "$WORK/$label.eval")"
  fi
done

step "per-model latency (Triton's statistics)"
for model in "${MODELS_NEEDED[@]}"; do
  echo "+ curl -sf $TRITON_HTTP/v2/models/$model/stats"
  (( DRY_RUN )) && continue
  stats="$(curl -sf "$TRITON_HTTP/v2/models/$model/stats" | tr -d ' \n')"
  success="$(grep -o '"success":{"count":[0-9]*,"ns":[0-9]*}' <<<"$stats" | head -1)"
  count="$(sed 's/.*"count":\([0-9]*\).*/\1/' <<<"$success")"
  ns="$(sed 's/.*"ns":\([0-9]*\).*/\1/' <<<"$success")"
  awk -v m="$model" -v c="${count:-0}" -v ns="${ns:-0}" \
    'BEGIN { printf "%-10s %6d requests  %10.1f ms mean\n", m, c, (c > 0 ? ns / c / 1e6 : 0) }'
done

(( DRY_RUN )) && exit 0

step "accuracy against the ground truth (non-line pixels), next to the CPU engines"
status=0
for spec in "${RUNS[@]}"; do
  read -r label _ <<<"$spec"
  verdict="$(awk -v l="$label" -v a="${ACCURACY[$label]:-0}" -v c="${ACCURACY[cpu]:-0}" -v max="$MAX_DROP" 'BEGIN {
    d = a - c; v = (max != "" && -d > max) ? "FAIL" : "ok"
    printf "%-11s %.5f  cpu %.5f  difference %+.5f  %s\n", l, a, c, d, v }')"
  echo "${verdict}"
  [[ "$verdict" != *FAIL ]] || status=1
done
echo "outputs and logs: $WORK"
exit "$status"
