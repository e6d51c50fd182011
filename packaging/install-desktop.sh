#!/bin/sh
# Installs Relais's desktop integration: the desktop entry, the AppStream metadata and
# the hicolor icons (PNG sizes and the scalable SVG).
#
#   packaging/install-desktop.sh            # into ${XDG_DATA_HOME:-~/.local/share}
#   packaging/install-desktop.sh /usr/local # into /usr/local/share (may need sudo)
#   DESTDIR=/tmp/stage packaging/install-desktop.sh /usr   # staged, for packagers
#
# It installs only the integration files: the `relais` command itself comes from
# installing the Python package (pip install .), and must be on the PATH for the
# menu entry to start it.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
icons="$root/resources/icons"

if [ $# -gt 1 ]; then
    echo "usage: $0 [PREFIX]" >&2
    exit 2
fi
if [ $# -eq 1 ]; then
    datadir="${1%/}/share"
else
    datadir="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
destdir="${DESTDIR:-}"
target="$destdir$datadir"

install_file() { # SOURCE DESTINATION
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2"
    chmod 644 "$2"
    echo "installed $2"
}

install_file "$here/relais.desktop" "$target/applications/relais.desktop"
install_file "$here/io.relais.Relais.metainfo.xml" "$target/metainfo/io.relais.Relais.metainfo.xml"
install_file "$icons/relais.svg" "$target/icons/hicolor/scalable/apps/relais.svg"
found=0
for png in "$icons"/hicolor/*x*/apps/relais.png; do
    [ -f "$png" ] || continue
    size=$(basename "$(dirname "$(dirname "$png")")")
    install_file "$png" "$target/icons/hicolor/$size/apps/relais.png"
    found=1
done
if [ "$found" -eq 0 ]; then
    echo "warning: no PNG icons under $icons/hicolor; run packaging/render_icons.py" >&2
fi

# Refresh the caches, unless staging for a package (its installer does that).
if [ -z "$destdir" ]; then
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$target/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        # -t: a per-user hicolor directory has no index.theme of its own.
        gtk-update-icon-cache -q -t -f "$target/icons/hicolor" || true
    fi
    if ! command -v relais >/dev/null 2>&1; then
        echo "note: 'relais' is not on the PATH; the menu entry needs it (pip install .)" >&2
    fi
fi
