#!/bin/sh
# Installs TrainingDesk for the current user, from the unpacked archive this script came
# in, without root and without a network:
#   ~/.local/opt/TrainingDesk/                      the program (replaced on upgrade)
#   ~/.local/bin/trainingdesk                       the command
#   ~/.local/share/applications/trainingdesk.desktop and the icon: the desktop's menu
# The databases and settings live elsewhere (~/.local/share/TrainingDesk/,
# ~/.config/TrainingDesk/) and are never touched here; ~/.local/opt/TrainingDesk/uninstall.sh
# removes the program again.
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
PROGRAM_DIR="$HOME/.local/opt/TrainingDesk"
BIN_DIR="$HOME/.local/bin"
APPLICATIONS="$DATA_HOME/applications"
ICONS="$DATA_HOME/icons/hicolor"

if [ ! -x "$HERE/TrainingDesk/TrainingDesk" ]; then
  echo "error: $HERE/TrainingDesk/TrainingDesk is missing: unpack the whole archive first" >&2
  exit 1
fi

# Copy beside the old version, then swap: an interrupted copy leaves the old one working.
mkdir -p "$HOME/.local/opt"
staging="$PROGRAM_DIR.installing"
rm -rf "$staging"
cp -R "$HERE/TrainingDesk" "$staging"
cp "$HERE/uninstall.sh" "$staging/uninstall.sh"
rm -rf "$PROGRAM_DIR"
mv "$staging" "$PROGRAM_DIR"

mkdir -p "$BIN_DIR"
ln -sfn "$PROGRAM_DIR/TrainingDesk" "$BIN_DIR/trainingdesk"

# Desktop sessions do not always have ~/.local/bin on their PATH: the menu entry names
# the program by its full path.
mkdir -p "$APPLICATIONS" "$ICONS/scalable/apps" "$ICONS/256x256/apps"
sed -e "s|^Exec=.*|Exec=\"$PROGRAM_DIR/TrainingDesk\"|" \
  "$HERE/trainingdesk.desktop" >"$APPLICATIONS/trainingdesk.desktop"
cp "$HERE/trainingdesk.svg" "$ICONS/scalable/apps/trainingdesk.svg"
cp "$HERE/trainingdesk.png" "$ICONS/256x256/apps/trainingdesk.png"
# Menus and icon caches notice new files by the folders' times; these tools, where the
# desktop has them, make it immediate.
touch "$ICONS"
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database "$APPLICATIONS" >/dev/null 2>&1 || true
fi

echo "TrainingDesk $("$PROGRAM_DIR/TrainingDesk" --version | cut -d' ' -f2) is installed in $PROGRAM_DIR."
echo "Start it from the applications menu, or with: $BIN_DIR/trainingdesk"
case ":$PATH:" in
  *":$BIN_DIR:"*) ;;
  *) echo "($BIN_DIR is not on your PATH yet: it will be after you log in again on most systems.)" ;;
esac
