#!/usr/bin/env bash
# The test command: installs dependencies if needed, checks that PostgreSQL answers, runs typecheck + vitest and
# prints a one-line summary ("N passed, N failed").
set -euo pipefail
cd "$(dirname "$0")/.."
bash ops/install.sh
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if ! node -e "const c=new (require('pg').Client)(process.env.TEST_DATABASE_URL);c.connect().then(()=>c.end(),()=>process.exit(1))"; then
  echo "PostgreSQL does not answer at TEST_DATABASE_URL=${TEST_DATABASE_URL%%@*}@…; start it (see README) or run .ci/run" >&2
  exit 1
fi
mkdir -p test-results
npm run -s typecheck
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?
node -e "
const r = require('./test-results/vitest.json');
console.log(r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed' + (r.numPendingTests ? ', ' + r.numPendingTests + ' skipped' : ''));
" || true
exit $status
