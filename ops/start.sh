#!/usr/bin/env bash
# One command on a fresh machine: install dependencies, then run the engine on embedded defaults
# (embedded PostgreSQL in DATA_DIR unless DATABASE_URL is set; in-process broker and queue unless REDIS_URL is set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ops/install.sh
exec npm start
