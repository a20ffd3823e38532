#!/usr/bin/env bash
# Builds the desktop program for Linux laptops:
#   dist/TrainingDesk/                                 the one-folder program
#   dist/TrainingDesk-VERSION-linux-ARCH.tar.gz        it, with install.sh, for a USB stick
# Run scripts/setup.sh once before (it installs the system libraries Qt loads). The build
# gets a virtual environment of its own, build/packaging/venv, holding the program's
# dependencies and PyInstaller and nothing else (no test tools to be swept into the
# bundle); .venv is left as it is. Prove the result with packaging/smoke_test.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/build/packaging"
VENV="$WORK/venv"
DIST="$ROOT/dist"
PYTHON="${PYTHON:-python3}"
started=$SECONDS

# PyInstaller strips the libraries and the spec reads what they link to with binutils.
for tool in readelf strip; do
  if ! command -v "$tool" >/dev/null; then
    echo "error: $tool is missing; install binutils (apt-get install binutils)" >&2
    exit 1
  fi
done

if [[ ! -x "$VENV/bin/python" ]]; then
  echo "Creating the build environment in $VENV"
  "$PYTHON" -m venv "$VENV"
fi
# The editable install follows the source tree; reinstall only when pyproject.toml
# changed (new dependencies, a new version number).
stamp="$VENV/.installed"
wanted="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$wanted" ]]; then
  echo "Installing TrainingDesk and PyInstaller into $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  # The server mode's driver is bundled too, so one build serves every laptop.
  "$VENV/bin/python" -m pip install --quiet -e "$ROOT[packaging,postgres]"
  echo "$wanted" >"$stamp"
fi

version="$("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("trainingdesk"))')"
echo "Building TrainingDesk $version"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --workpath "$WORK/pyinstaller" --distpath "$DIST" "$ROOT/packaging/trainingdesk.spec"

name="TrainingDesk-$version-linux-$(uname -m)"
staging="$WORK/archive/$name"
rm -rf "$WORK/archive"
mkdir -p "$staging"
# Hard links: the archive is made from the same files as dist/TrainingDesk, without a copy.
cp -al "$DIST/TrainingDesk" "$staging/TrainingDesk"
cp "$ROOT/packaging/linux/"{install.sh,uninstall.sh,trainingdesk.desktop,README.txt} \
  "$ROOT/resources/icons/"{trainingdesk.svg,trainingdesk.png} "$staging/"
archive="$DIST/$name.tar.gz"
tar -C "$WORK/archive" --owner=0 --group=0 -czf "$archive" "$name"
rm -rf "$WORK/archive"

echo "Built in $((SECONDS - started)) s:"
echo "  $DIST/TrainingDesk/  $(du -sh "$DIST/TrainingDesk" | cut -f1)"
echo "  $archive  $(du -h "$archive" | cut -f1)"
