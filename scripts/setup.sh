#!/usr/bin/env bash
# Installs what TrainingDesk needs on a Debian/Ubuntu machine: the system libraries Qt
# loads, then a virtual environment in .venv with the package (and, with --test, the test
# tools). Safe to run again: it only installs what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
WITH_TEST=0
[[ "${1:-}" == "--test" ]] && WITH_TEST=1

# Qt's offscreen and xcb platforms dlopen these; a bare Debian image has none of them.
SYSTEM_PACKAGES=(
  python3-venv
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0
  # Noto Naskh Arabic and Noto Nastaliq Urdu: Dari, Pashto and Urdu names in the window.
  fonts-noto-core
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxcb-shm0 libxcb-sync1 libx11-xcb1
)

# The tests run the PostgreSQL server mode against a real, throwaway server, and read
# back the PDFs they make with poppler's pdftotext and pdftoppm.
((WITH_TEST)) && SYSTEM_PACKAGES+=(postgresql poppler-utils)
# Printing is tested through a real CUPS queue, `PDF`, whose cups-pdf backend writes each
# job as a PDF file (see tests/cups.py). `cups-pdf` is the virtual name of
# printer-driver-cups-pdf; dpkg-query only knows the real one.
((WITH_TEST)) && SYSTEM_PACKAGES+=(cups cups-client printer-driver-cups-pdf)
# The certificate benchmark (run by a test) compares with WeasyPrint, which loads Pango and
# subsets fonts with HarfBuzz's library (without it, subsetting is ~40x slower and
# `import weasyprint` warns).
((WITH_TEST)) && SYSTEM_PACKAGES+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)

missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  if [[ $EUID -eq 0 ]]; then
    SUDO=()
  elif command -v sudo >/dev/null; then
    SUDO=(sudo)
  else
    echo "error: these Debian packages are missing and this is not root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [[ ! -x "$VENV/bin/python" ]]; then
  echo "Creating the virtual environment in $VENV"
  "$PYTHON" -m venv "$VENV"
fi

# Reinstall only when pyproject.toml changed since the last install of the same extras.
extras=""
((WITH_TEST)) && extras="[test,bench]"
stamp="$VENV/.installed$extras"
wanted="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$wanted" ]]; then
  echo "Installing TrainingDesk$extras into $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$ROOT$extras"
  echo "$wanted" >"$stamp"
fi
