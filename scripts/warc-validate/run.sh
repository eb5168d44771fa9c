#!/usr/bin/env bash
# Installs warcio.js (pinned in package-lock.json) into this folder and runs
# the validator: scripts/warc-validate/run.sh [--expect-records N] FILE.warc.gz...
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Test packages run in parallel: one installs, the others wait.
exec 9>"$here/.install.lock"
flock 9
if [ ! -d "$here/node_modules/warcio" ]; then
	if [ -f "$here/package-lock.json" ]; then
		npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
	else
		npm install --prefix "$here" --no-audit --no-fund --loglevel=error >&2
	fi
fi
flock -u 9
if [ "${1:-}" = "--install" ]; then
	exit 0
fi
exec node "$here/validate.mjs" "$@"
