#!/bin/sh
# Removes what install.sh put in place. The databases (~/.local/share/TrainingDesk/), the
# settings and the certificate signing key (~/.config/TrainingDesk/) stay: they are the
# coordinator's work, and a later installation finds them again.
set -eu

DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
PROGRAM_DIR="$HOME/.local/opt/TrainingDesk"
LAUNCHER="$HOME/.local/bin/trainingdesk"

if [ -L "$LAUNCHER" ] && [ "$(readlink "$LAUNCHER")" = "$PROGRAM_DIR/TrainingDesk" ]; then
  rm -f "$LAUNCHER"
fi
rm -f "$DATA_HOME/applications/trainingdesk.desktop" \
  "$DATA_HOME/icons/hicolor/scalable/apps/trainingdesk.svg" \
  "$DATA_HOME/icons/hicolor/256x256/apps/trainingdesk.png"
rm -rf "$PROGRAM_DIR"
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database "$DATA_HOME/applications" >/dev/null 2>&1 || true
fi
echo "TrainingDesk is removed. Your databases and settings were kept:"
echo "  $DATA_HOME/TrainingDesk/ and ${XDG_CONFIG_HOME:-$HOME/.config}/TrainingDesk/"
