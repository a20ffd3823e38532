#!/usr/bin/env bash
# Installs what is needed, fills the demo database on first run, and starts TrainingDesk on it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
TD="$ROOT/.venv/bin/trainingdesk"
DEMO_DB="$("$ROOT/.venv/bin/python" -c \
  'from trainingdesk.storage.database import demo_database_path; print(demo_database_path())')"
"$TD" --db "$DEMO_DB" demo --if-empty
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec "$TD" --db "$DEMO_DB"
fi
echo "No display here, so instead of the window, a summary of the demo database:" >&2
"$TD" --db "$DEMO_DB" info
"$TD" --db "$DEMO_DB" exercises list --status planned
