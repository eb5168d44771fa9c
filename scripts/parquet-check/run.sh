#!/usr/bin/env bash
# Installs hyparquet and DuckDB (pinned in package-lock.json) into this
# folder and reads Parquet files with both:
#   scripts/parquet-check/run.sh [--expect-rows N] FILE.parquet...
# Prints each row as JSON (as hyparquet reads it) and exits 1 when a file
# cannot be read or the two readers disagree. Exit 2: the readers could not
# be installed (no node/npm, no registry).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -d "$here/node_modules/hyparquet" ] || [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
	if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
		echo "parquet-check: node and npm are needed to install hyparquet and DuckDB" >&2
		exit 2
	fi
	if ! npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2; then
		echo "parquet-check: npm could not install hyparquet and DuckDB" >&2
		exit 2
	fi
fi
exec node "$here/check.mjs" "$@"
