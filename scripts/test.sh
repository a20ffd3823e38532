#!/usr/bin/env bash
# Installs what is needed and runs every check: ruff, mypy, the import-layer contract, pytest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" --test
cd "$ROOT"
BIN="$ROOT/.venv/bin"
export QT_QPA_PLATFORM=offscreen

echo "== ruff";          "$BIN/ruff" check src tests benchmarks packaging
                         "$BIN/ruff" format --check src tests benchmarks packaging
echo "== mypy";          "$BIN/mypy"
echo "== import layers"; "$BIN/lint-imports"
echo "== pytest";        "$BIN/pytest" --durations=15 "$@"
