#!/usr/bin/env bash
# The proof of a build. A frozen program fails at run time, not at build time, when the
# build missed a module, a library or a data file; so this installs the Linux archive the
# way a coordinator would, into a throwaway home folder, and works with the installed
# program there, offscreen and from an unrelated folder: a demo database, certificates
# issued and verified, a donor report, a roster read, the PostgreSQL driver loaded, and
# the window opened and closed (also on X11 when Xvfb is installed). Every step must
# succeed and leave what it should; the real home folder is never touched.
#
#   packaging/smoke_test.sh [ARCHIVE]    default: the archive packaging/build.sh made
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The bundle is about 170 MB; a build that forgets to trim Qt is well over 200.
MAX_INSTALLED_MB=190

version="$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")"
archive="${1:-$ROOT/dist/TrainingDesk-$version-linux-$(uname -m).tar.gz}"
if [[ ! -f "$archive" ]]; then
  echo "error: $archive not found; run packaging/build.sh first" >&2
  exit 1
fi
archive="$(cd "$(dirname "$archive")" && pwd)/$(basename "$archive")"

work="$(mktemp -d -t trainingdesk-smoke.XXXXXX)"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
export HOME="$work/home"
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME TRAININGDESK_DB TRAININGDESK_RESOURCES
export QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$work/elsewhere"
program="$HOME/.local/bin/trainingdesk"
installed="$HOME/.local/opt/TrainingDesk"
database="$work/demo.sqlite"

step() { echo "== $* ($((SECONDS - started)) s)"; }
fail() {
  echo "SMOKE TEST FAILED: $*" >&2
  exit 1
}
starts_with() { [[ "$(head -c "${#2}" "$1" 2>/dev/null)" == "$2" ]] || fail "$1 is not $3"; }

step "install $(basename "$archive")"
tar -xzf "$archive" -C "$work"
sh "$work/TrainingDesk-$version-linux-$(uname -m)/install.sh"
for path in "$program" "$installed/uninstall.sh" \
  "$HOME/.local/share/applications/trainingdesk.desktop" \
  "$HOME/.local/share/icons/hicolor/scalable/apps/trainingdesk.svg" \
  "$HOME/.local/share/icons/hicolor/256x256/apps/trainingdesk.png"; do
  [[ -e "$path" ]] || fail "install.sh did not make $path"
done
grep -qx "Exec=\"$installed/TrainingDesk\"" "$HOME/.local/share/applications/trainingdesk.desktop" \
  || fail "the menu entry does not start $installed/TrainingDesk"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$HOME/.local/share/applications/trainingdesk.desktop"
fi
size_mb=$(($(du -s --apparent-size --block-size=1M "$installed" | cut -f1)))
echo "installed: $size_mb MB"
((size_mb <= MAX_INSTALLED_MB)) || fail "the program takes $size_mb MB, more than $MAX_INSTALLED_MB"
# The program must write nothing beside itself (compiled migrations, logs, databases).
find "$installed" -printf '%P %s\n' | sort >"$work/installed-before"

# Far from the archive and the repository: files are found through the resource helper.
cd "$work/elsewhere"

step "version"
[[ "$("$program" --version)" == "trainingdesk $version" ]] \
  || fail "the program says '$("$program" --version)', pyproject.toml says $version"

step "demo database"
"$program" --db "$database" demo --people 60 >/dev/null

step "certificates"
exercise="$("$program" --db "$database" exercises list --status completed --json \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["code"])')"
"$program" --db "$database" certificates issue --exercise "$exercise" --out "$work/certificates.pdf"
starts_with "$work/certificates.pdf" "%PDF-" "a PDF"
"$program" --db "$database" certificates verify "$work/certificates.pdf" >/dev/null

step "donor report"
"$program" --db "$database" report donor --period "FY 2013-14" \
  --out "$work/donor.pdf" --xlsx "$work/donor.xlsx"
starts_with "$work/donor.pdf" "%PDF-" "a PDF"
starts_with "$work/donor.xlsx" "PK" "a workbook"

step "roster import (dry run)"
"$program" --db "$database" people import --dry-run \
  "$ROOT/tests/data/rosters/roster_with_duplicates.csv" >/dev/null
"$program" --db "$database" people import --dry-run \
  "$ROOT/tests/data/rosters/abp_roster_dari.xlsx" >/dev/null

step "PostgreSQL driver"
# Nothing listens on port 9: the driver must be there to say so.
if refusal="$("$program" --db "postgresql+psycopg://smoke@127.0.0.1:9/smoke" info 2>&1)"; then
  fail "a database on a closed port was opened"
fi
grep -qi "connection" <<<"$refusal" || fail "the PostgreSQL driver did not load: $refusal"

step "window on the demo database"
TRAININGDESK_SMOKE_TEST=1 "$program" --db "$database"

step "window on the default database, in the per-user data folder"
TRAININGDESK_SMOKE_TEST=1 "$program"
[[ -f "$HOME/.local/share/TrainingDesk/trainingdesk.sqlite" ]] \
  || fail "the default database is not in ~/.local/share/TrainingDesk/"

if command -v xvfb-run >/dev/null; then
  step "window on X11 (Xvfb)"
  QT_QPA_PLATFORM=xcb TRAININGDESK_SMOKE_TEST=1 xvfb-run --auto-servernum "$program" --db "$database"
fi

step "nothing written beside the program"
find "$installed" -printf '%P %s\n' | sort >"$work/installed-after"
diff "$work/installed-before" "$work/installed-after" || fail "the program wrote into $installed"

step "uninstall"
sh "$installed/uninstall.sh" >/dev/null
[[ ! -e "$installed" && ! -e "$program" ]] || fail "uninstall.sh left the program behind"
[[ -f "$HOME/.local/share/TrainingDesk/trainingdesk.sqlite" ]] || fail "uninstall.sh removed the data"

echo "Smoke test passed in $((SECONDS - started)) s."
