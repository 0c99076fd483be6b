#!/usr/bin/env bash
# Tests of the Triton model repository: the config.pbtxt files against Triton's schema and the
# Python backend adapters run for real against stand-ins. Uses Debian's python3 and installs the
# Debian packages the tests need when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(python3-pytest python3-numpy python3-torch python3-pil python3-protobuf protobuf-compiler python3-onnx)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if (( ${#missing[@]} )); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  install=("${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}")
  echo "installing ${missing[*]}"
  # Refresh the package lists only when they do not know the packages or are out of date.
  if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    "${sudo[@]}" apt-get update -q
  fi
  if ! "${install[@]}"; then
    "${sudo[@]}" apt-get update -q
    "${install[@]}"
  fi
fi

export PYTHONDONTWRITEBYTECODE=1
exec /usr/bin/python3 -m pytest -p no:cacheprovider -q "$@"
