#!/usr/bin/env bash
# Installs the exact dependency set from package-lock.json when node_modules is missing or stale.
# onnxruntime-node's install script would download CUDA binaries from outside the npm registry: skipped (the CPU
# runtime ships inside the package).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing dependencies (npm ci)…"
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
fi
