#!/usr/bin/env bash
# Installs what the browser replay test needs and runs it:
#   scripts/replay-test/run.sh --wacz FILE --url URL --text TEXT --selector CSS [--style PROP=VALUE]...
# Debian's chromium comes from apt (never a browser download); ReplayWeb.page
# and playwright-core from npm, pinned in package-lock.json, into this folder.
# replaywebpage's own dependencies are not used (ui.js and sw.js are
# bundles); its warcio range is pinned to the release npm has here.
# Exit 3 (and a message) when chromium cannot be installed.
# run.sh --install only installs (.ci/run does so before the tests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Test packages run in parallel: one installs, the others wait.
exec 9>"$here/.install.lock"
flock 9
if [ ! -x /usr/bin/chromium ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "installing Debian's chromium" >&2
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >&2 || true
	fi
	if [ ! -x /usr/bin/chromium ]; then
		echo "chromium cannot be installed (needs root and apt-get)" >&2
		exit 3
	fi
fi
if [ ! -d "$here/node_modules/replaywebpage" ] || [ ! -d "$here/node_modules/playwright-core" ]; then
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$here" --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi
flock -u 9
if [ "${1:-}" = "--install" ]; then
	exit 0
fi
exec node "$here/replay.mjs" "$@"
