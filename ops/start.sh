#!/usr/bin/env bash
# One command on a fresh machine: install dependencies, build the web clients, then run the engine on embedded
# defaults (embedded PostgreSQL in DATA_DIR unless DATABASE_URL is set; in-process broker and queue unless REDIS_URL
# is set). The engine serves the clients itself (the hub at /).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ops/install.sh
npm run -s build:clients
exec npm start
